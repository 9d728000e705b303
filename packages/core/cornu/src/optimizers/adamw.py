"""`AdamW`: Adam with decoupled weight decay."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.optimizers import adam


@cornu_export("cornu.optimizers.AdamW")
class AdamW(adam.Adam):
    """AdamW: Adam with decoupled weight decay (Loshchilov & Hutter, 2019).

    Before each Adam step, every variable not excluded with
    `exclude_from_weight_decay` becomes `w - w * weight_decay * lr`.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        weight_decay: Float (required). Defaults to `0.004`.
        beta_1: Decay rate of the first moment. Defaults to `0.9`.
        beta_2: Decay rate of the second moment. Defaults to `0.999`.
        epsilon: Small constant added to `sqrt(v)`. Defaults to `1e-7`.
        amsgrad: Whether to use the AMSGrad variant. Defaults to `False`.
        **kwargs: The other base options (`clipnorm`, `clipvalue`,
            `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([1.0, 2.0])
    >>> opt = cornu.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
    >>> opt.apply([cornu.ops.convert_to_tensor([0.5, -2.0])], [w])
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [0.85, 2.0]
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        weight_decay: float = 0.004,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "adamw",
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate=learning_rate,
            beta_1=beta_1,
            beta_2=beta_2,
            epsilon=epsilon,
            amsgrad=amsgrad,
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
        if self.weight_decay is None:
            raise ValueError(
                "AdamW: `weight_decay` must be a float. Received: "
                "weight_decay=None. Pass e.g. `weight_decay=0.004`, or use "
                "`Adam` for no weight decay."
            )
