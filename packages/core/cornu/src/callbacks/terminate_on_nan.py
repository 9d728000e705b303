"""`TerminateOnNaN`: stops training when the loss becomes NaN or infinite."""

from __future__ import annotations

import math
import sys

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback


@cornu_export("cornu.callbacks.TerminateOnNaN")
class TerminateOnNaN(Callback):
    """Stops training when a batch's loss is NaN or infinite.

    By default training stops gracefully: `model.stop_training = True`,
    so every callback's `on_train_end` still runs. With `raise_error=True`
    a `RuntimeError` is raised at once instead, which skips the other
    callbacks' clean-up (e.g. to keep a `BackupAndRestore` backup).

    Args:
        raise_error: Whether to raise a `RuntimeError` instead of stopping
            gracefully. Defaults to `False`.

    Example:

    >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    >>> model.stop_training = False
    >>> callbacks = cornu.callbacks.CallbackList(
    ...     [cornu.callbacks.TerminateOnNaN()], model=model
    ... )
    >>> callbacks.on_train_batch_end(0, {"loss": 0.5})
    >>> model.stop_training
    False
    >>> callbacks.on_train_batch_end(1, {"loss": float("nan")})
    Batch 1: Invalid loss, terminating training
    >>> model.stop_training
    True
    """

    def __init__(self, raise_error: bool = False) -> None:
        super().__init__()
        self.raise_error = raise_error

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Checks the batch's loss; stops or raises on NaN/Inf."""
        loss = (logs or {}).get("loss")
        if loss is None:
            return
        loss = float(loss)
        if math.isnan(loss) or math.isinf(loss):
            if self.raise_error:
                raise RuntimeError(
                    f"NaN or Inf loss encountered at batch {batch}. "
                    f"Loss value: {loss}. Terminating training immediately."
                )
            sys.stdout.write(
                f"Batch {batch}: Invalid loss, terminating training\n"
            )
            self.model.stop_training = True
