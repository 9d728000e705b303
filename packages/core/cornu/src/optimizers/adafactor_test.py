"""Adafactor against a NumPy reference, step by step."""

import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

SHAPES = [(2, 3, 4), (3, 4), (5,)]


def _rms(x):
    return np.sqrt(np.mean(x**2))


def _reference(
    inits,
    grads,
    learning_rate=0.001,
    beta_2_decay=-0.8,
    epsilon_1=1e-30,
    epsilon_2=1e-3,
    clip_threshold=1.0,
    relative_step=True,
    weight_decay=None,
):
    ws = [x.astype("float64") for x in inits]
    rs = [np.zeros(w.shape[:-1]) for w in ws]
    cs = [np.zeros(w.shape[:-2] + w.shape[-1:]) for w in ws]
    vs = [np.zeros_like(w) for w in ws]
    history = []
    for t, step in enumerate(grads, start=1):
        for i, g in enumerate(step):
            w = ws[i]
            if weight_decay is not None:
                w = w - w * weight_decay * learning_rate
            # Keras: the step size is min(lr, 1/sqrt(t)) whatever
            # `relative_step` says.
            rho = min(learning_rate, 1 / np.sqrt(t))
            alpha = max(epsilon_2, _rms(w)) * rho
            squared = g**2 + epsilon_1
            decay = 1 - t**beta_2_decay
            if w.ndim >= 2:
                rs[i] = decay * rs[i] + (1 - decay) * squared.mean(-1)
                cs[i] = decay * cs[i] + (1 - decay) * squared.mean(-2)
                row = rs[i] / rs[i].mean(-1, keepdims=True)
                vs[i] = row[..., None] * cs[i][..., None, :]
            else:
                vs[i] = decay * vs[i] + (1 - decay) * squared
            u = g / np.sqrt(vs[i])
            u = u / max(1.0, _rms(u) / clip_threshold)
            ws[i] = w - alpha * u
        history.append([w.copy() for w in ws])
    return history


CASES = [
    {},
    {"learning_rate": 0.1, "beta_2_decay": -0.5, "epsilon_2": 1e-2},
    {"learning_rate": 0.7, "clip_threshold": 0.5},
    {"learning_rate": 0.01, "relative_step": False, "epsilon_1": 1e-10},
    {"learning_rate": 0.05, "weight_decay": 0.1},
]


@pytest.mark.parametrize("kwargs", CASES, ids=str)
def test_adafactor_matches_reference_step_by_step(kwargs):
    inits, grads = harness.random_data(SHAPES, 5)
    history = harness.run(cornu.optimizers.Adafactor(**kwargs), inits, grads)
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_adafactor_stateless_apply_matches_reference():
    kwargs = CASES[1]
    inits, grads = harness.random_data(SHAPES, 3, seed=1)
    history = harness.run_stateless(
        cornu.optimizers.Adafactor(**kwargs), inits, grads
    )
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_adafactor_factors_only_variables_with_two_axes_or_more():
    optimizer = cornu.optimizers.Adafactor()
    optimizer.build([cornu.Variable(np.zeros(s, "float32")) for s in SHAPES])
    shapes = [tuple(v.shape) for v in optimizer.variables[2:]]
    # (r, c, velocity) for each factored variable; for 1-D ones two int32
    # scalar placeholders and velocity (Keras 3's layout).
    assert shapes == [
        (2, 3),
        (2, 4),
        (2, 3, 4),
        (3,),
        (4,),
        (3, 4),
        (),
        (),
        (5,),
    ]


def test_adafactor_config_round_trip():
    optimizer = cornu.optimizers.Adafactor(
        learning_rate=0.01,
        beta_2_decay=-0.6,
        epsilon_1=1e-20,
        epsilon_2=1e-2,
        clip_threshold=2.0,
        relative_step=False,
    )
    config = harness.assert_config_round_trip(optimizer)
    assert config["beta_2_decay"] == -0.6 and config["epsilon_1"] == 1e-20
    assert config["epsilon_2"] == 1e-2 and config["clip_threshold"] == 2.0
    assert config["relative_step"] is False
    assert config["name"] == "adafactor"


def test_adafactor_minimizes_a_quadratic():
    # loss = 0.5 * ||W - target||**2, whose gradient is W - target.
    target = np.array([[1.0, -2.0], [3.0, 0.5]], dtype="float32")
    optimizer = cornu.optimizers.Adafactor(learning_rate=0.1)
    w = harness.minimize_quadratic(
        optimizer, np.full((2, 2), 0.1, dtype="float32"), target, 300
    )
    harness.assert_quadratic_loss_reduced(w, target)
