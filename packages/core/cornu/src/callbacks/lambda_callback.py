"""`LambdaCallback`: a callback made of plain functions."""

from __future__ import annotations

from typing import Callable

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import HOOKS
from cornu.src.callbacks.callback import Callback


@cornu_export("cornu.callbacks.LambdaCallback")
class LambdaCallback(Callback):
    """Builds a callback on the fly from functions.

    Each function replaces the hook of the same name and takes the same
    arguments: `on_epoch_begin`/`on_epoch_end` take `(epoch, logs)`,
    `on_train_begin`/`on_train_end` take `(logs)`, batch hooks take
    `(batch, logs)` with `logs` passed by keyword.

    Args:
        on_epoch_begin: Called at the start of every epoch.
        on_epoch_end: Called at the end of every epoch.
        on_train_begin: Called at the start of training.
        on_train_end: Called at the end of training.
        on_train_batch_begin: Called before every training batch.
        on_train_batch_end: Called after every training batch.
        **kwargs: Any other hook of `Callback` by name, e.g.
            `on_test_end=fn`.

    Raises:
        ValueError: If a keyword argument is not the name of a hook.

    Example:

    >>> calls = []
    >>> callback = cornu.callbacks.LambdaCallback(
    ...     on_train_batch_end=lambda batch, logs: calls.append(batch),
    ...     on_test_end=lambda logs: calls.append("test end"),
    ... )
    >>> callback.on_train_batch_end(3, logs={})
    >>> callback.on_test_end({})
    >>> calls
    [3, 'test end']
    """

    def __init__(
        self,
        on_epoch_begin: Callable | None = None,
        on_epoch_end: Callable | None = None,
        on_train_begin: Callable | None = None,
        on_train_end: Callable | None = None,
        on_train_batch_begin: Callable | None = None,
        on_train_batch_end: Callable | None = None,
        **kwargs: Callable,
    ) -> None:
        super().__init__()
        unknown = sorted(k for k in kwargs if k not in HOOKS)
        if unknown:
            raise ValueError(
                "LambdaCallback received arguments that are not callback "
                f"hooks: {unknown}. Expected hook names among {list(HOOKS)}, "
                "e.g. `LambdaCallback(on_test_end=fn)`."
            )
        hooks = dict(
            on_epoch_begin=on_epoch_begin,
            on_epoch_end=on_epoch_end,
            on_train_begin=on_train_begin,
            on_train_end=on_train_end,
            on_train_batch_begin=on_train_batch_begin,
            on_train_batch_end=on_train_batch_end,
            **kwargs,
        )
        for name, fn in hooks.items():
            if fn is not None:
                setattr(self, name, fn)
