"""TorchModuleWrapper: the module's parameters as cornu variables (shared,
trained by cornu optimizers), values, train/eval mode, stateless calls,
shapes, Keras 3's saved layout, safe-mode config, errors, and the error on
other backends."""

import os

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.errors import BackendNotSupportedError
from cornu.src.saving import serialization_scopes
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test

torch = pytest.importorskip("torch")


def _np(x):
    return ops.convert_to_numpy(x)


def _wrap(module, **kwargs):
    try:
        return cornu.layers.TorchModuleWrapper(module, **kwargs)
    except BackendNotSupportedError:
        pytest.skip("TorchModuleWrapper runs only on the torch backend")


def _mlp(seed=0):
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2)
    )


def _numpy_mlp(module, x):
    w1, b1, w2, b2 = (p.detach().cpu().numpy() for p in module.parameters())
    return np.tanh(x @ w1.T + b1) @ w2.T + b2


def test_wrapper_raises_on_other_backends_naming_torch():
    try:
        cornu.layers.TorchModuleWrapper(torch.nn.Linear(2, 2))
    except BackendNotSupportedError as e:
        assert "needs the torch backend" in str(e)
    else:
        pytest.skip("this backend runs torch modules")


def test_wrapper_variables_are_the_module_parameters():
    module = _mlp()
    layer = _wrap(module)
    assert layer.built
    assert [tuple(w.shape) for w in layer.trainable_weights] == [
        (4, 3),
        (4,),
        (2, 4),
        (2,),
    ]
    for variable, param in zip(
        layer.trainable_weights, module.parameters(), strict=True
    ):
        assert variable.value is param
    x = np.random.default_rng(0).normal(size=(5, 3)).astype("float32")
    assert_allclose(_np(layer(x)), _numpy_mlp(module, x), rtol=1e-5)


def test_wrapper_frozen_parameters_are_non_trainable():
    module = torch.nn.Linear(3, 2)
    module.bias.requires_grad_(False)
    layer = _wrap(module)
    assert [w.name for w in layer.trainable_weights] == ["weight"]
    assert [w.name for w in layer.non_trainable_weights] == ["bias"]


def test_wrapper_training_flag_sets_module_mode():
    module = torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.Dropout(0.5))
    layer = _wrap(module)
    x = np.ones((2, 4), "float32")
    a = _np(layer(x, training=False))
    assert not module.training
    assert_allclose(_np(layer(x, training=False)), a, rtol=0, atol=0)
    layer(x, training=True)
    assert module.training


def test_wrapper_stateless_call_uses_the_given_values():
    module = torch.nn.Linear(3, 2)
    layer = _wrap(module)
    x = np.ones((1, 3), "float32")
    values = [ops.zeros_like(v.value) for v in layer.trainable_variables]
    out, _ = layer.stateless_call(values, [], x)
    assert_allclose(_np(out), np.zeros((1, 2)), rtol=0, atol=0)
    # The module's own parameters are untouched.
    assert float(module.weight.detach().abs().sum()) > 0


@pytest.mark.requires_capability("training")
def test_wrapper_trains_with_cornu_optimizer():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(128, 3)).astype("float32")
    y = np.stack([x[:, 0] - x[:, 1], x[:, 2] ** 2], axis=1)
    module = _mlp(1)
    before = module[0].weight.detach().clone()
    inputs = cornu.Input((3,))
    model = cornu.Model(inputs, _wrap(module)(inputs))
    model.compile(cornu.optimizers.Adam(0.02), "mse")
    first = model.evaluate(x, y, verbose=0)
    model.fit(x, y, epochs=40, batch_size=32, verbose=0)
    last = model.evaluate(x, y, verbose=0)
    assert last < first / 5, (first, last)
    assert not torch.equal(module[0].weight.detach(), before)


def test_wrapper_symbolic_shapes():
    layer = _wrap(_mlp())
    inputs = cornu.Input((3,))
    assert tuple(layer(inputs).shape) == (None, 2)
    assert layer.compute_output_shape((None, 3)) == (None, 2)
    fixed = _wrap(_mlp(), output_shape=(None, 2))
    assert fixed.compute_output_shape((7, 3)) == (None, 2)


def test_wrapper_saves_the_state_dict_as_keras_does(tmp_path):
    module = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4))
    layer = _wrap(module)
    layer(np.random.default_rng(2).normal(size=(8, 3)).astype("float32"))
    store = {}
    layer.save_own_variables(store)
    # Keras 3 writes these keys (`vars/<state_dict key>`).
    assert sorted(store) == [
        "0.bias",
        "0.weight",
        "1.bias",
        "1.num_batches_tracked",
        "1.running_mean",
        "1.running_var",
        "1.weight",
    ]
    inputs = cornu.Input((3,))
    model = cornu.Model(inputs, layer(inputs))
    path = os.path.join(tmp_path, "torch.weights.h5")
    model.save_weights(path)
    other = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4))
    model2 = cornu.Model(inputs, _wrap(other)(inputs))
    model2.load_weights(path)
    for key, value in module.state_dict().items():
        assert torch.equal(other.state_dict()[key], value), key


def test_wrapper_config_refuses_pickles_in_safe_mode():
    layer = _wrap(torch.nn.Linear(3, 2))
    config = layer.get_config()
    assert isinstance(config["module"], str)
    with pytest.raises(ValueError, match="safe_mode=False"):
        cornu.layers.TorchModuleWrapper.from_config(config)
    clone = cornu.layers.TorchModuleWrapper.from_config(config, safe_mode=False)
    x = np.ones((1, 3), "float32")
    assert_allclose(_np(clone(x)), _np(layer(x)), rtol=1e-6)


def test_wrapper_bad_modules_raise():
    try:
        cornu.layers.TorchModuleWrapper(torch.nn.Linear(1, 1))
    except BackendNotSupportedError:
        pytest.skip("TorchModuleWrapper runs only on the torch backend")
    with pytest.raises(TypeError, match="torch.nn.Module"):
        cornu.layers.TorchModuleWrapper(object())
    with pytest.raises(ValueError, match="LazyModule"):
        cornu.layers.TorchModuleWrapper(torch.nn.LazyLinear(2))


def test_wrapper_run_layer_test():
    try:
        cornu.layers.TorchModuleWrapper(torch.nn.Linear(1, 1))
    except BackendNotSupportedError:
        pytest.skip("TorchModuleWrapper runs only on the torch backend")
    # The config holds a pickled module, which only unsafe mode loads.
    with serialization_scopes.SafeModeScope(False):
        run_layer_test(
            cornu.layers.TorchModuleWrapper,
            init_kwargs={"module": _mlp()},
            input_shape=(2, 3),
            expected_output_shape=(2, 2),
            expected_num_trainable_weights=4,
            expected_num_non_trainable_weights=0,
            # The module computes in its parameters' dtype (float32).
            run_mixed_precision_check=False,
        )
