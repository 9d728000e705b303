"""`LearningRateSchedule` and the step-based decays: exponential, piecewise
constant, polynomial and inverse time (the cosine ones are in
`cosine_decay.py`)."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export


@cornu_export("cornu.optimizers.schedules.LearningRateSchedule")
class LearningRateSchedule:
    """Base class of learning rates computed from the optimizer's step.

    An optimizer given a schedule as `learning_rate` calls it with its
    `iterations` counter before every update. Subclasses implement
    `__call__(step)` (with `cornu.ops`, so that it also works inside a
    compiled step) and `get_config()`.

    Example:

    >>> class Halving(cornu.optimizers.schedules.LearningRateSchedule):
    ...     def __call__(self, step):
    ...         step = cornu.ops.cast(step, "float32")
    ...         return 0.1 * cornu.ops.power(0.5, step)
    ...     def get_config(self):
    ...         return {}
    >>> round(float(Halving()(2)), 6)
    0.025
    """

    def __call__(self, step: Any) -> Any:
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override "
            "`__call__(self, step)` and return the learning rate at `step`."
        )

    def get_config(self) -> dict:
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override "
            "`get_config()` to be serializable."
        )

    @classmethod
    def from_config(cls, config: dict) -> LearningRateSchedule:
        """Rebuilds a schedule from the dict `get_config` returned."""
        return cls(**config)


def _check_positive(owner: str, name: str, value: Any) -> None:
    if value <= 0:
        raise ValueError(
            f"{owner}: argument `{name}` must be > 0. Received: "
            f"{name}={value!r}."
        )


def _float_setup(initial_learning_rate: Any, step: Any) -> tuple:
    """`(initial learning rate tensor, its dtype, step cast to it)`."""
    initial = ops.convert_to_tensor(initial_learning_rate)
    dtype = initial.dtype
    return initial, dtype, ops.cast(step, dtype)


@cornu_export("cornu.optimizers.schedules.ExponentialDecay")
class ExponentialDecay(LearningRateSchedule):
    """`initial_learning_rate * decay_rate ** (step / decay_steps)`.

    Args:
        initial_learning_rate: Float. The learning rate at step 0.
        decay_steps: Positive int. Steps per factor of `decay_rate`.
        decay_rate: Float. The decay factor.
        staircase: If `True`, `step / decay_steps` is floored, so the rate
            decays in discrete intervals.
        name: Optional name. Defaults to `"ExponentialDecay"`.

    Example:

    >>> schedule = cornu.optimizers.schedules.ExponentialDecay(
    ...     0.1, decay_steps=10, decay_rate=0.5)
    >>> round(float(schedule(20)), 6)
    0.025
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: bool = False,
        name: str = "ExponentialDecay",
    ) -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_positive(type(self).__name__, "decay_steps", decay_steps)

    def __call__(self, step: Any) -> Any:
        initial, dtype, step = _float_setup(self.initial_learning_rate, step)
        p = step / ops.cast(self.decay_steps, dtype)
        if self.staircase:
            p = ops.floor(p)
        return initial * ops.power(ops.cast(self.decay_rate, dtype), p)

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }


@cornu_export("cornu.optimizers.schedules.PiecewiseConstantDecay")
class PiecewiseConstantDecay(LearningRateSchedule):
    """A piecewise constant learning rate.

    The rate is `values[0]` while `step <= boundaries[0]`, `values[1]`
    while `boundaries[0] < step <= boundaries[1]`, ..., and `values[-1]`
    once `step > boundaries[-1]`.

    Args:
        boundaries: Strictly increasing step numbers.
        values: The rates, one more than `boundaries`.
        name: Optional name. Defaults to `"PiecewiseConstant"`.

    Example:

    >>> schedule = cornu.optimizers.schedules.PiecewiseConstantDecay(
    ...     [10, 20], [1.0, 0.5, 0.1])
    >>> [round(float(schedule(s)), 6) for s in (10, 11, 25)]
    [1.0, 0.5, 0.1]
    """

    def __init__(
        self, boundaries: list, values: list, name: str = "PiecewiseConstant"
    ) -> None:
        super().__init__()
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "PiecewiseConstantDecay: the length of `boundaries` should "
                "be 1 less than the length of `values`. Received: "
                f"boundaries={boundaries} of length {len(boundaries)}, and "
                f"values={values} of length {len(values)}."
            )
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step: Any) -> Any:
        step = ops.convert_to_tensor(step)
        boundaries = [ops.cast(b, step.dtype) for b in self.boundaries]
        values = [ops.convert_to_tensor(v) for v in self.values]
        dtype = values[0].dtype
        result = ops.cast(step <= boundaries[0], dtype) * values[0]
        result = result + ops.cast(step > boundaries[-1], dtype) * values[-1]
        for low, high, value in zip(
            boundaries[:-1], boundaries[1:], values[1:-1], strict=True
        ):
            inside = ops.logical_and(step > low, step <= high)
            result = result + ops.cast(inside, dtype) * value
        return result

    def get_config(self) -> dict:
        return {
            "boundaries": self.boundaries,
            "values": self.values,
            "name": self.name,
        }


@cornu_export("cornu.optimizers.schedules.PolynomialDecay")
class PolynomialDecay(LearningRateSchedule):
    """A polynomial decay from `initial_learning_rate` to
    `end_learning_rate` over `decay_steps`.

    `(initial - end) * (1 - min(step, decay_steps) / decay_steps) ** power
    + end`. With `cycle`, `decay_steps` is multiplied by
    `ceil(step / decay_steps)` (1 at step 0) instead of clamping the step.

    Args:
        initial_learning_rate: Float. The learning rate at step 0.
        decay_steps: Positive int. Steps of the decay.
        end_learning_rate: Float. The final rate. Defaults to `0.0001`.
        power: Float. The polynomial's power. Defaults to `1.0`.
        cycle: Whether to restart past `decay_steps`. Defaults to `False`.
        name: Optional name. Defaults to `"PolynomialDecay"`.

    Example:

    >>> schedule = cornu.optimizers.schedules.PolynomialDecay(
    ...     1.0, decay_steps=10, end_learning_rate=0.0)
    >>> [round(float(schedule(s)), 6) for s in (0, 5, 20)]
    [1.0, 0.5, 0.0]
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        end_learning_rate: float = 0.0001,
        power: float = 1.0,
        cycle: bool = False,
        name: str = "PolynomialDecay",
    ) -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        _check_positive(type(self).__name__, "decay_steps", decay_steps)

    def __call__(self, step: Any) -> Any:
        initial, dtype, step = _float_setup(self.initial_learning_rate, step)
        end = ops.cast(self.end_learning_rate, dtype)
        decay_steps = ops.cast(self.decay_steps, dtype)
        if self.cycle:
            multiplier = ops.where(
                ops.equal(step, 0),
                ops.cast(1.0, dtype),
                ops.ceil(step / decay_steps),
            )
            decay_steps = decay_steps * multiplier
        else:
            step = ops.minimum(step, decay_steps)
        p = step / decay_steps
        power = ops.cast(self.power, dtype)
        return (initial - end) * ops.power(1 - p, power) + end

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "end_learning_rate": self.end_learning_rate,
            "power": self.power,
            "cycle": self.cycle,
            "name": self.name,
        }


@cornu_export("cornu.optimizers.schedules.InverseTimeDecay")
class InverseTimeDecay(LearningRateSchedule):
    """`initial_learning_rate / (1 + decay_rate * step / decay_steps)`.

    Args:
        initial_learning_rate: Float. The learning rate at step 0.
        decay_steps: Positive number. The time unit of the decay.
        decay_rate: Float. The decay rate.
        staircase: If `True`, `step / decay_steps` is floored.
        name: Optional name. Defaults to `"InverseTimeDecay"`.

    Example:

    >>> schedule = cornu.optimizers.schedules.InverseTimeDecay(
    ...     1.0, decay_steps=1, decay_rate=0.5)
    >>> round(float(schedule(2)), 6)
    0.5
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: Any,
        decay_rate: float,
        staircase: bool = False,
        name: str = "InverseTimeDecay",
    ) -> None:
        super().__init__()
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_positive(type(self).__name__, "decay_steps", decay_steps)

    def __call__(self, step: Any) -> Any:
        initial, dtype, step = _float_setup(self.initial_learning_rate, step)
        p = step / ops.cast(self.decay_steps, dtype)
        if self.staircase:
            p = ops.floor(p)
        return initial / (1 + ops.cast(self.decay_rate, dtype) * p)

    def get_config(self) -> dict:
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }
