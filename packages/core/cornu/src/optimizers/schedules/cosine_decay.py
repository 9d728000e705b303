"""Cosine learning rate decays: `CosineDecay` (with linear warmup) and
`CosineDecayRestarts` (SGDR)."""

from __future__ import annotations

import math
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers.schedules import learning_rate_schedule as _lrs


@cornu_export("cornu.optimizers.schedules.CosineDecay")
class CosineDecay(_lrs.LearningRateSchedule):
    """Cosine decay (Loshchilov & Hutter, 2016), after an optional warmup.

    Without `warmup_target`: `initial_learning_rate * ((1 - alpha) * 0.5 *
    (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)`. With
    it, the rate first rises linearly from `initial_learning_rate` to
    `warmup_target` over `warmup_steps`, then decays from `warmup_target`
    in the same way over `decay_steps`.

    Args:
        initial_learning_rate: Float. The learning rate at step 0.
        decay_steps: Positive int. Steps of the decay.
        alpha: Float. The final rate as a fraction of the decay's start.
            Defaults to `0.0`.
        name: Optional name. Defaults to `"CosineDecay"`.
        warmup_target: Optional float. The rate reached after the warmup;
            `None` (default) skips the warmup.
        warmup_steps: Int. Steps of the warmup. Defaults to `0`.

    Example:

    >>> schedule = cornu.optimizers.schedules.CosineDecay(
    ...     0.0, decay_steps=10, warmup_target=1.0, warmup_steps=10)
    >>> [round(float(schedule(s)), 6) for s in (5, 10, 15, 30)]
    [0.5, 1.0, 0.5, 0.0]
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        alpha: float = 0.0,
        name: str = "CosineDecay",
        warmup_target: float | None = None,
        warmup_steps: int = 0,
    ) -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        _lrs._check_positive(type(self).__name__, "decay_steps", decay_steps)

    def _decay(self, step: Any, decay_steps: Any, start: Any, dtype: Any):
        pi = ops.cast(math.pi, dtype)
        cosine = 0.5 * (1.0 + ops.cos(pi * (step / decay_steps)))
        return start * ((1 - self.alpha) * cosine + self.alpha)

    def __call__(self, step: Any) -> Any:
        initial, dtype, step = _lrs._float_setup(
            self.initial_learning_rate, step
        )
        decay_steps = ops.cast(self.decay_steps, dtype)
        if self.warmup_target is None:
            step = ops.minimum(step, decay_steps)
            return self._decay(step, decay_steps, initial, dtype)
        target = ops.cast(self.warmup_target, dtype)
        warmup_steps = ops.cast(self.warmup_steps, dtype)
        step = ops.minimum(step, decay_steps + warmup_steps)
        in_warmup = step < warmup_steps
        # Both branches are computed and one is selected, so this also
        # traces; the warmup branch divides by at least 1.
        fraction = step / ops.maximum(warmup_steps, ops.cast(1.0, dtype))
        warmup = (target - initial) * fraction + initial
        decay = self._decay(step - warmup_steps, decay_steps, target, dtype)
        return ops.where(in_warmup, warmup, decay)

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "alpha": self.alpha,
            "name": self.name,
            "warmup_target": self.warmup_target,
            "warmup_steps": self.warmup_steps,
        }


@cornu_export("cornu.optimizers.schedules.CosineDecayRestarts")
class CosineDecayRestarts(_lrs.LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR, Loshchilov & Hutter, 2016).

    The multiplier decays from 1 to `alpha` over `first_decay_steps`; then
    the schedule restarts, each period `t_mul` times longer than the
    previous one and starting from `m_mul` times its rate.

    Args:
        initial_learning_rate: Float. The learning rate at step 0.
        first_decay_steps: Positive int. Steps of the first period.
        t_mul: Float. Growth factor of the period lengths. Defaults to
            `2.0`.
        m_mul: Float. Factor of each period's starting rate. Defaults to
            `1.0`.
        alpha: Float. The minimum rate as a fraction of
            `initial_learning_rate`. Defaults to `0.0`.
        name: Optional name. Defaults to `"SGDRDecay"`.

    Example:

    >>> schedule = cornu.optimizers.schedules.CosineDecayRestarts(
    ...     1.0, first_decay_steps=10, t_mul=1.0, m_mul=0.5)
    >>> [round(float(schedule(s)), 6) for s in (0, 5, 10)]
    [1.0, 0.5, 0.5]
    """

    def __init__(
        self,
        initial_learning_rate: float,
        first_decay_steps: int,
        t_mul: float = 2.0,
        m_mul: float = 1.0,
        alpha: float = 0.0,
        name: str = "SGDRDecay",
    ) -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        _lrs._check_positive(
            type(self).__name__, "first_decay_steps", first_decay_steps
        )

    def __call__(self, step: Any) -> Any:
        initial, dtype, step = _lrs._float_setup(
            self.initial_learning_rate, step
        )
        first_decay_steps = ops.cast(self.first_decay_steps, dtype)
        alpha = ops.cast(self.alpha, dtype)
        t_mul = ops.cast(self._t_mul, dtype)
        m_mul = ops.cast(self._m_mul, dtype)
        fraction = step / first_decay_steps
        if self._t_mul == 1.0:
            i_restart = ops.floor(fraction)
            fraction = fraction - i_restart
        else:
            # Period i spans sum(t_mul**k, k < i) first-period lengths.
            i_restart = ops.floor(
                ops.log(1.0 - fraction * (1.0 - t_mul)) / ops.log(t_mul)
            )
            done = (1.0 - ops.power(t_mul, i_restart)) / (1.0 - t_mul)
            fraction = (fraction - done) / ops.power(t_mul, i_restart)
        m_factor = ops.power(m_mul, i_restart)
        pi = ops.cast(math.pi, dtype)
        cosine = 0.5 * m_factor * (1.0 + ops.cos(pi * fraction))
        return initial * ((1 - alpha) * cosine + alpha)

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "first_decay_steps": self.first_decay_steps,
            "t_mul": self._t_mul,
            "m_mul": self._m_mul,
            "alpha": self.alpha,
            "name": self.name,
        }
