import json
import os

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu.src.saving import weights_io


def _model(units=4):
    return cornu.Sequential(
        [
            cornu.Input((3,)),
            layers.Dense(units, name="hidden"),
            layers.BatchNormalization(),
            layers.Dense(2, name="out"),
        ]
    )


def _randomize(model, seed=0):
    rng = np.random.default_rng(seed)
    model.set_weights(
        [
            rng.uniform(0.5, 1.5, size=w.shape).astype(w.dtype)
            for w in model.get_weights()
        ]
    )


def _assert_same_weights(a, b):
    for x, y in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("name", ["m.weights.safetensors", "m.safetensors"])
def test_save_and_load_weights(tmp_path, name):
    model = _model()
    _randomize(model)
    path = tmp_path / name
    cornu.saving.save_weights(model, path)
    other = _model()
    cornu.saving.load_weights(other, path)
    _assert_same_weights(model, other)
    x = np.ones((2, 3), "float32")
    np.testing.assert_array_equal(
        cornu.ops.convert_to_numpy(model(x)),
        cornu.ops.convert_to_numpy(other(x)),
    )


def test_load_weights_from_a_model_archive(tmp_path):
    model = _model()
    _randomize(model)
    cornu.saving.save_model(model, tmp_path / "m.cornu")
    cornu.saving.save_model(model, tmp_path / "folder", zipped=False)
    for source in ("m.cornu", "folder"):
        other = _model()
        cornu.saving.load_weights(other, tmp_path / source)
        _assert_same_weights(model, other)


def test_sharded_weights(tmp_path):
    model = _model(units=64)
    _randomize(model)
    path = tmp_path / "m.weights.safetensors"
    cornu.saving.save_weights(model, path, max_shard_size="400B")
    index = json.loads(
        (tmp_path / "m.weights.safetensors.index.json").read_text()
    )
    shards = sorted(set(index["weight_map"].values()))
    assert len(shards) > 2
    assert index["metadata"]["total_size"] == sum(
        w.nbytes for w in model.get_weights()
    )
    assert sorted(os.listdir(tmp_path)) == sorted(
        shards + ["m.weights.safetensors.index.json"]
    )
    for source in (path, tmp_path / "m.weights.safetensors.index.json"):
        other = _model(units=64)
        cornu.saving.load_weights(other, source)
        _assert_same_weights(model, other)
    # A second save replaces the shards; then a single-file save
    # replaces the sharded form.
    cornu.saving.save_weights(model, path, max_shard_size=1e-6)  # 1000 B
    index = json.loads(
        (tmp_path / "m.weights.safetensors.index.json").read_text()
    )
    new_shards = set(index["weight_map"].values())
    assert set(os.listdir(tmp_path)) == new_shards | {
        "m.weights.safetensors.index.json"
    }
    assert not set(shards) & new_shards
    cornu.saving.save_weights(model, path)
    assert os.listdir(tmp_path) == ["m.weights.safetensors"]
    cornu.saving.save_weights(model, path, max_shard_size="1GB")
    assert len(os.listdir(tmp_path)) == 2  # index + one shard


def test_skip_mismatch_warns_and_keeps_the_rest(tmp_path):
    model = _model(units=4)
    _randomize(model)
    path = tmp_path / "m.weights.safetensors"
    cornu.saving.save_weights(model, path)
    other = _model(units=5)
    before = [w.copy() for w in other.get_weights()]
    with pytest.raises(ValueError, match="A total of 3 objects could not"):
        cornu.saving.load_weights(other, path)
    with pytest.warns(UserWarning, match="keep their current values"):
        cornu.saving.load_weights(other, path, skip_mismatch=True)
    after = other.get_weights()
    for b, a in zip(
        before, after, strict=True
    ):  # all mismatched layers untouched
        np.testing.assert_array_equal(a, b)


def test_objects_to_skip(tmp_path):
    model = _model()
    _randomize(model)
    path = tmp_path / "m.weights.safetensors"
    cornu.saving.save_weights(model, path)
    other = _model()
    kept = other.layers[0].get_weights()
    cornu.saving.load_weights(other, path, objects_to_skip=[other.layers[0]])
    for a, b in zip(kept, other.layers[0].get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(
        other.layers[2].get_weights()[0], model.layers[2].get_weights()[0]
    )


def test_model_methods_use_the_same_files(tmp_path):
    model = _model()
    _randomize(model)
    model.save_weights(tmp_path / "m.weights.safetensors")
    other = _model()
    other.load_weights(tmp_path / "m.weights.safetensors")
    _assert_same_weights(model, other)


@pytest.mark.parametrize(
    "call, name, kwargs, match",
    [
        ("save", "m.weights.h5", {"max_shard_size": 1}, "are named"),
        ("load", "m.h5", {}, "Legacy Keras 2 h5 weights"),
        ("save", "m.npz", {}, "must end in `.weights.safetensors`"),
        ("load", "m.npz", {}, "File format not supported"),
        ("save", "m.safetensors.index.json", {}, "pass `max_shard_size`"),
        ("save", "m.safetensors", {"max_shard_size": 0}, "max_shard_size"),
        ("save", "m.safetensors", {"max_shard_size": "5 parsecs"}, "5 parsecs"),
        ("save", "m.safetensors", {"bogus": 1}, r"Invalid keyword.*bogus"),
        ("load", "m.safetensors", {"by_name": True}, "legacy Keras `.h5`"),
    ],
)
def test_argument_errors(tmp_path, call, name, kwargs, match):
    function = (
        cornu.saving.save_weights
        if call == "save"
        else cornu.saving.load_weights
    )
    with pytest.raises(ValueError, match=match):
        function(_model(), tmp_path / name, **kwargs)


@pytest.mark.parametrize("name", ["m.weights.safetensors", "m.weights.h5"])
def test_missing_weights_file(tmp_path, name):
    with pytest.raises(FileNotFoundError, match="No weights file"):
        cornu.saving.load_weights(_model(), tmp_path / name)


@pytest.mark.parametrize(
    "value, expected",
    [
        (2, 2 * 10**9),
        (0.5, 5 * 10**8),
        ("500MB", 5 * 10**8),
        ("2GiB", 2 * 2**30),
        ("10kb", 10**4),
        ("123", 123),
        (" 1.5 KiB ", 1536),
    ],
)
def test_parse_shard_size(value, expected):
    assert weights_io.parse_shard_size(value) == expected


@pytest.mark.parametrize("value", [True, -1, float("inf"), "", "GB", [1]])
def test_parse_shard_size_errors(value):
    with pytest.raises(ValueError, match="must be a positive number"):
        weights_io.parse_shard_size(value)


def _sharded(tmp_path):
    path = tmp_path / "m.weights.safetensors"
    cornu.saving.save_weights(_model(), path, max_shard_size="100B")
    return tmp_path / "m.weights.safetensors.index.json"


def _edit_index(index, edit):
    content = json.loads(index.read_text())
    edit(content)
    index.write_text(json.dumps(content))


@pytest.mark.parametrize(
    "edit, match",
    [
        (
            lambda c: c["weight_map"].update({"x/vars/0": "../../etc/passwd"}),
            "not a plain file name",
        ),
        (
            lambda c: c["weight_map"].update(
                {"x/vars/0": "absent.safetensors"}
            ),
            "is missing",
        ),
        (lambda c: c.pop("weight_map"), "no 'weight_map'"),
    ],
)
def test_hostile_or_broken_index(tmp_path, edit, match):
    index = _sharded(tmp_path)
    _edit_index(index, edit)
    with pytest.raises(ValueError, match=match):
        cornu.saving.load_weights(_model(), index)


def test_index_naming_a_tensor_its_shard_lacks(tmp_path):
    index = _sharded(tmp_path)
    content = json.loads(index.read_text())
    shard = next(iter(content["weight_map"].values()))
    content["weight_map"]["x/vars/0"] = shard
    index.write_text(json.dumps(content))
    with pytest.raises(ValueError, match="is not in its shard"):
        cornu.saving.load_weights(_model(), index)


def test_index_that_is_not_json(tmp_path, monkeypatch):
    index = _sharded(tmp_path)
    index.write_text("{nope")
    with pytest.raises(ValueError, match="it is not JSON"):
        cornu.saving.load_weights(_model(), index)
    index.write_text("[" * 100000)
    with pytest.raises(ValueError, match="it is not JSON"):
        cornu.saving.load_weights(_model(), index)
    monkeypatch.setattr(weights_io, "MAX_INDEX_SIZE", 2)
    with pytest.raises(ValueError, match="256 MB limit"):
        cornu.saving.load_weights(_model(), index)
