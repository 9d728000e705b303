"""Hostile and damaged archives: each refused with a clear error, and
nothing from them runs (a sentinel file proves it)."""

import json
import os
import struct
import warnings
import zipfile

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu.src.saving import archive_io


def _model():
    return cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "good.cornu"
    cornu.saving.save_model(_model(), path)
    return path


def _members(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _rezip(path, members, compression=zipfile.ZIP_STORED):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names warn
        with zipfile.ZipFile(path, "w", compression) as z:
            for name, data in members:
                z.writestr(name, data)
    return path


def _with(tmp_path, archive, extra=(), replace=None, drop=()):
    members = _members(archive)
    members.update(replace or {})
    items = [(n, d) for n, d in members.items() if n not in drop]
    return _rezip(tmp_path / "bad.cornu", items + list(extra))


@pytest.mark.parametrize(
    "name", ["../x", "/tmp/cornu_abs_member", "..\\x", "a/../../x", "c:x"]
)
def test_members_pointing_outside_are_refused(tmp_path, archive, name):
    bad = _with(tmp_path, archive, extra=[(name, b"pwned")])
    with pytest.raises(ValueError, match="points outside the archive"):
        cornu.saving.load_model(bad)
    assert not (tmp_path.parent / "x").exists()
    assert not os.path.exists("/tmp/cornu_abs_member")


def test_duplicate_members_are_refused(tmp_path, archive):
    bad = _with(tmp_path, archive, extra=[("config.json", b"{}")])
    with pytest.raises(ValueError, match="appears twice"):
        cornu.saving.load_model(bad)


def test_truncated_archive_is_refused(tmp_path, archive):
    data = archive.read_bytes()
    bad = tmp_path / "cut.cornu"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="not a readable zip archive"):
        cornu.saving.load_model(bad)


def _patch_central(path, member, offset, value, fmt="<I"):
    data = bytearray(path.read_bytes())
    name = member.encode()
    start = data.rfind(name) - 46  # the central directory record
    assert data[start : start + 4] == b"PK\x01\x02"
    struct.pack_into(fmt, data, start + offset, value)
    path.write_bytes(bytes(data))


def test_decompression_bomb_is_refused(tmp_path, archive):
    members = list(_members(archive).items()) + [("assets/x.txt", b"a" * 1000)]
    bad = _rezip(tmp_path / "bomb.cornu", members, zipfile.ZIP_DEFLATED)
    _patch_central(bad, "assets/x.txt", 24, 0xFFFF0000)  # declared size
    with pytest.raises(ValueError, match="decompression bomb"):
        cornu.saving.load_model(bad)


def test_member_past_the_end_is_refused(tmp_path, archive):
    bad = _with(tmp_path, archive)
    for offset in (20, 24):  # compressed and uncompressed sizes
        _patch_central(bad, "model.weights.safetensors", offset, 0x7FFFFFF)
    with pytest.raises(ValueError, match="truncated"):
        cornu.saving.load_model(bad)


def test_inconsistent_stored_sizes_are_refused(tmp_path, archive):
    bad = _with(tmp_path, archive)
    size = zipfile.ZipFile(bad).getinfo("model.weights.safetensors").file_size
    _patch_central(bad, "model.weights.safetensors", 20, size - 1)
    with pytest.raises(ValueError, match="declares two sizes"):
        cornu.saving.load_model(bad)


def test_bad_local_header_is_refused(tmp_path, archive):
    bad = _with(tmp_path, archive)
    info = zipfile.ZipFile(bad).getinfo("model.weights.safetensors")
    data = bytearray(bad.read_bytes())
    data[info.header_offset : info.header_offset + 4] = b"XXXX"
    bad.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="local header"):
        cornu.saving.load_model(bad)
    data[info.header_offset : info.header_offset + 4] = b"PK\x03\x04"
    struct.pack_into("<H", data, info.header_offset + 28, 0xFFFF)
    bad.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="extends past the end"):
        cornu.saving.load_model(bad)


def test_damaged_member_is_refused(tmp_path, archive):
    bad = _with(tmp_path, archive)
    data = bytearray(bad.read_bytes())
    info = zipfile.ZipFile(bad).getinfo("config.json")
    data[info.header_offset + 30 + len("config.json") + 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="is damaged"):
        cornu.saving.load_model(bad)


def _weights_with_header(header):
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + b"\0" * 8


def test_huge_declared_tensor_is_refused_before_allocating(tmp_path, archive):
    weights = _weights_with_header(
        {
            "layers/dense/vars/0": {
                "dtype": "F32",
                "shape": [10**6, 10**6],
                "data_offsets": [0, 8],
            }
        }
    )
    bad = _with(
        tmp_path, archive, replace={"model.weights.safetensors": weights}
    )
    with pytest.raises(ValueError, match="1000000000000 elements"):
        cornu.saving.load_model(bad)


def test_deflated_weights_member_still_loads(tmp_path, archive):
    bad = _rezip(
        tmp_path / "deflated.cornu",
        list(_members(archive).items()),
        zipfile.ZIP_DEFLATED,
    )
    model = cornu.saving.load_model(bad)
    original = cornu.saving.load_model(archive)
    for a, b in zip(model.get_weights(), original.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "replace, drop, match",
    [
        ({}, ["model.weights.safetensors"], "it has no weights"),
        (
            {"model.weights.h5": b"\x89HDF"},
            [],
            "both 'model.weights.safetensors' and 'model.weights.h5'",
        ),
        (
            {"model.weights.h5": b"\x89HDF not really"},
            ["model.weights.safetensors"],
            "not a readable HDF5 file",
        ),
        ({}, ["config.json"], "no 'config.json'"),
        ({"config.json": b"{oops"}, [], "not valid JSON"),
        ({"config.json": b"[" * 100000}, [], "not valid JSON"),
        ({"config.json": b"[1]"}, [], "not a model config"),
        (
            {
                "metadata.json": json.dumps(
                    {"format": "cornu", "format_version": 99}
                ).encode()
            },
            [],
            "format version 99",
        ),
        (
            {
                "config.json": json.dumps(
                    {
                        "module": "keras.initializers",
                        "class_name": "Zeros",
                        "config": {},
                    }
                ).encode()
            },
            [],
            "not a cornu model or layer",
        ),
    ],
)
def test_malformed_archives(tmp_path, archive, replace, drop, match):
    bad = _with(tmp_path, archive, replace=replace, drop=drop)
    with pytest.raises(ValueError, match=match):
        cornu.saving.load_model(bad)


def test_oversized_json_is_refused(tmp_path, archive, monkeypatch):
    monkeypatch.setattr(archive_io, "MAX_JSON_SIZE", 10)
    with pytest.raises(ValueError, match="above the 10-byte limit"):
        cornu.saving.load_model(archive)
    folder = tmp_path / "folder"
    cornu.saving.save_model(_model(), folder, zipped=False)
    with pytest.raises(ValueError, match="above the 10-byte limit"):
        cornu.saving.load_model(folder)


def test_folder_archive_errors(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(ValueError, match="has no 'config.json' file"):
        cornu.saving.load_model(folder)
    cornu.saving.save_model(_model(), folder, zipped=False)
    os.unlink(folder / "model.weights.safetensors")
    with pytest.raises(ValueError, match="it has no weights"):
        cornu.saving.load_model(folder)
    os.unlink(folder / "metadata.json")
    reader = archive_io.FolderArchive(str(folder))
    with pytest.raises(ValueError, match="no 'metadata.json' file"):
        reader.read("metadata.json", 100)


# ---------------------------------------------- configs that try to run code


def _config_archive(tmp_path, archive, config):
    return _with(
        tmp_path, archive, replace={"config.json": json.dumps(config).encode()}
    )


def _dense_with(activation):
    return {
        "module": "keras",
        "class_name": "Sequential",
        "config": {
            "name": "s",
            "layers": [
                {
                    "module": "keras.layers",
                    "class_name": "InputLayer",
                    "config": {"batch_shape": [None, 3], "name": "i"},
                },
                {
                    "module": "keras.layers",
                    "class_name": "Dense",
                    "config": {"units": 2, "activation": activation},
                },
            ],
        },
    }


@pytest.mark.parametrize("kind", ["class", "function", "eval"])
def test_configs_naming_os_system_or_eval_run_nothing(tmp_path, archive, kind):
    sentinel = tmp_path / "sentinel"
    command = f"touch {sentinel}"
    if kind == "class":
        config = {
            "module": "os",
            "class_name": "system",
            "config": {"command": command},
            "registered_name": "system",
        }
    else:
        name, module = (
            ("system", "os")
            if kind == "function"
            else (
                "eval",
                "builtins",
            )
        )
        config = _dense_with(
            {
                "module": module,
                "class_name": "function",
                "config": name,
                "registered_name": "function",
            }
        )
    bad = _config_archive(tmp_path, archive, config)
    # A class is not found; a function name is not an activation.
    match = "Could not (locate|interpret)"
    with pytest.raises(TypeError, match=match):
        cornu.saving.load_model(bad)
    with pytest.raises(TypeError, match=match):
        cornu.saving.load_model(bad, safe_mode=False)
    assert not sentinel.exists()


def test_lambda_bytecode_is_refused_in_safe_mode(tmp_path):
    sentinel = tmp_path / "sentinel"

    def touch(x):
        open(sentinel, "w").close()
        return x

    model = cornu.Sequential(
        [cornu.Input((3,)), layers.Lambda(lambda x: touch(x) * 2.0)]
    )
    sentinel.unlink(missing_ok=True)  # the symbolic build may call it
    path = tmp_path / "lambda.cornu"
    cornu.saving.save_model(model, path)
    with pytest.raises(ValueError, match="safe_mode=False"):
        cornu.saving.load_model(path)
    assert not sentinel.exists()
