import numpy as np
import pandas as pd
import pytest

from cornu import ops
from cornu.src.backend.common import global_state
from cornu.src.trainers.data_adapters.array_data_adapter import ArrayDataAdapter


def _data(n=10, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3)).astype("float32")
    y = rng.integers(0, 3, size=(n,))
    return x, y


def _epoch(adapter):
    batches = list(adapter.get_numpy_iterator())
    adapter.on_epoch_end()
    return batches


@pytest.mark.parametrize(
    "n, batch_size, sizes",
    [(10, 4, [4, 4, 2]), (8, 4, [4, 4]), (3, 32, [3])],
    ids=["partial", "exact", "one_small"],
)
def test_batches_in_order(n, batch_size, sizes):
    x, y = _data(n)
    adapter = ArrayDataAdapter(x, y, batch_size=batch_size)
    assert adapter.num_batches == len(sizes)
    assert adapter.batch_size == batch_size
    assert adapter.has_partial_batch == (n % batch_size > 0)
    assert adapter.partial_batch_size == ((n % batch_size) or None)
    batches = _epoch(adapter)
    assert [len(b[0]) for b in batches] == sizes
    assert all(len(b) == 2 for b in batches)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), x)
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), y)


def test_default_batch_size_is_32_and_steps_derive_it():
    x, _ = _data(70)
    assert ArrayDataAdapter(x).batch_size == 32
    adapter = ArrayDataAdapter(x, steps=3)
    assert adapter.batch_size == 24 and adapter.num_batches == 3


def test_shuffle_is_a_permutation_that_changes_each_epoch():
    x = np.arange(50, dtype="float32")
    adapter = ArrayDataAdapter(x, x * 2, batch_size=8, shuffle=True, seed=3)
    first, second = _epoch(adapter), _epoch(adapter)
    order1 = np.concatenate([b[0] for b in first])
    order2 = np.concatenate([b[0] for b in second])
    assert sorted(order1.tolist()) == x.tolist()
    assert sorted(order2.tolist()) == x.tolist()
    assert order1.tolist() != x.tolist()
    assert order1.tolist() != order2.tolist()
    for batch in first:  # x and y stay paired
        np.testing.assert_array_equal(batch[1], batch[0] * 2)
    assert [len(b[0]) for b in first] == [8] * 6 + [2]


def test_shuffle_repeats_with_the_same_seed():
    x = np.arange(30, dtype="float32")

    def orders(adapter):
        return [
            np.concatenate([b[0] for b in _epoch(adapter)]).tolist()
            for _ in range(2)
        ]

    a = ArrayDataAdapter(x, batch_size=8, shuffle=True, seed=11)
    b = ArrayDataAdapter(x, batch_size=8, shuffle=True, seed=11)
    assert orders(a) == orders(b)
    # Without `seed`, a seeded session (what `set_random_seed` stores)
    # gives the same shuffles on every run.
    runs = []
    for _ in range(2):
        global_state.set("random_seed", 1234)
        global_state.set("random_seed_count", 0)
        runs.append(orders(ArrayDataAdapter(x, batch_size=8, shuffle=True)))
    assert runs[0] == runs[1]


def test_shuffle_batch_shuffles_within_batches_only():
    x = np.arange(20, dtype="float32")
    adapter = ArrayDataAdapter(x, batch_size=6, shuffle="batch", seed=0)
    batches = _epoch(adapter)
    for i, (batch,) in enumerate(batches):
        expected = x[i * 6 : (i + 1) * 6]
        assert sorted(batch.tolist()) == expected.tolist()
    assert np.concatenate([b[0] for b in batches]).tolist() != x.tolist()


def test_multi_input_multi_output_structures():
    x, y = _data(7)
    inputs = {"a": x, "b": y}
    outputs = [y, x[:, :1]]
    adapter = ArrayDataAdapter(inputs, outputs, batch_size=4)
    (bx, by), (bx2, by2) = _epoch(adapter)
    assert set(bx) == {"a", "b"}
    np.testing.assert_array_equal(bx["a"], x[:4])
    np.testing.assert_array_equal(bx2["b"], y[4:])
    assert isinstance(by, list) and len(by) == 2
    np.testing.assert_array_equal(by2[1], x[4:, :1])


def test_x_only_list_of_inputs_is_one_x():
    x, _ = _data(4)
    adapter = ArrayDataAdapter([x, x], batch_size=4)
    ((batch,),) = _epoch(adapter)
    assert isinstance(batch, list) and len(batch) == 2


def test_sample_weight_is_batched_alongside():
    x, y = _data(5)
    sw = np.linspace(0.0, 1.0, 5)
    batches = _epoch(ArrayDataAdapter(x, y, sample_weight=sw, batch_size=2))
    np.testing.assert_allclose(
        np.concatenate([b[2] for b in batches]), sw.astype("float32")
    )


def test_single_sample_weight_is_shared_by_every_output():
    x, y = _data(4)
    sw = np.arange(4.0)
    ((_, _, bsw),) = _epoch(
        ArrayDataAdapter(x, {"a": y, "b": y}, sample_weight=sw, batch_size=4)
    )
    np.testing.assert_array_equal(bsw["a"], sw)
    np.testing.assert_array_equal(bsw["b"], sw)


def test_sample_weight_structure_errors():
    x, y = _data(4)
    with pytest.raises(ValueError, match=r"one `sample_weight` array per"):
        ArrayDataAdapter(x, [y, y], sample_weight=[np.ones(4)])
    with pytest.raises(ValueError, match=r"Received shape \(4, 3\)"):
        ArrayDataAdapter(x, [y, y], sample_weight=np.ones((4, 3)))


def test_class_weight_becomes_sample_weights():
    x, y = _data(12)
    class_weight = {0: 1.0, 1: 2.0, 2: 0.5}
    batches = _epoch(ArrayDataAdapter(x, y, class_weight=class_weight))
    ((_, by, bsw),) = batches
    expected = np.array([class_weight[c] for c in y], dtype="float32")
    np.testing.assert_allclose(bsw, expected)


def test_class_weight_errors():
    x, y = _data(4)
    with pytest.raises(ValueError, match=r"cannot be used at the same"):
        ArrayDataAdapter(x, y, sample_weight=np.ones(4), class_weight={0: 1})
    with pytest.raises(ValueError, match=r"single output"):
        ArrayDataAdapter(x, [y, y], class_weight={0: 1.0})
    with pytest.raises(ValueError, match=r"needs targets `y`"):
        ArrayDataAdapter(x, class_weight={0: 1.0})


def test_backend_tensors_are_read_as_arrays():
    x, y = _data(6)
    adapter = ArrayDataAdapter(
        ops.convert_to_tensor(x), ops.convert_to_tensor(y), batch_size=4
    )
    batches = _epoch(adapter)
    assert all(isinstance(leaf, np.ndarray) for b in batches for leaf in b)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), x)


def test_pandas_dataframe_and_series():
    frame = pd.DataFrame({"a": np.arange(5.0), "b": np.arange(5.0) * 10})
    series = pd.Series(np.arange(5))
    batches = _epoch(ArrayDataAdapter(frame, series, batch_size=3))
    np.testing.assert_array_equal(batches[0][0], frame.to_numpy()[:3])
    assert batches[0][0].dtype == np.float32  # floats cast to floatx
    np.testing.assert_array_equal(batches[1][1], [[3], [4]])


def test_python_lists_of_numbers():
    batches = _epoch(ArrayDataAdapter([1.0, 2.0, 3.0], [0, 1, 0], batch_size=2))
    assert batches[0][0].tolist() == [1.0, 2.0]
    assert batches[1][1].tolist() == [0]


def test_float64_is_cast_to_floatx():
    ((bx,),) = _epoch(ArrayDataAdapter(np.ones((2, 2), "float64")))
    assert bx.dtype == np.float32


def test_in_order_batches_are_views():
    x = np.arange(8, dtype="float32")
    ((bx,),) = _epoch(ArrayDataAdapter(x, batch_size=8))
    assert np.shares_memory(bx, x)


def test_cardinality_mismatch():
    with pytest.raises(
        ValueError,
        match=r"(?s)Data cardinality is ambiguous.*'x' sizes: 5\n'y' sizes: 4",
    ):
        ArrayDataAdapter(np.ones(5), np.ones(4))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"batch_size": 0}, r"`batch_size` must be a positive int"),
        ({"batch_size": 2.5}, r"batch_size=2.5"),
        ({"steps": -1}, r"`steps_per_epoch` must be a positive int"),
        ({"shuffle": "yes"}, r"shuffle='yes'"),
    ],
    ids=["batch_zero", "batch_float", "steps", "shuffle"],
)
def test_argument_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ArrayDataAdapter(np.ones(4), **kwargs)


def test_empty_data_errors():
    with pytest.raises(ValueError, match=r"`x` is None"):
        ArrayDataAdapter(None)
    with pytest.raises(ValueError, match=r"The data holds no samples"):
        ArrayDataAdapter(np.ones((0, 2)), np.ones(0))
