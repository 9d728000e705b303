"""`SwapEMAWeights`: evaluates with the optimizer's EMA weights."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback


@cornu_export("cornu.callbacks.SwapEMAWeights")
class SwapEMAWeights(Callback):
    """Swaps the model's weights with their EMA around evaluation.

    With an optimizer built with `use_ema=True`, the optimizer keeps an
    exponential moving average (EMA) of the trainable weights. This
    callback puts the EMA values into the model before evaluation and
    prediction and puts the training values back afterwards, so that
    validation metrics are computed with the averaged weights. The swap
    is in place; do not modify either set of weights in other callbacks.

    Args:
        swap_on_epoch: Whether to also swap at `on_epoch_end` (and back at
            the next `on_epoch_begin`), so that callbacks placed after this
            one (e.g. `ModelCheckpoint`) see the EMA weights. Defaults to
            `False`.

    Example:

    >>> callback = cornu.callbacks.SwapEMAWeights(swap_on_epoch=True)
    >>> callback.swap_on_epoch
    True
    """

    def __init__(self, swap_on_epoch: bool = False) -> None:
        super().__init__()
        self.swap_on_epoch = swap_on_epoch
        self._ema_weights_in_model = False

    def _optimizer_and_averages(self) -> tuple[Any, list]:
        optimizer = self.model.optimizer
        # A loss-scale wrapper holds the real optimizer.
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)
        averages = getattr(optimizer, "_model_variables_moving_average", None)
        if averages is None:
            raise ValueError(
                "SwapEMAWeights must be used when `use_ema=True` is set on "
                "the optimizer. Received: use_ema="
                f"{getattr(optimizer, 'use_ema', None)}. Compile with e.g. "
                "`cornu.optimizers.SGD(use_ema=True)`."
            )
        return optimizer, averages

    def _swap_variables(self) -> None:
        _, averages = self._optimizer_and_averages()
        for variable, average in zip(
            self.model.trainable_variables, averages, strict=True
        ):
            current = ops.copy(variable.value)
            variable.assign(average.value)
            average.assign(current)

    def _finalize_ema_values(self) -> None:
        _, averages = self._optimizer_and_averages()
        for variable, average in zip(
            self.model.trainable_variables, averages, strict=True
        ):
            average.assign(variable.value)

    def _swap_in(self) -> None:
        if not self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = True

    def _swap_out(self) -> None:
        if self._ema_weights_in_model:
            self._swap_variables()
            self._ema_weights_in_model = False

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        if self.swap_on_epoch:
            self._swap_out()

    def on_test_begin(self, logs: dict | None = None) -> None:
        self._swap_in()

    def on_test_end(self, logs: dict | None = None) -> None:
        self._swap_out()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if self.swap_on_epoch and not self._ema_weights_in_model:
            self._swap_in()
            # `fit` ends by copying the EMA into the model
            # (`finalize_variable_values`): after the last epoch, the EMA
            # slots must hold the EMA again, not the swapped-out weights.
            if self.params and epoch == self.params.get("epochs", 0) - 1:
                self._finalize_ema_values()

    def on_predict_begin(self, logs: dict | None = None) -> None:
        self._swap_in()

    def on_predict_end(self, logs: dict | None = None) -> None:
        # Keras tests `not self._ema_weights_in_model` here, so it never
        # swaps back after `predict`; this restores the training weights.
        self._swap_out()
