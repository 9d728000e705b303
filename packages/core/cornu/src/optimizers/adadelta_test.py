"""Adadelta against a NumPy reference, step by step."""

import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

SHAPES = [(3, 4), (5,)]


def _reference(
    inits,
    grads,
    learning_rate=0.001,
    rho=0.95,
    epsilon=1e-7,
    weight_decay=None,
):
    ws = [x.astype("float64") for x in inits]
    acc_g = [np.zeros_like(w) for w in ws]
    acc_d = [np.zeros_like(w) for w in ws]
    history = []
    for step in grads:
        for i, g in enumerate(step):
            w = ws[i]
            if weight_decay is not None:
                w = w - w * weight_decay * learning_rate
            acc_g[i] = rho * acc_g[i] + (1 - rho) * g**2
            delta = -np.sqrt(acc_d[i] + epsilon) / np.sqrt(acc_g[i] + epsilon)
            delta = delta * g
            acc_d[i] = rho * acc_d[i] + (1 - rho) * delta**2
            ws[i] = w + learning_rate * delta
        history.append([w.copy() for w in ws])
    return history


CASES = [
    {},
    {"learning_rate": 1.0, "rho": 0.9, "epsilon": 1e-3},
    {"learning_rate": 0.5, "weight_decay": 0.05},
]


@pytest.mark.parametrize("kwargs", CASES, ids=str)
def test_adadelta_matches_reference_step_by_step(kwargs):
    inits, grads = harness.random_data(SHAPES, 5)
    history = harness.run(cornu.optimizers.Adadelta(**kwargs), inits, grads)
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_adadelta_stateless_apply_matches_reference():
    kwargs = CASES[1]
    inits, grads = harness.random_data(SHAPES, 3, seed=1)
    history = harness.run_stateless(
        cornu.optimizers.Adadelta(**kwargs), inits, grads
    )
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_adadelta_config_round_trip():
    optimizer = cornu.optimizers.Adadelta(
        learning_rate=1.0, rho=0.9, epsilon=1e-6, global_clipnorm=2.0
    )
    config = harness.assert_config_round_trip(optimizer)
    assert (config["rho"], config["epsilon"]) == (0.9, 1e-6)
    assert config["name"] == "adadelta"


def test_adadelta_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2, whose gradient is w - target.
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    optimizer = cornu.optimizers.Adadelta(learning_rate=1.0, epsilon=1e-4)
    w = harness.minimize_quadratic(
        optimizer, np.zeros(3, dtype="float32"), target, 300
    )
    harness.assert_quadratic_loss_reduced(w, target)
