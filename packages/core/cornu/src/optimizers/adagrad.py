"""`Adagrad`: per-coordinate learning rates from accumulated squares."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.initializers import constant_initializers
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.Adagrad")
class Adagrad(optimizer.Optimizer):
    """Adagrad: steps shrink with the sum of past squared gradients.

    `accumulator = accumulator + g**2`, then
    `w = w - lr * g / sqrt(accumulator + epsilon)` (Duchi et al., 2011).

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        initial_accumulator_value: Starting value of the accumulators.
            Defaults to `0.1`.
        epsilon: Small constant for numerical stability. Defaults to `1e-7`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([1.0])
    >>> opt = cornu.optimizers.Adagrad(learning_rate=0.1)
    >>> opt.apply([cornu.ops.convert_to_tensor([0.3])], [w])
    >>> round(float(w.numpy()[0]), 4)
    0.9312
    """

    _fused_kind = "adagrad"

    def __init__(
        self,
        learning_rate: Any = 0.001,
        initial_accumulator_value: float = 0.1,
        epsilon: float = 1e-7,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate=learning_rate,
            weight_decay=weight_decay,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            use_ema=use_ema,
            ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps,
            name=name,
            **kwargs,
        )
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, var_list: list) -> None:
        """Creates one `accumulator` slot per variable."""
        if self.built:
            return
        super().build(var_list)
        initializer = constant_initializers.Constant(
            self.initial_accumulator_value
        )
        self._accumulators = self.add_optimizer_variables(
            var_list, "accumulator", initializer=initializer
        )

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Adagrad step to `variable`."""
        lr = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        accumulator = self._accumulators[self._get_variable_index(variable)]
        self.assign_add(accumulator, ops.square(gradient))
        self.assign_sub(
            variable,
            (lr * gradient) / ops.sqrt(accumulator.value + self.epsilon),
        )

    def get_config(self) -> dict:
        return self._config_with(
            super().get_config(), "initial_accumulator_value", "epsilon"
        )
