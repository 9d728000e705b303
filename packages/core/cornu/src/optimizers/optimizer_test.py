"""The `Optimizer` base: bookkeeping, options and the stateless form.

Base options are checked with plain SGD (`w - lr * g`) against NumPy
references written here.
"""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src import backend

RTOL, ATOL = 1e-5, 1e-6
RNG = np.random.default_rng(0)
W0 = RNG.normal(size=(3, 4)).astype("float32")
B0 = RNG.normal(size=(4,)).astype("float32")
GRADS = [
    [
        RNG.normal(size=(3, 4)).astype("float32"),
        RNG.normal(size=(4,)).astype("float32"),
    ]
    for _ in range(6)
]


def _variables():
    with cornu.name_scope("dense"):
        return [
            cornu.Variable(W0, name="kernel"),
            cornu.Variable(B0, name="bias"),
        ]


def _tensors(arrays):
    return [ops.convert_to_tensor(a) for a in arrays]


def _values(variables):
    return [v.numpy() for v in variables]


def _close(actual, expected):
    for a, e in zip(actual, expected, strict=True):
        np.testing.assert_allclose(a, e, rtol=RTOL, atol=ATOL)


def _sgd_reference(grads, lr=0.1, steps=6):
    ws = [W0.copy(), B0.copy()]
    out = []
    for step in range(steps):
        g = [x.copy() for x in grads[step]]
        ws = [w - np.float32(lr) * gi for w, gi in zip(ws, g, strict=True)]
        out.append(ws)
    return out


def test_default_name_is_unique_snake_case():
    a = cornu.optimizers.Adagrad()
    b = cornu.optimizers.Adagrad()
    assert (a.name, b.name) == ("adagrad", "adagrad_1")
    assert a.variables[0].path == "adagrad/iteration"


def test_apply_and_apply_gradients_match_reference():
    variables = _variables()
    opt = cornu.optimizers.SGD(learning_rate=0.1)
    expected = _sgd_reference(GRADS)
    for step, grads in enumerate(GRADS):
        if step % 2:
            result = opt.apply_gradients(
                zip(_tensors(grads), variables, strict=True)
            )
            assert result is opt.iterations
        elif step == 0:
            opt.apply(_tensors(grads), variables)
        else:
            opt.apply(_tensors(grads))
        _close(_values(variables), expected[step])
    assert int(opt.iterations.numpy()) == len(GRADS)


def test_gradients_may_be_numpy_arrays_and_empty_lists_are_no_ops():
    variables = _variables()
    opt = cornu.optimizers.SGD(learning_rate=0.1)
    opt.apply([], variables)
    assert not opt.built
    opt.apply(GRADS[0], variables)
    _close(_values(variables), _sgd_reference(GRADS, steps=1)[0])


def test_none_gradient_skips_its_variable_with_a_warning():
    variables = _variables()
    opt = cornu.optimizers.SGD(learning_rate=0.1)
    with pytest.warns(
        UserWarning, match=r"do not exist for variables \['bias'\]"
    ):
        opt.apply([ops.convert_to_tensor(GRADS[0][0]), None], variables)
    _close(_values(variables), [W0 - 0.1 * GRADS[0][0], B0])
    with pytest.raises(ValueError, match="no gradients provided"):
        opt.apply([None, None], variables)


def test_apply_errors():
    variables = _variables()
    opt = cornu.optimizers.SGD()
    with pytest.raises(ValueError, match="must already be built"):
        opt.apply(_tensors(GRADS[0]))
    opt.apply(_tensors(GRADS[0]), variables)
    with pytest.raises(ValueError, match="unknown variable 'other'"):
        opt.apply([GRADS[0][1]], [cornu.Variable(B0, name="other")])
    with pytest.raises(ValueError, match="got 1 gradients for 2 variables"):
        opt.apply([GRADS[0][0]])


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"foo": 1}, "not recognized"),
        ({"clipnorm": 1.0, "clipvalue": 1.0}, "only one of"),
        ({"global_clipnorm": 1.0, "clipnorm": 1.0}, "only one of"),
        ({"use_ema": True, "ema_momentum": 1.5}, r"ema_momentum=1.5"),
        ({"use_ema": True, "ema_overwrite_frequency": 0.5}, "integer >= 1"),
        ({"gradient_accumulation_steps": 1}, "integer >= 2"),
        ({"learning_rate": "fast"}, r"learning_rate='fast'"),
        ({"momentum": 2.0}, r"momentum=2.0"),
        ({"momentum": 1}, r"momentum=1\."),
    ],
    ids=str,
)
def test_constructor_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.optimizers.SGD(**kwargs)


def test_decay_argument_warns():
    with pytest.warns(UserWarning, match="no longer supported"):
        cornu.optimizers.SGD(decay=0.1)


def test_learning_rate_kinds_and_setter():
    variables = _variables()
    opt = cornu.optimizers.SGD(learning_rate=1)
    assert float(opt.learning_rate.numpy()) == 1.0
    opt.learning_rate = 0.1
    opt.apply(_tensors(GRADS[0]), variables)
    _close(_values(variables), _sgd_reference(GRADS, steps=1)[0])
    assert len(opt.variables) == 2
    opt.learning_rate = lambda: 0.1
    assert len(opt.variables) == 1  # the learning rate variable is gone
    opt.apply(_tensors(GRADS[1]), variables)
    _close(_values(variables), _sgd_reference(GRADS, steps=2)[1])
    with pytest.raises(TypeError, match="callable"):
        opt.learning_rate = 0.5
    schedule = cornu.optimizers.schedules.ExponentialDecay(0.1, 1, 0.5)
    opt.learning_rate = schedule
    assert float(ops.convert_to_numpy(opt.learning_rate)) == pytest.approx(
        0.1 * 0.5**2
    )
    with pytest.raises(TypeError, match="LearningRateSchedule"):
        opt.learning_rate = 0.5


def test_schedule_sees_raw_iterations():
    variables = _variables()
    schedule = cornu.optimizers.schedules.ExponentialDecay(0.1, 1, 0.5)
    opt = cornu.optimizers.SGD(learning_rate=schedule)
    ws = [W0.copy(), B0.copy()]
    for step in range(3):
        opt.apply(_tensors(GRADS[step]), variables)
        lr = np.float32(0.1 * 0.5**step)
        ws = [w - lr * g for w, g in zip(ws, GRADS[step], strict=True)]
        _close(_values(variables), ws)


def _clip_norm(g, c):
    n = np.sqrt(np.sum(g.astype("float64") ** 2))
    return g * c / max(n, c)


@pytest.mark.parametrize("option", ["clipnorm", "clipvalue", "global_clipnorm"])
def test_clipping_matches_reference(option):
    variables = _variables()
    c = 0.7
    opt = cornu.optimizers.SGD(learning_rate=1.0, **{option: c})
    ws = [W0.copy(), B0.copy()]
    for grads in GRADS[:3]:
        grads = [3.0 * g for g in grads]
        opt.apply(_tensors(grads), variables)
        if option == "clipnorm":
            clipped = [_clip_norm(g, c) for g in grads]
        elif option == "clipvalue":
            clipped = [np.clip(g, -c, c) for g in grads]
        else:
            norm = np.sqrt(sum(np.sum(g.astype("float64") ** 2) for g in grads))
            clipped = [g * c / max(norm, c) for g in grads]
        ws = [w - g for w, g in zip(ws, clipped, strict=True)]
        _close(_values(variables), ws)


def test_clipnorm_leaves_zero_gradient_unchanged():
    variables = _variables()
    opt = cornu.optimizers.SGD(learning_rate=1.0, clipnorm=1.0)
    opt.apply([np.zeros((3, 4), "float32"), GRADS[0][1]], variables)
    _close(_values(variables), [W0, B0 - _clip_norm(GRADS[0][1], 1.0)])


def test_global_clipnorm_non_finite_norm_gives_nan():
    variables = _variables()
    opt = cornu.optimizers.SGD(learning_rate=1.0, global_clipnorm=1.0)
    bad = GRADS[0][1].copy()
    bad[0] = np.inf
    opt.apply([GRADS[0][0], bad], variables)
    assert np.isnan(variables[0].numpy()).all()


@pytest.mark.parametrize("exclude", ["none", "var_list", "var_names"])
def test_weight_decay_matches_reference(exclude):
    variables = _variables()
    lr, wd = 0.1, 0.05
    opt = cornu.optimizers.SGD(learning_rate=lr, weight_decay=wd)
    if exclude == "var_list":
        opt.exclude_from_weight_decay(var_list=[variables[1]])
    elif exclude == "var_names":
        opt.exclude_from_weight_decay(var_names=["bia"])
    decays = [True, exclude == "none"]
    ws = [W0.copy(), B0.copy()]
    for grads in GRADS[:3]:
        opt.apply(_tensors(grads), variables)
        ws = [
            (w - w * np.float32(wd * lr) if d else w) - np.float32(lr) * g
            for w, g, d in zip(ws, grads, decays, strict=True)
        ]
        _close(_values(variables), ws)
    with pytest.raises(ValueError, match="before the optimizer is built"):
        opt.exclude_from_weight_decay(var_names=["kernel"])


@pytest.mark.parametrize("frequency", [None, 2])
def test_ema_matches_reference(frequency):
    variables = _variables()
    opt = cornu.optimizers.SGD(
        learning_rate=0.1,
        use_ema=True,
        ema_momentum=0.9,
        ema_overwrite_frequency=frequency,
    )
    ws = [W0.copy(), B0.copy()]
    averages = None
    for step, grads in enumerate(GRADS[:5]):
        opt.apply(_tensors(grads), variables)
        ws = [w - np.float32(0.1) * g for w, g in zip(ws, grads, strict=True)]
        momentum = 0.0 if step == 0 else 0.9
        averages = [
            momentum * (a if averages else 0) + (1 - momentum) * w
            for a, w in zip(averages or ws, ws, strict=True)
        ]
        if frequency and (step + 1) % frequency == 0:
            ws = [a.copy() for a in averages]
        _close(_values(variables), ws)
        average_values = [v.numpy() for v in opt.variables[2:4]]
        _close(average_values, averages)
    opt.finalize_variable_values(variables)
    _close(_values(variables), averages)
    with pytest.raises(ValueError, match="cannot overwrite 1 variables"):
        opt.finalize_variable_values(variables[:1])


def test_finalize_without_ema_changes_nothing():
    variables = _variables()
    opt = cornu.optimizers.SGD()
    opt.finalize_variable_values(variables)
    _close(_values(variables), [W0, B0])


def test_loss_scale_factor():
    variables = _variables()
    opt = cornu.optimizers.SGD(learning_rate=0.1, loss_scale_factor=8.0)
    assert float(opt.scale_loss(2.0)) == 16.0
    assert float(cornu.optimizers.SGD().scale_loss(2.0)) == 2.0
    opt.apply(_tensors([8.0 * g for g in GRADS[0]]), variables)
    _close(_values(variables), _sgd_reference(GRADS, steps=1)[0])


def test_gradient_accumulation_matches_reference():
    variables = _variables()
    opt = cornu.optimizers.SGD(learning_rate=0.1, gradient_accumulation_steps=3)
    ws = [W0.copy(), B0.copy()]
    for step, grads in enumerate(GRADS):
        opt.apply(_tensors(grads), variables)
        if step % 3 == 2:
            mean = [
                sum(GRADS[s][i] for s in range(step - 2, step + 1)) / 3
                for i in range(2)
            ]
            ws = [
                w - np.float32(0.1) * m for w, m in zip(ws, mean, strict=True)
            ]
        _close(_values(variables), ws)
        assert int(ops.convert_to_numpy(opt.iterations)) == (step + 1) // 3
    accumulators = [v.numpy() for v in opt.variables[2:4]]
    _close(accumulators, [np.zeros_like(W0), np.zeros_like(B0)])


def test_constraint_applies_after_update():
    variables = _variables()
    variables[0].constraint = lambda w: ops.clip(w, -0.5, 0.5)
    opt = cornu.optimizers.SGD(learning_rate=0.1)
    opt.apply(_tensors(GRADS[0]), variables)
    expected = _sgd_reference(GRADS, steps=1)[0]
    _close(_values(variables), [np.clip(expected[0], -0.5, 0.5), expected[1]])


@pytest.mark.parametrize("accumulate", [False, True])
def test_overwrite_with_gradient_variable(accumulate):
    variables = _variables()
    variables[1].overwrite_with_gradient = True
    steps = 2 if accumulate else None
    opt = cornu.optimizers.SGD(
        learning_rate=0.1, momentum=0.5, gradient_accumulation_steps=steps
    )
    opt.apply(_tensors(GRADS[0]), variables)
    momentum_paths = [v.path for v in opt.variables if "momentum" in v.path]
    assert momentum_paths == ["SGD/dense_kernel_momentum"]
    if not accumulate:
        _close([variables[1].numpy()], [GRADS[0][1]])
        return
    _close([variables[1].numpy()], [B0])
    opt.apply(_tensors(GRADS[1]), variables)
    _close([variables[1].numpy()], [np.maximum(GRADS[0][1], GRADS[1][1])])


@pytest.mark.parametrize(
    "learning_rate",
    [0.25, cornu.optimizers.schedules.CosineDecay(0.1, 100, alpha=0.1)],
    ids=["float", "schedule"],
)
def test_config_round_trip(learning_rate):
    opt = cornu.optimizers.SGD(
        learning_rate=learning_rate,
        momentum=0.5,
        nesterov=True,
        global_clipnorm=2.0,
        use_ema=True,
        ema_overwrite_frequency=3,
        loss_scale_factor=4.0,
        gradient_accumulation_steps=2,
        name="my_sgd",
    )
    config = opt.get_config()
    restored = cornu.optimizers.SGD.from_config(config)
    assert restored.get_config() == config
    again = cornu.optimizers.deserialize(cornu.optimizers.serialize(opt))
    assert type(again) is cornu.optimizers.SGD
    assert again.get_config() == config


class _PlainSGD(cornu.optimizers.Optimizer):
    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, ops.cast(gradient, variable.dtype) * lr)


def test_subclass_with_only_update_step():
    variables = _variables()
    opt = _PlainSGD(learning_rate=0.1)
    assert opt.name == "__plain_sgd"
    for grads in GRADS[:2]:
        opt.apply(_tensors(grads), variables)
    _close(_values(variables), _sgd_reference(GRADS, steps=2)[1])


def test_subclass_errors():
    class NoStep(cornu.optimizers.Optimizer):
        pass

    class NoSuper(cornu.optimizers.Optimizer):
        def __init__(self):
            pass

    with pytest.raises(NotImplementedError, match="must implement"):
        NoStep(0.1).apply(_tensors(GRADS[0]), _variables())
    with pytest.raises(RuntimeError, match="super"):
        NoSuper().build(_variables())
    with pytest.raises(ValueError, match="2 name\\(s\\) but 3 initializer"):
        _PlainSGD(0.1).add_optimizer_variables(
            _variables(), ["a", "b"], ["zeros"] * 3
        )


_STATELESS_CASES = {
    "sgd_momentum": lambda: cornu.optimizers.SGD(0.1, momentum=0.9),
    "adam_amsgrad_clip": lambda: cornu.optimizers.Adam(
        0.1, amsgrad=True, clipnorm=0.5
    ),
    "adamw_ema": lambda: cornu.optimizers.AdamW(
        0.1, use_ema=True, ema_overwrite_frequency=2
    ),
    "rmsprop_accumulate": lambda: cornu.optimizers.RMSprop(
        0.1, momentum=0.5, centered=True, gradient_accumulation_steps=2
    ),
    "nadam_accumulate_ema": lambda: cornu.optimizers.Nadam(
        0.1,
        global_clipnorm=1.0,
        use_ema=True,
        ema_overwrite_frequency=2,
        gradient_accumulation_steps=2,
    ),
    "adagrad_schedule": lambda: cornu.optimizers.Adagrad(
        cornu.optimizers.schedules.ExponentialDecay(0.1, 2, 0.5)
    ),
}


@pytest.mark.parametrize("case", sorted(_STATELESS_CASES))
def test_stateless_apply_equals_apply(case):
    stateful_vars = _variables()
    stateful = _STATELESS_CASES[case]()
    stateless_vars = _variables()
    stateless = _STATELESS_CASES[case]()
    stateless.build(stateless_vars)
    values = [v.value for v in stateless_vars]
    opt_values = [v.value for v in stateless.variables]
    for grads in GRADS[:5]:
        stateful.apply(_tensors(grads), stateful_vars)
        values, opt_values = stateless.stateless_apply(
            opt_values, _tensors(grads), values
        )
        _close(
            [ops.convert_to_numpy(v) for v in values], _values(stateful_vars)
        )
        _close(
            [ops.convert_to_numpy(v) for v in opt_values],
            [v.numpy() for v in stateful.variables],
        )
    # The stateless optimizer's own variables were never touched.
    _close(_values(stateless_vars), [W0, B0])
    assert int(stateless.variables[0].numpy()) == 0


def test_stateless_apply_errors():
    variables = _variables()
    opt = cornu.optimizers.SGD()
    with pytest.raises(ValueError, match="must be built"):
        opt.stateless_apply([], GRADS[0], [W0, B0])
    opt.build(variables)
    opt_values = [v.value for v in opt.variables]
    with pytest.raises(ValueError, match="Received 1 values, expected 2"):
        opt.stateless_apply(opt_values[:1], GRADS[0], [W0, B0])
    with pytest.raises(ValueError, match="Received 1 values, expected 2"):
        opt.stateless_apply(opt_values, GRADS[0], [W0])


@pytest.mark.requires_capability("training")
def test_quadratic_is_minimised_with_autodiff():
    gradients = backend.load_integration("gradients")
    target = ops.convert_to_tensor(W0)
    w = cornu.Variable(np.zeros_like(W0))
    opt = cornu.optimizers.Adam(learning_rate=0.1)

    def loss_fn(values):
        return ops.sum(ops.square(values[0] - target))

    first = None
    for _ in range(300):
        loss, grads = gradients.value_and_grad(loss_fn, [w.value])
        first = float(ops.convert_to_numpy(loss)) if first is None else first
        opt.apply(grads, [w])
    final = float(ops.convert_to_numpy(loss_fn([w.value])))
    assert final < 1e-3 * first
    np.testing.assert_allclose(w.numpy(), W0, atol=2e-2)
