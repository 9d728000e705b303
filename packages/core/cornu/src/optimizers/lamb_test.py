"""Lamb against a NumPy reference, step by step."""

import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

SHAPES = [(3, 4), (5,)]


def _reference(
    inits,
    grads,
    learning_rate=0.001,
    beta_1=0.9,
    beta_2=0.999,
    epsilon=1e-7,
    weight_decay=None,
):
    ws = [x.astype("float64") for x in inits]
    ms = [np.zeros_like(w) for w in ws]
    vs = [np.zeros_like(w) for w in ws]
    history = []
    for t, step in enumerate(grads, start=1):
        for i, g in enumerate(step):
            w = ws[i]
            if weight_decay is not None:
                w = w - w * weight_decay * learning_rate
            ms[i] = beta_1 * ms[i] + (1 - beta_1) * g
            vs[i] = beta_2 * vs[i] + (1 - beta_2) * g**2
            m_hat = ms[i] / (1 - beta_1**t)
            v_hat = vs[i] / (1 - beta_2**t)
            update = m_hat / (np.sqrt(v_hat) + epsilon)
            w_norm = np.linalg.norm(w)
            u_norm = np.linalg.norm(update)
            ratio = w_norm / u_norm if w_norm > 0 and u_norm > 0 else 1.0
            ws[i] = w - ratio * learning_rate * update
        history.append([w.copy() for w in ws])
    return history


CASES = [
    {},
    {"learning_rate": 0.05, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-5},
    {"learning_rate": 0.01, "weight_decay": 0.1},
]


@pytest.mark.parametrize("kwargs", CASES, ids=str)
def test_lamb_matches_reference_step_by_step(kwargs):
    inits, grads = harness.random_data(SHAPES, 5)
    history = harness.run(cornu.optimizers.Lamb(**kwargs), inits, grads)
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_lamb_stateless_apply_matches_reference():
    kwargs = CASES[1]
    inits, grads = harness.random_data(SHAPES, 3, seed=1)
    history = harness.run_stateless(
        cornu.optimizers.Lamb(**kwargs), inits, grads
    )
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_lamb_trust_ratio_is_one_for_zero_weights_or_gradients():
    inits = [np.zeros((3, 4), "float32"), np.ones(5, "float32")]
    grads = [[np.ones((3, 4), "float32"), np.zeros(5, "float32")]] * 2
    history = harness.run(
        cornu.optimizers.Lamb(learning_rate=0.1), inits, grads
    )
    harness.assert_history(history, _reference(inits, grads, learning_rate=0.1))
    assert np.isfinite(history[-1][1]).all()


def test_lamb_config_round_trip():
    optimizer = cornu.optimizers.Lamb(
        learning_rate=0.01,
        beta_1=0.8,
        beta_2=0.9,
        epsilon=1e-6,
        clipvalue=0.5,
    )
    config = harness.assert_config_round_trip(optimizer)
    assert (config["beta_1"], config["beta_2"]) == (0.8, 0.9)
    assert config["epsilon"] == 1e-6 and config["name"] == "lamb"


def test_lamb_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2, whose gradient is w - target.
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    optimizer = cornu.optimizers.Lamb(learning_rate=0.02)
    w = harness.minimize_quadratic(
        optimizer, np.full(3, 0.5, dtype="float32"), target, 300
    )
    harness.assert_quadratic_loss_reduced(w, target)
