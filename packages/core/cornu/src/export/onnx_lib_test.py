"""ONNX export: the file runs in onnxruntime with the model's outputs."""

import numpy as np
import pytest

import cornu
from cornu import layers

MODELS = ["mlp", "cnn", "lstm", "transformer"]


def _session(path):
    ort = pytest.importorskip("onnxruntime")
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def _run(session, x):
    return session.run(None, {session.get_inputs()[0].name: x})[0]


@pytest.mark.parametrize("name", MODELS)
def test_onnx_matches_predict_with_fixed_batch(name, kit, tmp_path):
    kit.require_format("onnx")
    pytest.importorskip("onnxruntime")
    model = kit.build_model(name)
    path = tmp_path / "model.onnx"
    model.export(
        path,
        format="onnx",
        verbose=False,
        input_signature=kit.fixed_signature(model, 3),
    )
    x = kit.sample_input(model, 3)
    kit.assert_matches_predict(_run(_session(path), x), model, x)


@pytest.mark.parametrize("name", MODELS)
def test_onnx_keeps_batch_dynamic(name, kit, tmp_path):
    kit.require_format("onnx")
    pytest.importorskip("onnxruntime")
    model = kit.build_model(name)
    path = tmp_path / "model.onnx"
    model.export(path, format="onnx", verbose=False)
    session = _session(path)
    for batch_size in (2, 5):
        x = kit.sample_input(model, batch_size, seed=batch_size)
        kit.assert_matches_predict(_run(session, x), model, x)


def test_onnx_two_inputs_are_named_after_the_inputs(kit, tmp_path):
    kit.require_format("onnx")
    pytest.importorskip("onnxruntime")
    cornu.utils.set_random_seed(0)
    a = cornu.Input((3,), name="a")
    b = cornu.Input((2,), name="b")
    y = layers.Dense(4)(layers.Concatenate()([a, b]))
    model = cornu.Model([a, b], y)
    path = tmp_path / "two.onnx"
    signature = [
        [
            cornu.InputSpec(shape=(2, 3), dtype="float32", name="a"),
            cornu.InputSpec(shape=(2, 2), dtype="float32", name="b"),
        ]
    ]
    model.export(path, format="onnx", verbose=False, input_signature=signature)
    session = _session(path)
    assert [i.name for i in session.get_inputs()] == ["a", "b"]
    rng = np.random.default_rng(0)
    xa = rng.normal(size=(2, 3)).astype("float32")
    xb = rng.normal(size=(2, 2)).astype("float32")
    actual = session.run(None, {"a": xa, "b": xb})[0]
    np.testing.assert_allclose(
        actual, model.predict([xa, xb], verbose=0), rtol=1e-5, atol=1e-6
    )


def test_onnx_prints_the_path_when_verbose(kit, tmp_path, capsys):
    kit.require_format("onnx")
    model = kit.build_model("mlp")
    path = tmp_path / "model.onnx"
    model.export(
        path, format="onnx", input_signature=kit.fixed_signature(model, 2)
    )
    assert f"Saved artifact at '{path}'." in capsys.readouterr().out


def test_onnx_refuses_an_unknown_option(kit, tmp_path):
    kit.require_format("onnx")
    model = kit.build_model("mlp")
    with pytest.raises((TypeError, ValueError), match="bogus_option"):
        model.export(tmp_path / "m.onnx", format="onnx", bogus_option=1)
    assert not (tmp_path / "m.onnx").exists()


def test_onnx_unsupported_backend_names_the_alternative(kit, tmp_path):
    from cornu.src.export import export_utils

    if export_utils.unsupported_reason("onnx") is None:
        pytest.skip("the active backend exports ONNX")
    model = kit.build_model("mlp")
    with pytest.raises(
        cornu.errors.BackendNotSupportedError, match="format='onnx'"
    ):
        model.export(tmp_path / "m.onnx", format="onnx")


def test_onnx_subclassed_model(kit, tmp_path):
    kit.require_format("onnx")
    pytest.importorskip("onnxruntime")

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
    path = tmp_path / "sub.onnx"
    model.export(
        path,
        format="onnx",
        verbose=False,
        input_signature=[cornu.InputSpec(shape=(4, 3), dtype="float32")],
    )
    np.testing.assert_allclose(
        _run(_session(path), x),
        model.predict(x, verbose=0),
        rtol=1e-5,
        atol=1e-6,
    )
