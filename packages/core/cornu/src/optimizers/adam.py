"""`Adam`: adaptive moment estimation (with the AMSGrad variant)."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.Adam")
class Adam(optimizer.Optimizer):
    """Adam: gradient descent scaled by running moments of the gradient.

    With `t` the step (from 1): `m = m + (g - m) * (1 - beta_1)`,
    `v = v + (g**2 - v) * (1 - beta_2)`, then
    `w = w - m * alpha / (sqrt(v) + epsilon)` where
    `alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)` (Kingma & Ba,
    2014). With `amsgrad`, `v` is replaced by its running maximum.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        beta_1: Decay rate of the first moment. Defaults to `0.9`.
        beta_2: Decay rate of the second moment. Defaults to `0.999`.
        epsilon: Small constant added to `sqrt(v)` ("epsilon hat" of the
            paper). Defaults to `1e-7`.
        amsgrad: Whether to use the AMSGrad variant (Reddi et al., 2018).
            Defaults to `False`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([1.0, 2.0])
    >>> opt = cornu.optimizers.Adam(learning_rate=0.1)
    >>> opt.apply([cornu.ops.convert_to_tensor([0.5, -2.0])], [w])
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [0.9, 2.1]
    """

    _fused_kind = "adam"

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "adam",
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
        self.amsgrad = amsgrad

    def build(self, var_list: list) -> None:
        """Creates the `momentum`, `velocity` (and `velocity_hat`) slots."""
        if self.built:
            return
        super().build(var_list)
        # Interleaved per variable (Keras 3's order in saved files).
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"]
        )
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(
                var_list, "velocity_hat"
            )

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Adam step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        local_step = ops.cast(self.iterations + 1, dtype)
        beta_1_power = ops.power(ops.cast(self.beta_1, dtype), local_step)
        beta_2_power = ops.power(ops.cast(self.beta_2, dtype), local_step)
        index = self._get_variable_index(variable)
        m = self._momentums[index]
        v = self._velocities[index]
        alpha = lr * ops.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        self.assign_add(m, (gradient - m.value) * (1 - self.beta_1))
        self.assign_add(v, (ops.square(gradient) - v.value) * (1 - self.beta_2))
        if self.amsgrad:
            v_hat = self._velocity_hats[index]
            self.assign(v_hat, ops.maximum(v_hat.value, v.value))
            v = v_hat
        self.assign_sub(
            variable, (m.value * alpha) / (ops.sqrt(v.value) + self.epsilon)
        )

    def get_config(self) -> dict:
        return self._config_with(
            super().get_config(), "beta_1", "beta_2", "epsilon", "amsgrad"
        )
