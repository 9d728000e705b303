"""`Ftrl`: Follow The Regularized Leader, for wide sparse models."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.initializers import constant_initializers
from cornu.src.optimizers import optimizer


def _check_non_negative(name: str, value: Any) -> None:
    if not value >= 0.0:
        raise ValueError(
            f"Ftrl: `{name}` must be positive or zero. Received: "
            f"{name}={value}. Pass a value >= 0 (0 disables it)."
        )


@cornu_export("cornu.optimizers.Ftrl")
class Ftrl(optimizer.Optimizer):
    """FTRL-Proximal: per-coordinate rates with L1/L2 regularization.

    "Follow The Regularized Leader" (McMahan et al., 2013) was designed
    for click-through-rate prediction: shallow models with large, sparse
    feature spaces. Its L1 term sets weights exactly to zero. Per step,
    with `n` the accumulator (starting at `initial_accumulator_value`),
    `z` the linear term (starting at 0) and `p = -learning_rate_power`:
    `n_new = n + g**2`, `z = z + g' - (n_new**p - n**p) / lr * w` with
    `g' = g + 2 * l2_shrinkage_regularization_strength * w`, then
    `w = (clip(z, -l1, l1) - z) / (n_new**p / lr + 2 * l2)` where
    `l2 = l2_regularization_strength + beta / (2 * lr)`.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        learning_rate_power: Float <= 0: how the per-coordinate rate
            decays with the accumulated squared gradients. `0` keeps it
            fixed. Defaults to `-0.5`.
        initial_accumulator_value: Float >= 0, the accumulators' starting
            value. Defaults to `0.1`.
        l1_regularization_strength: Float >= 0. Defaults to `0.0`.
        l2_regularization_strength: Float >= 0, the stabilizing L2 term of
            the paper. Defaults to `0.0`.
        l2_shrinkage_regularization_strength: Float >= 0, an L2 penalty on
            the weights' magnitude (added to the gradient). Defaults to
            `0.0`.
        beta: Float, the paper's `beta`. Defaults to `0.0`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Raises:
        ValueError: If `learning_rate_power` is positive, or the
            accumulator value or a regularization strength is negative.

    Example:

    >>> w = cornu.Variable([1.0, 2.0])
    >>> opt = cornu.optimizers.Ftrl(learning_rate=0.1)
    >>> opt.apply([cornu.ops.convert_to_tensor([1.0, -1.0])], [w])
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [0.6031, 1.4923]

    References:
        - [McMahan et al., 2013](
          https://research.google.com/pubs/archive/41159.pdf)
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        learning_rate_power: float = -0.5,
        initial_accumulator_value: float = 0.1,
        l1_regularization_strength: float = 0.0,
        l2_regularization_strength: float = 0.0,
        l2_shrinkage_regularization_strength: float = 0.0,
        beta: float = 0.0,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "ftrl",
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate=learning_rate,
            name=name,
            weight_decay=weight_decay,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            use_ema=use_ema,
            ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps,
            **kwargs,
        )
        _check_non_negative(
            "initial_accumulator_value", initial_accumulator_value
        )
        if not learning_rate_power <= 0.0:
            raise ValueError(
                "Ftrl: `learning_rate_power` must be negative or zero. "
                f"Received: learning_rate_power={learning_rate_power}. Use "
                "e.g. -0.5 (the default), or 0 for a fixed learning rate."
            )
        _check_non_negative(
            "l1_regularization_strength", l1_regularization_strength
        )
        _check_non_negative(
            "l2_regularization_strength", l2_regularization_strength
        )
        _check_non_negative(
            "l2_shrinkage_regularization_strength",
            l2_shrinkage_regularization_strength,
        )
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = (
            l2_shrinkage_regularization_strength
        )
        self.beta = beta

    def build(self, var_list: list) -> None:
        """Creates the `accumulator` and `linear` slots."""
        if self.built:
            return
        super().build(var_list)
        accumulator_init = constant_initializers.Constant(
            self.initial_accumulator_value
        )
        self._accumulators, self._linears = self.add_optimizer_variables(
            var_list,
            ["accumulator", "linear"],
            initializer=[accumulator_init, "zeros"],
        )

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one FTRL step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        accum = self._accumulators[index]
        linear = self._linears[index]
        power = -self.learning_rate_power
        l1 = self.l1_regularization_strength
        l2 = self.l2_regularization_strength + self.beta / (2.0 * lr)
        w = variable.value
        shrunk_grad = gradient + (
            2 * self.l2_shrinkage_regularization_strength * w
        )
        new_accum = accum.value + ops.square(gradient)
        new_accum_power = ops.power(new_accum, power)
        sigma = (new_accum_power - ops.power(accum.value, power)) / lr
        self.assign_add(linear, shrunk_grad - sigma * w)
        quadratic = new_accum_power / lr + 2 * l2
        z = linear.value
        self.assign(variable, (ops.clip(z, -l1, l1) - z) / quadratic)
        self.assign(accum, new_accum)

    def get_config(self) -> dict:
        return self._config_with(
            super().get_config(),
            "learning_rate_power",
            "initial_accumulator_value",
            "l1_regularization_strength",
            "l2_regularization_strength",
            "l2_shrinkage_regularization_strength",
            "beta",
        )
