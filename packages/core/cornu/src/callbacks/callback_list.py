"""`CallbackList`: the one place that dispatches hooks to callbacks.

The trainer calls the batch hooks on every batch, so dispatch is
precomputed: for each hook, the list holds the bound methods of the
callbacks that override it (a callback overriding only the legacy
`on_batch_end` counts as overriding `on_train_batch_end`). A hook nobody
overrides costs one dict lookup. The tables are rebuilt by `append`,
`set_model` and at the start of each loop (`on_train_begin`,
`on_test_begin`, `on_predict_begin`), which also picks up hooks assigned
on instances after construction.

Logs: values that are backend scalars (0-d tensors, NumPy scalars) are
turned into Python floats in place before a listener sees them, and only
when some listener needs them: the trainer may pass lazy device scalars in
batch logs without forcing a device sync on every batch.
"""

from __future__ import annotations

from typing import Any

from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.callbacks import callback as callback_lib
from cornu.src.callbacks.history import History
from cornu.src.callbacks.progbar_logger import ProgbarLogger

# Hooks whose default implementation forwards to a legacy alias.
_ALIASES = {
    "on_train_batch_begin": "on_batch_begin",
    "on_train_batch_end": "on_batch_end",
}
# Hooks whose logs are converted to Python floats (predict logs hold the
# model's outputs and are passed unchanged).
_CONVERTED = frozenset(
    {
        "on_train_batch_end",
        "on_test_batch_end",
        "on_batch_end",
        "on_epoch_end",
        "on_test_end",
        "on_train_end",
    }
)
_PLAIN = frozenset({float, int, bool, str, type(None)})


def _to_python_floats(logs: dict) -> None:
    for key, value in logs.items():
        if type(value) in _PLAIN:  # Exact types: np.float64 is a float.
            continue
        shape = getattr(value, "shape", ())
        if shape is None or len(shape) != 0:
            continue
        try:
            logs[key] = float(value)
        except (TypeError, ValueError, RuntimeError):
            pass


def _listens(callback: Any, hook: str) -> bool:
    if not callback_lib.is_default_hook(callback, hook):
        return True
    alias = _ALIASES.get(hook)
    return alias is not None and not callback_lib.is_default_hook(
        callback, alias
    )


@cornu_export("cornu.callbacks.CallbackList")
class CallbackList(callback_lib.Callback):
    """Calls a list of callbacks' hooks through one object.

    `fit`, `evaluate` and `predict` wrap their callbacks in a
    `CallbackList`; a custom training loop can do the same and call its
    hooks (`on_train_begin`, `on_epoch_begin`, `on_train_batch_end`, ...)
    at the matching points.

    Args:
        callbacks: A list (possibly nested) of `Callback` instances.
        add_history: Whether to append a `History` callback if the list
            holds none. `model.history` then points to it.
        add_progbar: Whether to append a `ProgbarLogger` if the list holds
            none.
        model: The `Model` the callbacks are attached to (`set_model`).
        **params: Training parameters passed to every callback's
            `set_params` (e.g. `verbose=1, epochs=10, steps=100`).

    Example:

    >>> seen = []
    >>> tracker = cornu.callbacks.LambdaCallback(
    ...     on_epoch_end=lambda epoch, logs: seen.append((epoch, logs["loss"]))
    ... )
    >>> callbacks = cornu.callbacks.CallbackList([tracker], add_history=True)
    >>> callbacks.on_train_begin()
    >>> callbacks.on_epoch_end(0, {"loss": 0.25})
    >>> seen
    [(0, 0.25)]
    >>> [type(c).__name__ for c in callbacks.callbacks]
    ['LambdaCallback', 'History']
    """

    def __init__(
        self,
        callbacks: Any = None,
        add_history: bool = False,
        add_progbar: bool = False,
        model: Any = None,
        **params: Any,
    ) -> None:
        super().__init__()
        self.callbacks = list(tree.flatten(callbacks)) if callbacks else []
        for cb in self.callbacks:
            if not isinstance(cb, callback_lib.Callback):
                raise TypeError(
                    "CallbackList expects `callbacks` to hold instances of "
                    "`cornu.callbacks.Callback`. Received an object of type "
                    f"{type(cb).__name__}: {cb!r}. Subclass `Callback` or "
                    "wrap functions in `cornu.callbacks.LambdaCallback`."
                )
        self._add_default_callbacks(add_history, add_progbar)
        self._rebuild()
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)

    def _add_default_callbacks(self, add_history: bool, add_progbar: bool):
        self._progbar = None
        self._history = None
        for cb in self.callbacks:
            if isinstance(cb, ProgbarLogger):
                self._progbar = cb
            elif isinstance(cb, History):
                self._history = cb
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)

    def _rebuild(self) -> None:
        listeners = {}
        needs_floats = {}
        for hook in callback_lib.HOOKS:
            chosen = [cb for cb in self.callbacks if _listens(cb, hook)]
            listeners[hook] = tuple(getattr(cb, hook) for cb in chosen)
            needs_floats[hook] = hook in _CONVERTED and any(
                not getattr(cb, "_handles_raw_batch_logs", False)
                or not hook.endswith("batch_end")
                for cb in chosen
            )
        self._listeners = listeners
        self._needs_floats = needs_floats

    def append(self, callback: callback_lib.Callback) -> None:
        """Adds `callback` at the end of the list."""
        self.callbacks.append(callback)
        self._rebuild()

    def set_params(self, params: dict) -> None:
        """Passes `params` to every callback."""
        self.params = params
        for cb in self.callbacks:
            cb.set_params(params)

    def set_model(self, model: Any) -> None:
        """Attaches every callback to `model` (and `model.history`)."""
        super().set_model(model)
        if self._history is not None:
            model.history = self._history
        for cb in self.callbacks:
            cb.set_model(model)
        self._rebuild()

    def _logs(self, hook: str, logs: dict | None) -> dict:
        if logs is None:
            return {}
        if self._needs_floats[hook]:
            _to_python_floats(logs)
        return logs

    # Hooks, in the order the loops fire them.

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._rebuild()
        logs = self._logs("on_train_begin", logs)
        for fn in self._listeners["on_train_begin"]:
            fn(logs)

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        logs = self._logs("on_epoch_begin", logs)
        for fn in self._listeners["on_epoch_begin"]:
            fn(epoch, logs)

    def on_train_batch_begin(
        self, batch: int, logs: dict | None = None
    ) -> None:
        listeners = self._listeners["on_train_batch_begin"]
        if listeners:
            logs = self._logs("on_train_batch_begin", logs)
            for fn in listeners:
                fn(batch, logs=logs)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        listeners = self._listeners["on_train_batch_end"]
        if listeners:
            logs = self._logs("on_train_batch_end", logs)
            for fn in listeners:
                fn(batch, logs=logs)

    def on_test_begin(self, logs: dict | None = None) -> None:
        self._rebuild()
        logs = self._logs("on_test_begin", logs)
        for fn in self._listeners["on_test_begin"]:
            fn(logs)

    def on_test_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        listeners = self._listeners["on_test_batch_begin"]
        if listeners:
            logs = self._logs("on_test_batch_begin", logs)
            for fn in listeners:
                fn(batch, logs=logs)

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        listeners = self._listeners["on_test_batch_end"]
        if listeners:
            logs = self._logs("on_test_batch_end", logs)
            for fn in listeners:
                fn(batch, logs=logs)

    def on_test_end(self, logs: dict | None = None) -> None:
        logs = self._logs("on_test_end", logs)
        for fn in self._listeners["on_test_end"]:
            fn(logs)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = self._logs("on_epoch_end", logs)
        for fn in self._listeners["on_epoch_end"]:
            fn(epoch, logs)

    def on_train_end(self, logs: dict | None = None) -> None:
        logs = self._logs("on_train_end", logs)
        for fn in self._listeners["on_train_end"]:
            fn(logs)

    def on_predict_begin(self, logs: dict | None = None) -> None:
        self._rebuild()
        logs = self._logs("on_predict_begin", logs)
        for fn in self._listeners["on_predict_begin"]:
            fn(logs)

    def on_predict_batch_begin(
        self, batch: int, logs: dict | None = None
    ) -> None:
        listeners = self._listeners["on_predict_batch_begin"]
        if listeners:
            logs = self._logs("on_predict_batch_begin", logs)
            for fn in listeners:
                fn(batch, logs=logs)

    def on_predict_batch_end(
        self, batch: int, logs: dict | None = None
    ) -> None:
        listeners = self._listeners["on_predict_batch_end"]
        if listeners:
            logs = self._logs("on_predict_batch_end", logs)
            for fn in listeners:
                fn(batch, logs=logs)

    def on_predict_end(self, logs: dict | None = None) -> None:
        logs = self._logs("on_predict_end", logs)
        for fn in self._listeners["on_predict_end"]:
            fn(logs)

    def on_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        logs = self._logs("on_batch_begin", logs)
        for fn in self._listeners["on_batch_begin"]:
            fn(batch, logs=logs)

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        logs = self._logs("on_batch_end", logs)
        for fn in self._listeners["on_batch_end"]:
            fn(batch, logs=logs)
