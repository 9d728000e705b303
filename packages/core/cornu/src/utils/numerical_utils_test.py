"""to_categorical and normalize against NumPy references."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import ops


def _one_hot_reference(labels, num_classes):
    labels = np.asarray(labels)
    return (labels[..., None] == np.arange(num_classes)).astype("float64")


@pytest.mark.parametrize("shape", [(5,), (2, 3), (4, 1), (2, 3, 1)], ids=str)
@pytest.mark.parametrize("num_classes", [None, 7])
def test_to_categorical_numpy_input_matches_reference(shape, num_classes):
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 5, size=shape)
    out = cornu.utils.to_categorical(labels, num_classes=num_classes)
    expected_classes = num_classes or int(labels.max()) + 1
    squeezed = labels[..., 0] if len(shape) > 1 and shape[-1] == 1 else labels
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.shape == squeezed.shape + (expected_classes,)
    assert_allclose(out, _one_hot_reference(squeezed, expected_classes))


def test_to_categorical_list_input_and_zero_classes_infers():
    out = cornu.utils.to_categorical([0, 3, 1], num_classes=0)
    assert_allclose(out, _one_hot_reference([0, 3, 1], 4))


@pytest.mark.parametrize("shape", [(6,), (6, 1)], ids=str)
@pytest.mark.parametrize("num_classes", [None, 5])
def test_to_categorical_tensor_input_gives_a_tensor(shape, num_classes):
    labels = np.arange(6).reshape(shape) % 4
    tensor = ops.convert_to_tensor(labels, dtype="int32")
    out = cornu.utils.to_categorical(tensor, num_classes)
    assert ops.is_tensor(out)
    # Backends whose tensors are NumPy arrays take the NumPy path.
    numpy_path = isinstance(tensor, np.ndarray)
    expected_dtype = "float64" if numpy_path else cornu.config.floatx()
    assert cornu.backend.standardize_dtype(out.dtype) == expected_dtype
    squeezed = labels.reshape(-1)
    assert_allclose(
        ops.convert_to_numpy(out),
        _one_hot_reference(squeezed, num_classes or 4),
    )


def test_to_categorical_symbolic_input_needs_num_classes():
    x = cornu.Input((1,), dtype="int32")
    out = cornu.utils.to_categorical(x, num_classes=3)
    assert tuple(out.shape) == (None, 3)
    with pytest.raises(ValueError, match="cannot infer `num_classes`"):
        cornu.utils.to_categorical(x)


@pytest.mark.parametrize(
    "labels, num_classes",
    [([0, 3], 3), ([-1, 0], None), ([-1, 0], 2)],
    ids=["too_big", "negative_inferred", "negative"],
)
def test_to_categorical_rejects_out_of_range_labels(labels, num_classes):
    with pytest.raises(ValueError, match="labels in \\[0, num_classes\\)"):
        cornu.utils.to_categorical(labels, num_classes=num_classes)
    with pytest.raises(ValueError, match="labels in \\[0, num_classes\\)"):
        cornu.utils.to_categorical(
            ops.convert_to_tensor(labels, dtype="int32"), num_classes
        )


@pytest.mark.parametrize("num_classes", [-1, 2.5, True, "3"])
def test_to_categorical_rejects_bad_num_classes(num_classes):
    with pytest.raises(ValueError, match="Received: num_classes="):
        cornu.utils.to_categorical([0, 1], num_classes=num_classes)


@pytest.mark.parametrize("order", [1, 2, 3, np.inf])
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_normalize_numpy_input_matches_reference(axis, order):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 4)).astype("float32")
    x[1] = 0.0
    x[:, 2] = 0.0
    out = cornu.utils.normalize(x, axis=axis, order=order)
    if order == np.inf:
        norm = np.max(np.abs(x), axis=axis, keepdims=True)
    else:
        norm = np.sum(np.abs(x) ** order, axis=axis, keepdims=True)
        norm = norm ** (1.0 / order)
    expected = x / np.where(norm == 0, 1, norm)
    assert isinstance(out, np.ndarray)
    assert_allclose(out, expected, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("axis", [0, -1])
def test_normalize_tensor_input_uses_ops(axis):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(3, 4)).astype("float32")
    out = cornu.utils.normalize(ops.convert_to_tensor(x), axis=axis)
    expected = x / np.linalg.norm(x, axis=axis, keepdims=True)
    assert ops.is_tensor(out)
    assert_allclose(ops.convert_to_numpy(out), expected, rtol=1e-5)


def test_normalize_list_input_gives_a_tensor():
    out = cornu.utils.normalize([[3.0, 4.0]], order=2)
    assert_allclose(ops.convert_to_numpy(out), [[0.6, 0.8]], rtol=1e-5)


@pytest.mark.parametrize("axis", [2, -3, None, 1.0], ids=str)
def test_normalize_rejects_bad_axis(axis):
    with pytest.raises(ValueError, match="Received: axis="):
        cornu.utils.normalize(np.ones((2, 2)), axis=axis)


@pytest.mark.parametrize("order", [0, -1, "fro", True], ids=str)
def test_normalize_rejects_bad_order(order):
    with pytest.raises(ValueError, match="Received: order="):
        cornu.utils.normalize(np.ones((2, 2)), order=order)
