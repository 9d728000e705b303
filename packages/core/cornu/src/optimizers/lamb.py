"""`Lamb`: Adam with a layer-wise trust ratio, for large batches."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.Lamb")
class Lamb(optimizer.Optimizer):
    """Lamb: Adam steps rescaled per variable by `||w|| / ||update||`.

    With `t` the step (from 1), the moments are Adam's:
    `m = m + (g - m) * (1 - beta_1)`, `v = v + (g**2 - v) * (1 - beta_2)`;
    the Adam direction is
    `u = (m / (1 - beta_1**t)) / (sqrt(v / (1 - beta_2**t)) + epsilon)`
    and `w = w - r * lr * u` with the trust ratio `r = ||w|| / ||u||`
    (`1` when either norm is zero). Scaling each variable's step by its
    own size keeps training stable with very large batches (You et al.,
    2019).

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        beta_1: Decay rate of the first moment. Defaults to `0.9`.
        beta_2: Decay rate of the second moment. Defaults to `0.999`.
        epsilon: Small constant added to the root of the second moment.
            Defaults to `1e-7`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([3.0, 4.0])
    >>> opt = cornu.optimizers.Lamb(learning_rate=0.1)
    >>> opt.apply([cornu.ops.convert_to_tensor([1.0, 1.0])], [w])
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [2.6464, 3.6464]

    References:
        - [You et al., 2019](https://arxiv.org/abs/1904.00962)
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
        name: str = "lamb",
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
        """Creates the `momentum` and `velocity` slots."""
        if self.built:
            return
        super().build(var_list)
        self._momentums, self._velocities = self.add_optimizer_variables(
            var_list, ["momentum", "velocity"]
        )

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Lamb step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        local_step = ops.cast(self.iterations + 1, dtype)
        beta_1_power = ops.power(ops.cast(self.beta_1, dtype), local_step)
        beta_2_power = ops.power(ops.cast(self.beta_2, dtype), local_step)
        index = self._get_variable_index(variable)
        m = self._momentums[index]
        v = self._velocities[index]
        self.assign_add(m, (gradient - m.value) * (1 - self.beta_1))
        self.assign_add(v, (ops.square(gradient) - v.value) * (1 - self.beta_2))
        m_hat = m.value / (1.0 - beta_1_power)
        v_root = ops.sqrt(v.value / (1.0 - beta_2_power)) + self.epsilon
        update = m_hat / v_root
        w_norm = ops.sqrt(ops.sum(ops.square(variable.value)))
        u_norm = ops.sqrt(ops.sum(ops.square(update)))
        one = ops.ones_like(w_norm)
        # Divide by 1 where the update norm is 0, so no NaN is formed.
        safe_u_norm = ops.where(u_norm > 0, u_norm, one)
        ratio = ops.where(
            ops.logical_and(w_norm > 0, u_norm > 0), w_norm / safe_u_norm, one
        )
        self.assign_sub(variable, ratio * lr * update)

    def get_config(self) -> dict:
        return self._config_with(
            super().get_config(), "beta_1", "beta_2", "epsilon"
        )
