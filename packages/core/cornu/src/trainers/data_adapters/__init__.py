"""Data adapters: one per input type, chosen by `get_data_adapter`.

The epoch loop reads every kind of input `fit()`/`evaluate()`/
`predict()` accept through the `DataAdapter` interface (see
`data_adapter.py`).
"""

from __future__ import annotations

import collections.abc
from typing import Any

from cornu.src.trainers.data_adapters import data_adapter_utils as utils
from cornu.src.trainers.data_adapters.array_data_adapter import (
    ArrayDataAdapter,
)
from cornu.src.trainers.data_adapters.data_adapter import DataAdapter
from cornu.src.trainers.data_adapters.generator_data_adapter import (
    GeneratorDataAdapter,
)
from cornu.src.trainers.data_adapters.py_dataset_adapter import PyDataset
from cornu.src.trainers.data_adapters.py_dataset_adapter import (
    PyDatasetAdapter,
)
from cornu.src.trainers.data_adapters.tf_dataset_adapter import (
    TFDatasetAdapter,
)
from cornu.src.trainers.data_adapters.torch_data_loader_adapter import (
    TorchDataLoaderAdapter,
)

_ACCEPTED = (
    "NumPy arrays, backend tensors, pandas DataFrames/Series, SciPy "
    "sparse matrices or lists of numbers (alone or in lists/tuples/dicts for several inputs), a "
    "`cornu.utils.PyDataset`, a Python generator or iterator of batches, "
    "a `tf.data.Dataset` or a `torch.utils.data.DataLoader`"
)

__all__ = [
    "ArrayDataAdapter",
    "DataAdapter",
    "GeneratorDataAdapter",
    "PyDataset",
    "PyDatasetAdapter",
    "TFDatasetAdapter",
    "TorchDataLoaderAdapter",
    "get_data_adapter",
]


def get_data_adapter(
    x: Any,
    y: Any = None,
    sample_weight: Any = None,
    batch_size: int | None = None,
    steps_per_epoch: int | None = None,
    shuffle: bool | str = False,
    class_weight: Any = None,
) -> DataAdapter:
    """The `DataAdapter` for `x` (and `y`, `sample_weight`), by type.

    Args:
        x: The input data: see the accepted types in the error below. A
            `DataAdapter` is returned unchanged.
        y: Targets; only with array inputs (other sources hold them).
        sample_weight: Per-sample weights; only with array inputs.
        batch_size: Batch size of array inputs (default 32).
        steps_per_epoch: With array inputs and no `batch_size`, derives
            the batch size; other sources ignore it (the epoch loop
            applies it).
        shuffle: `True`, `False` or `"batch"` for arrays; `True` shuffles
            a finite `PyDataset`'s batch order. Other sources are expected
            to be shuffled already and ignore it silently (as Keras 3 does
            for most releases: `fit()` passes `shuffle=True` by default).
        class_weight: Dict class index -> weight (arrays, `PyDataset`,
            `tf.data.Dataset`).

    Returns:
        A `DataAdapter`.

    Raises:
        ValueError: For unsupported input types, or arguments the source
            does not take.
    """
    if isinstance(x, DataAdapter):
        return x
    if utils.can_convert_arrays((x, y, sample_weight)) and x is not None:
        return ArrayDataAdapter(
            x,
            y,
            sample_weight=sample_weight,
            batch_size=batch_size,
            steps=steps_per_epoch,
            shuffle=shuffle,
            class_weight=class_weight,
        )
    if x is not None and utils.can_convert_arrays(x):
        for name, value in (("y", y), ("sample_weight", sample_weight)):
            if not utils.can_convert_arrays(value):
                raise ValueError(
                    f"`x` is array data, so `{name}` must be array data "
                    "too (arrays, tensors, pandas objects or lists of "
                    f"numbers, possibly nested). Received: {name}="
                    f"{utils._short(value)} of type "
                    f"{type(value).__name__}."
                )
    if utils.is_tf_dataset(x):
        _check_no_targets(y, sample_weight, "tf.data.Dataset")
        return TFDatasetAdapter(x, class_weight=class_weight)
    if isinstance(x, PyDataset):
        _check_no_targets(y, sample_weight, "PyDataset")
        return PyDatasetAdapter(x, class_weight=class_weight, shuffle=shuffle)
    if utils.is_torch_dataloader(x):
        _check_no_targets(y, sample_weight, "torch DataLoader")
        _check_no_class_weight(class_weight, "a torch DataLoader")
        return TorchDataLoaderAdapter(x)
    if isinstance(x, collections.abc.Iterator):
        _check_no_targets(y, sample_weight, "Python generator")
        _check_no_class_weight(class_weight, "a Python generator")
        return GeneratorDataAdapter(x)
    if x is None:
        raise ValueError(
            "The data holds no samples: `x` is None. Pass the inputs, e.g. "
            f"`fit(x=np.zeros((8, 3)), y=np.zeros((8, 1)))`. Accepted: "
            f"{_ACCEPTED}."
        )
    raise ValueError(
        f"Unrecognized data type: x={utils._short(x)} (of type "
        f"{type(x).__module__}.{type(x).__qualname__}). Expected "
        f"{_ACCEPTED}."
    )


def _check_no_targets(y: Any, sample_weight: Any, input_type: str) -> None:
    for name, value, what in (
        ("y", y, "the targets"),
        ("sample_weight", sample_weight, "the sample weights"),
    ):
        if value is not None:
            raise ValueError(
                f"When providing `x` as a {input_type}, `{name}` should "
                f"not be passed. Instead, {what} should be included as "
                f"part of the {input_type} (its batches are `(x, y)` or "
                "`(x, y, sample_weight)`)."
            )


def _check_no_class_weight(class_weight: Any, input_type: str) -> None:
    if class_weight is not None:
        raise ValueError(
            f"Argument `class_weight` is not supported for {input_type} "
            f"as `x`. Received: class_weight={class_weight!r}. Return "
            "`(x, y, sample_weight)` batches with the weights instead."
        )
