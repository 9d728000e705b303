"""`format="torch"`: the `.pt2` program reloads with `torch.export.load`
and gives the model's outputs."""

import pytest

import cornu


def test_torch_program_matches_predict(kit, tmp_path):
    kit.require_format("torch")
    torch = pytest.importorskip("torch")
    model = kit.build_model("cnn")
    path = tmp_path / "model.pt2"
    model.export(path, format="torch", verbose=False)
    # The export runs the model in inference mode without leaving it so.
    assert getattr(model, "training", None) is not False
    program = torch.export.load(str(path)).module()
    for batch_size in (2, 5):
        x = kit.sample_input(model, batch_size, seed=batch_size)
        actual = program(torch.from_numpy(x)).detach().numpy()
        kit.assert_matches_predict(actual, model, x)


def test_torch_format_unsupported_backend_names_the_alternative(kit, tmp_path):
    from cornu.src.export import export_utils

    if export_utils.unsupported_reason("torch") is None:
        pytest.skip("the active backend exports torch programs")
    model = kit.build_model("mlp")
    with pytest.raises(
        cornu.errors.BackendNotSupportedError, match="format='torch'"
    ):
        model.export(tmp_path / "model.pt2", format="torch")
