import os

import pytest

from cornu.src.callbacks import checkpoint_io


def test_atomic_write_text_and_copy(tmp_path):
    source = tmp_path / "a.json"
    checkpoint_io.atomic_write_text(str(source), '{"epoch": 1}')
    checkpoint_io.atomic_copy(str(source), str(tmp_path / "a.json.bkp"))
    assert (tmp_path / "a.json.bkp").read_text() == '{"epoch": 1}'
    assert sorted(os.listdir(tmp_path)) == ["a.json", "a.json.bkp"]


def test_a_failed_copy_keeps_the_previous_file(tmp_path):
    target = tmp_path / "ckpt.json"
    checkpoint_io.atomic_write_text(str(target), "old")
    with pytest.raises(FileNotFoundError):
        checkpoint_io.atomic_copy(str(tmp_path / "missing"), str(target))
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["ckpt.json"]
