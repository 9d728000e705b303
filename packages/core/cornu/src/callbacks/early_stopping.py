"""`EarlyStopping`: stops `fit` when a monitored quantity stops improving."""

from __future__ import annotations

import sys
import warnings

import numpy as np

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.monitor_callback import MonitorCallback


def _snapshot(weights: list) -> list:
    # Copies: on some backends `get_weights()` returns arrays that share
    # memory with the live variables, which later training would overwrite.
    return [np.array(w, copy=True) for w in weights]


@cornu_export("cornu.callbacks.EarlyStopping")
class EarlyStopping(MonitorCallback):
    """Stops training when a monitored quantity has stopped improving.

    At the end of every epoch the callback reads `monitor` from the logs.
    A value better than the best so far by more than `min_delta` resets
    the wait; after `patience` epochs without one, it sets
    `model.stop_training = True`.

    Args:
        monitor: Quantity to monitor. Defaults to `"val_loss"`.
        min_delta: Minimum change that counts as an improvement.
            Defaults to `0`.
        patience: Number of epochs without improvement after which
            training stops. Defaults to `0`.
        verbose: 0 (silent) or 1 (a message when the callback acts).
        mode: `"min"`, `"max"` or `"auto"` (inferred from the name of the
            quantity). Defaults to `"auto"`.
        baseline: If not `None`, training also stops when the quantity has
            not beaten this value within `patience` epochs.
        restore_best_weights: Whether to restore, at the end of training,
            the weights of the epoch with the best value (even when no
            epoch beat `baseline`). If `False`, the last weights are kept.
        start_from_epoch: Number of warm-up epochs during which the
            quantity is not monitored. Defaults to `0`.

    Example:

    >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    >>> stopper = cornu.callbacks.EarlyStopping(monitor="loss", patience=1)
    >>> callbacks = cornu.callbacks.CallbackList([stopper], model=model)
    >>> model.stop_training = False
    >>> callbacks.on_train_begin()
    >>> for epoch, loss in enumerate([0.5, 0.4, 0.45, 0.42]):
    ...     callbacks.on_epoch_end(epoch, {"loss": loss})
    ...     if model.stop_training:
    ...         break
    >>> epoch, stopper.stopped_epoch, stopper.best
    (2, 2, 0.4)
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        min_delta: float = 0,
        patience: int = 0,
        verbose: int = 0,
        mode: str = "auto",
        baseline: float | None = None,
        restore_best_weights: bool = False,
        start_from_epoch: int = 0,
    ) -> None:
        super().__init__(monitor, mode, None, min_delta)
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = start_from_epoch
        self.wait = 0
        self.stopped_epoch = 0
        self.best_weights = None
        self.best_epoch = 0

    def on_train_begin(self, logs: dict | None = None) -> None:
        # Allow the instance to be reused across `fit` calls.
        self.wait = 0
        self.stopped_epoch = 0
        self.best = None
        self.best_weights = None
        self.best_epoch = 0

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if self.monitor_op is None:
            # Deferred until the model's metrics are built.
            self._set_monitor_op()
        current = self.get_monitor_value(logs)
        if current is None or epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            # Until some epoch improves, the current weights are the best.
            self.best_weights = _snapshot(self.model.get_weights())
            self.best_epoch = epoch

        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = _snapshot(self.model.get_weights())
            # The wait restarts only when the value also beats baseline.
            if self.baseline is None or self._is_improvement(
                current, self.baseline
            ):
                self.wait = 0
            return

        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs: dict | None = None) -> None:
        if self.stopped_epoch > 0 and self.verbose > 0:
            sys.stdout.write(
                f"Epoch {self.stopped_epoch + 1}: early stopping\n"
            )
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                sys.stdout.write(
                    "Restoring model weights from the end of the best "
                    f"epoch: {self.best_epoch + 1}.\n"
                )
            self.model.set_weights(self.best_weights)

    def get_monitor_value(self, logs: dict | None) -> float | None:
        """The monitored value in `logs`, or `None` (with a warning)."""
        logs = logs or {}
        value = logs.get(self.monitor)
        if value is None:
            warnings.warn(
                f"Early stopping conditioned on metric `{self.monitor}` "
                "which is not available. Available metrics are: "
                f"{','.join(logs.keys())}",
                stacklevel=2,
            )
        return value
