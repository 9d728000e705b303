"""ScheduleFreeAdamW against a NumPy reference, step by step."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import ops
from cornu.src.optimizers import optimizer_test_harness as harness

SHAPES = [(3, 4), (5,)]


def _reference(
    inits,
    grads,
    learning_rate=0.0025,
    beta_1=0.9,
    beta_2=0.999,
    epsilon=1e-8,
    warmup_steps=0,
    weight_decay=None,
):
    """Per step, the training point y and the average x of every variable
    (x is kept explicitly here; the optimizer recovers it from y and z)."""
    ys = [x.astype("float64") for x in inits]
    zs = [y.copy() for y in ys]
    xs = [y.copy() for y in ys]
    vs = [np.zeros_like(y) for y in ys]
    history, averages = [], []
    for t, step in enumerate(grads, start=1):
        for i, g in enumerate(step):
            if weight_decay is not None:
                ys[i] = ys[i] - ys[i] * weight_decay * learning_rate
                # The optimizer reads x back from the decayed y.
                xs[i] = (ys[i] - (1 - beta_1) * zs[i]) / beta_1
            lr = learning_rate
            if warmup_steps > 0:
                lr = lr * min(t / warmup_steps, 1.0)
            vs[i] = beta_2 * vs[i] + (1 - beta_2) * g**2
            denominator = np.sqrt(vs[i] / (1 - beta_2**t)) + epsilon
            zs[i] = zs[i] - lr * g / denominator
            xs[i] = (1 - 1 / t) * xs[i] + zs[i] / t
            ys[i] = (1 - beta_1) * zs[i] + beta_1 * xs[i]
        history.append([y.copy() for y in ys])
        averages.append([x.copy() for x in xs])
    return history, averages


CASES = [
    {},
    {"learning_rate": 0.05, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-6},
    {"learning_rate": 0.1, "warmup_steps": 3},
    {"learning_rate": 0.05, "weight_decay": 0.1},
]


@pytest.mark.parametrize("kwargs", CASES, ids=str)
def test_schedule_free_adamw_matches_reference_step_by_step(kwargs):
    inits, grads = harness.random_data(SHAPES, 5)
    optimizer = cornu.optimizers.ScheduleFreeAdamW(**kwargs)
    history = harness.run(optimizer, inits, grads)
    expected, _ = _reference(inits, grads, **kwargs)
    harness.assert_history(history, expected)


def test_schedule_free_adamw_stateless_apply_matches_reference():
    kwargs = CASES[2]
    inits, grads = harness.random_data(SHAPES, 4, seed=1)
    optimizer = cornu.optimizers.ScheduleFreeAdamW(**kwargs)
    history = harness.run_stateless(optimizer, inits, grads)
    harness.assert_history(history, _reference(inits, grads, **kwargs)[0])


def test_schedule_free_adamw_swaps_between_y_and_x():
    kwargs = CASES[1]
    inits, grads = harness.random_data(SHAPES, 4, seed=2)
    optimizer = cornu.optimizers.ScheduleFreeAdamW(**kwargs)
    variables = [cornu.Variable(x) for x in inits]
    for step in grads:
        optimizer.apply([ops.convert_to_tensor(g) for g in step], variables)
    ys, xs = _reference(inits, grads, **kwargs)
    assert optimizer.is_training_mode
    optimizer.swap_to_eval()
    optimizer.swap_to_eval()  # a second call changes nothing
    assert not optimizer.is_training_mode
    harness.assert_history([[v.numpy() for v in variables]], xs[-1:])
    optimizer.train()
    assert optimizer.is_training_mode
    harness.assert_history([[v.numpy() for v in variables]], ys[-1:])
    optimizer.eval()
    harness.assert_history([[v.numpy() for v in variables]], xs[-1:])


def test_schedule_free_adamw_swap_before_build_is_a_no_op():
    optimizer = cornu.optimizers.ScheduleFreeAdamW()
    optimizer.swap_to_eval()
    optimizer.swap_to_train()
    assert optimizer.is_training_mode and not optimizer.built


def test_schedule_free_adamw_z_starts_at_the_variable():
    init = np.arange(6, dtype="float32").reshape(2, 3)
    variable = cornu.Variable(init)
    optimizer = cornu.optimizers.ScheduleFreeAdamW()
    optimizer.build([variable])
    z, velocity = optimizer.variables[2:]
    assert z.path.endswith("_z") and velocity.path.endswith("_velocity")
    assert_allclose(z.numpy(), init)
    variable.assign(np.zeros((2, 3), "float32"))
    assert_allclose(z.numpy(), init)  # a copy, not an alias


def test_schedule_free_adamw_config_round_trip():
    optimizer = cornu.optimizers.ScheduleFreeAdamW(
        learning_rate=0.01,
        beta_1=0.8,
        beta_2=0.99,
        epsilon=1e-6,
        warmup_steps=10,
    )
    config = harness.assert_config_round_trip(optimizer)
    assert (config["beta_1"], config["beta_2"]) == (0.8, 0.99)
    assert config["epsilon"] == 1e-6 and config["warmup_steps"] == 10
    assert config["name"] == "schedule_free_adamw"


def test_schedule_free_adamw_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2, whose gradient is w - target.
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    optimizer = cornu.optimizers.ScheduleFreeAdamW(learning_rate=0.1)
    w = harness.minimize_quadratic(
        optimizer, np.zeros(3, dtype="float32"), target, 300
    )
    optimizer.swap_to_eval()
    harness.assert_quadratic_loss_reduced(w, target)
