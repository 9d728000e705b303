import math
import multiprocessing
import threading

import numpy as np
import pytest

import cornu
from cornu.src.trainers.data_adapters.py_dataset_adapter import PyDatasetAdapter


class ArrayPyDataset(cornu.utils.PyDataset):
    """Batches of two arrays; module level, so worker processes can
    unpickle it."""

    def __init__(self, x, y, batch_size, fail_at=None, **kwargs):
        super().__init__(**kwargs)
        self.x, self.y = x, y
        self.batch_size = batch_size
        self.fail_at = fail_at
        self.events = []

    def __len__(self):
        return math.ceil(len(self.x) / self.batch_size)

    def __getitem__(self, index):
        if index == self.fail_at:
            raise RuntimeError(f"batch {index} is broken")
        if index == -1:
            raise KeyboardInterrupt
        sl = slice(index * self.batch_size, (index + 1) * self.batch_size)
        return self.x[sl], self.y[sl]

    def on_epoch_begin(self):
        self.events.append("begin")

    def on_epoch_end(self):
        self.events.append("end")


class InfinitePyDataset(cornu.utils.PyDataset):
    @property
    def num_batches(self):
        return None

    def __getitem__(self, index):
        return np.full((2,), index, dtype="float32")


def _data(n=10):
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, 3)).astype("float32"), np.arange(n)


def _pool_threads():
    return [
        t for t in threading.enumerate() if t.name.startswith("cornu_py_data")
    ]


def _check_batches(batches, x, y, batch_size):
    assert len(batches) == math.ceil(len(x) / batch_size)
    for i, (bx, by) in enumerate(batches):
        sl = slice(i * batch_size, (i + 1) * batch_size)
        np.testing.assert_array_equal(bx, x[sl])
        np.testing.assert_array_equal(by, y[sl])


@pytest.mark.parametrize("workers", [1, 3], ids=["inline", "threads"])
def test_batches_in_order(workers):
    x, y = _data(10)
    dataset = ArrayPyDataset(x, y, 3, workers=workers, max_queue_size=2)
    adapter = PyDatasetAdapter(dataset)
    assert adapter.num_batches == 4 and adapter.batch_size is None
    adapter.on_epoch_begin()
    _check_batches(list(adapter.get_numpy_iterator()), x, y, 3)
    adapter.on_epoch_end()
    assert dataset.events == ["begin", "end"]
    assert _pool_threads() == []


def test_worker_processes_keep_order_and_raise_errors():
    x, y = _data(9)
    dataset = ArrayPyDataset(x, y, 2, workers=2, use_multiprocessing=True)
    adapter = PyDatasetAdapter(dataset)
    _check_batches(list(adapter.get_numpy_iterator()), x, y, 2)
    adapter.on_epoch_end()
    assert multiprocessing.active_children() == []
    # Each epoch starts a fresh pool from the dataset as it is then.
    dataset.fail_at = 2
    with pytest.raises(RuntimeError, match=r"batch 2 is broken"):
        list(adapter.get_numpy_iterator())
    assert multiprocessing.active_children() == []


def test_worker_thread_error_is_raised_and_pool_shut_down():
    x, y = _data(8)
    dataset = ArrayPyDataset(x, y, 2, fail_at=1, workers=2)
    iterator = PyDatasetAdapter(dataset).get_numpy_iterator()
    first = next(iterator)
    np.testing.assert_array_equal(first[0], x[:2])
    with pytest.raises(RuntimeError, match=r"batch 1 is broken"):
        next(iterator)
    assert _pool_threads() == []


def test_keyboard_interrupt_stops_the_pool():
    x, y = _data(8)
    dataset = ArrayPyDataset(x, y, 2, workers=2)
    adapter = PyDatasetAdapter(dataset)
    adapter._indices = lambda: [0, -1, 1, 2]
    iterator = adapter.get_numpy_iterator()
    next(iterator)
    with pytest.raises(KeyboardInterrupt):
        next(iterator)
    for thread in _pool_threads():
        thread.join(timeout=5)
    assert _pool_threads() == []


@pytest.mark.parametrize("how", ["close", "drop"])
def test_stopping_early_shuts_the_pool_down(how):
    x, y = _data(40)
    adapter = PyDatasetAdapter(ArrayPyDataset(x, y, 2, workers=3))
    iterator = adapter.get_numpy_iterator()
    next(iterator)
    assert _pool_threads() != []
    if how == "close":
        iterator.close()
    else:
        del iterator  # the last reference: the generator is finalized
    assert _pool_threads() == []


def test_a_pass_outlives_on_epoch_end():
    # With steps_per_epoch < num_batches the trainer continues one pass
    # over several epochs: on_epoch_end must not cut it.
    x, y = _data(8)
    dataset = ArrayPyDataset(x, y, 2, workers=2)
    adapter = PyDatasetAdapter(dataset)
    iterator = adapter.get_numpy_iterator()
    first = [next(iterator), next(iterator)]
    adapter.on_epoch_end()
    adapter.on_epoch_begin()
    _check_batches(first + list(iterator), x, y, 2)
    assert dataset.events == ["end", "begin"]
    assert _pool_threads() == []


def test_shuffle_permutes_batch_order_per_epoch():
    x, y = _data(20)
    adapter = PyDatasetAdapter(ArrayPyDataset(x, y, 2), shuffle=True, seed=4)
    orders = []
    for _ in range(2):
        batches = list(adapter.get_numpy_iterator())
        adapter.on_epoch_end()
        orders.append([int(by[0]) // 2 for _, by in batches])
        for _, by in batches:  # samples within a batch keep their order
            assert by.tolist() == [by[0], by[0] + 1]
    assert sorted(orders[0]) == list(range(10))
    assert sorted(orders[1]) == list(range(10))
    assert orders[0] != list(range(10)) and orders[0] != orders[1]
    again = PyDatasetAdapter(ArrayPyDataset(x, y, 2), shuffle=True, seed=4)
    batches = list(again.get_numpy_iterator())
    assert [int(by[0]) // 2 for _, by in batches] == orders[0]


def test_class_weight_is_applied_per_batch():
    x, y = _data(6)
    labels = y % 2
    adapter = PyDatasetAdapter(
        ArrayPyDataset(x, labels, 4), class_weight={1: 3.0}
    )
    batches = list(adapter.get_numpy_iterator())
    weights = np.concatenate([b[2] for b in batches])
    np.testing.assert_allclose(weights, np.where(labels == 1, 3.0, 1.0))


def test_peek_reads_batch_zero_without_a_pool():
    x, y = _data(6)
    adapter = PyDatasetAdapter(ArrayPyDataset(x, y, 4, workers=4))
    bx, by = adapter.peek()
    np.testing.assert_array_equal(bx, x[:4])
    assert _pool_threads() == []


def test_infinite_dataset():
    adapter = PyDatasetAdapter(InfinitePyDataset(workers=2))
    assert adapter.num_batches is None
    iterator = adapter.get_numpy_iterator()
    got = [next(iterator)[0].tolist() for _ in range(5)]
    assert got == [[float(i)] * 2 for i in range(5)]
    iterator.close()
    assert _pool_threads() == []


def test_single_array_batches_are_x_only():
    ((batch,),) = list(PyDatasetAdapter(InfiniteOnce()).get_numpy_iterator())
    assert batch.tolist() == [1.0]


class InfiniteOnce(cornu.utils.PyDataset):
    def __len__(self):
        return 1

    def __getitem__(self, index):
        return np.ones(1)


class NoSuper(cornu.utils.PyDataset):
    def __init__(self):
        pass

    def __len__(self):
        return 1

    def __getitem__(self, index):
        return np.ones(1), np.ones(1)


class BadBatch(InfiniteOnce):
    def __getitem__(self, index):
        return "not a batch"


class Empty(InfiniteOnce):
    def __len__(self):
        return 0


def test_missing_super_init_warns_and_uses_defaults():
    dataset = NoSuper()
    with pytest.warns(UserWarning, match=r"should call `super\(\).__init__"):
        assert dataset.workers == 1
    assert dataset.max_queue_size == 10 and not dataset.use_multiprocessing


def test_errors():
    with pytest.raises(ValueError, match=r"BadBatch.__getitem__\(\) must"):
        list(PyDatasetAdapter(BadBatch()).get_numpy_iterator())
    with pytest.raises(ValueError, match=r"Empty has no batches to serve"):
        PyDatasetAdapter(Empty())
    with pytest.raises(ValueError, match=r"Received: workers=-2"):
        PyDatasetAdapter(InfiniteOnce(workers=-2))
    with pytest.raises(NotImplementedError, match=r"must implement"):
        cornu.utils.PyDataset()[0]
    with pytest.raises(NotImplementedError, match=r"num_batches"):
        cornu.utils.PyDataset().num_batches  # noqa: B018


def test_sequence_is_an_alias():
    assert cornu.utils.Sequence is cornu.utils.PyDataset
