import os

import pytest

from cornu.src.callbacks import checkpoint_io


def test_atomic_save_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "model.keras"
    seen = []

    def save(path):
        seen.append(path)
        with open(path, "w") as f:
            f.write("new")

    checkpoint_io.atomic_save(save, str(target))
    assert target.read_text() == "new"
    # The saver got a fresh name in the same folder, ending like the target.
    assert os.path.dirname(seen[0]) == str(target.parent)
    assert seen[0].endswith("model.keras") and seen[0] != str(target)
    assert os.listdir(target.parent) == ["model.keras"]


def test_a_failed_save_keeps_the_previous_file(tmp_path):
    target = tmp_path / "ckpt.weights.safetensors"
    target.write_text("old")

    def crash(path):
        with open(path, "w") as f:
            f.write("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        checkpoint_io.atomic_save(crash, str(target))
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["ckpt.weights.safetensors"]


def test_atomic_save_of_a_folder(tmp_path):
    target = tmp_path / "model_dir"
    target.mkdir()
    (target / "stale").write_text("x")

    def save(path):
        os.makedirs(path)
        with open(os.path.join(path, "config.json"), "w") as f:
            f.write("{}")

    checkpoint_io.atomic_save(save, str(target))
    assert os.listdir(target) == ["config.json"]


def test_atomic_write_text_and_copy(tmp_path):
    source = tmp_path / "a.json"
    checkpoint_io.atomic_write_text(str(source), '{"epoch": 1}')
    checkpoint_io.atomic_copy(str(source), str(tmp_path / "a.json.bkp"))
    assert (tmp_path / "a.json.bkp").read_text() == '{"epoch": 1}'
    assert sorted(os.listdir(tmp_path)) == ["a.json", "a.json.bkp"]
