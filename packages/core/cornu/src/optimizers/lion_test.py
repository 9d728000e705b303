"""Lion against a NumPy reference, step by step."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.optimizers import optimizer_test_harness as harness

SHAPES = [(3, 4), (5,)]


def _reference(
    inits,
    grads,
    learning_rate=0.001,
    beta_1=0.9,
    beta_2=0.99,
    weight_decay=None,
):
    ws = [x.astype("float64") for x in inits]
    ms = [np.zeros_like(w) for w in ws]
    history = []
    for step in grads:
        for i, g in enumerate(step):
            w, m = ws[i], ms[i]
            if weight_decay is not None:
                w = w - w * weight_decay * learning_rate
            w = w - learning_rate * np.sign(beta_1 * m + (1 - beta_1) * g)
            ms[i] = beta_2 * m + (1 - beta_2) * g
            ws[i] = w
        history.append([w.copy() for w in ws])
    return history


CASES = [
    {},
    {"learning_rate": 0.05, "beta_1": 0.5, "beta_2": 0.9},
    {"learning_rate": 0.01, "beta_1": 1.0},
    {"learning_rate": 0.02, "weight_decay": 0.1},
]


@pytest.mark.parametrize("kwargs", CASES, ids=str)
def test_lion_matches_reference_step_by_step(kwargs):
    inits, grads = harness.random_data(SHAPES, 4)
    history = harness.run(cornu.optimizers.Lion(**kwargs), inits, grads)
    expected = _reference(inits, grads, **kwargs)
    harness.assert_history(history, expected)


@pytest.mark.parametrize("kwargs", CASES[:2], ids=str)
def test_lion_stateless_apply_matches_reference(kwargs):
    inits, grads = harness.random_data(SHAPES, 3, seed=1)
    history = harness.run_stateless(
        cornu.optimizers.Lion(**kwargs), inits, grads
    )
    expected = _reference(inits, grads, **kwargs)
    harness.assert_history(history, expected)


def test_lion_slots_and_iterations():
    inits, grads = harness.random_data(SHAPES, 2)
    optimizer = cornu.optimizers.Lion()
    harness.run(optimizer, inits, grads)
    assert int(ops.convert_to_numpy(optimizer.iterations)) == 2
    # iteration, learning_rate, then one momentum per variable.
    assert len(optimizer.variables) == 2 + len(SHAPES)
    assert optimizer.variables[2].path.endswith("_momentum")


def test_lion_config_round_trip():
    optimizer = cornu.optimizers.Lion(
        learning_rate=0.01, beta_1=0.8, beta_2=0.95, clipnorm=1.0
    )
    config = harness.assert_config_round_trip(optimizer)
    assert config["beta_1"] == 0.8 and config["beta_2"] == 0.95
    assert config["name"] == "lion"


def test_lion_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2, whose gradient is w - target.
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    optimizer = cornu.optimizers.Lion(learning_rate=0.01)
    w = harness.minimize_quadratic(
        optimizer, np.zeros(3, dtype="float32"), target, 600
    )
    harness.assert_quadratic_loss_reduced(w, target)


@pytest.mark.parametrize("beta_1", [0.0, -0.1, 1.5])
def test_lion_rejects_beta_1_outside_0_1(beta_1):
    with pytest.raises(ValueError, match=f"Received: beta_1={beta_1}"):
        cornu.optimizers.Lion(beta_1=beta_1)
