"""Adafactor against a NumPy reference, step by step."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import ops

SHAPES = [(2, 3, 4), (3, 4), (5,)]


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
    inits, grads = _data(5)
    history = _run(cornu.optimizers.Adafactor(**kwargs), inits, grads)
    _assert_history(history, _reference(inits, grads, **kwargs))


def test_adafactor_stateless_apply_matches_reference():
    kwargs = CASES[1]
    inits, grads = _data(3, seed=1)
    history = _run_stateless(cornu.optimizers.Adafactor(**kwargs), inits, grads)
    _assert_history(history, _reference(inits, grads, **kwargs))


def test_adafactor_factors_only_variables_with_two_axes_or_more():
    optimizer = cornu.optimizers.Adafactor()
    optimizer.build([cornu.Variable(np.zeros(s, "float32")) for s in SHAPES])
    shapes = [tuple(v.shape) for v in optimizer.variables[2:]]
    # (r, c, velocity) for each factored variable, velocity alone for 1-D.
    assert shapes == [
        (2, 3),
        (2, 4),
        (2, 3, 4),
        (3,),
        (4,),
        (3, 4),
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
    config = optimizer.get_config()
    assert config["beta_2_decay"] == -0.6 and config["epsilon_1"] == 1e-20
    assert config["epsilon_2"] == 1e-2 and config["clip_threshold"] == 2.0
    assert config["relative_step"] is False
    assert config["name"] == "adafactor"
    clone = cornu.optimizers.Adafactor.from_config(config)
    assert clone.get_config() == config
    restored = cornu.utils.deserialize_keras_object(
        cornu.utils.serialize_keras_object(optimizer)
    )
    assert type(restored) is cornu.optimizers.Adafactor
    assert restored.get_config() == config


def test_adafactor_minimizes_a_quadratic():
    # loss = 0.5 * ||W - target||**2, whose gradient is W - target.
    target = np.array([[1.0, -2.0], [3.0, 0.5]], dtype="float32")
    w = cornu.Variable(np.full((2, 2), 0.1, dtype="float32"))
    optimizer = cornu.optimizers.Adafactor(learning_rate=0.1)
    for _ in range(300):
        optimizer.apply([w.value - ops.convert_to_tensor(target)], [w])
    loss = 0.5 * np.sum((w.numpy() - target) ** 2)
    assert loss < 0.01 * 0.5 * np.sum(target**2)
