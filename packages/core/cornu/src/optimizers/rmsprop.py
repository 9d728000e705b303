"""`RMSprop`: gradients divided by a running RMS of their history."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.RMSprop")
class RMSprop(optimizer.Optimizer):
    """RMSprop: divides the gradient by a running root mean square.

    `velocity = rho * velocity + (1 - rho) * g**2`, then
    `w = w - lr * g / sqrt(velocity + epsilon)`. With `centered`, a running
    mean `a` of the gradient is kept as well and the denominator becomes
    `sqrt(velocity - a**2 + epsilon)`. With `momentum > 0`, the increment
    goes through `mom = momentum * mom + increment; w = w - mom`.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        rho: Discount factor of the squared-gradient average. Defaults to
            `0.9`.
        momentum: Float >= 0. Defaults to `0.0` (no momentum slot).
        epsilon: Small constant for numerical stability. Defaults to `1e-7`.
        centered: Whether to normalize by the estimated variance instead of
            the second moment. Defaults to `False`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable(10.0)
    >>> opt = cornu.optimizers.RMSprop(learning_rate=0.1)
    >>> opt.apply([cornu.ops.convert_to_tensor(10.0)], [w])
    >>> round(float(w.numpy()), 4)
    9.6838
    """

    _fused_kind = "rmsprop"

    def __init__(
        self,
        learning_rate: Any = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "rmsprop",
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
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, var_list: list) -> None:
        """Creates `velocity` (and `momentum`, `average_gradient`) slots."""
        if self.built:
            return
        super().build(var_list)
        self._velocities = self.add_optimizer_variables(var_list, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(
                var_list, "average_gradient"
            )

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one RMSprop step to `variable`."""
        lr = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        index = self._get_variable_index(variable)
        velocity = self._velocities[index]
        rho = self.rho
        self.assign(
            velocity, rho * velocity.value + (1 - rho) * ops.square(gradient)
        )
        if self.centered:
            average = self._average_gradients[index]
            self.assign(average, rho * average.value + (1 - rho) * gradient)
            denominator = (
                velocity.value - ops.square(average.value) + self.epsilon
            )
        else:
            denominator = velocity.value + self.epsilon
        increment = (lr * gradient) / ops.sqrt(denominator)
        if self.momentum > 0:
            momentum = self._momentums[index]
            self.assign(momentum, self.momentum * momentum.value + increment)
            self.assign_sub(variable, momentum.value)
        else:
            self.assign_sub(variable, increment)

    def get_config(self) -> dict:
        return self._config_with(
            super().get_config(), "rho", "momentum", "epsilon", "centered"
        )
