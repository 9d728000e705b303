"""Ftrl against a NumPy reference, step by step."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import ops

SHAPES = [(3, 4), (5,)]


def _data(steps, seed=0):
    rng = np.random.default_rng(seed)
    inits = [rng.normal(size=s).astype("float32") for s in SHAPES]
    grads = [
        [rng.normal(size=s).astype("float32") for s in SHAPES]
        for _ in range(steps)
    ]
    return inits, grads


def _run(optimizer, inits, grads):
    variables = [cornu.Variable(x) for x in inits]
    history = []
    for step in grads:
        optimizer.apply([ops.convert_to_tensor(g) for g in step], variables)
        # Copies: on some backends `numpy()` shares the variable's memory.
        history.append([np.array(v.numpy()) for v in variables])
    return history


def _run_stateless(optimizer, inits, grads):
    variables = [cornu.Variable(x) for x in inits]
    optimizer.build(variables)
    state = [v.value for v in optimizer.variables]
    values = [v.value for v in variables]
    history = []
    for step in grads:
        step = [ops.convert_to_tensor(g) for g in step]
        values, state = optimizer.stateless_apply(state, step, values)
        history.append([ops.convert_to_numpy(v) for v in values])
    for variable, init in zip(variables, inits, strict=True):
        assert_allclose(variable.numpy(), init)
    return history


def _assert_history(history, expected, rtol=1e-5, atol=1e-6):
    for got_step, want_step in zip(history, expected, strict=True):
        for got, want in zip(got_step, want_step, strict=True):
            assert_allclose(got, want, rtol=rtol, atol=atol)


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
    inits, grads = _data(5)
    history = _run(cornu.optimizers.Ftrl(**kwargs), inits, grads)
    _assert_history(history, _reference(inits, grads, **kwargs))


def test_ftrl_l1_sets_weights_to_exactly_zero():
    inits, grads = _data(3)
    optimizer = cornu.optimizers.Ftrl(
        learning_rate=0.1, l1_regularization_strength=100.0
    )
    history = _run(optimizer, inits, grads)
    assert all((w == 0).all() for w in history[-1])


def test_ftrl_stateless_apply_matches_reference():
    kwargs = CASES[2]
    inits, grads = _data(3, seed=1)
    history = _run_stateless(cornu.optimizers.Ftrl(**kwargs), inits, grads)
    _assert_history(history, _reference(inits, grads, **kwargs))


def test_ftrl_accumulators_start_at_initial_value():
    optimizer = cornu.optimizers.Ftrl(initial_accumulator_value=0.25)
    optimizer.build([cornu.Variable(np.zeros((2, 2), "float32"))])
    accumulator, linear = optimizer.variables[2:]
    assert accumulator.path.endswith("accumulator")
    assert_allclose(accumulator.numpy(), 0.25)
    assert_allclose(linear.numpy(), 0.0)


def test_ftrl_config_round_trip():
    optimizer = cornu.optimizers.Ftrl(**CASES[2])
    config = optimizer.get_config()
    for key, value in CASES[2].items():
        # The learning rate comes back from a float32 variable.
        assert config[key] == pytest.approx(value)
    assert config["name"] == "ftrl"
    assert cornu.optimizers.Ftrl.from_config(config).get_config() == config
    restored = cornu.utils.deserialize_keras_object(
        cornu.utils.serialize_keras_object(optimizer)
    )
    assert type(restored) is cornu.optimizers.Ftrl
    assert restored.get_config() == config


def test_ftrl_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2, whose gradient is w - target.
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    w = cornu.Variable(np.zeros(3, dtype="float32"))
    optimizer = cornu.optimizers.Ftrl(learning_rate=1.0)
    for _ in range(300):
        optimizer.apply([w.value - ops.convert_to_tensor(target)], [w])
    loss = 0.5 * np.sum((w.numpy() - target) ** 2)
    assert loss < 0.01 * 0.5 * np.sum(target**2)


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
