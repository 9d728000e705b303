"""HashedCrossing: Keras 3's crossed bins (values from Keras 3's own test
suite, computed there with TensorFlow's `sparse.cross_hashed`), shapes,
modes, config and errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing import hash_utils

_FEAT1 = np.array(["A", "B", "A", "B", "A"])
_FEAT2 = np.array([101, 101, 101, 102, 102])


def _np(x):
    return ops.convert_to_numpy(x)


def test_hashed_crossing_gives_keras_bins():
    layer = cornu.layers.HashedCrossing(num_bins=5)
    assert _np(layer((_FEAT1, _FEAT2))).tolist() == [1, 4, 1, 1, 3]
    scalar = cornu.layers.HashedCrossing(num_bins=10)((np.array("A"), 101))
    assert _np(scalar).tolist() == 1
    column = layer([_FEAT1[:, None], _FEAT2[:, None]])
    assert _np(column).tolist() == [[1], [4], [1], [1], [3]]


def test_hashed_crossing_is_nested_fingerprints():
    # Reference: FingerprintCat64 over (key, FarmHash(string), int value).
    num_bins = 1000
    layer = cornu.layers.HashedCrossing(num_bins=num_bins)
    words = np.array(["x", "yy", "zzz"])
    ids = np.array([7, -2, 1 << 40], dtype="int64")
    out = _np(layer([words, ids])).tolist()
    expected = []
    for word, value in zip(words, [7, -2, 1 << 40], strict=True):
        digest = hash_utils.fingerprint_cat64(
            hash_utils.DEFAULT_CROSS_HASH_KEY,
            hash_utils.fingerprint64(word.encode()),
        )
        digest = hash_utils.fingerprint_cat64(digest, value % (1 << 64))
        expected.append(digest % num_bins)
    assert out == expected


def test_hashed_crossing_one_hot_and_symbolic():
    layer = cornu.layers.HashedCrossing(num_bins=5, output_mode="one_hot")
    out = _np(layer((_FEAT1, _FEAT2)))
    np.testing.assert_array_equal(out, np.eye(5)[[1, 4, 1, 1, 3]])
    assert layer.compute_output_shape([(None,), (None,)]) == (None, 5)
    a = cornu.Input(shape=(), dtype="string")
    b = cornu.Input(shape=(), dtype="int64")
    y = cornu.layers.HashedCrossing(num_bins=5)([a, b])
    assert y.shape == (None,)


def test_hashed_crossing_config_round_trip():
    layer = cornu.layers.HashedCrossing(num_bins=7, name="cross")
    config = layer.get_config()
    assert config == {
        "num_bins": 7,
        "output_mode": "int",
        "sparse": False,
        "name": "cross",
        "dtype": "int64",
    }
    clone = cornu.layers.HashedCrossing.from_config(config)
    assert (
        _np(clone((_FEAT1, _FEAT2))).tolist()
        == _np(layer((_FEAT1, _FEAT2))).tolist()
    )


@pytest.mark.parametrize(
    ("inputs", "match"),
    [
        (np.array(1), "list or tuple"),
        ([np.array(1)], "at least two inputs"),
        ((np.ones((2, 2), "int64"), np.ones((2, 2), "int64")), "shape"),
        ((np.ones((2,), "int64"), np.ones((3,), "int64")), "equal shape"),
        ((np.ones((2,)), np.ones((2,))), "integer or string"),
    ],
)
def test_hashed_crossing_rejects_bad_inputs(inputs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.HashedCrossing(num_bins=10)(inputs)


def test_hashed_crossing_rejects_bad_arguments():
    with pytest.raises(ValueError, match="output_mode='count'"):
        cornu.layers.HashedCrossing(num_bins=3, output_mode="count")
    with pytest.raises(ValueError, match="sparse"):
        cornu.layers.HashedCrossing(num_bins=3, sparse=True)
    with pytest.raises(ValueError, match="2 input shapes"):
        cornu.layers.HashedCrossing(num_bins=3).compute_output_shape((2,))
    with pytest.raises(ValueError, match="identical"):
        cornu.layers.HashedCrossing(num_bins=3).compute_output_shape(
            [(2, 1), (2, 3)]
        )
