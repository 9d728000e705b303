"""`SGD`: gradient descent with optional (Nesterov) momentum."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.SGD")
class SGD(optimizer.Optimizer):
    """Gradient descent (with momentum) optimizer.

    Without momentum: `w = w - learning_rate * g`. With momentum:
    `velocity = momentum * velocity - learning_rate * g` then
    `w = w + velocity`, or with Nesterov momentum
    `w = w + momentum * velocity - learning_rate * g`.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.01`.
        momentum: Float >= 0 accelerating descent in the relevant direction
            and dampening oscillations. Defaults to `0.0` (plain SGD).
        nesterov: Whether to apply Nesterov momentum. Defaults to `False`.
        **kwargs: The base options (`weight_decay`, `clipnorm`, `clipvalue`,
            `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([1.0, 2.0])
    >>> opt = cornu.optimizers.SGD(learning_rate=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     opt.apply([cornu.ops.convert_to_tensor([1.0, 1.0])], [w])
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [0.71, 1.71]
    """

    _fused_kind = "sgd"

    def __init__(
        self,
        learning_rate: Any = 0.01,
        momentum: float = 0.0,
        nesterov: bool = False,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "SGD",
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
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError(
                "SGD: `momentum` must be a float in [0, 1]. Received: "
                f"momentum={momentum!r}. Pass e.g. `momentum=0.9`."
            )
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables: list) -> None:
        """Creates one `momentum` slot per variable if `momentum != 0`."""
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one (momentum) SGD step to `variable`."""
        lr = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        if not self.momentums:
            self.assign_sub(variable, gradient * lr)
            return
        m = self.momentums[self._get_variable_index(variable)]
        momentum = ops.cast(self.momentum, variable.dtype)
        self.assign(m, m.value * momentum - gradient * lr)
        if self.nesterov:
            self.assign_add(variable, m.value * momentum - gradient * lr)
        else:
            self.assign_add(variable, m.value)

    def get_config(self) -> dict:
        return self._config_with(super().get_config(), "momentum", "nesterov")
