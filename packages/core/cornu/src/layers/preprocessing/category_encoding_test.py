"""CategoryEncoding: the three output modes against NumPy, count weights,
shapes (incl. symbolic), config and errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def _reference(x, mode, depth, weights=None):
    x = np.asarray(x)
    if mode == "one_hot":
        if x.ndim > 1 and x.shape[-1] == 1:
            x = x[..., 0]
        return np.eye(depth, dtype="float32")[x]
    rows = x[None] if x.ndim == 1 else x
    w = np.ones(x.shape) if weights is None else np.asarray(weights)
    w = w[None] if x.ndim == 1 else w
    out = np.zeros((rows.shape[0], depth), "float32")
    for i, row in enumerate(rows):
        np.add.at(out[i], row, w[i])
    if mode == "multi_hot":
        out = np.minimum(out, 1)
    return out[0] if x.ndim == 1 else out


def test_category_encoding_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.CategoryEncoding,
        init_kwargs={"num_tokens": 6, "output_mode": "count"},
        input_data=np.array([[0, 1, 1], [5, 2, 0]], dtype="int32"),
        expected_output_shape=(2, 6),
        expected_num_trainable_weights=0,
        run_training_check=False,
        run_mixed_precision_check=False,
    )


@pytest.mark.parametrize("mode", ["one_hot", "multi_hot", "count", "binary"])
@pytest.mark.parametrize(
    "x", [[0, 1, 3, 3], [[0, 1], [3, 3]], [[2], [0], [3]]], ids=str
)
def test_category_encoding_matches_numpy(mode, x):
    layer = cornu.layers.CategoryEncoding(num_tokens=4, output_mode=mode)
    reference_mode = "multi_hot" if mode == "binary" else mode
    out = layer(ops.convert_to_tensor(x))
    np.testing.assert_array_equal(_np(out), _reference(x, reference_mode, 4))
    assert layer.compute_output_shape(np.shape(x)) == tuple(out.shape)


def test_category_encoding_count_weights_and_scalars():
    layer = cornu.layers.CategoryEncoding(num_tokens=4, output_mode="count")
    x, w = [[0, 1], [3, 3]], [[1.0, 2.0], [3.0, 4.0]]
    out = layer(np.array(x), count_weights=np.array(w))
    np.testing.assert_array_equal(_np(out), _reference(x, "count", 4, w))
    scalar = cornu.layers.CategoryEncoding(num_tokens=4)(np.array(2))
    assert _np(scalar).tolist() == [0.0, 0.0, 1.0, 0.0]


def test_category_encoding_symbolic_and_config():
    inputs = cornu.Input(shape=(3,), dtype="int32")
    out = cornu.layers.CategoryEncoding(num_tokens=5)(inputs)
    assert out.shape == (None, 5)
    layer = cornu.layers.CategoryEncoding(num_tokens=5, output_mode="one_hot")
    config = layer.get_config()
    assert config["num_tokens"] == 5 and config["output_mode"] == "one_hot"
    assert "sparse" not in config  # as in Keras 3
    assert cornu.layers.CategoryEncoding.from_config(config).num_tokens == 5


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"num_tokens": None}, "num_tokens=None"),
        ({"num_tokens": 0}, "num_tokens=0"),
        ({"num_tokens": 3, "output_mode": "tf_idf"}, "output_mode='tf_idf'"),
        ({"num_tokens": 3, "sparse": True}, "sparse=True"),
    ],
)
def test_category_encoding_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.CategoryEncoding(**kwargs)


def test_category_encoding_count_weights_need_count_mode():
    layer = cornu.layers.CategoryEncoding(num_tokens=3)
    with pytest.raises(ValueError, match="output_mode='multi_hot'"):
        layer(np.array([[0, 1]]), count_weights=np.array([[1.0, 1.0]]))
