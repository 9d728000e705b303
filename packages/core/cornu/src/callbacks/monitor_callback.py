"""`MonitorCallback`: shared logic of callbacks that watch one metric.

Not public (as in Keras). `EarlyStopping` and `ModelCheckpoint` subclass
it: it picks the comparison from `mode` (or, with `mode="auto"`, from the
metric's name and the direction of the model's metric objects) and says
whether a value improves on a reference by more than `min_delta`.
"""

from __future__ import annotations

import operator
import warnings
from typing import Any

from cornu.src.callbacks.callback import Callback

_MODES = ("auto", "min", "max")


def _model_metrics(model: Any) -> list:
    """The model's metric objects, with compile containers flattened."""
    found = []
    pending = list(getattr(model, "metrics", None) or [])
    while pending:
        metric = pending.pop(0)
        inner = getattr(metric, "metrics", None)
        if isinstance(inner, (list, tuple)) and inner is not metric:
            pending.extend(inner)
        else:
            found.append(metric)
    return found


def metric_direction(model: Any, monitor: str) -> str | None:
    """`"min"`, `"max"` or `None` (unknown) for the quantity `monitor`."""
    name = monitor.removeprefix("val_")
    direction = "min" if name == "loss" else None
    for metric in _model_metrics(model):
        if getattr(metric, "name", None) != name:
            continue
        declared = getattr(metric, "_direction", None)
        if declared == "up":
            direction = "max"
        elif declared is not None:
            direction = "min"
    return direction


class MonitorCallback(Callback):
    """Base class of the callbacks that monitor one quantity of the logs.

    Args:
        monitor: Name of the quantity in the logs, e.g. `"val_loss"`.
        mode: `"min"`, `"max"` or `"auto"` (inferred from the name: losses
            decrease; metrics declare their direction).
        baseline: Initial best value, or `None` to take the first value.
        min_delta: Smallest change counted as an improvement.
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        mode: str = "auto",
        baseline: float | None = None,
        min_delta: float = 0,
    ) -> None:
        super().__init__()
        if mode not in _MODES:
            warnings.warn(
                f"{type(self).__name__} mode '{mode}' is unknown, fallback "
                "to auto mode.",
                stacklevel=3,
            )
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self.monitor_op = None

    def _set_monitor_op(self) -> None:
        direction = self.mode
        if direction == "auto":
            direction = metric_direction(self._model, self.monitor)
        if direction is None:
            raise ValueError(
                f"{type(self).__name__} callback received "
                f"monitor={self.monitor!r}, but cannot tell whether that "
                "quantity should be maximized or minimized. Pass "
                "`mode='max'` to use its highest value, or `mode='min'` "
                "to use its lowest value."
            )
        if direction == "min":
            self.monitor_op = operator.lt
            self.min_delta = -abs(self.min_delta)
        else:
            self.monitor_op = operator.gt
            self.min_delta = abs(self.min_delta)

    def _is_improvement(self, value: float, reference: float | None) -> bool:
        if reference is None:
            return True
        return bool(self.monitor_op(value - self.min_delta, reference))
