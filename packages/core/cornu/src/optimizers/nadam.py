"""`Nadam`: Adam with Nesterov momentum."""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.Nadam")
class Nadam(optimizer.Optimizer):
    """Nadam: Adam with Nesterov momentum (Dozat, 2015).

    The momentum schedule is `u_t = beta_1 * (1 - 0.5 * 0.96**t)`; the
    optimizer keeps the running product of the `u_t` as a variable.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        beta_1: Decay rate of the first moment. Defaults to `0.9`.
        beta_2: Decay rate of the second moment. Defaults to `0.999`.
        epsilon: Small constant for numerical stability. Defaults to `1e-7`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([1.0])
    >>> opt = cornu.optimizers.Nadam(learning_rate=0.1)
    >>> opt.apply([cornu.ops.convert_to_tensor([2.0])], [w])
    >>> round(float(w.numpy()[0]), 4)
    0.8937
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
        name: str = "nadam",
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
        """Creates `momentum` and `velocity` slots and the `u` product."""
        if self.built:
            return
        dtype = var_list[0].dtype if var_list else backend.config.floatx()
        super().build(var_list)
        # Interleaved per variable (Keras 3's order in saved files).
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"]
        )
        # Tracked through attribute assignment, after the slots (as Keras).
        with name_scope(self.name, caller=self):
            self._u_product = backend.Variable(
                1.0, dtype=dtype, trainable=False, name="u_product"
            )

    def _backend_update_step(
        self, grads: list, trainable_variables: list, learning_rate: Any
    ) -> None:
        dtype = self._u_product.dtype
        step = ops.cast(self.iterations + 1, dtype)
        u_t = self.beta_1 * (1.0 - 0.5 * ops.power(0.96, step))
        self.assign(self._u_product, self._u_product.value * u_t)
        super()._backend_update_step(grads, trainable_variables, learning_rate)

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Nadam step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        local_step = ops.cast(self.iterations + 1, dtype)
        next_step = ops.cast(self.iterations + 2, dtype)
        decay = ops.cast(0.96, dtype)
        beta_1 = ops.cast(self.beta_1, dtype)
        beta_2 = ops.cast(self.beta_2, dtype)
        u_t = beta_1 * (1.0 - 0.5 * ops.power(decay, local_step))
        u_t_1 = beta_1 * (1.0 - 0.5 * ops.power(decay, next_step))
        u_product_t = ops.cast(self._u_product.value, dtype)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = ops.power(beta_2, local_step)
        index = self._get_variable_index(variable)
        m = self._momentums[index]
        v = self._velocities[index]
        self.assign_add(m, (gradient - m.value) * (1 - beta_1))
        self.assign_add(v, (ops.square(gradient) - v.value) * (1 - beta_2))
        m_hat = (u_t_1 * m.value) / (1 - u_product_t_1) + (
            (1 - u_t) * gradient
        ) / (1 - u_product_t)
        v_hat = v.value / (1 - beta_2_power)
        self.assign_sub(
            variable, (m_hat * lr) / (ops.sqrt(v_hat) + self.epsilon)
        )

    def get_config(self) -> dict:
        return self._config_with(
            super().get_config(), "beta_1", "beta_2", "epsilon"
        )
