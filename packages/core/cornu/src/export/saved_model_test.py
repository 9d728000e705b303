"""SavedModel export and `ExportArchive`: reloaded with
`tf.saved_model.load`, the endpoints give the model's outputs."""

import os

import numpy as np
import pytest

import cornu
from cornu import layers

MODELS = ["mlp", "cnn", "lstm", "transformer"]


# See onnx_lib_test.py: jax2tf meets `int()` on the symbolic batch size in
# cornu's shape checks, so exports with a `None` batch raise a ValueError
# until `shape_of` keeps symbolic sizes.
@pytest.fixture
def tf(kit):
    kit.require_format("tf_saved_model")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return pytest.importorskip("tensorflow")


@pytest.mark.parametrize("name", MODELS)
def test_saved_model_matches_predict_with_fixed_batch(name, kit, tf, tmp_path):
    model = kit.build_model(name)
    model.export(
        tmp_path / "sm",
        verbose=False,
        input_signature=kit.fixed_signature(model, 3),
    )
    reloaded = tf.saved_model.load(str(tmp_path / "sm"))
    x = kit.sample_input(model, 3)
    kit.assert_matches_predict(reloaded.serve(x), model, x)
    signature = reloaded.signatures["serving_default"]
    (output,) = signature(tf.constant(x)).values()
    kit.assert_matches_predict(output, model, x)


@pytest.mark.parametrize("name", MODELS)
def test_saved_model_keeps_batch_dynamic(name, kit, tf, tmp_path):
    model = kit.build_model(name)
    model.export(tmp_path / "sm", format="tf_saved_model", verbose=False)
    reloaded = tf.saved_model.load(str(tmp_path / "sm"))
    for batch_size in (2, 5):
        x = kit.sample_input(model, batch_size, seed=batch_size)
        kit.assert_matches_predict(reloaded.serve(x), model, x)


def test_archive_two_endpoints_and_a_variable_collection(kit, tf, tmp_path):
    cornu.utils.set_random_seed(0)
    model = cornu.Sequential(
        [cornu.Input((4,)), layers.Dense(3), layers.Dropout(0.5)]
    )
    spec = [cornu.InputSpec(shape=(2, 4), dtype="float32")]
    archive = cornu.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "call_inference", lambda x: model(x, training=False), spec
    )
    archive.add_endpoint(
        "double", lambda x: model(x, training=False) * 2.0, spec
    )
    archive.add_variable_collection("my_weights", model.weights)
    assert archive.endpoint_names == ["call_inference", "double"]
    archive.write_out(tmp_path / "sm", verbose=False)
    reloaded = tf.saved_model.load(str(tmp_path / "sm"))
    x = np.random.default_rng(1).normal(size=(2, 4)).astype("float32")
    expected = model.predict(x, verbose=0)
    np.testing.assert_allclose(
        reloaded.call_inference(x), expected, rtol=1e-5, atol=1e-6
    )
    np.testing.assert_allclose(
        reloaded.double(x), 2.0 * expected, rtol=1e-5, atol=1e-6
    )
    kernel = model.layers[0].kernel.numpy()
    assert np.array_equal(reloaded.my_weights[0].numpy(), kernel)
    assert len(reloaded.variables) == len(model.variables)  # + seed state
    assert "serving_default" in reloaded.signatures


def test_archive_accepts_a_traced_tf_function(kit, tf, tmp_path):
    @tf.function
    def plus_one(x):
        return x + 1.0

    plus_one(tf.zeros((2,)))
    archive = cornu.export.ExportArchive()
    archive.add_endpoint("plus_one", plus_one)
    archive.write_out(tmp_path / "sm", verbose=False)
    reloaded = tf.saved_model.load(str(tmp_path / "sm"))
    assert reloaded.plus_one(tf.zeros((2,))).numpy().tolist() == [1.0, 1.0]


def test_archive_prints_the_endpoints(kit, tf, tmp_path, capsys):
    model = kit.build_model("mlp")
    model.export(tmp_path / "sm", input_signature=kit.fixed_signature(model, 2))
    out = capsys.readouterr().out
    assert "Saved artifact at" in out
    assert "* Endpoint 'serve'" in out


def test_archive_errors(kit, tf):
    model = kit.build_model("mlp")
    spec = [cornu.InputSpec(shape=(2, 5), dtype="float32")]
    archive = cornu.export.ExportArchive()
    with pytest.raises(ValueError, match="No endpoints have been set"):
        archive.write_out("unused")
    with pytest.raises(ValueError, match="must provide an `input_signature`"):
        archive.add_endpoint("serve", model.__call__)
    archive.track_and_add_endpoint("serve", model, spec)
    with pytest.raises(ValueError, match="'serve' is already taken"):
        archive.add_endpoint("serve", model.__call__, spec)
    with pytest.raises(ValueError, match="must be a Python identifier"):
        archive.add_endpoint("not valid", model.__call__, spec)
    with pytest.raises(ValueError, match="Expected `variables` to be a"):
        archive.add_variable_collection("v", model.weights[0])
    with pytest.raises(ValueError, match=r"Found: \['int'\]"):
        archive.add_variable_collection("v", [1])
    with pytest.raises(ValueError, match="Invalid resource type"):
        archive.track("not a layer")
    with pytest.raises(ValueError, match="has not yet been built"):
        archive.track(layers.Dense(2))
    with pytest.raises(ValueError, match="Unknown export options"):
        archive.add_endpoint("other", model.__call__, spec, bogus=1)

    @tf.function
    def never_called(x):
        return x

    with pytest.raises(ValueError, match="has never been called"):
        archive.add_endpoint("never", never_called)


def test_saved_model_unsupported_backend_names_the_alternative(kit, tmp_path):
    from cornu.src.export import export_utils

    if export_utils.unsupported_reason("tf_saved_model") is None:
        pytest.skip("the active backend exports SavedModels")
    model = kit.build_model("mlp")
    with pytest.raises(
        cornu.errors.BackendNotSupportedError, match="format='tf_saved_model'"
    ):
        model.export(tmp_path / "sm")
    with pytest.raises(
        cornu.errors.BackendNotSupportedError, match="format='tf_saved_model'"
    ):
        cornu.export.ExportArchive()


def test_saved_model_subclassed_model(kit, tf, tmp_path):
    class TwoLayers(cornu.Model):
        def __init__(self):
            super().__init__()
            self.hidden = layers.Dense(6, activation="tanh")
            self.out = layers.Dense(2)

        def call(self, x):
            return self.out(self.hidden(x))

    cornu.utils.set_random_seed(0)
    model = TwoLayers()
    x = np.random.default_rng(3).normal(size=(4, 3)).astype("float32")
    model(x)
    model.export(
        tmp_path / "sm",
        verbose=False,
        input_signature=[cornu.InputSpec(shape=(4, 3), dtype="float32")],
    )
    reloaded = tf.saved_model.load(str(tmp_path / "sm"))
    np.testing.assert_allclose(
        reloaded.serve(x), model.predict(x, verbose=0), rtol=1e-5, atol=1e-6
    )


def test_saved_model_two_inputs(kit, tf, tmp_path):
    cornu.utils.set_random_seed(0)
    a = cornu.Input((3,), name="a")
    b = cornu.Input((2,), name="b")
    y = layers.Dense(4)(layers.Concatenate()([a, b]))
    model = cornu.Model([a, b], y)
    model.export(tmp_path / "sm", verbose=False)
    reloaded = tf.saved_model.load(str(tmp_path / "sm"))
    rng = np.random.default_rng(0)
    xa = rng.normal(size=(2, 3)).astype("float32")
    xb = rng.normal(size=(2, 2)).astype("float32")
    np.testing.assert_allclose(
        reloaded.serve([xa, xb]),
        model.predict([xa, xb], verbose=0),
        rtol=1e-5,
        atol=1e-6,
    )


def test_archive_endpoint_reading_an_untracked_layer(kit, tf, tmp_path):
    # Only `first` is tracked; the endpoint also reads `second`'s weights,
    # which the artifact must still carry.
    cornu.utils.set_random_seed(0)
    first = layers.Dense(3)
    second = layers.Dense(2)
    x = np.random.default_rng(2).normal(size=(2, 4)).astype("float32")
    expected = cornu.ops.convert_to_numpy(second(first(x)))
    archive = cornu.export.ExportArchive()
    archive.track(first)
    archive.add_endpoint(
        "serve",
        lambda inputs: second(first(inputs)),
        [cornu.InputSpec(shape=(2, 4), dtype="float32")],
    )
    archive.write_out(tmp_path / "sm", verbose=False)
    reloaded = tf.saved_model.load(str(tmp_path / "sm"))
    np.testing.assert_allclose(
        reloaded.serve(x), expected, rtol=1e-5, atol=1e-6
    )


def test_saved_model_accepts_the_jax_options(kit, tf, tmp_path):
    # Keras 3 scripts pass `is_static` (jax); other backends ignore it.
    model = kit.build_model("mlp")
    model.export(
        tmp_path / "sm",
        verbose=False,
        input_signature=kit.fixed_signature(model, 2),
        is_static=True,
    )
    reloaded = tf.saved_model.load(str(tmp_path / "sm"))
    x = kit.sample_input(model, 2)
    kit.assert_matches_predict(reloaded.serve(x), model, x)
