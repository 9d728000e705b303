"""The openvino backend's compiled predict (runs only on that backend)."""

import numpy as np
import pytest

import cornu
from cornu import layers

# Feature detection (R7): only the openvino trainer compiles predict into
# an OpenVINO model and exposes its cache.
if not hasattr(cornu.Model, "openvino_compiled_predict"):
    pytest.skip(
        "the active backend's trainer does not compile predict with "
        "OpenVINO",
        allow_module_level=True,
    )


def _mlp():
    return cornu.Sequential(
        [
            cornu.Input((6,)),
            layers.Dense(8, activation="relu"),
            layers.Dense(3, activation="softmax"),
        ]
    )


def _reference_mlp(model, x):
    w1, b1, w2, b2 = model.get_weights()
    h = np.maximum(x @ w1 + b1, 0.0)
    logits = h @ w2 + b2
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@pytest.mark.parametrize("batch_size", [2, 5])
def test_predict_matches_numpy_reference(batch_size):
    x = np.random.default_rng(0).normal(size=(5, 6)).astype("float32")
    model = _mlp()
    out = model.predict(x, batch_size=batch_size, verbose=0)
    np.testing.assert_allclose(out, _reference_mlp(model, x), rtol=1e-5)


def test_second_predict_reuses_the_compiled_model():
    x = np.random.default_rng(1).normal(size=(4, 6)).astype("float32")
    model = _mlp()
    model.predict(x, batch_size=4, verbose=0)
    entry = model.openvino_compiled_predict(x)
    assert entry.calls == 1
    model.predict(x, batch_size=4, verbose=0)
    assert model.openvino_compiled_predict(x) is entry
    assert entry.calls == 2


def test_new_weights_recompile():
    x = np.random.default_rng(2).normal(size=(3, 6)).astype("float32")
    model = _mlp()
    model.predict(x, verbose=0)
    entry = model.openvino_compiled_predict(x)
    weights = [w * 0.5 for w in model.get_weights()]
    model.set_weights(weights)
    out = model.predict(x, verbose=0)
    assert model.openvino_compiled_predict(x) is not entry
    np.testing.assert_allclose(out, _reference_mlp(model, x), rtol=1e-5)


def test_cnn_predict_matches_eager_call():
    x = np.random.default_rng(3).normal(size=(2, 8, 8, 3)).astype("float32")
    model = cornu.Sequential(
        [
            cornu.Input((8, 8, 3)),
            layers.Conv2D(4, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(2, 3),
            layers.Flatten(),
            layers.Dense(3),
        ]
    )
    eager = cornu.ops.convert_to_numpy(model(x))
    np.testing.assert_allclose(
        model.predict(x, verbose=0), eager, rtol=1e-5, atol=1e-6
    )


def test_evaluate_matches_numpy_reference():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(6, 6)).astype("float32")
    y = np.eye(3, dtype="float32")[rng.integers(0, 3, size=6)]
    model = _mlp()
    model.compile(loss="categorical_crossentropy")
    loss = model.evaluate(x, y, batch_size=6, verbose=0)
    probs = np.clip(_reference_mlp(model, x), 1e-7, 1 - 1e-7)
    expected = -np.mean(np.sum(y * np.log(probs), axis=-1))
    np.testing.assert_allclose(loss, expected, rtol=1e-5)


@pytest.mark.parametrize("method", ["fit", "train_on_batch"])
def test_training_is_refused_with_the_alternatives(method):
    model = _mlp()
    model.compile(loss="mse", optimizer="sgd")
    x = np.zeros((2, 6), "float32")
    y = np.zeros((2, 3), "float32")
    with pytest.raises(
        cornu.errors.BackendNotSupportedError,
        match=r"inference only.*jax, torch or tensorflow",
    ):
        getattr(model, method)(x, y)


def test_evaluate_includes_losses_added_during_the_call():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(4, 6)).astype("float32")
    y = rng.normal(size=(4, 3)).astype("float32")
    model = cornu.Sequential(
        [
            cornu.Input((6,)),
            layers.Dense(3),
            layers.ActivityRegularization(l2=0.1),
        ]
    )
    model.compile(loss="mse")
    loss = model.evaluate(x, y, batch_size=4, verbose=0)
    y_pred = cornu.ops.convert_to_numpy(model(x))
    added = sum(float(cornu.ops.convert_to_numpy(v)) for v in model.losses)
    expected = np.mean((y - y_pred) ** 2) + added
    assert added > 0
    np.testing.assert_allclose(loss, expected, rtol=1e-5)


def test_eager_ops_run_without_compiling_and_conv_falls_back():
    x = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_allclose(
        cornu.ops.convert_to_numpy(cornu.ops.sum(x * 2.0, axis=1)),
        [6.0, 24.0],
    )
    image = np.ones((1, 4, 4, 1), "float32")
    kernel = np.ones((3, 3, 1, 1), "float32")
    out = cornu.ops.conv(image, kernel, padding="same")
    expected = np.array(
        [[4, 6, 6, 4], [6, 9, 9, 6], [6, 9, 9, 6], [4, 6, 6, 4]], "float32"
    )
    np.testing.assert_allclose(
        cornu.ops.convert_to_numpy(out)[0, :, :, 0], expected
    )


def test_unsupported_op_raises_with_reason():
    with pytest.raises(
        cornu.errors.BackendNotSupportedError,
        match=r"`math.stft` is not supported by the openvino backend",
    ):
        cornu.ops.stft(np.ones(16, "float32"), 8, 4, 8)
