"""TFSMLayer: a SavedModel written by the test (a small `tf.Module`,
saved with `tf.saved_model.save`) reloaded as a layer: outputs against
NumPy, endpoints (attribute, signature, training), its variables as
weights (shared with the reloaded functions, so `fit` trains them), use
in a functional model, config and the safe-mode refusal, and the error
on backends other than tensorflow."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.errors import BackendNotSupportedError
from cornu.testing import assert_allclose

_W = np.random.default_rng(0).normal(size=(3, 2)).astype("float32")
_B = np.random.default_rng(1).normal(size=(2,)).astype("float32")
_SCALE = 2.0


def _np(x):
    return ops.convert_to_numpy(x)


def _reference(x, w=_W, b=_B):
    return (x @ w + b) * _SCALE


def _inputs(n=4, seed=2):
    return np.random.default_rng(seed).normal(size=(n, 3)).astype("float32")


def _runs_savedmodels(tmp_path):
    """Skips where the backend cannot load SavedModels (checked by the
    error test below)."""
    try:
        cornu.layers.TFSMLayer(tmp_path / "probe")
    except BackendNotSupportedError:
        pytest.skip("TFSMLayer runs only on the tensorflow backend")
    except ValueError:
        pass  # no SavedModel there: this backend loads them


@pytest.fixture
def saved_model(tmp_path):
    _runs_savedmodels(tmp_path)
    tf = pytest.importorskip("tensorflow")
    spec = [tf.TensorSpec([None, 3], tf.float32)]

    class Affine(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(_W, name="w")
            self.b = tf.Variable(_B, name="b")
            self.scale = tf.Variable(_SCALE, trainable=False, name="scale")

        @tf.function(input_signature=spec)
        def serve(self, x):
            return (tf.matmul(x, self.w) + self.b) * self.scale

        @tf.function(input_signature=spec)
        def train(self, x):
            return (tf.matmul(x, self.w) + self.b) * self.scale + 1.0

    module = Affine()
    path = str(tmp_path / "affine")
    tf.saved_model.save(
        module, path, signatures={"serving_default": module.serve}
    )
    return path


def test_tfsm_layer_raises_on_other_backends_naming_tensorflow(tmp_path):
    # On the tensorflow backend the error is the missing SavedModel's.
    with pytest.raises(
        (BackendNotSupportedError, ValueError),
        match="needs the tensorflow backend|no SavedModel at",
    ) as info:
        cornu.layers.TFSMLayer(tmp_path / "missing")
    if isinstance(info.value, BackendNotSupportedError):
        assert "CORNU_BACKEND=tensorflow" in str(info.value)


def test_missing_savedmodel_raises_naming_the_path(tmp_path):
    _runs_savedmodels(tmp_path)
    with pytest.raises(ValueError, match="no SavedModel at filepath="):
        cornu.layers.TFSMLayer(tmp_path / "missing")


def test_call_matches_numpy(saved_model):
    layer = cornu.layers.TFSMLayer(saved_model)
    x = _inputs()
    assert layer.built
    assert_allclose(_np(layer(x)), _reference(x), rtol=1e-5, atol=1e-6)


def test_weights_are_the_savedmodel_variables(saved_model):
    layer = cornu.layers.TFSMLayer(saved_model, name="affine")
    assert len(layer.trainable_weights) == 2
    assert len(layer.non_trainable_weights) == 1
    values = sorted(
        (tuple(w.shape), _np(w).tolist()) for w in layer.trainable_weights
    )
    assert values == sorted([((3, 2), _W.tolist()), ((2,), _B.tolist())])
    assert _np(layer.non_trainable_weights[0]) == _SCALE
    assert all(w.path.startswith("affine/") for w in layer.weights)
    # One variable: assigning through cornu changes the loaded function.
    for weight in layer.trainable_weights:
        weight.assign(ops.zeros(weight.shape))
    assert_allclose(_np(layer(_inputs())), np.zeros((4, 2)), atol=0)


def test_non_trainable_layer(saved_model):
    layer = cornu.layers.TFSMLayer(saved_model, trainable=False)
    assert layer.trainable_weights == []
    assert len(layer.non_trainable_weights) == 3


def test_signature_endpoint_returns_its_dict(saved_model):
    layer = cornu.layers.TFSMLayer(saved_model, call_endpoint="serving_default")
    out = layer(_inputs())
    assert list(out) == ["output_0"]
    assert_allclose(
        _np(out["output_0"]), _reference(_inputs()), rtol=1e-5, atol=1e-6
    )


def test_training_endpoint_runs_when_training(saved_model):
    layer = cornu.layers.TFSMLayer(saved_model, call_training_endpoint="train")
    x = _inputs()
    assert_allclose(_np(layer(x)), _reference(x), rtol=1e-5, atol=1e-6)
    assert_allclose(
        _np(layer(x, training=True)), _reference(x) + 1.0, rtol=1e-5, atol=1e-6
    )


@pytest.mark.parametrize(
    "argument, message",
    [
        ("call_endpoint", "endpoint 'nope' \\(`call_endpoint`\\)"),
        ("call_training_endpoint", "`call_training_endpoint`"),
    ],
)
def test_unknown_endpoint_raises_listing_the_endpoints(
    saved_model, argument, message
):
    with pytest.raises(ValueError, match=message) as info:
        cornu.layers.TFSMLayer(saved_model, **{argument: "nope"})
    assert "serving_default" in str(info.value)


def test_in_a_functional_model(saved_model):
    layer = cornu.layers.TFSMLayer(saved_model)
    inputs = cornu.Input((3,))
    outputs = layer(inputs)
    assert outputs.shape == (None, 2)
    assert outputs.dtype == "float32"
    model = cornu.Model(inputs, outputs)
    x = _inputs(5)
    assert_allclose(
        model.predict(x, verbose=0), _reference(x), rtol=1e-5, atol=1e-6
    )


def test_fit_trains_the_reloaded_variables(saved_model):
    layer = cornu.layers.TFSMLayer(saved_model)
    inputs = cornu.Input((3,))
    model = cornu.Model(inputs, layer(inputs))
    model.compile(optimizer=cornu.optimizers.SGD(0.1), loss="mse")
    x = _inputs(8)
    y = np.zeros((8, 2), "float32")
    model.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
    # One SGD step on the mean squared error, in NumPy.
    out = _reference(x)
    d_out = 2.0 * (out - y) / out.size * _SCALE
    w = _W - 0.1 * (x.T @ d_out)
    b = _B - 0.1 * d_out.sum(axis=0)
    weights = {tuple(v.shape): _np(v) for v in layer.trainable_weights}
    assert_allclose(weights[(3, 2)], w, rtol=1e-5, atol=1e-6)
    assert_allclose(weights[(2,)], b, rtol=1e-5, atol=1e-6)
    # The loaded function reads the same, updated variables.
    assert_allclose(
        _np(layer.call_endpoint_fn(x)),
        _reference(x, w, b),
        rtol=1e-5,
        atol=1e-5,
    )


def test_get_config_and_from_config_with_safe_mode_off(saved_model):
    layer = cornu.layers.TFSMLayer(
        saved_model, call_training_endpoint="train", name="reloaded"
    )
    config = layer.get_config()
    assert config["filepath"] == saved_model
    assert config["call_endpoint"] == "serve"
    assert config["call_training_endpoint"] == "train"
    again = cornu.layers.TFSMLayer.from_config(config, safe_mode=False)
    assert again.name == "reloaded"
    x = _inputs()
    assert_allclose(_np(again(x)), _reference(x), rtol=1e-5, atol=1e-6)


def test_from_config_is_refused_in_safe_mode(saved_model):
    config = cornu.layers.TFSMLayer(saved_model).get_config()
    with pytest.raises(ValueError, match="pass `safe_mode=False`"):
        cornu.layers.TFSMLayer.from_config(config)
    with pytest.raises(ValueError, match="pass `safe_mode=False`"):
        cornu.layers.TFSMLayer.from_config(config, safe_mode=True)


def test_deserialization_is_refused_in_safe_mode(saved_model):
    layer = cornu.layers.TFSMLayer(saved_model)
    serialized = cornu.saving.serialize_keras_object(layer)
    with pytest.raises(ValueError, match="safe_mode=False"):
        cornu.saving.deserialize_keras_object(serialized)
    again = cornu.saving.deserialize_keras_object(serialized, safe_mode=False)
    x = _inputs()
    assert_allclose(_np(again(x)), _reference(x), rtol=1e-5, atol=1e-6)


def test_reloads_a_savedmodel_of_a_cornu_model(tmp_path):
    """A cornu model held by a `tf.Module` is found by TensorFlow (its
    variables, for `tf.saved_model.save`); reloaded, it predicts the
    same."""
    _runs_savedmodels(tmp_path)
    tf = pytest.importorskip("tensorflow")
    cornu.utils.set_random_seed(0)
    model = cornu.Sequential(
        [
            cornu.Input((3,)),
            cornu.layers.Dense(4, activation="relu"),
            cornu.layers.BatchNormalization(),
            cornu.layers.Dense(2),
        ]
    )
    x = _inputs(5)
    want = model.predict(x, verbose=0)
    root = tf.Module()
    root.model = model
    root.serve = tf.function(
        lambda inputs: model(inputs, training=False),
        input_signature=[tf.TensorSpec([None, 3], tf.float32)],
        autograph=False,
    )
    assert len(root.variables) == len(model.variables) == 8
    assert len(root.trainable_variables) == 6
    path = str(tmp_path / "cornu_model")
    tf.saved_model.save(root, path)
    layer = cornu.layers.TFSMLayer(path)
    assert len(layer.weights) == 8
    assert_allclose(_np(layer(x)), want, rtol=1e-5, atol=1e-6)
