"""FlaxLayer: a Flax linen module's variables as layer variables (values
equal to `module.apply`, state updates in training, lazy init, `method`),
training with `fit`, saving a model holding one, its config, and the
errors (other backends, no flax, not a linen module, bad `method`)."""

import functools
import importlib.util
import os

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.errors import BackendNotSupportedError
from cornu.testing import assert_allclose


def _np(x):
    return ops.convert_to_numpy(x)


def _flax_layer(*args, **kwargs):
    """A FlaxLayer, or a skip where the backend cannot run Flax modules
    (checked by `test_flax_layer_raises_on_other_backends_naming_jax`)."""
    try:
        return cornu.layers.FlaxLayer(*args, **kwargs)
    except BackendNotSupportedError:
        pytest.skip("FlaxLayer runs only on the jax backend")


@functools.cache
def _modules():
    """Flax module classes (flax imported only when a test needs it)."""
    linen = pytest.importorskip("flax.linen")

    @cornu.saving.register_keras_serializable(package="flax_layer_test")
    class Mlp(linen.Module):
        """Dense -> BatchNorm -> relu -> Dense, `training` aware."""

        hidden: int = 5
        out: int = 2

        @linen.compact
        def __call__(self, inputs, training):
            x = linen.Dense(self.hidden)(inputs)
            x = linen.BatchNorm(use_running_average=not training)(x)
            x = linen.relu(x)
            return linen.Dense(self.out)(x)

        @linen.compact
        def encode(self, inputs):
            return linen.Dense(self.hidden, name="Dense_0")(inputs)

        def get_config(self):
            return {"hidden": self.hidden, "out": self.out}

        @classmethod
        def from_config(cls, config):
            return cls(**config)

    class Noisy(linen.Module):
        """Dropout at rate 0.5: needs the "dropout" rng in training."""

        @linen.compact
        def __call__(self, inputs, training):
            return linen.Dropout(0.5, deterministic=not training)(inputs)

    return linen, Mlp, Noisy


def _variables(module, x, **kwargs):
    jax = pytest.importorskip("jax")
    rngs = {"params": jax.random.key(0), "dropout": jax.random.key(1)}
    return module.init(rngs, x, **kwargs)


def _data(seed=0, n=4):
    return np.random.default_rng(seed).normal(size=(n, 3)).astype("float32")


def _flat(tree):
    """`{path: NumPy value}` of a Flax variables tree (of arrays or of
    cornu variables)."""
    jax = pytest.importorskip("jax")
    flat = jax.tree_util.tree_flatten_with_path(
        tree, is_leaf=lambda v: isinstance(v, cornu.Variable)
    )[0]
    return {jax.tree_util.keystr(path): _np(v) for path, v in flat}


def _state_of(layer):
    """`{path: value}` of the layer's params and state, as NumPy."""
    return _flat({**layer.params, **layer.state})


def test_flax_layer_raises_on_other_backends_naming_jax():
    try:
        cornu.layers.FlaxLayer(object())
    except BackendNotSupportedError as e:
        assert "needs the jax backend" in str(e)
        assert "CORNU_BACKEND=jax" in str(e)
    except (ImportError, TypeError):
        pytest.skip("this backend runs Flax modules")
    else:
        raise AssertionError("FlaxLayer(object()) did not raise")


@pytest.mark.skipif(
    importlib.util.find_spec("flax") is not None, reason="flax is installed"
)
def test_flax_layer_without_flax_says_what_to_install():
    try:
        cornu.layers.FlaxLayer(object())
    except BackendNotSupportedError as e:
        assert "needs the jax backend" in str(e)
    except ImportError as e:
        assert "pip install flax" in str(e)
    else:
        raise AssertionError("FlaxLayer without flax did not raise")


def test_flax_layer_with_variables_equals_module_apply():
    linen, _, _ = _modules()
    module = linen.Dense(2)
    x = _data()
    variables = _variables(module, x)
    layer = _flax_layer(module, variables=variables)
    assert layer.built
    assert sorted(layer.params) == ["params"]
    assert layer.state == {}
    kernel = np.asarray(variables["params"]["kernel"])
    bias = np.asarray(variables["params"]["bias"])
    want = x @ kernel + bias
    assert_allclose(_np(layer(x)), want, rtol=1e-5, atol=1e-6)
    assert_allclose(
        _np(layer(x)), np.asarray(module.apply(variables, x)), rtol=1e-6
    )
    assert [tuple(w.shape) for w in layer.trainable_weights] == [(2,), (3, 2)]
    assert not layer.non_trainable_weights


def test_flax_layer_state_is_non_trainable_and_updates_in_training():
    linen, Mlp, _ = _modules()
    module = Mlp()
    x = _data(1)
    variables = _variables(module, x, training=True)
    layer = _flax_layer(module, variables=variables)
    assert len(layer.trainable_weights) == 6  # 2 Dense + BatchNorm scale/bias
    assert [tuple(w.shape) for w in layer.non_trainable_weights] == [
        (5,),
        (5,),
    ]
    # Inference: the running statistics are used and left unchanged.
    want = module.apply(variables, x, training=False)
    assert_allclose(_np(layer(x)), np.asarray(want), rtol=1e-5, atol=1e-6)
    stats = variables["batch_stats"]["BatchNorm_0"]
    assert_allclose(
        _np(layer.state["batch_stats"]["BatchNorm_0"]["mean"]),
        np.asarray(stats["mean"]),
        rtol=0,
    )
    # Training: batch statistics, and the moving averages move as Flax's.
    want, updates = module.apply(
        variables, x, training=True, mutable=["batch_stats"]
    )
    got = layer(x, training=True)
    assert_allclose(_np(got), np.asarray(want), rtol=1e-5, atol=1e-6)
    for key in ("mean", "var"):
        assert_allclose(
            _np(layer.state["batch_stats"]["BatchNorm_0"][key]),
            np.asarray(updates["batch_stats"]["BatchNorm_0"][key]),
            rtol=1e-5,
            atol=1e-7,
        )


def test_flax_layer_initializes_lazily_like_module_init():
    _, Mlp, _ = _modules()
    module = Mlp(hidden=4, out=3)
    layer = _flax_layer(module)
    assert not layer.built
    x = _data(2)
    y = layer(x)
    assert tuple(y.shape) == (4, 3)
    want = _flat(_variables(module, x, training=True))
    got = _state_of(layer)
    assert {k: v.shape for k, v in got.items()} == {
        k: v.shape for k, v in want.items()
    }
    assert len(layer.non_trainable_weights) == 2


def test_flax_layer_method_by_name_bound_and_function():
    _, Mlp, _ = _modules()
    module = Mlp()
    x = _data(3)
    variables = _variables(module, x, method="encode")
    want = np.asarray(module.apply(variables, x, method="encode"))
    layers = [
        _flax_layer(module, method="encode", variables=variables),
        _flax_layer(module, method=module.encode, variables=variables),
        _flax_layer(
            module,
            method=lambda m, inputs: m.encode(inputs),
            variables=variables,
        ),
    ]
    for layer in layers:
        assert_allclose(_np(layer(x)), want, rtol=1e-6)


def test_flax_layer_dropout_rng_in_training_only():
    _, _, Noisy = _modules()
    layer = _flax_layer(Noisy(), seed=3)
    x = np.ones((2, 50), "float32")
    assert_allclose(_np(layer(x)), x, rtol=0)
    first = _np(layer(x, training=True))
    second = _np(layer(x, training=True))
    # Dropout at 0.5 keeps and rescales: values are 0 or 2.
    assert set(np.unique(first).tolist()) == {0.0, 2.0}
    assert not np.array_equal(first, second)  # a new key at each call


@pytest.mark.requires_capability("training")
def test_flax_layer_trains_with_fit_and_saves(tmp_path):
    _, Mlp, _ = _modules()
    rng = np.random.default_rng(4)
    x = rng.normal(size=(64, 3)).astype("float32")
    y = np.stack([x[:, 0] - 2.0 * x[:, 1], x[:, 2]], axis=1)
    module = Mlp(hidden=8)
    layer = _flax_layer(module, variables=_variables(module, x, training=True))
    inputs = cornu.Input((3,))
    model = cornu.Model(inputs, layer(inputs))
    model.compile(cornu.optimizers.Adam(0.05), "mse")
    before = _state_of(layer)
    first = model.evaluate(x, y, verbose=0)
    model.fit(x, y, epochs=20, batch_size=16, verbose=0)
    last = model.evaluate(x, y, verbose=0)
    assert last < first / 4, (first, last)
    after = _state_of(layer)
    assert sorted(after) == sorted(before)
    for path in after:  # every param and moving statistic moved
        assert not np.allclose(after[path], before[path]), path
    # The trained variables, read back, give Flax's own inference output.
    jax = pytest.importorskip("jax")
    variables = jax.tree_util.tree_map(
        _np,
        {**layer.params, **layer.state},
        is_leaf=lambda v: isinstance(v, cornu.Variable),
    )
    want = module.apply(variables, x, training=False)
    assert_allclose(
        model.predict(x, verbose=0), np.asarray(want), rtol=1e-5, atol=1e-5
    )
    for name in ("flax.cornu", "flax.keras"):
        path = os.path.join(tmp_path, name)
        model.save(path)
        loaded = cornu.saving.load_model(path)
        assert isinstance(loaded.layers[-1], cornu.layers.FlaxLayer)
        assert loaded.layers[-1].module == module
        assert_allclose(
            loaded.predict(x, verbose=0),
            model.predict(x, verbose=0),
            rtol=1e-6,
            atol=1e-6,
        )
        reloaded = _state_of(loaded.layers[-1])
        assert sorted(reloaded) == sorted(after)
        for key, value in after.items():
            assert_allclose(reloaded[key], value, rtol=0)


def test_flax_layer_config_round_trip():
    _, Mlp, _ = _modules()
    module = Mlp(hidden=3)
    layer = _flax_layer(module, method=module.encode, name="flax")
    config = layer.get_config()
    assert config["method"] == "encode"  # a bound method saves its name
    assert config["module"]["config"] == {"hidden": 3, "out": 2}
    assert "call_fn" not in config and "init_fn" not in config
    clone = cornu.layers.FlaxLayer.from_config(config)
    assert clone.name == "flax" and clone.module == module
    assert clone.method.__name__ == "encode"
    x = _data(5)
    layer(x)
    clone(x)
    clone.set_weights(layer.get_weights())
    assert_allclose(_np(clone(x)), _np(layer(x)), rtol=1e-6)


def test_flax_layer_unregistered_module_cannot_be_serialized():
    linen, _, _ = _modules()
    layer = _flax_layer(linen.Dense(2))
    with pytest.raises(TypeError, match="get_config"):
        layer.get_config()


@pytest.mark.parametrize(
    "module, method, error, match",
    [
        ("not a module", None, TypeError, "flax.linen.Module"),
        ("dense", 3, TypeError, "`method` to be None"),
        ("dense", "missing", ValueError, "has no method 'missing'"),
    ],
    ids=["not_a_module", "method_not_callable", "method_missing"],
)
def test_flax_layer_bad_arguments_raise(module, method, error, match):
    linen, _, _ = _modules()
    module = linen.Dense(2) if module == "dense" else module
    try:
        with pytest.raises(error, match=match):
            cornu.layers.FlaxLayer(module, method=method)
    except BackendNotSupportedError:
        pytest.skip("FlaxLayer runs only on the jax backend")
