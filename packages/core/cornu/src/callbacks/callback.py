"""`Callback`: the base class of every training, evaluation and predict hook.

The hooks below are listed in the order the loops fire them (STYLE.md R23):

```
fit:       on_train_begin
             on_epoch_begin
               on_train_batch_begin / on_train_batch_end   (every batch)
               on_test_begin ... on_test_end               (validation)
             on_epoch_end
           on_train_end
evaluate:  on_test_begin, on_test_batch_begin/end, on_test_end
predict:   on_predict_begin, on_predict_batch_begin/end, on_predict_end
```

Every hook of the base class is a no-op marked as a default, so that
`CallbackList` can skip callbacks that do not override a hook (the trainer
calls the batch hooks on every batch).
"""

from __future__ import annotations

from typing import Any
from typing import Callable

from cornu.src.api_export import cornu_export

# Attribute set on the base class's no-op hooks (see `is_default_hook`).
_DEFAULT_MARK = "_cornu_default_hook"

# Hook names in firing order; `on_batch_begin`/`on_batch_end` are the legacy
# aliases that the default `on_train_batch_begin`/`_end` forward to.
HOOKS = (
    "on_train_begin",
    "on_epoch_begin",
    "on_train_batch_begin",
    "on_train_batch_end",
    "on_test_begin",
    "on_test_batch_begin",
    "on_test_batch_end",
    "on_test_end",
    "on_epoch_end",
    "on_train_end",
    "on_predict_begin",
    "on_predict_batch_begin",
    "on_predict_batch_end",
    "on_predict_end",
    "on_batch_begin",
    "on_batch_end",
)


def _default(fn: Callable) -> Callable:
    setattr(fn, _DEFAULT_MARK, True)
    return fn


def is_default_hook(callback: Any, hook: str) -> bool:
    """Whether `callback.<hook>` is the base class's no-op (or missing)."""
    method = getattr(callback, hook, None)
    return method is None or getattr(method, _DEFAULT_MARK, False)


@cornu_export("cornu.callbacks.Callback")
class Callback:
    """Base class of the objects that hook into `fit`/`evaluate`/`predict`.

    Subclass it and override the hooks you need; each receives the index of
    the epoch or batch and a `logs` dict of Python floats (metric results so
    far, `val_`-prefixed validation results at the end of an epoch). The
    model being trained is `self.model`; setting `self.model.stop_training
    = True` ends `fit` after the current epoch.

    In a custom training loop, wrap callbacks in a
    `cornu.callbacks.CallbackList` and call its hooks yourself.

    Attributes:
        params: Dict of training parameters (`verbose`, `epochs`, `steps`).
        model: The `Model` the callback is attached to.

    Example:

    >>> class CountEpochs(cornu.callbacks.Callback):
    ...     def on_train_begin(self, logs=None):
    ...         self.count = 0
    ...     def on_epoch_end(self, epoch, logs=None):
    ...         self.count += 1
    >>> counter = CountEpochs()
    >>> callbacks = cornu.callbacks.CallbackList([counter])
    >>> callbacks.on_train_begin()
    >>> for epoch in range(3):
    ...     callbacks.on_epoch_begin(epoch)
    ...     callbacks.on_epoch_end(epoch, {"loss": 0.5})
    >>> counter.count
    3
    """

    def __init__(self) -> None:
        self.params: dict | None = None
        self._model = None

    def set_params(self, params: dict) -> None:
        """Stores the training parameters (`verbose`, `epochs`, `steps`)."""
        self.params = params

    def set_model(self, model: Any) -> None:
        """Attaches the callback to `model`."""
        self._model = model

    @property
    def model(self) -> Any:
        """The model this callback is attached to (`None` before `fit`)."""
        model = self._model
        # A trainer that keeps its state outside the model during an epoch
        # (e.g. a compiled stateless step) writes it back before a callback
        # looks at the model.
        sync = getattr(model, "_sync_state_for_callbacks", None)
        if sync is not None:
            sync()
        return model

    @_default
    def on_train_begin(self, logs: dict | None = None) -> None:
        """Called once at the start of `fit`."""

    @_default
    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        """Called at the start of each training epoch (0-based `epoch`)."""

    @_default
    def on_train_batch_begin(
        self, batch: int, logs: dict | None = None
    ) -> None:
        """Called before each training batch (0-based index in the epoch)."""
        self.on_batch_begin(batch, logs=logs)

    @_default
    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Called after each training batch with the metric results so far."""
        self.on_batch_end(batch, logs=logs)

    @_default
    def on_test_begin(self, logs: dict | None = None) -> None:
        """Called at the start of `evaluate` and of each validation run."""

    @_default
    def on_test_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """Called before each evaluation or validation batch."""

    @_default
    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Called after each evaluation or validation batch."""

    @_default
    def on_test_end(self, logs: dict | None = None) -> None:
        """Called at the end of `evaluate` and of each validation run."""

    @_default
    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Called at the end of each epoch with its (and `val_`) results."""

    @_default
    def on_train_end(self, logs: dict | None = None) -> None:
        """Called once at the end of `fit` with the last epoch's logs."""

    @_default
    def on_predict_begin(self, logs: dict | None = None) -> None:
        """Called at the start of `predict`."""

    @_default
    def on_predict_batch_begin(
        self, batch: int, logs: dict | None = None
    ) -> None:
        """Called before each `predict` batch."""

    @_default
    def on_predict_batch_end(
        self, batch: int, logs: dict | None = None
    ) -> None:
        """Called after each `predict` batch (`logs["outputs"]`)."""

    @_default
    def on_predict_end(self, logs: dict | None = None) -> None:
        """Called at the end of `predict`."""

    @_default
    def on_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """Legacy alias of `on_train_batch_begin`."""

    @_default
    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Legacy alias of `on_train_batch_end`."""
