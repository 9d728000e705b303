"""`ReduceLROnPlateau`: lowers the learning rate when a metric plateaus."""

from __future__ import annotations

import sys
import warnings
from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback


def learning_rate_value(optimizer: Any) -> float:
    """The optimizer's current learning rate as a Python float."""
    return float(ops.convert_to_numpy(optimizer.learning_rate))


@cornu_export("cornu.callbacks.ReduceLROnPlateau")
class ReduceLROnPlateau(Callback):
    """Reduces the learning rate when a monitored quantity stops improving.

    After `patience` epochs without improvement of `monitor`, the
    optimizer's learning rate becomes `max(lr * factor, min_lr)`, then
    the callback waits `cooldown` epochs before counting again. It also
    adds the current `"learning_rate"` to each epoch's logs.

    Args:
        monitor: Quantity to monitor. Defaults to `"val_loss"`.
        factor: Factor applied to the learning rate, below 1.
        patience: Number of epochs without improvement before a
            reduction.
        verbose: 0 (quiet) or 1 (a message at each reduction).
        mode: `"min"`, `"max"` or `"auto"` (`"max"` when the name contains
            `"acc"`, else `"min"`).
        min_delta: Threshold for a change to count as an improvement.
        cooldown: Number of epochs to wait after a reduction before
            counting epochs without improvement again.
        min_lr: Lower bound on the learning rate.
        **kwargs: Ignored, with a warning (kept for Keras compatibility).

    Example:

    >>> class Optimizer:
    ...     learning_rate = 1.0
    >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    >>> model.optimizer = Optimizer()
    >>> reduce = cornu.callbacks.ReduceLROnPlateau(
    ...     monitor="loss", factor=0.5, patience=1
    ... )
    >>> callbacks = cornu.callbacks.CallbackList([reduce], model=model)
    >>> callbacks.on_train_begin()
    >>> for epoch, loss in enumerate([1.0, 1.0, 1.0]):
    ...     callbacks.on_epoch_end(epoch, {"loss": loss})
    >>> model.optimizer.learning_rate
    0.25
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        factor: float = 0.1,
        patience: int = 10,
        verbose: int = 0,
        mode: str = "auto",
        min_delta: float = 1e-4,
        cooldown: int = 0,
        min_lr: float = 0.0,
        **kwargs: Any,
    ) -> None:
        super().__init__()
        if factor >= 1.0:
            raise ValueError(
                "ReduceLROnPlateau does not support a factor >= 1.0. "
                f"Received: factor={factor}. Pass a factor in (0, 1), "
                "e.g. `factor=0.1` to divide the learning rate by 10."
            )
        if kwargs:
            warnings.warn(
                "ReduceLROnPlateau ignores the unknown arguments "
                f"{sorted(kwargs)}.",
                stacklevel=2,
            )
        self.monitor = monitor
        self.factor = factor
        self.min_lr = min_lr
        self.min_delta = min_delta
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0
        self.best = 0
        self.mode = mode
        self.monitor_op = None
        self._reset()

    def _reset(self) -> None:
        """Resets the wait and cooldown counters and the best value."""
        if self.mode not in ("auto", "min", "max"):
            warnings.warn(
                f"Learning rate reduction mode {self.mode} is unknown, "
                "fallback to auto mode.",
                stacklevel=3,
            )
            self.mode = "auto"
        if self.mode == "min" or (
            self.mode == "auto" and "acc" not in self.monitor
        ):
            self.monitor_op = lambda a, b: a < b - self.min_delta
            self.best = float("inf")
        else:
            self.monitor_op = lambda a, b: a > b + self.min_delta
            self.best = float("-inf")
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._reset()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs if logs is not None else {}
        logs["learning_rate"] = learning_rate_value(self.model.optimizer)
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(
                "Learning rate reduction is conditioned on metric "
                f"`{self.monitor}` which is not available. Available "
                f"metrics are: {','.join(logs.keys())}.",
                stacklevel=2,
            )
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self.monitor_op(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                self._reduce(epoch)

    def _reduce(self, epoch: int) -> None:
        old_lr = learning_rate_value(self.model.optimizer)
        if old_lr > np.float32(self.min_lr):
            new_lr = max(old_lr * self.factor, self.min_lr)
            self.model.optimizer.learning_rate = new_lr
            if self.verbose > 0:
                sys.stdout.write(
                    f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing "
                    f"learning rate to {new_lr}.\n"
                )
            self.cooldown_counter = self.cooldown
            self.wait = 0

    def in_cooldown(self) -> bool:
        """Whether the callback is waiting after a reduction."""
        return self.cooldown_counter > 0
