"""`timeseries_dataset_from_array`: sliding windows over a timeseries.

Keras returns a `tf.data.Dataset`; cornu returns a `cornu.utils.PyDataset`
with the same windows, targets and batching, which `fit()` takes on every
backend without TensorFlow. Windows are gathered per batch with one NumPy
fancy-index, so nothing is materialised up front.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from cornu.src.api_export import cornu_export
from cornu.src.random import seed_generator
from cornu.src.trainers.data_adapters import data_adapter_utils
from cornu.src.trainers.data_adapters.py_dataset_adapter import PyDataset


class TimeseriesDataset(PyDataset):
    """The `PyDataset` returned by `timeseries_dataset_from_array`."""

    def __init__(
        self,
        data: np.ndarray,
        targets: np.ndarray | None,
        starts: np.ndarray,
        offsets: np.ndarray,
        batch_size: int | None,
    ) -> None:
        super().__init__()
        self._data = data
        self._targets = targets
        self._starts = starts
        self._offsets = offsets
        self._batch_size = batch_size

    def __len__(self) -> int:
        if self._batch_size is None:
            return len(self._starts)
        return math.ceil(len(self._starts) / self._batch_size)

    def __getitem__(self, index: int) -> Any:
        if not -len(self) <= index < len(self):
            raise IndexError(
                f"Batch index {index} is out of range for a timeseries "
                f"dataset of {len(self)} batches."
            )
        index %= len(self)
        if self._batch_size is None:
            starts = self._starts[index]
        else:
            size = self._batch_size
            starts = self._starts[index * size : (index + 1) * size]
        windows = self._data[np.expand_dims(starts, -1) + self._offsets]
        if self._targets is None:
            return windows
        return windows, self._targets[starts]


def _check_index(name: str, value: Any, allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or value < 0
    ):
        raise ValueError(
            f"`{name}` must be a non-negative int. Received: {name}={value!r}."
        )


@cornu_export(
    [
        "cornu.utils.timeseries_dataset_from_array",
        "cornu.preprocessing.timeseries_dataset_from_array",
    ]
)
def timeseries_dataset_from_array(
    data: Any,
    targets: Any,
    sequence_length: int,
    sequence_stride: int = 1,
    sampling_rate: int = 1,
    batch_size: int | None = 128,
    shuffle: bool = False,
    seed: int | None = None,
    start_index: int | None = None,
    end_index: int | None = None,
    format: str = "tf",
) -> TimeseriesDataset:
    """Creates a dataset of sliding windows over a timeseries array.

    Window `j` is `data[s_j], data[s_j + r], ..., data[s_j + (L - 1) * r]`
    with `L = sequence_length`, `r = sampling_rate` and start
    `s_j = start_index + j * sequence_stride`; its target is
    `targets[s_j]`. Windows that would run past `end_index` are dropped.

    Keras returns a `tf.data.Dataset` (or a Grain dataset); cornu returns
    a `cornu.utils.PyDataset` with the same batches, usable by `fit()` on
    every backend. `format` is accepted for compatibility and ignored.

    Args:
        data: Array or tensor of consecutive data points; axis 0 is time.
        targets: Targets, `targets[i]` for the window starting at `i`, or
            `None` to yield only the windows.
        sequence_length: Length of each output window, in timesteps.
        sequence_stride: Period between successive windows' starts.
        sampling_rate: Period between successive timesteps in a window.
        batch_size: Windows per batch (the last may be smaller); `None`
            yields single windows.
        shuffle: Whether to shuffle the windows (once, from `seed`)
            instead of keeping chronological order.
        seed: Optional int seed for shuffling.
        start_index: Data points before this index are not used.
        end_index: Data points from this index on are not used.
        format: `"tf"` or `"grain"`, as in Keras; both give a `PyDataset`.

    Returns:
        A `PyDataset` yielding `(batch_of_sequences, batch_of_targets)`,
        or only `batch_of_sequences` when `targets` is `None`.

    Raises:
        ValueError: For out-of-range indices, strides or rates.

    Example:

    >>> import numpy as np
    >>> ds = cornu.utils.timeseries_dataset_from_array(
    ...     np.arange(10), np.arange(10) * 10, sequence_length=3,
    ...     batch_size=4)
    >>> len(ds)
    2
    >>> x, y = ds[0]
    >>> x.tolist()
    [[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5]]
    >>> y.tolist()
    [0, 10, 20, 30]
    """
    data = data_adapter_utils.to_numpy(data)
    if targets is not None:
        targets = data_adapter_utils.to_numpy(targets)
    length = len(data)
    _check_index("start_index", start_index)
    _check_index("end_index", end_index)
    if start_index and start_index >= length:
        raise ValueError(
            "`start_index` must be lower than the length of the data. "
            f"Received: start_index={start_index}, for data of length "
            f"{length}."
        )
    if end_index is not None:
        if start_index and end_index <= start_index:
            raise ValueError(
                "`end_index` must be higher than `start_index`. Received: "
                f"start_index={start_index}, and end_index={end_index}."
            )
        if end_index >= length:
            raise ValueError(
                "`end_index` must be lower than the length of the data. "
                f"Received: end_index={end_index}, for data of length "
                f"{length}."
            )
        if end_index <= 0:
            raise ValueError(
                f"`end_index` must be higher than 0. Received: "
                f"end_index={end_index}."
            )
    for name, value in (
        ("sequence_length", sequence_length),
        ("sampling_rate", sampling_rate),
        ("sequence_stride", sequence_stride),
    ):
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, np.integer))
            or value <= 0
        ):
            raise ValueError(
                f"`{name}` must be higher than 0. Received: {name}={value!r}."
            )
        if name != "sequence_length" and value >= length:
            raise ValueError(
                f"`{name}` must be lower than the length of the data. "
                f"Received: {name}={value}, for data of length {length}."
            )
    if batch_size is not None and (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, (int, np.integer))
        or batch_size < 1
    ):
        raise ValueError(
            "`batch_size` must be a positive int or None. Received: "
            f"batch_size={batch_size!r}."
        )
    if format not in ("tf", "grain"):
        raise ValueError(
            '`format` should be either "tf" or "grain". Received: '
            f"format={format!r}."
        )
    start = start_index or 0
    end = length if end_index is None else end_index
    num_windows = end - start - (sequence_length - 1) * sampling_rate
    if targets is not None:
        num_windows = min(num_windows, len(targets) - start)
    starts = start + np.arange(0, max(num_windows, 0), sequence_stride)
    if shuffle:
        if seed is None:
            seed = seed_generator.make_default_seed()
        starts = np.random.default_rng(seed).permutation(starts)
    offsets = np.arange(sequence_length) * sampling_rate
    return TimeseriesDataset(data, targets, starts, offsets, batch_size)
