"""OpenVINO export: the IR compiled by `openvino.Core` gives the model's
outputs."""

import pytest

import cornu

MODELS = ["mlp", "cnn", "lstm", "transformer"]


@pytest.fixture
def ov(kit, monkeypatch):
    kit.require_format("openvino")
    # `openvino.convert_model` sends usage telemetry from a forked process
    # unless opted out; it is off in CI jobs (and tests stay offline).
    monkeypatch.setenv("CI", "true")
    return pytest.importorskip("openvino")


def _compiled(ov, path):
    return ov.Core().compile_model(str(path), "CPU")


@pytest.mark.parametrize("name", MODELS)
def test_openvino_matches_predict_with_fixed_batch(name, kit, ov, tmp_path):
    model = kit.build_model(name)
    path = tmp_path / "model.xml"
    model.export(
        path,
        format="openvino",
        verbose=False,
        input_signature=kit.fixed_signature(model, 3),
    )
    assert (tmp_path / "model.bin").exists()
    x = kit.sample_input(model, 3)
    kit.assert_matches_predict(_compiled(ov, path)(x)[0], model, x)


@pytest.mark.parametrize("name", MODELS)
def test_openvino_keeps_batch_dynamic(name, kit, ov, tmp_path):
    from cornu.src.export import export_utils

    model = kit.build_model(name)
    path = tmp_path / "model.xml"
    if export_utils.static_shapes_reason("openvino"):
        # This backend's route reads static shapes only: a clear error
        # asking for a fixed signature, instead of a wrong artifact.
        with pytest.raises(ValueError, match="needs fixed input shapes"):
            model.export(path, format="openvino", verbose=False)
        return
    model.export(path, format="openvino", verbose=False)
    compiled = _compiled(ov, path)
    for batch_size in (2, 5):
        x = kit.sample_input(model, batch_size, seed=batch_size)
        kit.assert_matches_predict(compiled(x)[0], model, x)


def test_openvino_requires_an_xml_path(kit, tmp_path):
    model = kit.build_model("mlp")
    with pytest.raises(ValueError, match=r"filepath to end with '\.xml'"):
        model.export(tmp_path / "model.bin", format="openvino")


def test_openvino_refuses_an_unknown_option(kit, ov, tmp_path):
    model = kit.build_model("mlp")
    path = tmp_path / "m.xml"
    with pytest.raises((TypeError, ValueError), match="bogus_option"):
        model.export(path, format="openvino", bogus_option=1)
    assert not path.exists()


def test_openvino_unsupported_backend_names_the_alternative(kit, tmp_path):
    from cornu.src.export import export_utils

    if export_utils.unsupported_reason("openvino") is None:
        pytest.skip("the active backend exports OpenVINO IRs")
    model = kit.build_model("mlp")
    with pytest.raises(
        cornu.errors.BackendNotSupportedError, match="format='openvino'"
    ):
        model.export(tmp_path / "model.xml", format="openvino")
