"""JaxLayer: a JAX function's params and state as variables (values,
state updates, rng in training, training with `fit`, saving, config),
argument errors, and the error on other backends."""

import os

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.errors import BackendNotSupportedError
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def _jax_layer(*args, **kwargs):
    """A JaxLayer, or a skip where the backend cannot run JAX functions
    (those backends are checked by the error test below)."""
    try:
        return cornu.layers.JaxLayer(*args, **kwargs)
    except BackendNotSupportedError:
        pytest.skip("JaxLayer runs only on the jax backend")


def _linear(params, inputs):
    return ops.add(ops.matmul(inputs, params["w"]), params["b"])


def _params(seed=0):
    rng = np.random.default_rng(seed)
    return {
        "w": rng.normal(size=(3, 2)).astype("float32"),
        "b": rng.normal(size=(2,)).astype("float32"),
    }


def test_jax_layer_raises_on_other_backends_naming_jax():
    try:
        cornu.layers.JaxLayer(_linear, params=_params())
    except BackendNotSupportedError as e:
        assert "needs the jax backend" in str(e)
        assert "CORNU_BACKEND=jax" in str(e)
    else:
        pytest.skip("this backend runs JAX functions")


def test_jax_layer_with_params_matches_numpy():
    params = _params()
    layer = _jax_layer(_linear, params=params)
    assert layer.built
    x = np.random.default_rng(1).normal(size=(4, 3)).astype("float32")
    want = x @ params["w"] + params["b"]
    assert_allclose(_np(layer(x)), want, rtol=1e-5, atol=1e-6)
    assert [tuple(w.shape) for w in layer.trainable_weights] == [(2,), (3, 2)]
    assert not layer.non_trainable_weights


def _init_with_state(rng, inputs):
    jax = pytest.importorskip("jax")
    w = jax.random.normal(rng, (inputs.shape[-1], 2))
    return {"w": w}, {"calls": ops.zeros(())}


def _call_with_state(params, state, rng, inputs, training):
    jax = pytest.importorskip("jax")
    y = ops.matmul(inputs, params["w"])
    if training:
        y = y + 0.0 * jax.random.normal(rng, y.shape)
    return y, {"calls": state["calls"] + 1.0}


def test_jax_layer_init_fn_state_and_rng():
    layer = _jax_layer(_call_with_state, init_fn=_init_with_state, seed=2)
    x = np.ones((2, 3), "float32")
    y = layer(x)
    assert tuple(y.shape) == (2, 2)
    assert len(layer.trainable_weights) == 1
    assert len(layer.non_trainable_weights) == 1
    assert float(_np(layer.state["calls"])) == 1.0
    w = _np(layer.params["w"])
    assert_allclose(_np(layer(x, training=True)), x @ w, rtol=1e-5)
    assert float(_np(layer.state["calls"])) == 2.0


@pytest.mark.requires_capability("training")
def test_jax_layer_trains_with_fit_and_reloads(tmp_path):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(64, 3)).astype("float32")
    y = x @ np.array([[1.0, -2.0], [0.5, 0.0], [3.0, 1.0]], "float32")
    layer = _jax_layer(_linear, params=_params(4))
    inputs = cornu.Input((3,))
    model = cornu.Model(inputs, layer(inputs))
    model.compile(cornu.optimizers.Adam(0.1), "mse")
    first = model.evaluate(x, y, verbose=0)
    model.fit(x, y, epochs=30, batch_size=16, verbose=0)
    last = model.evaluate(x, y, verbose=0)
    assert last < first / 20, (first, last)
    path = os.path.join(tmp_path, "jax.weights.h5")
    model.save_weights(path)
    other = _jax_layer(_linear, params=_params(5))
    model2 = cornu.Model(inputs, other(inputs))
    model2.load_weights(path)
    assert_allclose(_np(model2(x)), _np(model(x)), rtol=1e-6, atol=1e-6)


def _init_linear(inputs):
    return _params()


def test_jax_layer_config_round_trip():
    layer = _jax_layer(_linear, init_fn=_init_linear)
    config = layer.get_config()
    assert config["native_serialization_platforms"] is None
    objects = {"_linear": _linear, "_init_linear": _init_linear}
    with cornu.saving.custom_object_scope(objects):
        clone = cornu.layers.JaxLayer.from_config(config)
    assert clone.call_fn is _linear and clone.init_fn is _init_linear
    x = np.ones((2, 3), "float32")
    assert_allclose(_np(clone(x)), _np(layer(x)), rtol=1e-6)


@pytest.mark.parametrize(
    "call_fn, kwargs, match",
    [
        (lambda params: params, {"params": {}}, "Missing required argument"),
        (lambda inputs, other: inputs, {}, "Unsupported argument"),
        (lambda params, inputs: inputs, {}, "cannot all be `None`"),
    ],
    ids=["no_inputs", "bad_argument", "no_params"],
)
def test_jax_layer_bad_functions_raise(call_fn, kwargs, match):
    try:
        with pytest.raises(ValueError, match=match):
            cornu.layers.JaxLayer(call_fn, **kwargs)
    except BackendNotSupportedError:
        pytest.skip("JaxLayer runs only on the jax backend")


def test_jax_layer_state_structure_mismatch_raises():
    def call_fn(state, inputs):
        return inputs, {"other": inputs}

    layer = _jax_layer(call_fn, state={"count": np.zeros(())})
    with pytest.raises(ValueError, match="structure mismatch"):
        layer(np.ones((1, 2), "float32"))


def test_jax_layer_run_layer_test():
    try:
        cornu.layers.JaxLayer(_linear, init_fn=_init_linear)
    except BackendNotSupportedError:
        pytest.skip("JaxLayer runs only on the jax backend")
    objects = {"_linear": _linear, "_init_linear": _init_linear}
    with cornu.saving.custom_object_scope(objects):
        run_layer_test(
            cornu.layers.JaxLayer,
            init_kwargs={"call_fn": _linear, "init_fn": _init_linear},
            input_shape=(2, 3),
            expected_output_shape=(2, 2),
            expected_num_trainable_weights=2,
            expected_num_non_trainable_weights=0,
            custom_objects=objects,
            # `call_fn` computes in the dtype of its params (float32), as in
            # Keras: there is no float16 compute under "mixed_float16".
            run_mixed_precision_check=False,
        )
