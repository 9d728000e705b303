"""`ProgbarLogger`: prints progress and metrics with `cornu.utils.Progbar`."""

from __future__ import annotations

import sys

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback
from cornu.src.utils import progbar as progbar_lib


@cornu_export("cornu.callbacks.ProgbarLogger")
class ProgbarLogger(Callback):
    """Prints a progress bar and the metrics to standard output.

    `fit`, `evaluate` and `predict` add one when `verbose` is not 0. Its
    behaviour follows `params`: `verbose` (0 silent, 1 progress bar, 2 one
    line per epoch, `"auto"` = 1), `epochs` (an `Epoch i/n` header when
    more than one) and `steps` (the bar's target; `None` if unknown). In a
    terminal the bar is redrawn live; elsewhere (CI, files, pipes) one
    plain line per epoch is printed. Inside `fit`, validation is silent.

    The batch logs hold the trainer's running results for the epoch, so
    the bar shows them as they are (Keras averages them once more over the
    steps; the final line of an epoch is the same either way).

    Example:

    >>> logger = cornu.callbacks.ProgbarLogger()
    >>> callbacks = cornu.callbacks.CallbackList(
    ...     [logger], verbose=2, epochs=1, steps=2
    ... )
    >>> callbacks.on_train_begin()
    >>> callbacks.on_epoch_begin(0)
    >>> callbacks.on_train_batch_end(0, {"loss": 1.0})
    >>> callbacks.on_train_batch_end(1, {"loss": 0.5})
    >>> callbacks.on_epoch_end(0, {"loss": 0.5})  # doctest: +ELLIPSIS
    2/2 - 0s - ...s/step - loss: 0.5000
    """

    # Batch logs are read only when the bar redraws: `CallbackList` need not
    # turn them into Python floats on every batch for this callback.
    _handles_raw_batch_logs = True

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0
        self.progbar: progbar_lib.Progbar | None = None
        self.target: int | None = None
        self.verbose = 1
        self.epochs = 1
        self._called_in_fit = False

    def set_params(self, params: dict) -> None:
        super().set_params(params)
        verbose = params.get("verbose", 1)
        self.verbose = 1 if verbose == "auto" else verbose
        self.epochs = params.get("epochs", 1)
        self.target = params.get("steps")

    def on_train_begin(self, logs: dict | None = None) -> None:
        # Validation inside `fit` is silent.
        self._called_in_fit = True

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._reset_progbar()
        self._maybe_init_progbar()
        if self.verbose and self.epochs > 1:
            sys.stdout.write(f"Epoch {epoch + 1}/{self.epochs}\n")
            sys.stdout.flush()

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._update_progbar(batch, logs)

    def on_test_begin(self, logs: dict | None = None) -> None:
        if not self._called_in_fit:
            self._reset_progbar()
            self._maybe_init_progbar()

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if not self._called_in_fit:
            self._update_progbar(batch, logs)

    def on_test_end(self, logs: dict | None = None) -> None:
        if not self._called_in_fit:
            self._finalize_progbar(logs)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._finalize_progbar(logs)

    def on_train_end(self, logs: dict | None = None) -> None:
        # A later `evaluate` with this same logger shows its bar again.
        self._called_in_fit = False

    def on_predict_begin(self, logs: dict | None = None) -> None:
        self._reset_progbar()
        self._maybe_init_progbar()

    def on_predict_batch_end(
        self, batch: int, logs: dict | None = None
    ) -> None:
        # The logs hold the predictions, which are not shown.
        self._update_progbar(batch, None)

    def on_predict_end(self, logs: dict | None = None) -> None:
        self._finalize_progbar(logs)

    def _reset_progbar(self) -> None:
        self.seen = 0
        self.progbar = None

    def _maybe_init_progbar(self) -> None:
        if self.progbar is None:
            self.progbar = progbar_lib.Progbar(
                target=self.target,
                verbose=self.verbose,
                stateful_metrics=progbar_lib.ALL_METRICS,
                unit_name="step",
            )

    def _update_progbar(self, batch: int, logs: dict | None) -> None:
        self._maybe_init_progbar()
        self.seen = batch + 1  # One-based count of steps done.
        if self.verbose == 1:
            values = list(logs.items()) if logs else None
            self.progbar.update(self.seen, values, finalize=False)

    def _finalize_progbar(self, logs: dict | None) -> None:
        self._maybe_init_progbar()
        if self.target is None:
            self.target = self.seen
            self.progbar.target = self.target
        values = list(logs.items()) if logs else None
        self.progbar.update(self.target, values, finalize=True)
