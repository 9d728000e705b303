import builtins
import os
import signal
import struct
import subprocess
import sys
import time

import numpy as np
import pytest

from cornu.src.saving import file_utils


class _Boom(Exception):
    pass


def test_atomic_write_replaces_the_file(tmp_path):
    target = tmp_path / "f.bin"
    target.write_bytes(b"old")
    with file_utils.atomic_write(target) as f:
        f.write(b"new contents")
    assert target.read_bytes() == b"new contents"
    assert os.listdir(tmp_path) == ["f.bin"]


def test_atomic_write_failure_keeps_the_old_file_byte_identical(tmp_path):
    target = tmp_path / "f.bin"
    target.write_bytes(b"old contents")
    with pytest.raises(_Boom):
        with file_utils.atomic_write(target) as f:
            f.write(b"half of the new")
            raise _Boom()
    assert target.read_bytes() == b"old contents"
    assert os.listdir(tmp_path) == ["f.bin"]  # no temporary file left


def test_atomic_write_gives_new_files_ordinary_permissions(tmp_path):
    target = tmp_path / "new.bin"
    with file_utils.atomic_write(str(target)) as f:
        f.write(b"x")
    assert target.stat().st_mode & 0o777 == file_utils._FILE_MODE
    os.chmod(target, 0o600)
    with file_utils.atomic_write(target) as f:
        f.write(b"y")
    assert target.stat().st_mode & 0o777 == 0o600  # kept


def test_atomic_write_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        with file_utils.atomic_write(tmp_path / "nope" / "f.bin"):
            pass


def test_atomic_directory_replaces_a_folder_or_file(tmp_path):
    target = tmp_path / "model"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with file_utils.atomic_directory(target) as folder:
        with open(os.path.join(folder, "new.txt"), "w") as f:
            f.write("new")
    assert sorted(os.listdir(target)) == ["new.txt"]
    assert os.listdir(tmp_path) == ["model"]
    single = tmp_path / "was_a_file"
    single.write_text("x")
    with file_utils.atomic_directory(single) as folder:
        open(os.path.join(folder, "a"), "w").close()
    assert os.listdir(single) == ["a"]


def test_atomic_directory_failure_keeps_the_old_folder(tmp_path):
    target = tmp_path / "model"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with pytest.raises(_Boom):
        with file_utils.atomic_directory(target) as folder:
            open(os.path.join(folder, "new.txt"), "w").close()
            raise _Boom()
    assert os.listdir(target) == ["old.txt"]
    assert os.listdir(tmp_path) == ["model"]


@pytest.mark.parametrize(
    "answers, expected", [(["y"], True), (["maybe", "n"], False)]
)
def test_ask_to_proceed_with_overwrite(monkeypatch, capsys, answers, expected):
    replies = iter(answers)
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(replies))
    assert file_utils.ask_to_proceed_with_overwrite("f.cornu") is expected


_WRITER = """
import importlib.util, struct, sys
spec = importlib.util.spec_from_file_location("file_utils", sys.argv[1])
file_utils = importlib.util.module_from_spec(spec)
spec.loader.exec_module(file_utils)
generation = int(sys.argv[3])
print("ready", flush=True)
while True:
    generation += 1
    with file_utils.atomic_write(sys.argv[2]) as f:
        f.write(struct.pack("<Q", generation))
        chunk = bytes([generation % 256]) * 2**20
        for _ in range(8):
            f.write(chunk)
"""


def _check_complete(path):
    data = np.fromfile(path, dtype=np.uint8)
    assert data.size == 8 + 8 * 2**20
    generation = int(data[:8].view("<u8")[0])
    assert np.all(data[8:] == generation % 256)
    return generation


def test_killed_writer_leaves_a_complete_file(tmp_path):
    target = tmp_path / "model.bin"
    with file_utils.atomic_write(target) as f:
        f.write(struct.pack("<Q", 0) + bytes(8 * 2**20))
    rng = np.random.default_rng(0)
    generation = 0
    for _ in range(20):
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WRITER,
                file_utils.__file__,
                str(target),
                str(generation),
            ],
            stdout=subprocess.PIPE,
        )
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(float(rng.uniform(0.0, 0.05)))
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        generation = _check_complete(target)
