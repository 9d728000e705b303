"""The openvino backend's compiled predict (runs only on that backend)."""

import numpy as np
import pytest

import cornu
from cornu import layers

# Feature detection (R7): only the openvino trainer compiles predict into
# an OpenVINO model and exposes its cache.
if not hasattr(cornu.Model, "openvino_compiled_predict"):
    pytest.skip(
        "the active backend's trainer does not compile predict with OpenVINO",
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
        match=r"`nn.polar` is not supported by the openvino backend.*"
        r"complex",
    ):
        cornu.ops.polar(np.ones(4, "float32"), np.zeros(4, "float32"))


def test_a_model_computing_on_the_host_runs_op_by_op():
    # Hashing computes its bins with NumPy: the trace cannot hold it, so
    # this signature runs op by op, with the same results as a direct call.
    model = cornu.Sequential(
        [
            cornu.Input((4,), dtype="int32"),
            layers.Hashing(num_bins=5, salt=7),
        ]
    )
    x = np.arange(8, dtype="int32").reshape(2, 4)
    got = model.predict(x, verbose=0)
    want = cornu.ops.convert_to_numpy(model(x))
    np.testing.assert_array_equal(got, want)
    entry = model.openvino_compiled_predict(x)
    assert entry.compiled is None
    assert "symbolic" in entry.eager_reason


def test_string_inputs_run_op_by_op():
    model = cornu.Sequential(
        [
            cornu.Input((3,), dtype="string"),
            layers.StringLookup(vocabulary=["a", "b", "c"]),
        ]
    )
    x = np.array([["a", "c", "z"], ["b", "b", "a"]])
    np.testing.assert_array_equal(
        model.predict(x, verbose=0), [[1, 3, 0], [2, 2, 1]]
    )
    assert model.openvino_compiled_predict(x).eager_reason == (
        "its inputs hold strings"
    )


def test_float64_keeps_infinities_through_the_compiled_model():
    # OpenVINO's CPU plugin clamps f64 infinities to the float32 maximum at
    # a model's boundary; float64 therefore crosses it as float32.
    x_in = cornu.Input((3,), dtype="float64")
    model = cornu.Model(x_in, cornu.ops.isinf(x_in * 2.0))
    x = np.array([[1.0, np.inf, -np.inf], [0.0, 2.0, np.nan]])
    got = model.predict(x, verbose=0)
    np.testing.assert_array_equal(got, np.isinf(x * 2.0))
    y_in = cornu.Input((2,), dtype="float64")
    doubled = cornu.Model(y_in, y_in * 2.0).predict(
        np.array([[np.inf, 1.5]]), verbose=0
    )
    assert doubled.dtype == np.float64
    np.testing.assert_array_equal(doubled, [[np.inf, 3.0]])


def test_batches_reuse_one_infer_request():
    model = _mlp()
    x = np.random.default_rng(1).normal(size=(8, 6)).astype("float32")
    model.predict(x, batch_size=4, verbose=0)
    entry = model.openvino_compiled_predict(x[:4])
    request = entry.request
    assert request is not None and entry.calls == 2
    out = model.predict(x, batch_size=4, verbose=0)
    assert entry.request is request and entry.calls == 4
    np.testing.assert_allclose(out, _reference_mlp(model, x), rtol=1e-5)
