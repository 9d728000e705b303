"""Tracking, creation and saving of an optimizer's variables."""

import numpy as np
import pytest

import cornu
from cornu import ops

RNG = np.random.default_rng(8)
W0 = RNG.normal(size=(3, 4)).astype("float32")
B0 = RNG.normal(size=(4,)).astype("float32")
GRADS = [
    [
        RNG.normal(size=(3, 4)).astype("float32"),
        RNG.normal(size=(4,)).astype("float32"),
    ]
    for _ in range(2)
]


def _variables():
    with cornu.name_scope("dense"):
        return [
            cornu.Variable(W0, name="kernel"),
            cornu.Variable(B0, name="bias"),
        ]


def _tensors(arrays):
    return [ops.convert_to_tensor(a) for a in arrays]


class _PlainSGD(cornu.optimizers.Optimizer):
    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, ops.cast(gradient, variable.dtype) * lr)


def test_variables_paths_and_order():
    variables = _variables()
    opt = cornu.optimizers.Adam(amsgrad=True)
    opt.build(variables)
    assert opt.built
    assert [v.path for v in opt.variables] == [
        "adam/iteration",
        "adam/learning_rate",
        "adam/dense_kernel_momentum",
        "adam/dense_kernel_velocity",
        "adam/dense_bias_momentum",
        "adam/dense_bias_velocity",
        "adam/dense_kernel_velocity_hat",
        "adam/dense_bias_velocity_hat",
    ]
    assert all(not v.trainable for v in opt.variables)
    assert opt.iterations.dtype == "int32"
    assert opt.variables[2].shape == (3, 4)


def test_save_and_load_own_variables():
    variables = _variables()
    opt = cornu.optimizers.Adam()
    for grads in GRADS[:2]:
        opt.apply(_tensors(grads), variables)
    store = {}
    opt.save_own_variables(store)
    assert sorted(store, key=int) == [str(i) for i in range(8 - 2)]
    fresh = cornu.optimizers.Adam()
    fresh.build(variables)
    fresh.load_own_variables(store)
    for a, b in zip(opt.variables, fresh.variables, strict=True):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    with pytest.raises(ValueError, match="received 6 values but the optimizer"):
        cornu.optimizers.SGD(momentum=0.5).load_own_variables(store)
    with pytest.raises(ValueError, match="not built yet"):
        cornu.optimizers.Adam().load_own_variables(store)


def test_set_weights():
    variables = _variables()
    opt = cornu.optimizers.SGD(momentum=0.5)
    with pytest.raises(ValueError, match="needs a built optimizer"):
        opt.set_weights([])
    opt.build(variables)
    weights = [np.array(3, "int32"), np.array(0.5, "float32"), W0, B0]
    opt.set_weights(weights)
    assert int(opt.iterations.numpy()) == 3
    with pytest.raises(ValueError, match=r"has shape \(3, 4\)"):
        opt.set_weights([weights[0], weights[1], B0, B0])


def test_add_variable_helpers():
    opt = _PlainSGD(0.1, name="opt")
    counter = opt.add_variable((), initializer="ones", dtype="int32", name="c")
    assert (counter.path, counter.dtype, int(counter.numpy())) == (
        "opt/c",
        "int32",
        1,
    )
    a, b = opt.add_optimizer_variables(
        _variables(), ["m", "v"], initializer=["zeros", "ones"]
    )
    assert [v.path for v in opt.variables[2:]] == [
        "opt/c",
        "opt/dense_kernel_m",
        "opt/dense_kernel_v",
        "opt/dense_bias_m",
        "opt/dense_bias_v",
    ]
    assert float(b[0].numpy().min()) == 1.0 and a[1].shape == (4,)


def test_variables_assigned_as_attributes_are_tracked_once():
    opt = _PlainSGD(0.1, name="opt")
    with cornu.name_scope("opt"):
        opt.counter = cornu.Variable(0, dtype="int32", name="counter")
    opt.alias = opt.counter
    assert [v.path for v in opt.variables] == [
        "opt/iteration",
        "opt/learning_rate",
        "opt/counter",
    ]
