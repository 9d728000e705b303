import numpy as np
import pytest

from cornu import ops
from cornu.src.trainers.data_adapters.generator_data_adapter import (
    GeneratorDataAdapter,
)


def _batches(num_batches=3, batch_size=4):
    rng = np.random.default_rng(0)
    return [
        (
            rng.normal(size=(batch_size, 2)).astype("float32"),
            rng.integers(0, 2, size=(batch_size,)),
        )
        for _ in range(num_batches)
    ]


def _gen(batches):
    yield from batches


def test_yields_the_generator_batches_in_order():
    expected = _batches()
    adapter = GeneratorDataAdapter(_gen(expected))
    assert adapter.num_batches is None and adapter.batch_size is None
    assert adapter.has_partial_batch is None
    got = list(adapter.get_numpy_iterator())
    assert len(got) == 3
    for (gx, gy), (ex, ey) in zip(got, expected, strict=True):
        np.testing.assert_array_equal(gx, ex)
        np.testing.assert_array_equal(gy, ey)


def test_peek_does_not_consume_the_first_batch():
    expected = _batches()
    adapter = GeneratorDataAdapter(_gen(expected))
    peeked = adapter.peek()
    np.testing.assert_array_equal(peeked[0], expected[0][0])
    got = list(adapter.get_numpy_iterator())
    np.testing.assert_array_equal(got[0][0], expected[0][0])
    assert len(got) == 3


def test_later_iterators_continue_the_generator():
    adapter = GeneratorDataAdapter(_gen(_batches(4)))
    first = adapter.get_numpy_iterator()
    assert len([next(first), next(first)]) == 2
    rest = list(adapter.get_numpy_iterator())
    assert len(rest) == 2
    assert list(adapter.get_numpy_iterator()) == []


def test_accepts_plain_iterators_and_nested_structures():
    x = {"a": np.ones((2, 3)), "b": np.zeros((2,))}
    batches = [(x, [np.ones(2), np.ones(2)], np.ones(2))] * 2
    adapter = GeneratorDataAdapter(iter(batches))
    got = list(adapter.get_numpy_iterator())
    assert len(got) == 2 and set(got[1][0]) == {"a", "b"}


def test_tensor_leaves_stay_or_become_numpy():
    x = ops.convert_to_tensor(np.arange(4.0).reshape(2, 2))
    adapter = GeneratorDataAdapter(iter([(x, [1.0, 2.0])]))
    ((bx, by),) = list(adapter.get_numpy_iterator())
    np.testing.assert_array_equal(ops.convert_to_numpy(bx), [[0, 1], [2, 3]])
    assert by == [1.0, 2.0]  # non-array leaves are left to the trainer


def test_empty_generator():
    with pytest.raises(ValueError, match=r"yielded no batch: it is empty"):
        GeneratorDataAdapter(_gen([]))


@pytest.mark.parametrize(
    "batch, received",
    [
        (np.ones((2, 3)), r"Received: array\(2, 3\) of type ndarray"),
        ([np.ones(2), np.ones(2)], r"Received: \[array\(2,\), array\(2,\)\]"),
        ((np.ones(2),) * 4, r"Received: \(array\(2,\), .*of type tuple"),
        ((), r"Received: \(\) of type tuple"),
    ],
    ids=["array", "list", "four_tuple", "empty_tuple"],
)
def test_first_batch_of_wrong_form(batch, received):
    with pytest.raises(ValueError, match=r"must yield a tuple `\(x,\)`"):
        GeneratorDataAdapter(iter([batch]))
    with pytest.raises(ValueError, match=received):
        GeneratorDataAdapter(iter([batch]))


@pytest.mark.parametrize(
    "second",
    [
        (np.ones(2),),
        (np.ones(2), np.ones(2), np.ones(2)),
        ([np.ones(2)], np.ones(2)),
    ],
    ids=["shorter", "longer", "nested"],
)
def test_structure_change_between_batches(second):
    adapter = GeneratorDataAdapter(iter([(np.ones(2), np.ones(2)), second]))
    iterator = adapter.get_numpy_iterator()
    next(iterator)
    with pytest.raises(
        ValueError,
        match=r"changed the structure of its batches.*First batch: "
        r"\(array\(2,\), array\(2,\)\)",
    ):
        next(iterator)


def test_wrong_form_later_in_the_generator():
    adapter = GeneratorDataAdapter(iter([(np.ones(2),), np.ones(2)]))
    iterator = adapter.get_numpy_iterator()
    next(iterator)
    with pytest.raises(ValueError, match=r"Received: array\(2,\)"):
        next(iterator)
