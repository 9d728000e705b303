"""`Progbar`: the progress bar of `fit`/`evaluate`/`predict`.

Two displays, picked from the standard output when the bar is created:

- a terminal (or a notebook): one line redrawn in place, styled with
  `rich` (bold count, green bar, ETA, time per step, live metrics), at
  most once every `interval` seconds, truncated to the terminal's width
  while in progress;
- anything else (CI logs, files, pipes): nothing while in progress, one
  plain line (no escape codes) when the bar is finalized, i.e. once per
  epoch.

`verbose=2` prints one plain line per finalized bar either way, and
`verbose=0` prints nothing. Between redraws an update only accumulates the
values (and turns them into floats only for averaged metrics), so calling
it on every batch costs little.
"""

from __future__ import annotations

import io
import os
import sys
import time
from typing import Any
from typing import Iterable

from cornu.src.api_export import cornu_export
from cornu.src.backend.common.optional_dependency import optional_dependency

# rich takes ~50 ms to import: loaded on the first terminal redraw only.
rich_console = optional_dependency("rich.console", pip="rich")
rich_text = optional_dependency("rich.text", pip="rich")


class _AllMetrics:
    """A `stateful_metrics` value that holds every name (no averaging)."""

    def __contains__(self, name: object) -> bool:
        return True


ALL_METRICS = _AllMetrics()


def _is_interactive(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        if isatty is not None and isatty():
            return True
    except ValueError:  # a closed stream
        return False
    return "ipykernel" in sys.modules or "PYCHARM_HOSTED" in os.environ


def _bar_char(stream: Any) -> str:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "━".encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return "="
    return "━"


def format_time(seconds: float, unit_name: str) -> str:
    """Formats a duration per unit as Keras does: `2s/step`, `15ms/step`."""
    if seconds >= 1 or seconds == 0:
        return f"{seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/{unit_name}"
    return f"{seconds * 1e6:.0f}us/{unit_name}"


def format_eta(seconds: float) -> str:
    """Formats a remaining time: `1:02:03`, `2:03` or `7s`."""
    if seconds > 3600:
        return "%d:%02d:%02d" % (
            seconds // 3600,
            (seconds % 3600) // 60,
            seconds % 60,
        )
    if seconds > 60:
        return "%d:%02d" % (seconds // 60, seconds % 60)
    return "%ds" % seconds


def format_value(value: Any) -> str:
    """Formats a metric value: 4 decimals, or scientific when tiny."""
    shape = getattr(value, "shape", ())
    if shape is not None and len(shape):
        return str(value)
    try:
        number = float(value)
    except (TypeError, ValueError, RuntimeError):
        return str(value)
    if abs(number) > 1e-3:
        return f"{number:.4f}"
    return f"{number:.4e}"


@cornu_export("cornu.utils.Progbar")
class Progbar:
    """Displays a progress bar with ETA, time per step and metrics.

    Args:
        target: Total number of steps expected, or `None` if unknown.
        width: Width of the bar, in characters.
        verbose: 0 (silent), 1 (a live bar in a terminal; one line per
            finalized bar otherwise) or 2 (one line per finalized bar).
        interval: Minimum time between two redraws, in seconds.
        stateful_metrics: Names of the metrics displayed as given. All
            others are averaged over the steps since the bar started.
        unit_name: Name of a step in the time-per-step display.

    Example:

    >>> bar = cornu.utils.Progbar(target=4, verbose=2)
    >>> for step in range(1, 5):
    ...     bar.update(step, values=[("loss", 1.0 / step)])
    4/4 - 0s - ...s/step - loss: 0.2500
    """

    def __init__(
        self,
        target: int | None,
        width: int = 20,
        verbose: int = 1,
        interval: float = 0.05,
        stateful_metrics: Iterable[str] | None = None,
        unit_name: str = "step",
    ) -> None:
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        if isinstance(stateful_metrics, _AllMetrics):
            self.stateful_metrics = stateful_metrics
        else:
            self.stateful_metrics = set(stateful_metrics or ())
        self._dynamic_display = _is_interactive(sys.stdout)
        self._seen_so_far = 0
        self._sums: dict[str, list] = {}  # averaged: name -> [sum, count]
        self._latest: dict[str, Any] = {}  # shown as given: name -> value
        self._values_order: list[str] = []
        self._start = time.monotonic()
        self._last_update = float("-inf")
        self._time_after_first_step: float | None = None
        self._prev_width = 0
        self._console = None
        self._terminal_width = 80

    def update(
        self,
        current: int,
        values: list | None = None,
        finalize: bool | None = None,
    ) -> None:
        """Moves the bar to step `current`.

        Args:
            current: Index of the current step (1-based count of steps
                done).
            values: List of `(name, value_for_last_step)` tuples. Names in
                `stateful_metrics` are shown as given; the others are
                averaged over the steps so far.
            finalize: Whether this is the bar's last update. Defaults to
                `current >= target` (`False` when `target` is `None`).
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        now = time.monotonic()
        if values:
            self._record(current, values, finalize)
        if current == 1:
            self._time_after_first_step = now
        self._seen_so_far = current

        if self.verbose == 1 and self._dynamic_display:
            if now - self._last_update < self.interval and not finalize:
                return
            self._draw(current, now, finalize)
        elif finalize and self.verbose in (1, 2):
            self._write_plain_line(current, now)
        self._last_update = now

    def add(self, n: int, values: list | None = None) -> None:
        """Advances the bar by `n` steps (see `update`)."""
        self.update(self._seen_so_far + n, values)

    # Values.

    def _record(self, current: int, values: list, finalize: bool) -> None:
        for name, value in values:
            if name not in self._latest and name not in self._sums:
                self._values_order.append(name)
            if name in self.stateful_metrics:
                self._latest[name] = value
                continue
            shape = getattr(value, "shape", ())
            try:
                if shape is not None and len(shape):
                    raise TypeError("not a scalar")
                number = float(value)
            except (TypeError, ValueError, RuntimeError):
                self._latest[name] = value  # Shown as given.
                continue
            if finalize:
                # The final value is the epoch's result: show it as is.
                self._sums[name] = [number, 1]
                continue
            weight = max(current - self._seen_so_far, 1)
            entry = self._sums.get(name)
            if entry is None:
                self._sums[name] = [number * weight, weight]
            else:
                entry[0] += number * weight
                entry[1] += weight

    def _metric_texts(self) -> list[tuple[str, str]]:
        texts = []
        for name in self._values_order:
            if name in self._sums:
                total, count = self._sums[name]
                texts.append((name, format_value(total / max(1, count))))
            else:
                texts.append((name, format_value(self._latest[name])))
        return texts

    def _time_per_unit(self, current: int, now: float) -> float:
        if not current:
            return 0.0
        if self._time_after_first_step is not None and current > 1:
            return (now - self._time_after_first_step) / (current - 1)
        return (now - self._start) / current

    def _count_text(self, current: int) -> str:
        if self.target is None or self.target <= 0:
            return f"{current:7d}/Unknown"
        digits = len(str(self.target))
        return f"{current:{digits}d}/{self.target}"

    def _filled(self, current: int) -> int:
        if self.target is None or self.target <= 0:
            return 0
        return max(0, min(self.width, int(self.width * current / self.target)))

    # Displays.

    def _write_plain_line(self, current: int, now: float) -> None:
        per_unit = format_time(
            self._time_per_unit(current, now), self.unit_name
        )
        elapsed = f"{now - self._start:.0f}s"
        metrics = "".join(f" - {k}: {v}" for k, v in self._metric_texts())
        count = self._count_text(current)
        if self.verbose == 2:
            line = f"{count} - {elapsed} - {per_unit}{metrics}"
        else:
            bar = ""
            if self.target is not None and self.target > 0:
                filled = self._filled(current)
                bar = " " + _bar_char(sys.stdout) * filled
                bar += "." * (self.width - filled)
            line = f"{count}{bar} {elapsed} {per_unit}{metrics}"
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def _draw(self, current: int, now: float, finalize: bool) -> None:
        if self._console is None:
            terminal = rich_console.Console(file=sys.stdout)
            self._console = rich_console.Console(
                file=io.StringIO(),
                force_terminal=True,
                color_system=terminal.color_system,
                width=10_000,
                highlight=False,
            )
            self._terminal_width = terminal.width
        text = rich_text.Text()
        text.append(self._count_text(current), style="bold")
        if self.target is not None and self.target > 0:
            filled = self._filled(current)
            text.append(" ")
            text.append("━" * filled, style="green")
            # Without colors, the rest of the bar needs another glyph.
            rest = "━" if self._console.color_system else "─"
            text.append(rest * (self.width - filled), style="bright_black")
        per_unit = self._time_per_unit(current, now)
        if self.target is not None and self.target > 0 and not finalize:
            clock = format_eta(per_unit * (self.target - current))
        else:
            clock = f"{now - self._start:.0f}s"
        text.append(f" {clock}", style="bold")
        text.append(f" {format_time(per_unit, self.unit_name)}")
        for name, value in self._metric_texts():
            text.append(f" - {name}: {value}")
        if not finalize:
            text.truncate(
                max(self._terminal_width - 1, 10), overflow="ellipsis"
            )
        width = text.cell_len
        padding = " " * max(0, self._prev_width - width)
        self._prev_width = width
        console = self._console
        console.file = io.StringIO()
        console.print(text, end="", soft_wrap=True)
        line = "\r" + console.file.getvalue() + padding
        if finalize:
            line += "\n"
        sys.stdout.write(line)
        sys.stdout.flush()
