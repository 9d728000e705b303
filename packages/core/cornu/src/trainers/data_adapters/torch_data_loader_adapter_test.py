import numpy as np
import pytest

from cornu import ops
from cornu.src.trainers.data_adapters.torch_data_loader_adapter import (
    TorchDataLoaderAdapter,
)

torch = pytest.importorskip(
    "torch", reason="the torch DataLoader adapter needs torch installed"
)
data = torch.utils.data


def _arrays(n=10):
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, 3)).astype("float32"), rng.integers(0, 3, n)


def _numpy(batch):
    # Leaves are torch tensors on the torch backend, NumPy arrays elsewhere.
    return [ops.convert_to_numpy(leaf) for leaf in batch]


@pytest.mark.parametrize("drop_last", [False, True], ids=["keep", "drop"])
def test_batches_match_the_loader(drop_last):
    x, y = _arrays(10)
    dataset = data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y))
    loader = data.DataLoader(dataset, batch_size=4, drop_last=drop_last)
    adapter = TorchDataLoaderAdapter(loader)
    assert adapter.num_batches == (2 if drop_last else 3)
    assert adapter.batch_size == 4
    assert adapter.has_partial_batch == (not drop_last)
    assert adapter.partial_batch_size == (None if drop_last else 2)
    for _ in range(2):  # every epoch is a fresh pass over the loader
        batches = [_numpy(b) for b in adapter.get_numpy_iterator()]
        assert all(isinstance(b, list) and len(b) == 2 for b in batches)
        n = 8 if drop_last else 10
        np.testing.assert_array_equal(
            np.concatenate([b[0] for b in batches]), x[:n]
        )
        np.testing.assert_array_equal(
            np.concatenate([b[1] for b in batches]), y[:n]
        )


def test_batches_are_tuples_of_native_or_numpy_leaves():
    x, y = _arrays(4)
    dataset = data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y))
    (batch,) = TorchDataLoaderAdapter(
        data.DataLoader(dataset, batch_size=4)
    ).get_numpy_iterator()
    assert isinstance(batch, tuple) and len(batch) == 2
    for leaf in batch:
        assert isinstance(leaf, np.ndarray) or ops.is_tensor(leaf)


class _DictDataset(data.Dataset):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return {"a": np.float32(i), "b": np.full((2,), i, "float32")}


def test_dict_batches_are_x_only():
    loader = data.DataLoader(_DictDataset(5), batch_size=5)
    ((batch,),) = TorchDataLoaderAdapter(loader).get_numpy_iterator()
    assert set(batch) == {"a", "b"}
    np.testing.assert_array_equal(ops.convert_to_numpy(batch["a"]), range(5))


class _Stream(data.IterableDataset):
    def __iter__(self):
        for i in range(3):
            yield np.float32(i), np.float32(2 * i)


def test_iterable_dataset_has_unknown_size():
    adapter = TorchDataLoaderAdapter(data.DataLoader(_Stream(), batch_size=2))
    assert adapter.num_batches is None
    assert adapter.has_partial_batch is None
    assert adapter.partial_batch_size is None
    batches = [_numpy(b) for b in adapter.get_numpy_iterator()]
    assert [b[1].tolist() for b in batches] == [[0.0, 2.0], [4.0]]


def test_tensors_that_require_grad_are_converted():
    x = torch.ones((2, 2), requires_grad=True)
    loader = data.DataLoader(data.TensorDataset(x), batch_size=2)
    ((bx,),) = TorchDataLoaderAdapter(loader).get_numpy_iterator()
    assert ops.convert_to_numpy(bx).tolist() == [[1.0, 1.0], [1.0, 1.0]]


def test_empty_loader():
    empty = data.TensorDataset(torch.zeros((0, 2)))
    with pytest.raises(ValueError, match=r"yields no batch"):
        TorchDataLoaderAdapter(data.DataLoader(empty, batch_size=2))


class _FourItems(data.Dataset):
    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (np.float32(i),) * 4


def test_batch_of_wrong_form():
    adapter = TorchDataLoaderAdapter(data.DataLoader(_FourItems(), 2))
    with pytest.raises(
        ValueError, match=r"torch DataLoader must give batches.*4 items"
    ):
        list(adapter.get_numpy_iterator())
