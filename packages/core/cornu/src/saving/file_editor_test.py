import os
import zipfile

import numpy as np
import pytest

import cornu
from cornu.src.saving import safetensors_io

KerasFileEditor = cornu.saving.KerasFileEditor
TESTDATA = os.path.join(os.path.dirname(__file__), "testdata")


def _mlp(units=(4, 2), seed=0):
    model = cornu.Sequential(
        [cornu.Input((3,))] + [cornu.layers.Dense(u) for u in units]
    )
    rng = np.random.default_rng(seed)
    model.set_weights(
        [rng.normal(size=w.shape).astype("float32") for w in model.weights]
    )
    return model


def _save(model, folder, kind):
    path = os.path.join(folder, kind)
    if kind == "sharded.weights.safetensors":
        model.save_weights(path, max_shard_size="60B")
    elif kind == "sharded.weights.json":
        model.save_weights(path, max_shard_size="60B")
    elif kind.endswith((".weights.safetensors", ".weights.h5")):
        model.save_weights(path)
    elif kind == "folder":
        model.save(path, zipped=False)
    else:
        model.save(path)
    return path


KINDS = [
    "m.cornu",
    "m.keras",
    "folder",
    "m.weights.safetensors",
    "sharded.weights.safetensors",
    "m.weights.h5",
    "sharded.weights.json",
]


@pytest.mark.parametrize("kind", KINDS)
def test_every_file_kind_opens_with_its_weights(tmp_path, capsys, kind):
    model = _mlp()
    path = _save(model, str(tmp_path), kind)
    editor = KerasFileEditor(path)
    header = capsys.readouterr().out
    assert repr(path) in header
    # (cornu's `.keras` files carry Keras's metadata, for Keras 3.)
    assert ("Saved with" in header) == (kind in KINDS[:3])
    assert (editor.config is not None) == (kind in KINDS[:3])
    layers = editor.weights_dict["layers"]
    assert list(layers) == ["dense", "dense_1"]
    want = model.get_weights()
    got = [layers["dense"]["0"], layers["dense"]["1"]]
    got += [layers["dense_1"]["0"], layers["dense_1"]["1"]]
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w)
    assert editor.compare(model) == {
        "status": "success",
        "error_count": 0,
        "match_count": 4,
    }
    assert "Found 4 matching weights" in capsys.readouterr().out


def test_a_keras_written_archive_keeps_nested_objects(capsys):
    # Keras's own editor drops the LSTM cells here (their layers have an
    # empty `vars` group) and counts each missing object twice.
    path = os.path.join(TESTDATA, "keras", "lstm.keras")
    editor = KerasFileEditor(path)
    assert "Saved with Keras 3." in capsys.readouterr().out
    assert editor.metadata["keras_version"].startswith("3.")
    assert editor.config["class_name"] in ("Sequential", "Functional")
    lstm = editor.weights_dict["layers"]["lstm"]
    assert list(lstm) == ["cell"]
    assert [v.shape for v in lstm["cell"].values()] == [
        (3, 16),
        (4, 16),
        (16,),
    ]
    model = cornu.saving.load_model(path)
    assert editor.compare(model)["match_count"] == 8
    editor.weights_summary()
    out = capsys.readouterr().out
    assert "cell ('lstm_cell')" in out
    assert "lstm ('lstm_1')" in out


def test_summary_prints_a_table_and_weights_summary_a_tree(tmp_path, capsys):
    path = _save(_mlp(), str(tmp_path), "m.weights.safetensors")
    editor = KerasFileEditor(path)
    capsys.readouterr()
    editor.summary()
    table = capsys.readouterr().out
    assert "layers/dense_1" in table
    assert "(4, 2)" in table and "float32" in table
    assert "Total: 4 weights, 26 params (104.00 B)" in table
    editor.weights_summary()
    tree = capsys.readouterr().out.splitlines()
    assert tree[0] == "Weights structure"
    assert tree[1].strip() == "└─ layers"
    assert tree[3].strip().endswith("0: shape=(3, 4), dtype=float32")


def test_compare_lists_every_mismatch(tmp_path, capsys):
    path = _save(_mlp((4, 2)), str(tmp_path), "m.cornu")
    editor = KerasFileEditor(path)
    capsys.readouterr()
    other = _mlp((5, 2, 1))  # dense: two shape mismatches; dense_1:
    # kernel (5, 2) vs (4, 2); dense_2 missing from the file.
    result = editor.compare(other)
    assert result == {"status": "error", "error_count": 4, "match_count": 1}
    out = capsys.readouterr().out
    assert "Weight shape mismatch for /layers/dense/0" in out
    assert "In reference model: shape=(3, 5)" in out
    assert (
        "Object /layers/dense_2 present in reference model, missing from "
        "saved file"
    ) in out
    assert "Found 4 errors" in out


def test_compare_accepts_a_path_or_an_editor(tmp_path, capsys):
    first = _save(_mlp((4, 2)), str(tmp_path), "a.cornu")
    second = _save(_mlp((4,)), str(tmp_path), "b.weights.h5")
    editor = KerasFileEditor(first)
    assert editor.compare(second) == {
        "status": "error",
        "error_count": 1,
        "match_count": 2,
    }
    assert "present in saved file, missing from reference file" in (
        capsys.readouterr().out
    )
    assert editor.compare(KerasFileEditor(first))["status"] == "success"
    with pytest.raises(TypeError, match="Received: reference_model of type"):
        editor.compare(3)


def test_edits_adapt_a_file_to_a_new_architecture(tmp_path):
    old = _mlp((4, 2))
    path = _save(old, str(tmp_path), "old.weights.h5")
    new = cornu.Sequential(
        [
            cornu.Input((3,)),
            cornu.layers.Dense(4),
            cornu.layers.Dense(2),
            cornu.layers.Dense(1),
        ]
    )
    editor = KerasFileEditor(path)
    assert editor.compare(new)["status"] == "error"
    kernel = np.arange(2, dtype="float32").reshape(2, 1)
    editor.add_object("layers/dense_2", {"0": kernel})
    editor.add_weights("dense_2", {1: np.array([0.5], "float32")})
    assert editor.compare(new)["status"] == "success"
    for target in ("new.weights.h5", "new.weights.safetensors"):
        editor.save(str(tmp_path / target))
        new.load_weights(str(tmp_path / target))
        x = np.random.default_rng(1).normal(size=(5, 3)).astype("float32")
        w = old.get_weights()
        want = ((x @ w[0] + w[1]) @ w[2] + w[3]) @ kernel + 0.5
        got = cornu.ops.convert_to_numpy(new(x))
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_rename_keeps_place_and_names(tmp_path):
    path = _save(_mlp((4, 2)), str(tmp_path), "m.weights.h5")
    editor = KerasFileEditor(path)
    editor.rename_object("layers/dense", "renamed")
    assert list(editor.weights_dict["layers"]) == ["renamed", "dense_1"]
    assert editor.object_metadata["layers/renamed"] == {"name": "dense"}
    editor.rename_object("dense_1", "dense")
    editor.save(str(tmp_path / "out.weights.h5"))
    again = KerasFileEditor(str(tmp_path / "out.weights.h5"))
    assert list(again.weights_dict["layers"]) == ["dense", "renamed"]
    assert again.object_metadata["layers/renamed"] == {"name": "dense"}


def test_delete_object_and_weight(tmp_path):
    path = _save(_mlp((4, 2)), str(tmp_path), "m.cornu")
    editor = KerasFileEditor(path)
    editor.delete_weight("layers/dense", "1")
    assert list(editor.weights_dict["layers"]["dense"]) == ["0"]
    editor.delete_object("dense_1")
    assert list(editor.weights_dict["layers"]) == ["dense"]
    editor.resave_weights(str(tmp_path / "m.weights.safetensors"))
    reader = safetensors_io.SafetensorsReader(
        str(tmp_path / "m.weights.safetensors")
    )
    assert reader.keys() == ["layers/dense/vars/0"]


def test_editing_errors(tmp_path):
    inner = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(3)])
    model = cornu.Sequential([cornu.Input((3,)), inner, cornu.layers.Dense(2)])
    path = _save(model, str(tmp_path), "m.weights.safetensors")
    editor = KerasFileEditor(path)
    with pytest.raises(ValueError, match="'dense' occurs more than once"):
        editor.delete_object("dense")
    with pytest.raises(ValueError, match="'nope' does not appear"):
        editor.delete_object("nope")
    with pytest.raises(ValueError, match="Path 'layers/nope' not found"):
        editor.rename_object("layers/nope", "x")
    with pytest.raises(ValueError, match="should be a leaf name"):
        editor.rename_object("layers/dense", "a/b")
    with pytest.raises(ValueError, match="already exists there"):
        editor.rename_object("layers/dense", "sequential")
    with pytest.raises(TypeError, match="non-empty str"):
        editor.delete_object("")
    with pytest.raises(ValueError, match="should be a dict"):
        editor.add_object("layers/new", [np.ones(2)])
    with pytest.raises(ValueError, match="Weight names should be strs"):
        editor.add_weights("layers/dense", {"a/b": np.ones(2)})
    with pytest.raises(ValueError, match="Path 'missing' not found"):
        editor.add_object("missing/new", {"0": np.ones(2)})
    with pytest.raises(TypeError, match="`object_path` should be"):
        editor.add_object("", {"0": np.ones(2)})
    with pytest.raises(ValueError, match=r"Weights found: \['0', '1'\]"):
        editor.delete_weight("layers/dense", "7")
    with pytest.raises(ValueError, match="is a weight, not an object"):
        editor.add_weights("layers/dense/0", {"1": np.ones(2)})
    with pytest.raises(ValueError, match="expected a `.weights.h5` or"):
        editor.save(str(tmp_path / "m.keras"))
    with pytest.raises(TypeError, match="`save` expects `filepath`"):
        editor.save(3)


def test_unknown_or_foreign_files_are_refused(tmp_path):
    with pytest.raises(ValueError, match="cannot open 'm.pkl'"):
        KerasFileEditor("m.pkl")
    path = str(tmp_path / "hf.safetensors")
    with open(path, "wb") as f:
        safetensors_io.write(f, [("model.embed.weight", np.ones(2, "f4"))])
    with pytest.raises(ValueError, match="not in Keras's"):
        KerasFileEditor(path)
    with pytest.raises(FileNotFoundError):
        KerasFileEditor(str(tmp_path / "absent.weights.safetensors"))


def test_the_config_is_read_as_data_and_never_run(tmp_path):
    sentinel = tmp_path / "sentinel"
    path = _save(_mlp(), str(tmp_path), "m.cornu")
    hostile = str(tmp_path / "hostile.cornu")
    config = (
        '{"module": "os", "class_name": "system", "config": '
        f'{{"command": "touch {sentinel}"}}, "registered_name": "os.system"}}'
    )
    with (
        zipfile.ZipFile(path) as src,
        zipfile.ZipFile(hostile, "w", zipfile.ZIP_STORED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "config.json":
                data = config.encode()
            dst.writestr(info, data)
    editor = KerasFileEditor(hostile)
    assert editor.config["module"] == "os"
    assert editor.compare(_mlp())["status"] == "success"
    assert not sentinel.exists()


def test_optimizer_state_is_listed_and_compared(tmp_path, capsys):
    model = _mlp()
    model.compile(optimizer=cornu.optimizers.SGD(momentum=0.9), loss="mse")
    model.optimizer.build(model.trainable_variables)
    path = _save(model, str(tmp_path), "m.cornu")
    editor = KerasFileEditor(path)
    # The iteration counter, the learning rate, then one momentum per
    # trainable variable (as Keras 3 saves them).
    assert len(editor.weights_dict["optimizer"]) == 6
    assert editor.compare(model) == {
        "status": "success",
        "error_count": 0,
        "match_count": 10,
    }
    editor.delete_object("optimizer")
    assert editor.compare(model)["error_count"] == 1
