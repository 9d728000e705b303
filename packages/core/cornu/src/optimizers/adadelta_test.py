"""Adadelta against a NumPy reference, step by step."""

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
    inits, grads = _data(5)
    history = _run(cornu.optimizers.Adadelta(**kwargs), inits, grads)
    _assert_history(history, _reference(inits, grads, **kwargs))


def test_adadelta_stateless_apply_matches_reference():
    kwargs = CASES[1]
    inits, grads = _data(3, seed=1)
    history = _run_stateless(cornu.optimizers.Adadelta(**kwargs), inits, grads)
    _assert_history(history, _reference(inits, grads, **kwargs))


def test_adadelta_slot_order_matches_keras():
    optimizer = cornu.optimizers.Adadelta()
    optimizer.build([cornu.Variable(np.zeros(s, "float32")) for s in SHAPES])
    # iteration, learning_rate, then every accumulated_grad slot before
    # the accumulated_delta_var ones (Keras's order, for saved states).
    slots = [v.path for v in optimizer.variables[2:]]
    suffixes = ["accumulated_grad"] * 2 + ["accumulated_delta_var"] * 2
    ends = [p.endswith(s) for p, s in zip(slots, suffixes, strict=True)]
    assert ends == [True] * 4


def test_adadelta_config_round_trip():
    optimizer = cornu.optimizers.Adadelta(
        learning_rate=1.0, rho=0.9, epsilon=1e-6, global_clipnorm=2.0
    )
    config = optimizer.get_config()
    assert (config["rho"], config["epsilon"]) == (0.9, 1e-6)
    assert config["name"] == "adadelta"
    assert cornu.optimizers.Adadelta.from_config(config).get_config() == config
    restored = cornu.utils.deserialize_keras_object(
        cornu.utils.serialize_keras_object(optimizer)
    )
    assert type(restored) is cornu.optimizers.Adadelta
    assert restored.get_config() == config


def test_adadelta_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2, whose gradient is w - target.
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    w = cornu.Variable(np.zeros(3, dtype="float32"))
    optimizer = cornu.optimizers.Adadelta(learning_rate=1.0, epsilon=1e-4)
    for _ in range(300):
        optimizer.apply([w.value - ops.convert_to_tensor(target)], [w])
    loss = 0.5 * np.sum((w.numpy() - target) ** 2)
    assert loss < 0.01 * 0.5 * np.sum(target**2)
