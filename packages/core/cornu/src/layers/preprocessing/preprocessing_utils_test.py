"""The shared helpers: text conversion, batch iteration for `adapt`,
categorical encoding and its shapes."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing import preprocessing_utils as utils


def test_to_text_decodes_bytes_and_rejects_numbers():
    out = utils.to_text(np.array([b"caf\xc3\xa9", b"x"], dtype=object))
    assert out.tolist() == ["café", "x"]
    assert utils.to_text([["a"], ["b"]]).shape == (2, 1)
    with pytest.raises(TypeError, match="dtype float64"):
        utils.to_text(np.array([1.0]))


class _Sequence(cornu.utils.PyDataset):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return np.full((2,), i), np.zeros(2)


@pytest.mark.parametrize(
    ("data", "as_batches", "expected"),
    [
        (np.arange(4), False, 1),
        ([1, 2, 3], False, 1),
        ([np.ones(2), np.ones(2)], True, 2),
        ((np.ones(2) for _ in range(5)), False, 5),
        (_Sequence(), False, 3),
    ],
    ids=["array", "list", "list_as_batches", "generator", "py_dataset"],
)
def test_iterate_batches(data, as_batches, expected):
    batches = list(utils.iterate_batches(data, lists_are_batches=as_batches))
    assert len(batches) == expected
    stepped = list(
        utils.iterate_batches((np.ones(2) for _ in range(5)), steps=2)
    )
    assert len(stepped) == 2


@pytest.mark.parametrize(
    ("mode", "shape"),
    [
        ("one_hot", (3,)),
        ("one_hot", (3, 1)),
        ("one_hot", (3, 2)),
        ("multi_hot", (3, 2)),
        ("count", (2,)),
        ("count", ()),
    ],
    ids=str,
)
def test_encode_categorical_shapes_match_encoded_shape(mode, shape):
    indices = ops.convert_to_tensor(np.ones(shape, dtype="int32"))
    out = utils.encode_categorical(indices, mode, 4, "float32")
    assert tuple(out.shape) == utils.encoded_shape(shape, mode, 4)


def test_check_output_mode_aliases_and_errors():
    assert utils.check_output_mode("X", "binary", ("multi_hot",)) == (
        "multi_hot"
    )
    assert utils.check_output_mode("X", "tf-idf", ("tf_idf",)) == "tf_idf"
    with pytest.raises(ValueError, match="X: unknown `output_mode`"):
        utils.check_output_mode("X", "bad", ("int",))
