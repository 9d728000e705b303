import numpy as np
import pytest

from cornu import ops
from cornu.src.trainers.data_adapters import get_data_adapter
from cornu.src.trainers.data_adapters.tf_dataset_adapter import TFDatasetAdapter

tf = pytest.importorskip(
    "tensorflow", reason="the tf.data adapter needs TensorFlow installed"
)


def _arrays(n=10):
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, 3)).astype("float32"), rng.integers(0, 3, n)


def test_batches_match_the_dataset():
    x, y = _arrays(10)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(4)
    adapter = get_data_adapter(dataset)
    assert isinstance(adapter, TFDatasetAdapter)
    assert adapter.num_batches == 3
    batches = list(adapter.get_numpy_iterator())
    assert all(isinstance(b, tuple) and len(b) == 2 for b in batches)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), x)
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), y)


def test_dict_elements_and_unknown_cardinality():
    x, _ = _arrays(6)
    dataset = tf.data.Dataset.from_tensor_slices({"a": x}).batch(4).repeat()
    adapter = TFDatasetAdapter(dataset)
    assert adapter.num_batches is None
    ((batch,),) = [next(adapter.get_numpy_iterator())]
    np.testing.assert_array_equal(batch["a"], x[:4])


def test_class_weight():
    x, y = _arrays(5)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(5)
    ((_, _, sw),) = TFDatasetAdapter(
        dataset, class_weight={1: 2.0}
    ).get_numpy_iterator()
    np.testing.assert_allclose(sw, np.where(y == 1, 2.0, 1.0))


def test_empty_dataset():
    dataset = tf.data.Dataset.from_tensor_slices(np.zeros((0, 2))).batch(2)
    with pytest.raises(ValueError, match=r"is empty"):
        TFDatasetAdapter(dataset)


def test_numbers_are_backend_tensors_or_numpy_and_strings_numpy_bytes():
    """Numeric leaves arrive as the active backend's tensors where those
    are TensorFlow's (no NumPy round trip), else as NumPy arrays; strings
    are NumPy arrays of bytes on every backend."""
    x, _ = _arrays(4)
    text = np.array(["a", "bc", "d", "ef"])
    dataset = tf.data.Dataset.from_tensor_slices((x, text)).batch(4)
    ((numbers, strings),) = TFDatasetAdapter(dataset).get_numpy_iterator()
    assert ops.is_tensor(numbers) or isinstance(numbers, np.ndarray)
    np.testing.assert_array_equal(ops.convert_to_numpy(numbers), x)
    assert isinstance(strings, np.ndarray)
    assert strings.tolist() == [b"a", b"bc", b"d", b"ef"]
