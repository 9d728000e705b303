"""LossScaleOptimizer against a NumPy reference, step by step."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import ops
from cornu.src import backend

SHAPES = [(3, 4), (5,)]
INF = float("inf")


def _data(steps, bad_steps=(), seed=0):
    """Random initial values and per-step gradients; the steps listed in
    `bad_steps` get one inf or NaN entry."""
    rng = np.random.default_rng(seed)
    inits = [rng.normal(size=s).astype("float32") for s in SHAPES]
    grads = []
    for t in range(steps):
        step = [rng.normal(size=s).astype("float32") for s in SHAPES]
        if t in bad_steps:
            step[t % 2].flat[0] = INF if t % 3 else float("nan")
        grads.append(step)
    return inits, grads


def _sgd_reference(inits, grads, learning_rate, initial_scale, growth):
    """Per step: the variables, the loss scale and the step counter, with
    SGD as the inner optimizer and gradients already scaled."""
    ws = [x.astype("float64") for x in inits]
    scale, counter = initial_scale, 0
    history = []
    for step in grads:
        if all(np.isfinite(g).all() for g in step):
            ws = [
                w - learning_rate * g / scale
                for w, g in zip(ws, step, strict=True)
            ]
            if counter == growth - 1:
                scale, counter = scale * 2, 0
            else:
                counter += 1
        else:
            scale, counter = scale / 2, 0
        history.append(([w.copy() for w in ws], scale, counter))
    return history


def _state(optimizer):
    return (
        float(optimizer.dynamic_scale.numpy()),
        int(optimizer.step_counter.numpy()),
    )


def _check_history(history, expected):
    for (got_ws, got_scale, got_counter), (ws, scale, counter) in zip(
        history, expected, strict=True
    ):
        assert (got_scale, got_counter) == (scale, counter)
        for got, want in zip(got_ws, ws, strict=True):
            assert_allclose(got, want, rtol=1e-5, atol=1e-6)


GROWTH_CASES = [(8.0, 2), (1024.0, 3), (2.0**15, 2000)]


@pytest.mark.parametrize("initial_scale, growth", GROWTH_CASES, ids=str)
def test_loss_scale_optimizer_matches_reference_step_by_step(
    initial_scale, growth
):
    inits, grads = _data(8, bad_steps=(2, 3, 6))
    optimizer = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.SGD(learning_rate=0.5),
        initial_scale=initial_scale,
        dynamic_growth_steps=growth,
    )
    variables = [cornu.Variable(x) for x in inits]
    history = []
    for step in grads:
        optimizer.apply([ops.convert_to_tensor(g) for g in step], variables)
        history.append(
            ([np.array(v.numpy()) for v in variables], *_state(optimizer))
        )
    expected = _sgd_reference(inits, grads, 0.5, initial_scale, growth)
    _check_history(history, expected)
    # Skipped steps do not count as inner iterations.
    assert int(ops.convert_to_numpy(optimizer.iterations)) == 5


def test_loss_scale_optimizer_skips_inner_state_on_bad_steps():
    inits, grads = _data(6, bad_steps=(1, 4))
    scale = 64.0
    wrapped = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.Adam(learning_rate=0.1),
        initial_scale=scale,
        dynamic_growth_steps=100,
    )
    plain = cornu.optimizers.Adam(learning_rate=0.1)
    wrapped_vars = [cornu.Variable(x) for x in inits]
    plain_vars = [cornu.Variable(x) for x in inits]
    for step in grads:
        wrapped.apply([ops.convert_to_tensor(g) for g in step], wrapped_vars)
        if all(np.isfinite(g).all() for g in step):
            plain.apply(
                [ops.convert_to_tensor(g / scale) for g in step], plain_vars
            )
        else:
            scale /= 2
    for a, b in zip(wrapped_vars, plain_vars, strict=True):
        assert_allclose(a.numpy(), b.numpy(), rtol=1e-5, atol=1e-6)
    inner_state = wrapped.inner_optimizer.variables
    for a, b in zip(inner_state, plain.variables, strict=True):
        assert_allclose(
            ops.convert_to_numpy(a.value),
            ops.convert_to_numpy(b.value),
            rtol=1e-5,
            atol=1e-6,
        )


def _run_stateless(optimizer, inits, grads):
    variables = [cornu.Variable(x) for x in inits]
    optimizer.build(variables)
    state = [v.value for v in optimizer.variables]
    values = [v.value for v in variables]
    history = []
    ids = [id(v) for v in optimizer.variables]
    scale_index = ids.index(id(optimizer.dynamic_scale))
    counter_index = ids.index(id(optimizer.step_counter))
    for step in grads:
        step = [ops.convert_to_tensor(g) for g in step]
        values, state = optimizer.stateless_apply(state, step, values)
        history.append(
            (
                [ops.convert_to_numpy(v) for v in values],
                float(ops.convert_to_numpy(state[scale_index])),
                int(ops.convert_to_numpy(state[counter_index])),
            )
        )
    for variable, init in zip(variables, inits, strict=True):
        assert_allclose(variable.numpy(), init)
    assert _state(optimizer) == (8.0, 0)
    return history


def test_loss_scale_optimizer_stateless_apply_matches_reference():
    inits, grads = _data(6, bad_steps=(1, 2))
    optimizer = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.SGD(learning_rate=0.5),
        initial_scale=8.0,
        dynamic_growth_steps=2,
    )
    history = _run_stateless(optimizer, inits, grads)
    _check_history(history, _sgd_reference(inits, grads, 0.5, 8.0, 2))


def test_loss_scale_optimizer_traced_form_matches_reference(monkeypatch):
    # Under a compiled trace the branch is taken with `ops.cond`; force
    # that form here (its branches must return matching structures).
    monkeypatch.setattr(backend.core, "is_tracing", lambda: True)
    inits, grads = _data(4, bad_steps=(1,))
    optimizer = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.SGD(learning_rate=0.5),
        initial_scale=8.0,
        dynamic_growth_steps=2,
    )
    history = _run_stateless(optimizer, inits, grads)
    _check_history(history, _sgd_reference(inits, grads, 0.5, 8.0, 2))


def test_loss_scale_optimizer_apply_in_a_stateless_scope_records_updates():
    inits, grads = _data(2, bad_steps=(1,))
    optimizer = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.SGD(learning_rate=0.5), initial_scale=8.0
    )
    variables = [cornu.Variable(x) for x in inits]
    optimizer.build(variables)
    tracked = variables + optimizer.variables
    mapping = [(v, v.value) for v in tracked]
    with cornu.StatelessScope(mapping) as scope:
        for step in grads:
            optimizer.apply([ops.convert_to_tensor(g) for g in step])
    for variable, init in zip(variables, inits, strict=True):
        assert_allclose(variable.numpy(), init)
    expected = _sgd_reference(inits, grads, 0.5, 8.0, 2000)[-1]
    for variable, want in zip(variables, expected[0], strict=True):
        got = ops.convert_to_numpy(scope.get_current_value(variable))
        assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    scale = scope.get_current_value(optimizer.dynamic_scale)
    assert float(ops.convert_to_numpy(scale)) == expected[1]


def test_loss_scale_optimizer_scale_loss_and_delegation():
    inner = cornu.optimizers.SGD(learning_rate=0.5, loss_scale_factor=4.0)
    optimizer = cornu.optimizers.LossScaleOptimizer(inner, initial_scale=8.0)
    assert inner.loss_scale_factor is None
    assert float(ops.convert_to_numpy(optimizer.scale_loss(2.0))) == 16.0
    w = cornu.Variable(np.ones(2, "float32"))
    optimizer.build([w])
    optimizer.dynamic_scale.assign(32.0)
    assert float(ops.convert_to_numpy(optimizer.scale_loss(2.0))) == 64.0
    assert float(ops.convert_to_numpy(optimizer.learning_rate)) == 0.5
    optimizer.learning_rate = 0.25
    assert float(ops.convert_to_numpy(inner.learning_rate)) == 0.25
    assert optimizer.iterations is inner.iterations
    ids = [id(v) for v in optimizer.variables]
    assert id(optimizer.step_counter) in ids
    assert id(optimizer.dynamic_scale) in ids
    assert ids[-len(inner.variables) :] == [id(v) for v in inner.variables]


def test_loss_scale_optimizer_saves_and_loads_all_variables():
    inits, grads = _data(3)
    source = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.Adam(learning_rate=0.1),
        initial_scale=4.0,
        dynamic_growth_steps=2,
    )
    variables = [cornu.Variable(x) for x in inits]
    for step in grads:
        source.apply([ops.convert_to_tensor(g) for g in step], variables)
    store = {}
    source.save_own_variables(store)
    assert len(store) == len(source.variables)
    target = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.Adam(learning_rate=0.1), initial_scale=4.0
    )
    target.build([cornu.Variable(x) for x in inits])
    target.load_own_variables(store)
    for a, b in zip(target.variables, source.variables, strict=True):
        assert_allclose(a.numpy(), b.numpy())
    target.set_weights([v.numpy() for v in source.variables])
    with pytest.raises(ValueError, match="received 1 values"):
        target.load_own_variables({"0": store["0"]})
    bad = [np.zeros((7,), "float32")] * len(target.variables)
    with pytest.raises(ValueError, match="received a value of shape"):
        target.set_weights(bad)


def test_loss_scale_optimizer_config_round_trip():
    optimizer = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.SGD(learning_rate=0.25, momentum=0.5),
        initial_scale=128.0,
        dynamic_growth_steps=10,
        name="scaled",
    )
    config = optimizer.get_config()
    assert sorted(config) == [
        "dynamic_growth_steps",
        "initial_scale",
        "inner_optimizer",
        "name",
    ]
    assert config["inner_optimizer"]["class_name"] == "SGD"
    clone = cornu.optimizers.LossScaleOptimizer.from_config(config)
    assert clone.get_config() == config
    assert type(clone.inner_optimizer) is cornu.optimizers.SGD
    restored = cornu.utils.deserialize_keras_object(
        cornu.utils.serialize_keras_object(optimizer)
    )
    assert type(restored) is cornu.optimizers.LossScaleOptimizer
    assert restored.get_config() == config
    assert (
        cornu.mixed_precision.LossScaleOptimizer
        is cornu.optimizers.LossScaleOptimizer
    )


def test_loss_scale_optimizer_minimizes_a_quadratic():
    # loss = 0.5 * ||w - target||**2; the scaled loss has gradient
    # scale * (w - target).
    target = np.array([1.0, -2.0, 3.0], dtype="float32")
    w = cornu.Variable(np.zeros(3, dtype="float32"))
    optimizer = cornu.optimizers.LossScaleOptimizer(
        cornu.optimizers.SGD(learning_rate=0.1), dynamic_growth_steps=10
    )
    for _ in range(100):
        grad = optimizer.scale_loss(w.value - ops.convert_to_tensor(target))
        optimizer.apply([grad], [w])
    assert_allclose(w.numpy(), target, atol=1e-3)


def _sgd():
    return cornu.optimizers.SGD()


@pytest.mark.parametrize(
    "make, match",
    [
        (
            lambda: cornu.optimizers.LossScaleOptimizer(_sgd(), dynamic=False),
            "no longer supports `dynamic=False`",
        ),
        (
            lambda: cornu.optimizers.LossScaleOptimizer(_sgd(), clipnorm=1.0),
            "does not support `clipnorm`",
        ),
        (
            lambda: cornu.optimizers.LossScaleOptimizer(_sgd(), foo=1),
            "does not support the argument\\(s\\) \\['foo'\\]",
        ),
        (
            lambda: cornu.optimizers.LossScaleOptimizer(
                _sgd(), dynamic_growth_steps=0
            ),
            "Received: dynamic_growth_steps=0",
        ),
        (
            lambda: cornu.optimizers.LossScaleOptimizer(
                _sgd(), initial_scale=-1.0
            ),
            "Received: initial_scale=-1.0",
        ),
    ],
    ids=["dynamic", "base_arg", "unknown", "growth_steps", "initial_scale"],
)
def test_loss_scale_optimizer_rejects_invalid_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_loss_scale_optimizer_accepts_base_defaults_from_old_configs():
    optimizer = cornu.optimizers.LossScaleOptimizer(
        _sgd(), clipnorm=None, use_ema=False, ema_momentum=0.99
    )
    assert optimizer.dynamic_growth_steps == 2000


def test_loss_scale_optimizer_rejects_a_non_optimizer():
    with pytest.raises(TypeError, match="Received: inner_optimizer='sgd'"):
        cornu.optimizers.LossScaleOptimizer("sgd")


def test_loss_scale_optimizer_usage_errors():
    optimizer = cornu.optimizers.LossScaleOptimizer(_sgd())
    grad = ops.ones((2,))
    with pytest.raises(ValueError, match="must be built"):
        optimizer.stateless_apply([], [grad], [grad])
    with pytest.raises(ValueError, match="must already be built"):
        optimizer.apply([grad])
    with pytest.raises(ValueError, match="needs a built optimizer"):
        optimizer.set_weights([])
    w = cornu.Variable(np.ones(2, "float32"))
    with pytest.raises(ValueError, match="got 2 gradients for 1 variables"):
        optimizer.apply([grad, grad], [w])
    with pytest.raises(ValueError, match="Received 1 values, expected"):
        optimizer.stateless_apply([grad], [grad], [w.value])
