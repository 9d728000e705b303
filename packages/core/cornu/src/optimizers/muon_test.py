"""Muon against a NumPy reference, step by step."""

import re

import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import ops
from cornu.src.optimizers import optimizer_test_harness as harness

# name -> shape: 2-D kernels (one tall) take the Muon step; the bias, the
# 3-D kernel and, by default, the embedding take the AdamW step.
VARIABLES = {
    "kernel": (3, 4),
    "tall_kernel": (5, 3),
    "bias": (4,),
    "conv_kernel": (2, 2, 3),
    "embedding_table": (6, 3),
    "output_kernel": (4, 2),
}


def _data(steps, seed=0):
    """Named initial values (a dict) and per-step gradients."""
    inits, grads = harness.random_data(list(VARIABLES.values()), steps, seed)
    return dict(zip(VARIABLES, inits, strict=True)), grads


def _newton_schulz(x, steps, a=3.4445, b=-4.7750, c=2.0315):
    tall = x.shape[-2] > x.shape[-1]
    if tall:
        x = np.swapaxes(x, -1, -2)
    x = x / (np.linalg.norm(x, axis=(-2, -1), keepdims=True) + 1e-7)
    for _ in range(steps):
        gram = x @ np.swapaxes(x, -1, -2)
        x = a * x + (b * gram + c * gram @ gram) @ x
    if tall:
        x = np.swapaxes(x, -1, -2)
    return x


def _uses_adamw(name, shape, exclude_layers, exclude_embeddings):
    if len(shape) != 2:
        return True
    if exclude_embeddings and "embedding" in name.lower():
        return True
    return any(re.search(p, name) for p in exclude_layers)


def _reference(
    inits,
    grads,
    learning_rate=0.001,
    adam_beta_1=0.9,
    adam_beta_2=0.999,
    adam_weight_decay=0.004,
    epsilon=1e-7,
    weight_decay=0.004,
    exclude_layers=(),
    exclude_embeddings=True,
    adam_lr_ratio=1,
    momentum=0.95,
    ns_steps=5,
    nesterov=True,
    rms_rate=0.2,
    no_decay=(),
):
    names = list(inits)
    ws = [inits[n].astype("float64") for n in names]
    ms = [np.zeros_like(w) for w in ws]
    vs = [np.zeros_like(w) for w in ws]
    adamw = [
        _uses_adamw(n, w.shape, exclude_layers, exclude_embeddings)
        for n, w in zip(names, ws, strict=True)
    ]
    history = []
    for t, step in enumerate(grads, start=1):
        for i, g in enumerate(step):
            w = ws[i]
            decay = adam_weight_decay if adamw[i] else weight_decay
            if decay is not None and names[i] not in no_decay:
                w = w - w * decay * learning_rate
            if adamw[i]:
                lr = learning_rate * adam_lr_ratio
                ms[i] = adam_beta_1 * ms[i] + (1 - adam_beta_1) * g
                vs[i] = adam_beta_2 * vs[i] + (1 - adam_beta_2) * g**2
                alpha = lr * np.sqrt(1 - adam_beta_2**t) / (1 - adam_beta_1**t)
                w = w - ms[i] * alpha / (np.sqrt(vs[i]) + epsilon)
            else:
                ms[i] = momentum * ms[i] + g
                direction = g + momentum * ms[i] if nesterov else ms[i]
                update = learning_rate * _newton_schulz(direction, ns_steps)
                if rms_rate is not None:
                    update = update * np.sqrt(max(w.shape)) * rms_rate
                w = w - update
            ws[i] = w
        history.append([w.copy() for w in ws])
    return history


CASES = [
    {},
    {
        "learning_rate": 0.01,
        "momentum": 0.9,
        "nesterov": False,
        "rms_rate": None,
        "ns_steps": 3,
        "adam_lr_ratio": 0.1,
        "weight_decay": None,
        "adam_weight_decay": None,
    },
    {
        "learning_rate": 0.02,
        "exclude_embeddings": False,
        "exclude_layers": ["^output"],
        "adam_beta_1": 0.8,
        "adam_beta_2": 0.99,
        "epsilon": 1e-5,
        "weight_decay": 0.1,
        "adam_weight_decay": 0.01,
        "muon_a": 3.4445,
    },
]


@pytest.mark.parametrize("kwargs", CASES, ids=str)
def test_muon_matches_reference_step_by_step(kwargs):
    inits, grads = _data(4)
    history = harness.run(cornu.optimizers.Muon(**kwargs), inits, grads)
    kwargs = {k: v for k, v in kwargs.items() if not k.startswith("muon_")}
    harness.assert_history(history, _reference(inits, grads, **kwargs))


def test_muon_respects_exclude_from_weight_decay():
    inits, grads = _data(3, seed=3)
    optimizer = cornu.optimizers.Muon(learning_rate=0.05, weight_decay=0.2)
    optimizer.exclude_from_weight_decay(var_names=["bias", "tall"])
    history = harness.run(optimizer, inits, grads)
    expected = _reference(
        inits,
        grads,
        learning_rate=0.05,
        weight_decay=0.2,
        no_decay=("bias", "tall_kernel"),
    )
    harness.assert_history(history, expected)


def test_muon_stateless_apply_matches_reference():
    kwargs = CASES[2]
    inits, grads = _data(3, seed=1)
    optimizer = cornu.optimizers.Muon(**kwargs)
    history = harness.run_stateless(optimizer, inits, grads)
    kwargs = {k: v for k, v in kwargs.items() if not k.startswith("muon_")}
    harness.assert_history(history, _reference(inits, grads, **kwargs))


@pytest.mark.parametrize(
    "kwargs, adamw",
    [
        ({}, [False, False, True, True, True, False]),
        (
            {"exclude_embeddings": False, "exclude_layers": ["output"]},
            [False, False, True, True, False, True],
        ),
    ],
    ids=["defaults", "exclude_layers"],
)
def test_muon_routes_variables_as_keras_does(kwargs, adamw):
    optimizer = cornu.optimizers.Muon(**kwargs)
    optimizer.build(harness.make_variables(_data(1)[0]))
    assert [v is not None for v in optimizer.adam_velocities] == adamw
    assert all(m is not None for m in optimizer.momentums)


@pytest.mark.parametrize("shape", [(4, 6), (6, 4), (2, 3, 5)], ids=str)
def test_muon_newton_schulz_matches_reference(shape):
    x = np.random.default_rng(4).normal(size=shape).astype("float32")
    optimizer = cornu.optimizers.Muon()
    got = optimizer.zeropower_via_newtonschulz5(ops.convert_to_tensor(x), 5)
    got = ops.convert_to_numpy(got)
    # float32 rounding through 5 rounds of chained matrix products.
    assert_allclose(got, _newton_schulz(x.astype("float64"), 5), atol=1e-5)
    # Approximately orthogonal: singular values near 1.
    singular_values = np.linalg.svd(got, compute_uv=False)
    assert (singular_values > 0.6).all() and (singular_values < 1.3).all()


def test_muon_config_round_trip():
    optimizer = cornu.optimizers.Muon(**CASES[2])
    config = harness.assert_config_round_trip(optimizer)
    for key, value in CASES[2].items():
        # The learning rate comes back from a float32 variable.
        assert config[key] == pytest.approx(value)
    assert config["name"] == "muon"
    assert cornu.optimizers.Muon().get_config()["exclude_layers"] == []


def test_muon_minimizes_a_quadratic():
    # loss = 0.5 * ||W - target||**2 (+ a bias), gradient W - target.
    rng = np.random.default_rng(5)
    targets = [
        rng.normal(size=(4, 4)).astype("float32"),
        rng.normal(size=(4,)).astype("float32"),
    ]
    variables = [cornu.Variable(np.zeros_like(t)) for t in targets]
    optimizer = cornu.optimizers.Muon(learning_rate=0.05, weight_decay=None)
    for _ in range(300):
        grads = [
            v.value - ops.convert_to_tensor(t)
            for v, t in zip(variables, targets, strict=True)
        ]
        optimizer.apply(grads, variables)
    for v, t in zip(variables, targets, strict=True):
        loss = 0.5 * np.sum((v.numpy() - t) ** 2)
        assert loss < 0.01 * 0.5 * np.sum(t**2)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"ns_steps": 2.5}, "Received: ns_steps=2.5"),
        ({"ns_steps": True}, "Received: ns_steps=True"),
        ({"ns_steps": -1}, "Received: ns_steps=-1"),
        ({"exclude_layers": "output"}, "Received the string 'output'"),
    ],
    ids=["float_ns_steps", "bool_ns_steps", "negative_ns_steps", "string"],
)
def test_muon_rejects_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.optimizers.Muon(**kwargs)


def test_muon_newton_schulz_rejects_vectors():
    with pytest.raises(ValueError, match="Received shape \\(3,\\)"):
        cornu.optimizers.Muon().zeropower_via_newtonschulz5(ops.ones((3,)), 5)
