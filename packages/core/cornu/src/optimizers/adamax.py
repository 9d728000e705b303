"""`Adamax`: Adam with the infinity norm in place of the second moment."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.Adamax")
class Adamax(optimizer.Optimizer):
    """Adamax: a variant of Adam based on the infinity norm.

    `m = m + (g - m) * (1 - beta_1)`, `u = max(beta_2 * u, |g|)`, then
    `w = w - lr * m / ((1 - beta_1**t) * (u + epsilon))` (Kingma & Ba,
    2014, section 7).

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        beta_1: Decay rate of the first moment. Defaults to `0.9`.
        beta_2: Decay rate of the infinity norm. Defaults to `0.999`.
        epsilon: Small constant for numerical stability. Defaults to `1e-7`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([1.0])
    >>> opt = cornu.optimizers.Adamax(learning_rate=0.1)
    >>> opt.apply([cornu.ops.convert_to_tensor([2.0])], [w])
    >>> round(float(w.numpy()[0]), 4)
    0.9
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
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
        name: str = "adamax",
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
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list: list) -> None:
        """Creates the `momentum` and `norm` slots."""
        if self.built:
            return
        super().build(var_list)
        self._m, self._u = self.add_optimizer_variables(
            var_list, ["momentum", "norm"]
        )

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Adamax step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        local_step = ops.cast(self.iterations + 1, dtype)
        beta_1_power = ops.power(ops.cast(self.beta_1, dtype), local_step)
        index = self._get_variable_index(variable)
        m = self._m[index]
        u = self._u[index]
        self.assign_add(m, (gradient - m.value) * (1 - self.beta_1))
        self.assign(u, ops.maximum(self.beta_2 * u.value, ops.abs(gradient)))
        self.assign_sub(
            variable,
            (lr * m.value) / ((1 - beta_1_power) * (u.value + self.epsilon)),
        )

    def get_config(self) -> dict:
        return self._config_with(
            super().get_config(), "beta_1", "beta_2", "epsilon"
        )
