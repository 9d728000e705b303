"""LiteRT export: the `.tflite` file run by the LiteRT interpreter gives
the model's outputs."""

import os

import pytest

import cornu


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_litert_matches_predict(name, kit, tmp_path):
    kit.require_format("litert")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    pytest.importorskip("tensorflow")
    interpreter_lib = pytest.importorskip("ai_edge_litert.interpreter")
    model = kit.build_model(name)
    path = model.export(
        tmp_path / "model",
        format="litert",
        verbose=False,
        input_signature=kit.fixed_signature(model, 3),
    )
    assert path is None  # Model.export returns nothing, as in Keras
    interpreter = interpreter_lib.Interpreter(
        model_path=str(tmp_path / "model.tflite")
    )
    interpreter.allocate_tensors()
    x = kit.sample_input(model, 3)
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
    interpreter.invoke()
    actual = interpreter.get_tensor(
        interpreter.get_output_details()[0]["index"]
    )
    kit.assert_matches_predict(actual, model, x)


def test_litert_unsupported_backend_names_the_alternative(kit, tmp_path):
    from cornu.src.export import export_utils

    if export_utils.unsupported_reason("litert") is None:
        pytest.skip("the active backend exports LiteRT models")
    model = kit.build_model("mlp")
    with pytest.raises(
        cornu.errors.BackendNotSupportedError, match="format='litert'"
    ):
        model.export(tmp_path / "model.tflite", format="litert")
