"""`LearningRateScheduler`: sets the learning rate at each epoch's start."""

from __future__ import annotations

import numbers
import sys
from typing import Any
from typing import Callable

import numpy as np

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback
from cornu.src.callbacks.reduce_lr_on_plateau import learning_rate_value


@cornu_export("cornu.callbacks.LearningRateScheduler")
class LearningRateScheduler(Callback):
    """Sets the optimizer's learning rate from a schedule at every epoch.

    At the start of each epoch the callback calls
    `schedule(epoch, current_lr)` (or `schedule(epoch)` for a one-argument
    function) and assigns the result to `model.optimizer.learning_rate`.
    It also adds `"learning_rate"` to each epoch's logs.

    Args:
        schedule: Function of the epoch index (0-based) and the current
            learning rate (float) returning the new learning rate (float).
        verbose: 0 (quiet) or 1 (a message at every update).

    Example:

    >>> class Optimizer:
    ...     learning_rate = 0.1
    >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    >>> model.optimizer = Optimizer()
    >>> halve = cornu.callbacks.LearningRateScheduler(
    ...     lambda epoch, lr: lr if epoch < 2 else lr / 2
    ... )
    >>> callbacks = cornu.callbacks.CallbackList([halve], model=model)
    >>> for epoch in range(4):
    ...     callbacks.on_epoch_begin(epoch)
    >>> model.optimizer.learning_rate
    0.025
    """

    def __init__(self, schedule: Callable, verbose: int = 0) -> None:
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def _update_optimizer_lr(self, optimizer: Any, epoch: int) -> float:
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError(
                'Optimizer must have a "learning_rate" attribute. Received: '
                f"{optimizer!r}. Compile the model with a cornu optimizer."
            )
        current = learning_rate_value(optimizer)
        try:
            learning_rate = self.schedule(epoch, current)
        except TypeError as two_argument_error:
            # Legacy one-argument schedules: `schedule(epoch)`.
            try:
                learning_rate = self.schedule(epoch)
            except TypeError:
                raise two_argument_error from None
        if isinstance(learning_rate, bool) or not isinstance(
            learning_rate, (numbers.Real, np.floating)
        ):
            raise ValueError(
                "The output of the `schedule` function should be a float. "
                f"Got: {learning_rate!r} (type "
                f"{type(learning_rate).__name__}). Return a Python float, "
                "e.g. `float(lr * 0.9)`."
            )
        optimizer.learning_rate = learning_rate
        return learning_rate

    def _optimizers(self) -> list:
        optimizer = self.model.optimizer
        return list(getattr(optimizer, "optimizers", None) or [optimizer])

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        optimizers = self._optimizers()
        for optimizer in optimizers:
            learning_rate = self._update_optimizer_lr(optimizer, epoch)
            if self.verbose > 0:
                which = f"{optimizer.name} " if len(optimizers) > 1 else ""
                sys.stdout.write(
                    f"\nEpoch {epoch + 1}: LearningRateScheduler setting "
                    f"{which}learning rate to {learning_rate}.\n"
                )

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if logs is None:
            return
        optimizer = self.model.optimizer
        inner = getattr(optimizer, "optimizers", None)
        if inner:
            for opt in inner:
                logs[f"learning_rate_{opt.name}"] = learning_rate_value(opt)
        else:
            logs["learning_rate"] = learning_rate_value(optimizer)
