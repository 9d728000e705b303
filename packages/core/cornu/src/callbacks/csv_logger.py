"""`CSVLogger`: streams each epoch's logs to a CSV file."""

from __future__ import annotations

import csv
import os
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback


def _cell(value: Any) -> Any:
    """A log value as a CSV cell: 1-D iterables become `"[a, b]"`."""
    if isinstance(value, str):
        return value
    shape = getattr(value, "shape", None)
    if shape is not None and len(shape) == 0:
        return value
    try:
        items = list(value)
    except TypeError:
        return value
    return f'"[{", ".join(map(str, items))}]"'


@cornu_export("cornu.callbacks.CSVLogger")
class CSVLogger(Callback):
    """Streams the results of every epoch to a CSV file.

    The first row names the columns: `epoch`, then the log keys in sorted
    order (with a `val_` column for each when the first epoch has no
    validation results). Rows are flushed at the end of every epoch.

    Args:
        filename: Path of the CSV file, e.g. `"run/log.csv"`.
        separator: String separating the cells of a row.
        append: Whether to append to an existing file (useful to continue
            a training) instead of overwriting it. No header is written
            when appending to a non-empty file.

    Example:

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "log.csv")
    >>> logger = cornu.callbacks.CSVLogger(path)
    >>> logger.on_train_begin()
    >>> logger.on_epoch_end(0, {"loss": 0.5, "val_loss": 0.75})
    >>> logger.on_train_end()
    >>> with open(path) as f:
    ...     print(f.read().strip())
    epoch,loss,val_loss
    0,0.5,0.75
    """

    def __init__(
        self, filename: Any, separator: str = ",", append: bool = False
    ) -> None:
        super().__init__()
        self.sep = separator
        self.filename = os.fspath(filename)
        self.append = append
        self.writer = None
        self.keys: list[str] | None = None
        self.append_header = True
        self.csv_file = None

    def on_train_begin(self, logs: dict | None = None) -> None:
        if self.append:
            if os.path.exists(self.filename):
                with open(self.filename, encoding="utf-8") as f:
                    self.append_header = not f.readline()
            mode = "a"
        else:
            mode = "w"
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        # Closed in `on_train_end`.
        self.csv_file = open(self.filename, mode, newline="", encoding="utf-8")
        self.writer = None
        self.keys = None

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs.keys())
            if self.keys and not any(k.startswith("val_") for k in self.keys):
                self.keys.extend(["val_" + k for k in self.keys])
        if self.writer is None:
            separator = self.sep

            class _Dialect(csv.excel):
                delimiter = separator

            self.writer = csv.DictWriter(
                self.csv_file,
                fieldnames=["epoch"] + self.keys,
                dialect=_Dialect,
            )
            if self.append_header:
                self.writer.writeheader()
        row = {"epoch": epoch}
        row.update((k, _cell(logs.get(k, "NA"))) for k in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs: dict | None = None) -> None:
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        self.writer = None
