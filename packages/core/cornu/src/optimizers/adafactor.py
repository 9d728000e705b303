"""`Adafactor`: Adam-like steps with factored second moments."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


def _rms(x: Any) -> Any:
    return ops.sqrt(ops.mean(ops.square(x)))


@cornu_export("cornu.optimizers.Adafactor")
class Adafactor(optimizer.Optimizer):
    """Adafactor: adaptive steps that store row and column statistics only.

    For a variable with 2 or more axes, Adafactor (Shazeer & Stern, 2018)
    keeps running means of the squared gradient over its last axis (`r`)
    and its second-to-last axis (`c`) instead of a full second-moment
    tensor, and rebuilds the second moment as their normalized outer
    product: memory grows with rows + columns, not rows * columns. Other
    variables keep a full running mean `v`.

    Per step `t` (from 1), with `rms(x) = sqrt(mean(x**2))`:
    `beta_2_t = 1 - t**beta_2_decay`, squared gradients
    `s = g**2 + epsilon_1`, then either
    `r = beta_2_t * r + (1 - beta_2_t) * mean(s, -1)`,
    `c = beta_2_t * c + (1 - beta_2_t) * mean(s, -2)` and
    `v = (r / mean(r, -1))[..., None] * c[..., None, :]`, or
    `v = beta_2_t * v + (1 - beta_2_t) * s`. The update
    `u = g / sqrt(v)` is clipped to `u / max(1, rms(u) / clip_threshold)`
    and `w = w - max(epsilon_2, rms(w)) * min(lr, 1 / sqrt(t)) * u`.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        beta_2_decay: Float, the decay exponent of `beta_2`. Defaults to
            `-0.8`.
        epsilon_1: Small float added to the squared gradients. Defaults to
            `1e-30`.
        epsilon_2: Small float, the lower bound of the step's scale `rms(w)`
            (lets variables at zero move). Defaults to `1e-3`.
        clip_threshold: Float, the update-clipping threshold (part of the
            algorithm, independent of `clipnorm`/`clipvalue`). Defaults to
            `1.0`.
        relative_step: Bool, defaults to `True`. As in Keras, the step
            size is `min(learning_rate, 1 / sqrt(t))` either way; the
            argument is kept for compatibility.
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([[1.0, 2.0], [3.0, 4.0]])
    >>> opt = cornu.optimizers.Adafactor(learning_rate=0.1)
    >>> opt.apply([cornu.ops.ones((2, 2))], [w])
    >>> [[round(x, 4) for x in row] for row in w.numpy().tolist()]
    [[0.7261, 1.7261], [2.7261, 3.7261]]

    References:
        - [Shazeer & Stern, 2018](https://arxiv.org/abs/1804.04235)
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_2_decay: float = -0.8,
        epsilon_1: float = 1e-30,
        epsilon_2: float = 1e-3,
        clip_threshold: float = 1.0,
        relative_step: bool = True,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "adafactor",
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
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step

    def build(self, var_list: list) -> None:
        """Creates the factored `r`/`c` slots of variables with 2 or more
        axes and the `velocity` slot of every variable."""
        if self.built:
            return
        super().build(var_list)
        self._r, self._c, self._v = [], [], []
        for var in var_list:
            if getattr(var, "overwrite_with_gradient", False):
                self._r.append(None)
                self._c.append(None)
                self._v.append(None)
                continue
            prefix = var.path.replace("/", "_")
            if len(var.shape) < 2:
                # Not factored: only `velocity` is used. Two unused int32
                # scalars stand in for `r` and `c`, as in Keras 3, so that
                # saved optimizer states line up with Keras's.
                for name in ("r", "c"):
                    self.add_variable(
                        shape=(), dtype="int32", name=f"{prefix}_{name}"
                    )
                self._r.append(None)
                self._c.append(None)
            else:
                shape = tuple(var.shape)
                self._r.append(
                    self.add_variable(
                        shape=shape[:-1], dtype=var.dtype, name=f"{prefix}_r"
                    )
                )
                self._c.append(
                    self.add_variable(
                        shape=shape[:-2] + shape[-1:],
                        dtype=var.dtype,
                        name=f"{prefix}_c",
                    )
                )
            self._v.append(self.add_variable_from_reference(var, "velocity"))

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Adafactor step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        local_step = ops.cast(self.iterations + 1, dtype)
        index = self._get_variable_index(variable)
        r, c, v = self._r[index], self._c[index], self._v[index]

        rho_t = ops.minimum(lr, 1 / ops.sqrt(local_step))
        scale = ops.maximum(
            ops.cast(self.epsilon_2, dtype), _rms(variable.value)
        )
        alpha_t = scale * rho_t
        squared = ops.square(gradient) + self.epsilon_1
        beta_2_t = 1 - ops.power(local_step, self.beta_2_decay)

        if r is not None:
            self.assign(
                r,
                beta_2_t * r.value
                + (1 - beta_2_t) * ops.mean(squared, axis=-1),
            )
            self.assign(
                c,
                beta_2_t * c.value
                + (1 - beta_2_t) * ops.mean(squared, axis=-2),
            )
            row = r.value / ops.mean(r.value, axis=-1, keepdims=True)
            self.assign(
                v,
                ops.expand_dims(row, axis=-1) * ops.expand_dims(c.value, -2),
            )
        else:
            self.assign(v, beta_2_t * v.value + (1 - beta_2_t) * squared)

        u = gradient / ops.sqrt(v.value)
        u = u / ops.maximum(ops.ones_like(rho_t), _rms(u) / self.clip_threshold)
        self.assign_sub(variable, alpha_t * u)

    def get_config(self) -> dict:
        return self._config_with(
            super().get_config(),
            "beta_2_decay",
            "epsilon_1",
            "epsilon_2",
            "clip_threshold",
            "relative_step",
        )
