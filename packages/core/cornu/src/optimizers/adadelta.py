"""`Adadelta`: per-coordinate steps from running averages of squared
gradients and squared updates."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.Adadelta")
class Adadelta(optimizer.Optimizer):
    """Adadelta: steps sized by a moving window of past updates.

    Adadelta (Zeiler, 2012) extends Adagrad: instead of accumulating all
    past squared gradients, which makes the step shrink forever, it keeps
    decaying averages, so learning continues after many updates. Per step,
    with `rms(x) = sqrt(x + epsilon)`:
    `acc_g = rho * acc_g + (1 - rho) * g**2`,
    `delta = -rms(acc_delta) / rms(acc_g) * g`,
    `acc_delta = rho * acc_delta + (1 - rho) * delta**2` and
    `w = w + lr * delta`. The paper's method has no learning rate: use
    `learning_rate=1.0` to match it.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`; Adadelta usually needs larger values (up to 1.0).
        rho: The decay rate of both averages. Defaults to `0.95`.
        epsilon: Small constant for numerical stability. Defaults to
            `1e-7`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([1.0, 2.0])
    >>> opt = cornu.optimizers.Adadelta(learning_rate=1.0, epsilon=1e-2)
    >>> opt.apply([cornu.ops.convert_to_tensor([1.0, -1.0])], [w])
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [0.5918, 2.4082]

    References:
        - [Zeiler, 2012](http://arxiv.org/abs/1212.5701)
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        rho: float = 0.95,
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
        name: str = "adadelta",
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
        self.rho = rho
        self.epsilon = epsilon

    def build(self, var_list: list) -> None:
        """Creates the `accumulated_grad` and `accumulated_delta_var`
        slots."""
        if self.built:
            return
        super().build(var_list)
        # Both slots of each variable in turn: Keras 3's order, so that
        # saved optimizer states line up.
        (
            self._accumulated_grads,
            self._accumulated_delta_vars,
        ) = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"]
        )

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Adadelta step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        rho = self.rho
        index = self._get_variable_index(variable)
        acc_grad = self._accumulated_grads[index]
        acc_delta = self._accumulated_delta_vars[index]
        self.assign(
            acc_grad, rho * acc_grad.value + (1 - rho) * ops.square(gradient)
        )
        delta = -(
            ops.sqrt(acc_delta.value + self.epsilon)
            * gradient
            / ops.sqrt(acc_grad.value + self.epsilon)
        )
        self.assign(
            acc_delta, rho * acc_delta.value + (1 - rho) * ops.square(delta)
        )
        self.assign_add(variable, lr * delta)

    def get_config(self) -> dict:
        return self._config_with(super().get_config(), "rho", "epsilon")
