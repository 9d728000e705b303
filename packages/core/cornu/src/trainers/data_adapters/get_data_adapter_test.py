import numpy as np
import pandas as pd
import pytest

import cornu
from cornu import ops
from cornu.src.trainers import data_adapters
from cornu.src.trainers.data_adapters import get_data_adapter


class _Batches(cornu.utils.PyDataset):
    def __len__(self):
        return 2

    def __getitem__(self, index):
        return np.full((2, 1), index, "float32"), np.zeros((2,))


class _Endless(_Batches):
    @property
    def num_batches(self):
        return None


def _gen():
    yield np.ones((2, 1)), np.ones((2,))


@pytest.mark.parametrize(
    "make, adapter_type",
    [
        (lambda: np.ones((4, 2)), data_adapters.ArrayDataAdapter),
        (lambda: [1.0, 2.0, 3.0], data_adapters.ArrayDataAdapter),
        (lambda: [np.ones(3), np.ones(3)], data_adapters.ArrayDataAdapter),
        (lambda: {"a": np.ones(3)}, data_adapters.ArrayDataAdapter),
        (
            lambda: ops.convert_to_tensor(np.ones((3, 2))),
            data_adapters.ArrayDataAdapter,
        ),
        (
            lambda: pd.DataFrame({"a": [1.0, 2.0]}),
            data_adapters.ArrayDataAdapter,
        ),
        (lambda: _Batches(), data_adapters.PyDatasetAdapter),
        (_gen, data_adapters.GeneratorDataAdapter),
        (lambda: iter([(np.ones(2),)]), data_adapters.GeneratorDataAdapter),
    ],
    ids=[
        "numpy",
        "number_list",
        "list_of_arrays",
        "dict",
        "tensor",
        "pandas",
        "py_dataset",
        "generator",
        "iterator",
    ],
)
def test_picks_the_adapter_by_type(make, adapter_type):
    adapter = get_data_adapter(make())
    assert type(adapter) is adapter_type
    assert len(list(adapter.get_numpy_iterator())) >= 1


def test_array_arguments_are_passed_on():
    x = np.arange(10, dtype="float32")
    adapter = get_data_adapter(
        x, x, sample_weight=x, batch_size=4, shuffle=True
    )
    batches = list(adapter.get_numpy_iterator())
    assert adapter.num_batches == 3 and len(batches[0]) == 3
    assert sorted(np.concatenate([b[0] for b in batches]).tolist()) == (
        x.tolist()
    )
    adapter = get_data_adapter(x, x.astype("int32") % 2, class_weight={1: 5})
    ((_, _, sw),) = adapter.get_numpy_iterator()
    np.testing.assert_allclose(sw, np.where(np.arange(10) % 2, 5.0, 1.0))
    assert get_data_adapter(x, steps_per_epoch=5).batch_size == 2


def test_a_data_adapter_is_returned_unchanged():
    adapter = get_data_adapter(np.ones(3))
    assert get_data_adapter(adapter) is adapter


def test_torch_dataloader_is_recognised():
    torch = pytest.importorskip("torch", reason="needs torch installed")
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.ones((3, 2))), batch_size=2
    )
    adapter = get_data_adapter(loader)
    assert type(adapter) is data_adapters.TorchDataLoaderAdapter
    with pytest.raises(ValueError, match=r"not supported for a torch"):
        get_data_adapter(loader, class_weight={0: 1.0})
    # fit() passes shuffle=True by default: ignored without a warning
    # (pytest turns warnings into errors).
    get_data_adapter(loader, shuffle=True)


def test_unsupported_type_names_it_and_lists_what_is_accepted():
    with pytest.raises(
        ValueError,
        match=r"(?s)Unrecognized data type: x='text' \(of type builtins.str"
        r"\).*NumPy arrays.*PyDataset.*generator.*tf.data.Dataset.*"
        r"torch.utils.data.DataLoader",
    ):
        get_data_adapter("text")
    with pytest.raises(ValueError, match=r"of type builtins.set"):
        get_data_adapter({1, 2})


def test_none_x_is_empty_data():
    with pytest.raises(ValueError, match=r"`x` is None"):
        get_data_adapter(None)


@pytest.mark.parametrize(
    "make, kind",
    [(_Batches, "PyDataset"), (_gen, "Python generator")],
    ids=["py_dataset", "generator"],
)
def test_targets_are_refused_for_batch_sources(make, kind):
    with pytest.raises(
        ValueError, match=rf"as a {kind}, `y` should not be passed"
    ):
        get_data_adapter(make(), y=np.ones(2))
    with pytest.raises(ValueError, match=r"`sample_weight` should not be"):
        get_data_adapter(make(), sample_weight=np.ones(2))


def test_generator_refuses_class_weight_and_ignores_shuffle():
    with pytest.raises(ValueError, match=r"not supported for a Python gen"):
        get_data_adapter(_gen(), class_weight={0: 1.0})
    adapter = get_data_adapter(_gen(), shuffle=True)
    assert len(list(adapter.get_numpy_iterator())) == 1


def test_infinite_py_dataset_ignores_shuffle():
    adapter = get_data_adapter(_Endless(), shuffle=True)
    assert adapter.num_batches is None
    batch = next(adapter.get_numpy_iterator())
    assert batch[0][0, 0] == 0.0
    adapter = get_data_adapter(_Batches(), shuffle=True)
    assert adapter.num_batches == 2


def test_non_array_targets_with_array_inputs():
    with pytest.raises(ValueError, match=r"so `y` must be array data.*gen"):
        get_data_adapter(np.ones(3), y=_gen())
    with pytest.raises(ValueError, match=r"so `sample_weight` must be"):
        get_data_adapter(np.ones(3), y=np.ones(3), sample_weight="w")


def test_scipy_sparse_and_variables_are_arrays():
    sparse = pytest.importorskip("scipy.sparse", reason="needs scipy")
    x = sparse.csr_matrix(np.eye(3, dtype="float32"))
    v = cornu.Variable(np.arange(3.0))
    ((bx, by),) = get_data_adapter(x, v).get_numpy_iterator()
    np.testing.assert_array_equal(bx, np.eye(3))
    np.testing.assert_array_equal(by, [0.0, 1.0, 2.0])
