"""Hashing: Keras 3's bins (FarmHash, SipHash with a salt, masks), output
modes, shapes, config and errors.

The expected bins are the values Keras 3 (with TensorFlow's kernels)
returns for these inputs, as recorded in Keras 3's own test suite.
"""

import numpy as np
import pytest

import cornu
from cornu import ops

_NAMES = [["omar"], ["stringer"], ["marlo"], ["wire"], ["skywalker"]]


def _np(x):
    return ops.convert_to_numpy(x)


@pytest.mark.parametrize(
    ("kwargs", "inputs", "expected"),
    [
        ({"num_bins": 3}, [["A"], ["B"], ["C"], ["D"], ["E"]], [1, 0, 1, 1, 2]),
        ({"num_bins": 2}, _NAMES, [0, 0, 1, 0, 0]),
        ({"num_bins": 1}, _NAMES, [0, 0, 0, 0, 0]),
        ({"num_bins": 3}, [[0], [1], [2], [3], [4]], [1, 0, 1, 0, 2]),
        (
            {"num_bins": 3, "mask_value": ""},
            [["A"], ["B"], [""], ["C"], ["D"]],
            [1, 1, 0, 2, 2],
        ),
        ({"num_bins": 3, "mask_value": ""}, _NAMES, [1, 1, 2, 1, 1]),
        ({"num_bins": 3, "mask_value": "omar"}, _NAMES, [0, 1, 2, 1, 1]),
        (
            {"num_bins": 3, "salt": [133, 137]},
            [["A"], ["B"], ["C"], ["D"], ["E"]],
            [1, 2, 1, 0, 2],
        ),
        (
            {"num_bins": 3, "salt": 133},
            [["A"], ["B"], ["C"], ["D"], ["E"]],
            [0, 0, 2, 1, 0],
        ),
        ({"num_bins": 2, "salt": [133, 137]}, _NAMES, [0, 1, 0, 1, 0]),
        ({"num_bins": 2, "salt": [211, 137]}, _NAMES, [1, 0, 1, 0, 1]),
        (
            {"num_bins": 3, "salt": [133, 137]},
            [[0], [1], [2], [3], [4]],
            [1, 1, 2, 0, 1],
        ),
    ],
)
def test_hashing_gives_keras_bins(kwargs, inputs, expected):
    layer = cornu.layers.Hashing(**kwargs)
    for data in (inputs, np.array(inputs)):
        out = _np(layer(data))
        assert out.shape == (5, 1)
        assert out.ravel().tolist() == expected


def test_hashing_accepts_bytes_tensors_and_floats():
    layer = cornu.layers.Hashing(num_bins=3)
    as_bytes = _np(layer(np.array([b"A", b"B", b"C"], dtype=object)))
    assert as_bytes.tolist() == [1, 0, 1]
    ints = _np(layer(ops.convert_to_tensor([0, 1, 2, 3, 4])))
    assert ints.tolist() == [1, 0, 1, 0, 2]
    floats = _np(layer(np.array([0.2, 1.7, 2.0, 3.9, 4.5])))  # truncated
    assert floats.tolist() == [1, 0, 1, 0, 2]


@pytest.mark.parametrize(
    ("mode", "inputs", "expected"),
    [
        ("one_hot", [0, 1, 2, 3, 4], np.eye(3)[[1, 0, 1, 0, 2]]),
        ("multi_hot", [[0, 1, 2, 3, 4]], [[1.0, 1.0, 1.0]]),
        ("count", [[0, 1, 2, 3, 4]], [[2.0, 2.0, 1.0]]),
        ("count", [0, 1, 2, 3, 4], [2.0, 2.0, 1.0]),
    ],
)
def test_hashing_output_modes(mode, inputs, expected):
    layer = cornu.layers.Hashing(num_bins=3, output_mode=mode)
    out = layer(np.array(inputs))
    np.testing.assert_array_equal(_np(out), np.asarray(expected, "float32"))
    assert layer.compute_output_shape(np.shape(inputs)) == tuple(out.shape)


def test_hashing_dtypes_config_and_symbolic_call():
    layer = cornu.layers.Hashing(num_bins=3, salt=5, mask_value="x")
    assert layer.salt == [5, 5]
    assert layer.dtype_policy.name == "int64"
    config = layer.get_config()
    assert config["num_bins"] == 3 and config["salt"] == [5, 5]
    clone = cornu.layers.Hashing.from_config(config)
    data = np.array([["x"], ["y"], ["z"]])
    assert _np(clone(data)).tolist() == _np(layer(data)).tolist()
    assert _np(layer(data))[0, 0] == 0
    symbolic = cornu.layers.Hashing(num_bins=4)(
        cornu.Input(shape=(1,), dtype="string")
    )
    assert symbolic.shape == (None, 1)
    encoded = cornu.layers.Hashing(num_bins=4, output_mode="one_hot")
    assert encoded.dtype_policy.name == "float32"
    assert encoded.compute_output_shape((None, 1)) == (None, 4)
    assert encoded.compute_output_shape((None, 2)) == (None, 2, 4)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"num_bins": None}, "num_bins=None"),
        ({"num_bins": 0}, "num_bins=0"),
        ({"num_bins": 2, "salt": "string"}, "salt=string"),
        ({"num_bins": 2, "salt": [1]}, r"salt=\[1\]"),
        ({"num_bins": 2, "output_mode": "bad"}, "output_mode='bad'"),
        ({"num_bins": 2, "dtype": "float32"}, "dtype=float32"),
        ({"num_bins": 2, "output_mode": "count", "sparse": True}, "sparse"),
    ],
)
def test_hashing_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.Hashing(**kwargs)
