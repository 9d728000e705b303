"""`History`: records every epoch's logs (`model.fit` returns it)."""

from __future__ import annotations

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback


@cornu_export("cornu.callbacks.History")
class History(Callback):
    """Records the logs of every epoch into `history`.

    `fit` adds one automatically and returns it. `history` maps each log
    key (`"loss"`, `"val_loss"`, metric names, ...) to the list of its
    values, one per epoch; `epoch` lists the epoch indices seen in the
    latest `fit`.

    Example:

    >>> history = cornu.callbacks.History()
    >>> history.on_train_begin()
    >>> history.on_epoch_end(0, {"loss": 0.5})
    >>> history.on_epoch_end(1, {"loss": 0.25})
    >>> history.history, history.epoch
    ({'loss': [0.5, 0.25]}, [0, 1])
    """

    def __init__(self) -> None:
        super().__init__()
        self.history: dict[str, list] = {}
        self.epoch: list[int] = []

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.epoch = []

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        # Point the model at this object, also when it was not attached
        # through `CallbackList.set_model` (e.g. a user-made History).
        model = self._model
        if model is not None:
            model.history = self
