import math

import numpy as np
import pytest

import cornu
from cornu import ops

schedules = cornu.optimizers.schedules
STEPS = list(range(0, 120, 7)) + [1, 10, 20, 100, 101]


def _values(schedule, steps=STEPS):
    return np.array([float(ops.convert_to_numpy(schedule(s))) for s in steps])


@pytest.mark.parametrize("staircase", [False, True])
def test_exponential_decay_matches_formula(staircase):
    schedule = schedules.ExponentialDecay(0.3, 10, 0.7, staircase=staircase)
    p = np.array(STEPS, "float64") / 10
    p = np.floor(p) if staircase else p
    np.testing.assert_allclose(_values(schedule), 0.3 * 0.7**p, rtol=1e-5)


def test_piecewise_constant_decay_matches_formula():
    schedule = schedules.PiecewiseConstantDecay(
        [10, 20, 50], [1.0, 0.5, 0.2, 0.1]
    )
    expected = [
        1.0 if s <= 10 else 0.5 if s <= 20 else 0.2 if s <= 50 else 0.1
        for s in STEPS
    ]
    np.testing.assert_allclose(_values(schedule), expected, rtol=1e-6)
    single = schedules.PiecewiseConstantDecay([5], [1.0, 0.1])
    np.testing.assert_allclose(_values(single, [4, 5, 6]), [1.0, 1.0, 0.1])


@pytest.mark.parametrize("cycle", [False, True])
@pytest.mark.parametrize("power", [1.0, 0.5, 2.0])
def test_polynomial_decay_matches_formula(cycle, power):
    schedule = schedules.PolynomialDecay(
        0.5, 30, end_learning_rate=0.05, power=power, cycle=cycle
    )
    expected = []
    for s in STEPS:
        decay_steps = 30.0
        if cycle:
            decay_steps *= 1.0 if s == 0 else math.ceil(s / 30)
        else:
            s = min(s, 30)
        expected.append((0.5 - 0.05) * (1 - s / decay_steps) ** power + 0.05)
    np.testing.assert_allclose(
        _values(schedule), expected, rtol=1e-5, atol=1e-7
    )


@pytest.mark.parametrize("staircase", [False, True])
def test_inverse_time_decay_matches_formula(staircase):
    schedule = schedules.InverseTimeDecay(0.2, 7, 0.3, staircase=staircase)
    p = np.array(STEPS, "float64") / 7
    p = np.floor(p) if staircase else p
    np.testing.assert_allclose(
        _values(schedule), 0.2 / (1 + 0.3 * p), rtol=1e-5
    )


def test_schedules_accept_a_variable_step():
    step = cornu.Variable(5, dtype="int32")
    schedule = schedules.ExponentialDecay(1.0, 5, 0.5)
    assert float(ops.convert_to_numpy(schedule(step))) == pytest.approx(0.5)


ALL = [
    schedules.ExponentialDecay(0.1, 10, 0.9, staircase=True, name="e"),
    schedules.PiecewiseConstantDecay([1, 2], [0.3, 0.2, 0.1]),
    schedules.PolynomialDecay(0.1, 10, power=2.0, cycle=True),
    schedules.InverseTimeDecay(0.1, 3, 0.5),
    schedules.CosineDecay(0.1, 10, warmup_target=0.2, warmup_steps=3),
    schedules.CosineDecayRestarts(0.1, 10, t_mul=1.5, m_mul=0.9, alpha=0.1),
]


@pytest.mark.parametrize("schedule", ALL, ids=lambda s: type(s).__name__)
def test_config_round_trip(schedule):
    config = schedules.serialize(schedule)
    restored = schedules.deserialize(config)
    assert type(restored) is type(schedule)
    assert restored.get_config() == schedule.get_config()
    np.testing.assert_allclose(
        _values(restored, [0, 4, 15]), _values(schedule, [0, 4, 15])
    )
    again = type(schedule).from_config(schedule.get_config())
    assert again.get_config() == schedule.get_config()


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: schedules.ExponentialDecay(0.1, 0, 0.9), "decay_steps=0"),
        (lambda: schedules.PolynomialDecay(0.1, -1), "decay_steps=-1"),
        (lambda: schedules.InverseTimeDecay(0.1, 0, 0.5), "decay_steps=0"),
        (lambda: schedules.CosineDecay(0.1, 0), "decay_steps=0"),
        (lambda: schedules.CosineDecayRestarts(0.1, 0), "first_decay_steps=0"),
        (lambda: schedules.PiecewiseConstantDecay([1, 2], [0.1]), "1 less"),
    ],
)
def test_invalid_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_base_class_must_be_overridden():
    base = schedules.LearningRateSchedule()
    with pytest.raises(NotImplementedError, match="__call__"):
        base(1)
    with pytest.raises(NotImplementedError, match="get_config"):
        base.get_config()
