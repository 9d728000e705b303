"""Keras 3's sharded h5 weights (`*.weights.json` + shards): a set
written by Keras 3 loads, cornu writes one, and hostile indexes are
refused."""

import json
import os
import pathlib
import shutil

import numpy as np
import pytest

import cornu
from cornu import layers

FIXTURE = pathlib.Path(__file__).parent / "testdata" / "keras_sharded"


def _mlp():
    return cornu.Sequential(
        [
            cornu.Input((6,)),
            layers.Dense(8, activation="relu"),
            layers.Dense(8),
            layers.Dense(3),
        ]
    )


def _predict(model, x):
    return cornu.ops.convert_to_numpy(model(x))


def test_loads_a_sharded_set_written_by_keras():
    data = np.load(FIXTURE / "mlp.npz")
    model = _mlp()
    model.load_weights(FIXTURE / "mlp.weights.json")
    np.testing.assert_allclose(
        _predict(model, data["x"]), data["y"], rtol=1e-5, atol=1e-6
    )


def test_writes_a_sharded_set_in_keras_layout(tmp_path):
    model = _mlp()
    index = tmp_path / "m.weights.json"
    # 300 bytes: one layer per shard, as Keras would split it.
    model.save_weights(index, max_shard_size=300 / 1024**3)
    content = json.loads(index.read_text())
    assert content["weight_map"] == {
        "/layers/dense/vars": ["m_00000.weights.h5"],
        "/layers/dense_1/vars": ["m_00001.weights.h5"],
        "/layers/dense_2/vars": ["m_00002.weights.h5"],
    }
    assert content["metadata"]["total_size"] == 620.0
    other = _mlp()
    other.load_weights(index)
    x = np.ones((2, 6), "float32")
    np.testing.assert_array_equal(_predict(other, x), _predict(model, x))
    # A smaller save removes the shards the previous one left over.
    model.save_weights(index, max_shard_size=1)
    assert sorted(os.listdir(tmp_path)) == [
        "m.weights.json",
        "m_00000.weights.h5",
    ]
    other.load_weights(index)
    np.testing.assert_array_equal(_predict(other, x), _predict(model, x))


def test_json_name_needs_max_shard_size(tmp_path):
    with pytest.raises(ValueError, match="pass `max_shard_size` too"):
        _mlp().save_weights(tmp_path / "m.weights.json")


def _copy(tmp_path):
    for name in os.listdir(FIXTURE):
        shutil.copy(FIXTURE / name, tmp_path / name)
    return tmp_path / "mlp.weights.json"


@pytest.mark.parametrize(
    "edit, match",
    [
        (lambda c: c.update(weight_map=[]), "no 'weight_map' object"),
        (
            lambda c: c["weight_map"].update({"/x/vars": ["../etc/passwd"]}),
            "not a plain file name",
        ),
        (
            lambda c: c["weight_map"].update({"/x/vars": ["/etc/passwd"]}),
            "not a plain file name",
        ),
        (
            lambda c: c["weight_map"].update({"/x/vars": ["gone.h5"]}),
            "shard 'gone.h5' is missing",
        ),
    ],
)
def test_hostile_or_broken_indexes_are_refused(tmp_path, edit, match):
    index = _copy(tmp_path)
    content = json.loads(index.read_text())
    edit(content)
    index.write_text(json.dumps(content))
    with pytest.raises(ValueError, match=match):
        _mlp().load_weights(index)


def test_a_variable_in_two_shards_is_refused(tmp_path):
    index = _copy(tmp_path)
    shutil.copy(tmp_path / "mlp_00001.weights.h5", tmp_path / "dup.weights.h5")
    content = json.loads(index.read_text())
    content["weight_map"]["/extra/vars"] = ["dup.weights.h5"]
    index.write_text(json.dumps(content))
    with pytest.raises(ValueError, match="is in two shards"):
        _mlp().load_weights(index)


def test_index_that_is_not_json(tmp_path):
    index = tmp_path / "m.weights.json"
    index.write_text("{oops")
    with pytest.raises(ValueError, match="it is not JSON"):
        _mlp().load_weights(index)
