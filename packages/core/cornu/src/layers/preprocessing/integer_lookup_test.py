"""IntegerLookup: lookups, OOV methods, masks, invert, adapt, tf-idf,
config, saving and errors (the shared machinery is also covered by
string_lookup_test.py)."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing import hash_utils


def _np(x):
    return ops.convert_to_numpy(x)


def test_integer_lookup_int_mode():
    layer = cornu.layers.IntegerLookup(vocabulary=[12, 36, 1138, 42])
    data = np.array([[12, 1138, 42], [42, 1000, 36]])
    assert _np(layer(data)).tolist() == [[1, 3, 4], [4, 0, 2]]
    as_tensor = layer(ops.convert_to_tensor(data))
    assert _np(as_tensor).tolist() == [[1, 3, 4], [4, 0, 2]]
    assert layer.get_vocabulary() == [-1, 12, 36, 1138, 42]


@pytest.mark.parametrize("method", ["floormod", "farmhash"])
def test_integer_lookup_oov_methods(method):
    layer = cornu.layers.IntegerLookup(
        vocabulary=[12, 36], num_oov_indices=3, oov_method=method
    )
    values = [7, 8, -4, 12]
    out = _np(layer(np.array(values))).tolist()
    if method == "floormod":
        expected = [v % 3 for v in values[:3]]
    else:
        expected = [
            hash_utils.fingerprint64(str(v).encode()) % 3 for v in values[:3]
        ]
    assert out == expected + [3]


def test_integer_lookup_mask_and_invert():
    layer = cornu.layers.IntegerLookup(vocabulary=[12, 36], mask_token=0)
    assert _np(layer(np.array([0, 12, 5, 36]))).tolist() == [0, 2, 1, 3]
    inverse = cornu.layers.IntegerLookup(
        vocabulary=[12, 36], mask_token=0, invert=True
    )
    out = _np(inverse(np.array([[0, 1, 2, 3, 9]])))
    assert out.tolist() == [[0, -1, 12, 36, -1]]


def test_integer_lookup_adapt_and_counts():
    layer = cornu.layers.IntegerLookup(output_mode="count")
    layer.adapt(np.array([5, 7, 7, 9, 9, 9]))
    assert layer.get_vocabulary() == [-1, 9, 7, 5]
    out = _np(layer(np.array([[9, 9, 5, 100]])))
    assert out.tolist() == [[1.0, 2.0, 0.0, 1.0]]


def test_integer_lookup_tf_idf_with_given_weights():
    layer = cornu.layers.IntegerLookup(
        vocabulary=[-1, 4, 8],
        idf_weights=[0.1, 1.0, 2.0],
        output_mode="tf_idf",
    )
    out = _np(layer(np.array([[4, 8, 8, 3]])))
    np.testing.assert_allclose(out, [[0.1, 1.0, 4.0]], rtol=1e-6)


def test_integer_lookup_config_and_save(tmp_path):
    layer = cornu.layers.IntegerLookup(mask_token=0)
    layer.adapt(np.array([[3, 3, 4], [5, 4, 3]]))
    config = layer.get_config()
    assert config["mask_token"] == 0 and config["oov_token"] == -1
    assert config["vocabulary_dtype"] == "int64"
    model = cornu.Sequential(
        [cornu.Input((3,), dtype="int64"), layer, cornu.layers.Embedding(6, 2)]
    )
    x = np.array([[3, 0, 9], [5, 4, 3]])
    for name in ("m.cornu", "m.keras"):
        model.save(tmp_path / name)
        loaded = cornu.saving.load_model(tmp_path / name)
        np.testing.assert_array_equal(_np(loaded(x)), _np(model(x)))
        assert loaded.layers[0].get_vocabulary() == [0, -1, 3, 4, 5]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"vocabulary_dtype": "int32"}, "vocabulary_dtype='int32'"),
        ({"oov_method": "bad"}, "oov_method='bad'"),
        ({"salt": 3}, "oov_method='farmhash'"),
        ({"max_tokens": 0}, "max_tokens=0"),
    ],
)
def test_integer_lookup_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.IntegerLookup(**kwargs)
