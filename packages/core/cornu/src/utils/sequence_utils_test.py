"""pad_sequences against a plain-Python reference."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

import cornu


def _reference(sequences, maxlen, padding, truncating, value):
    if maxlen is None:
        maxlen = max((len(s) for s in sequences), default=0)
    rows = []
    for s in sequences:
        s = list(s)
        if len(s) > maxlen:
            s = s[len(s) - maxlen :] if truncating == "pre" else s[:maxlen]
        fill = [value] * (maxlen - len(s))
        rows.append(fill + s if padding == "pre" else s + fill)
    return np.array(rows).reshape(len(sequences), maxlen)


@pytest.mark.parametrize("maxlen", [None, 0, 2, 6])
@pytest.mark.parametrize("padding", ["pre", "post"])
@pytest.mark.parametrize("truncating", ["pre", "post"])
def test_pad_sequences_matches_reference(maxlen, padding, truncating):
    rng = np.random.default_rng(0)
    sequences = [rng.integers(1, 9, size=n).tolist() for n in (3, 0, 5, 1, 4)]
    out = cornu.utils.pad_sequences(
        sequences,
        maxlen=maxlen,
        padding=padding,
        truncating=truncating,
        value=-1,
    )
    assert out.dtype == np.int32
    assert_array_equal(
        out, _reference(sequences, maxlen, padding, truncating, -1)
    )


def test_pad_sequences_dtype_and_float_value():
    out = cornu.utils.pad_sequences(
        [[1.5], [2.5, 3.5]], dtype="float32", value=0.25
    )
    assert out.dtype == np.float32
    assert_array_equal(out, [[0.25, 1.5], [2.5, 3.5]])


def test_pad_sequences_items_with_a_shape():
    sequences = [np.ones((2, 3)), np.zeros((1, 3)), []]
    out = cornu.utils.pad_sequences(sequences, maxlen=3, padding="post")
    assert out.shape == (3, 3, 3)
    assert_array_equal(out[0, :2], 1)
    assert_array_equal(out[0, 2:], 0)
    assert_array_equal(out[2], 0)


def test_pad_sequences_strings_with_object_dtype():
    out = cornu.utils.pad_sequences(
        [["a"], ["b", "c"]], dtype=object, value="<pad>"
    )
    assert out.tolist() == [["<pad>", "a"], ["b", "c"]]


def test_pad_sequences_empty_list():
    assert cornu.utils.pad_sequences([]).shape == (0, 0)


def test_pad_sequences_public_alias():
    assert (
        cornu.preprocessing.sequence.pad_sequences is cornu.utils.pad_sequences
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"sequences": 3}, "Received: sequences of type int"),
        ({"sequences": [[1], 2]}, "Received: 2 at position 1"),
        ({"sequences": [[1]], "padding": "mid"}, "Received: padding='mid'"),
        (
            {"sequences": [[1]], "truncating": "both"},
            "Received: truncating='both'",
        ),
        ({"sequences": [[1]], "maxlen": -1}, "Received: maxlen=-1"),
        ({"sequences": [[1]], "maxlen": 2.0}, "Received: maxlen=2.0"),
        ({"sequences": [["a"]], "value": "x"}, "Pass `dtype=object`"),
        (
            {"sequences": [[[1, 2]], [[1, 2, 3]]]},
            "items of shape \\(3,\\) in the sequence at position 1",
        ),
    ],
    ids=[
        "not_a_list",
        "not_a_sequence",
        "padding",
        "truncating",
        "negative_maxlen",
        "float_maxlen",
        "string_value",
        "item_shapes",
    ],
)
def test_pad_sequences_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.utils.pad_sequences(**kwargs)
