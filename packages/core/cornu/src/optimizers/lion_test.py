"""Lion against a NumPy reference, step by step."""

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
    inits, grads = _data(4)
    history = _run(cornu.optimizers.Lion(**kwargs), inits, grads)
    expected = _reference(inits, grads, **kwargs)
    _assert_history(history, expected)


@pytest.mark.parametrize("kwargs", CASES[:2], ids=str)
def test_lion_stateless_apply_matches_reference(kwargs):
    inits, grads = _data(3, seed=1)
    history = _run_stateless(cornu.optimizers.Lion(**kwargs), inits, grads)
    expected = _reference(inits, grads, **kwargs)
    _assert_history(history, expected)


def test_lion_slots_and_iterations():
    inits, grads = _data(2)
    optimizer = cornu.optimizers.Lion()
    _run(optimizer, inits, grads)
    assert int(ops.convert_to_numpy(optimizer.iterations)) == 2
    # iteration, learning_rate, then one momentum per variable.
    assert len(optimizer.variables) == 2 + len(SHAPES)
    assert optimizer.variables[2].path.endswith("_momentum")


def test_lion_config_round_trip():
    optimizer = cornu.optimizers.Lion(
        learning_rate=0.01, beta_1=0.8, beta_2=0.95, clipnorm=1.0
    )
    config = optimizer.get_config()
    assert config["beta_1"] == 0.8 and config["beta_2"] == 0.95
    assert config["name"] == "lion"
    clone = cornu.optimizers.Lion.from_config(config)
    assert clone.get_config() == config
    restored = cornu.utils.deserialize_keras_object(
        cornu.utils.serialize_keras_object(optimizer)
    )
    assert type(restored) is cornu.optimizers.Lion
    assert restored.get_config() == config


def test_lion_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2, whose gradient is w - target.
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    w = cornu.Variable(np.zeros(3, dtype="float32"))
    optimizer = cornu.optimizers.Lion(learning_rate=0.01)
    for _ in range(600):
        optimizer.apply([w.value - ops.convert_to_tensor(target)], [w])
    loss = 0.5 * np.sum((w.numpy() - target) ** 2)
    assert loss < 0.01 * 0.5 * np.sum(target**2)


@pytest.mark.parametrize("beta_1", [0.0, -0.1, 1.5])
def test_lion_rejects_beta_1_outside_0_1(beta_1):
    with pytest.raises(ValueError, match=f"Received: beta_1={beta_1}"):
        cornu.optimizers.Lion(beta_1=beta_1)
