"""`TFDatasetAdapter`: batches from a `tf.data.Dataset`, on every backend.

Where the active backend's tensors are TensorFlow tensors, elements are
passed on as the dataset gives them (no copy through NumPy); elsewhere
they arrive as NumPy arrays, as `as_numpy_iterator()` gives them (strings
as bytes, on every backend). TensorFlow itself is never imported here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cornu.src import backend
from cornu.src import tree
from cornu.src.trainers.data_adapters import data_adapter_utils as utils
from cornu.src.trainers.data_adapters.data_adapter import DataAdapter

_SOURCE = "The tf.data.Dataset"


class TFDatasetAdapter(DataAdapter):
    """Adapter for a batched `tf.data.Dataset`.

    Each element must be `(x,)`, `(x, y)` or `(x, y, sample_weight)` (a
    single tensor or dict is read as `(x,)`). Shuffling and batching are
    the dataset's own.

    Args:
        dataset: The `tf.data.Dataset`.
        class_weight: Dict class index -> weight, turned into sample
            weights for each `(x, y)` element.

    Raises:
        ValueError: If the dataset is known to be empty.
    """

    def __init__(self, dataset: Any, class_weight: Any = None) -> None:
        self._dataset = dataset
        self._class_weight = class_weight
        if self.num_batches == 0:
            raise ValueError(
                "The tf.data.Dataset passed as `x` is empty (its "
                "cardinality is 0). Pass a dataset with at least one "
                "element, batched with `dataset.batch(batch_size)`."
            )

    def get_numpy_iterator(self) -> Iterator[tuple]:
        """The dataset's elements for one pass: backend tensors where the
        backend's tensors are TensorFlow's, NumPy arrays otherwise."""
        for element in self._dataset:
            batch = tree.map_structure(_native_or_numpy, element)
            batch = utils.standardize_batch(batch, _SOURCE)
            yield utils.add_class_weights(batch, self._class_weight, _SOURCE)

    @property
    def num_batches(self) -> int | None:
        # Negative cardinalities are tf.data.INFINITE_CARDINALITY (-1) and
        # tf.data.UNKNOWN_CARDINALITY (-2).
        cardinality = int(self._dataset.cardinality())
        return None if cardinality < 0 else cardinality

    @property
    def batch_size(self) -> int | None:
        specs = tree.flatten(self._dataset.element_spec)
        if not specs or getattr(specs[0], "shape", None) is None:
            return None
        shape = specs[0].shape
        if getattr(shape, "rank", None) in (None, 0):
            return None
        return shape[0]


def _native_or_numpy(value: Any) -> Any:
    """A tensor of the active backend stays as is (strings excepted: the
    string layers take NumPy arrays of bytes); anything else is read
    into NumPy, as `as_numpy_iterator()` would."""
    if backend.core.is_tensor(value):
        if getattr(value.dtype, "name", None) != "string":
            return value
    numpy = getattr(value, "numpy", None)
    return numpy() if numpy is not None else value
