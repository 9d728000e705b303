"""`Lion`: sign-of-momentum updates (evolved sign momentum)."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.Lion")
class Lion(optimizer.Optimizer):
    """Lion: updates of fixed size, the sign of an interpolated momentum.

    Per step, with momentum `m` (zero at first):
    `w = w - lr * sign(beta_1 * m + (1 - beta_1) * g)`, then
    `m = beta_2 * m + (1 - beta_2) * g` (Chen et al., 2023). Only one slot
    per variable is kept, so it needs less memory than Adam. Its updates
    are larger than Adam's: use a learning rate 3-10x smaller than for
    AdamW and a weight decay 3-10x larger.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        beta_1: Float in `(0, 1]`, the weight of the momentum in the
            update direction. Defaults to `0.9`.
        beta_2: Float, the decay rate of the momentum. Defaults to `0.99`.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Raises:
        ValueError: If `beta_1` is not in `(0, 1]` (at 0 Lion degenerates
            to SignSGD).

    Example:

    >>> w = cornu.Variable([1.0, 2.0])
    >>> opt = cornu.optimizers.Lion(learning_rate=0.1)
    >>> opt.apply([cornu.ops.convert_to_tensor([0.5, -2.0])], [w])
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [0.9, 2.1]

    References:
        - [Chen et al., 2023](http://arxiv.org/abs/2302.06675)
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.99,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "lion",
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
        if not 0 < beta_1 <= 1:
            raise ValueError(
                "Lion: `beta_1` must be in the range (0, 1]; at 0 the "
                f"optimizer degenerates to SignSGD. Received: beta_1={beta_1}"
                ". The usual value is 0.9."
            )
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def build(self, var_list: list) -> None:
        """Creates the `momentum` slot of each variable."""
        if self.built:
            return
        super().build(var_list)
        self._momentums = self.add_optimizer_variables(var_list, "momentum")

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Lion step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        beta_1 = ops.cast(self.beta_1, dtype)
        beta_2 = ops.cast(self.beta_2, dtype)
        m = self._momentums[self._get_variable_index(variable)]
        direction = ops.sign(m.value * beta_1 + gradient * (1.0 - beta_1))
        self.assign_sub(variable, lr * direction)
        self.assign(m, m.value * beta_2 + gradient * (1.0 - beta_2))

    def get_config(self) -> dict:
        return self._config_with(super().get_config(), "beta_1", "beta_2")
