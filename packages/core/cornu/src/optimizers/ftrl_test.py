"""Ftrl against a NumPy reference, step by step."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

SHAPES = [(3, 4), (5,)]


def _reference(
    inits,
    grads,
    learning_rate=0.001,
    learning_rate_power=-0.5,
    initial_accumulator_value=0.1,
    l1_regularization_strength=0.0,
    l2_regularization_strength=0.0,
    l2_shrinkage_regularization_strength=0.0,
    beta=0.0,
    weight_decay=None,
):
    lr, p = learning_rate, -learning_rate_power
    l1 = l1_regularization_strength
    l2 = l2_regularization_strength + beta / (2 * lr)
    ws = [x.astype("float64") for x in inits]
    ns = [np.full_like(w, initial_accumulator_value) for w in ws]
    zs = [np.zeros_like(w) for w in ws]
    history = []
    for step in grads:
        for i, g in enumerate(step):
            w = ws[i]
            if weight_decay is not None:
                w = w - w * weight_decay * lr
            shrunk = g + 2 * l2_shrinkage_regularization_strength * w
            n_new = ns[i] + g**2
            sigma = (n_new**p - ns[i] ** p) / lr
            zs[i] = zs[i] + shrunk - sigma * w
            z = zs[i]
            solution = (np.sign(z) * l1 - z) / (n_new**p / lr + 2 * l2)
            ws[i] = np.where(np.abs(z) > l1, solution, 0.0)
            ns[i] = n_new
        history.append([w.copy() for w in ws])
    return history


CASES = [
    {},
    {"learning_rate": 0.1, "l1_regularization_strength": 0.5},
    {
        "learning_rate": 0.05,
        "learning_rate_power": -0.7,
        "initial_accumulator_value": 0.5,
        "l2_regularization_strength": 0.2,
        "l2_shrinkage_regularization_strength": 0.1,
        "beta": 0.3,
    },
    {"learning_rate": 0.1, "learning_rate_power": 0.0},
    {"learning_rate": 0.1, "weight_decay": 0.05},
]


@pytest.mark.parametrize("kwargs", CASES, ids=str)
def test_ftrl_matches_reference_step_by_step(kwargs):
    inits, grads = harness.random_data(SHAPES, 5)
    history = harness.run(cornu.optimizers.Ftrl(**kwargs), inits, grads)
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_ftrl_l1_sets_weights_to_exactly_zero():
    inits, grads = harness.random_data(SHAPES, 3)
    optimizer = cornu.optimizers.Ftrl(
        learning_rate=0.1, l1_regularization_strength=100.0
    )
    history = harness.run(optimizer, inits, grads)
    assert all((w == 0).all() for w in history[-1])


def test_ftrl_stateless_apply_matches_reference():
    kwargs = CASES[2]
    inits, grads = harness.random_data(SHAPES, 3, seed=1)
    history = harness.run_stateless(
        cornu.optimizers.Ftrl(**kwargs), inits, grads
    )
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_ftrl_accumulators_start_at_initial_value():
    optimizer = cornu.optimizers.Ftrl(initial_accumulator_value=0.25)
    optimizer.build([cornu.Variable(np.zeros((2, 2), "float32"))])
    accumulator, linear = optimizer.variables[2:]
    assert accumulator.path.endswith("accumulator")
    assert_allclose(accumulator.numpy(), 0.25)
    assert_allclose(linear.numpy(), 0.0)


def test_ftrl_config_round_trip():
    optimizer = cornu.optimizers.Ftrl(**CASES[2])
    config = harness.assert_config_round_trip(optimizer)
    for key, value in CASES[2].items():
        # The learning rate comes back from a float32 variable.
        assert config[key] == pytest.approx(value)
    assert config["name"] == "ftrl"


def test_ftrl_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2, whose gradient is w - target.
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    optimizer = cornu.optimizers.Ftrl(learning_rate=1.0)
    w = harness.minimize_quadratic(
        optimizer, np.zeros(3, dtype="float32"), target, 300
    )
    harness.assert_quadratic_loss_reduced(w, target)


@pytest.mark.parametrize(
    "name, value",
    [
        ("initial_accumulator_value", -0.1),
        ("learning_rate_power", 0.5),
        ("l1_regularization_strength", -1.0),
        ("l2_regularization_strength", -1.0),
        ("l2_shrinkage_regularization_strength", -1.0),
    ],
)
def test_ftrl_rejects_invalid_arguments(name, value):
    with pytest.raises(ValueError, match=f"Received: {name}={value}"):
        cornu.optimizers.Ftrl(**{name: value})
