import math

import numpy as np
import pytest

import cornu
from cornu import ops

schedules = cornu.optimizers.schedules
STEPS = list(range(0, 120, 7)) + [1, 10, 20, 69, 70, 71, 100, 101]


def _values(schedule, steps=STEPS):
    return np.array([float(ops.convert_to_numpy(schedule(s))) for s in steps])


def _cosine(step, decay_steps, alpha, start):
    step = min(step, decay_steps)
    decayed = (1 - alpha) * 0.5 * (1 + math.cos(math.pi * step / decay_steps))
    return start * (decayed + alpha)


@pytest.mark.parametrize("alpha", [0.0, 0.1])
def test_cosine_decay_matches_formula(alpha):
    schedule = schedules.CosineDecay(0.4, 50, alpha=alpha)
    expected = [_cosine(s, 50, alpha, 0.4) for s in STEPS]
    np.testing.assert_allclose(
        _values(schedule), expected, rtol=1e-5, atol=1e-7
    )


def test_cosine_decay_with_warmup_matches_formula():
    schedule = schedules.CosineDecay(
        0.01, 50, alpha=0.1, warmup_target=0.5, warmup_steps=20
    )
    expected = []
    for s in STEPS:
        s = min(s, 70)
        if s < 20:
            expected.append((0.5 - 0.01) * s / 20 + 0.01)
        else:
            expected.append(_cosine(s - 20, 50, 0.1, 0.5))
    np.testing.assert_allclose(_values(schedule), expected, rtol=1e-5)


def _restarts(step, first, t_mul, m_mul, alpha, initial):
    fraction = step / first
    if t_mul == 1.0:
        i = math.floor(fraction)
        fraction -= i
    else:
        i = math.floor(math.log(1 - fraction * (1 - t_mul)) / math.log(t_mul))
        done = (1 - t_mul**i) / (1 - t_mul)
        fraction = (fraction - done) / t_mul**i
    cosine = 0.5 * m_mul**i * (1 + math.cos(math.pi * fraction))
    return initial * ((1 - alpha) * cosine + alpha)


@pytest.mark.parametrize(
    "t_mul, m_mul, alpha",
    [(2.0, 1.0, 0.0), (1.0, 0.5, 0.1), (1.5, 0.8, 0.0)],
    ids=str,
)
def test_cosine_decay_restarts_matches_formula(t_mul, m_mul, alpha):
    schedule = schedules.CosineDecayRestarts(
        0.3, 10, t_mul=t_mul, m_mul=m_mul, alpha=alpha
    )
    expected = [_restarts(s, 10, t_mul, m_mul, alpha, 0.3) for s in STEPS]
    np.testing.assert_allclose(
        _values(schedule), expected, rtol=2e-5, atol=1e-6
    )
