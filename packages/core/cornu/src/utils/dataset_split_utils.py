"""`split_dataset`: split in-memory data into a left and a right part.

Keras returns two `tf.data.Dataset`s. Without TensorFlow, cornu returns
the input's own kind: arrays (or a list/tuple/dict of arrays) split along
the sample axis, which `fit()` takes directly, or `torch.utils.data.
Subset`s of a torch `Dataset`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend.common.optional_dependency import optional_dependency
from cornu.src.random import seed_generator
from cornu.src.trainers.data_adapters import data_adapter_utils

_torch_data = optional_dependency("torch.utils.data", pip="torch")


def _is_size(value: Any) -> bool:
    return value is None or (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, bool)
    )


def _split_sizes(left: Any, right: Any, total: int) -> tuple[int, int]:
    """Keras's rules: floats are fractions in (0, 1), ints counts in
    (0, total); a missing side is the complement of the other."""
    if left is None and right is None:
        raise ValueError(
            "At least one of the `left_size` or `right_size` must be "
            "specified. Received: left_size=None and right_size=None. "
            "Pass e.g. `left_size=0.8`."
        )
    sizes = {}
    for name, value in (("left_size", left), ("right_size", right)):
        if not _is_size(value):
            raise TypeError(
                f"`{name}` must be an int, a float or None. Received: "
                f"{name}={value!r} of type {type(value).__name__}."
            )
        if value is None:
            sizes[name] = None
        elif isinstance(value, (float, np.floating)):
            if not 0.0 < value < 1.0:
                raise ValueError(
                    f"`{name}` should be either a positive integer smaller "
                    f"than {total}, or a float within the range `(0, 1)`. "
                    f"Received: {name}={value}."
                )
            sizes[name] = round(float(value) * total)
        else:
            if not 0 < value < total:
                raise ValueError(
                    f"`{name}` should be either a positive integer smaller "
                    f"than {total}, or a float within the range `(0, 1)`. "
                    f"Received: {name}={value}."
                )
            sizes[name] = int(value)
    left_n, right_n = sizes["left_size"], sizes["right_size"]
    if left_n is None:
        left_n = total - right_n
    if right_n is None:
        right_n = total - left_n
    if left_n + right_n > total:
        raise ValueError(
            "The sum of `left_size` and `right_size` must not exceed the "
            f"dataset's {total} samples. Received: left_size={left}, "
            f"right_size={right} ({left_n} + {right_n} samples)."
        )
    if left_n == 0 or right_n == 0:
        side = "left" if left_n == 0 else "right"
        raise ValueError(
            f"With a dataset of {total} samples, left_size={left} and "
            f"right_size={right}, the {side} split would be empty. "
            "Adjust the sizes, or pass more data."
        )
    return left_n, right_n


@cornu_export("cornu.utils.split_dataset")
def split_dataset(
    dataset: Any,
    left_size: Any = None,
    right_size: Any = None,
    shuffle: bool = False,
    seed: int | None = None,
) -> tuple:
    """Splits a dataset into a left half and a right half (e.g. train/test).

    The left split holds the first `left_size` samples and the right split
    the last `right_size` ones (after shuffling, if asked).

    Args:
        dataset: A NumPy array or tensor, a list/tuple/dict of arrays of
            the same length (split sample-wise), or a map-style
            `torch.utils.data.Dataset`.
        left_size: Float in `(0, 1)`: the fraction of the samples in the
            left split; int: their number. `None`: the complement of
            `right_size`.
        right_size: The same for the right split.
        shuffle: Whether to shuffle the samples before splitting.
        seed: Int seed for the shuffling.

    Returns:
        `(left, right)`: for array data, the input's structure holding
        NumPy arrays (Keras returns `tf.data.Dataset`s; cornu keeps the
        arrays, which `fit()` takes directly); for a torch `Dataset`, two
        `torch.utils.data.Subset`s.

    Raises:
        TypeError: For other dataset types or non-numeric sizes.
        ValueError: For empty data, unequal lengths or bad sizes.

    Example:

    >>> import numpy as np
    >>> data = np.random.default_rng(0).random((1000, 4))
    >>> left, right = cornu.utils.split_dataset(data, left_size=0.8)
    >>> left.shape, right.shape
    ((800, 4), (200, 4))
    """
    is_torch = data_adapter_utils.is_torch_dataset(dataset)
    if is_torch:
        total = len(dataset)
        if total == 0:
            raise ValueError("Received an empty torch Dataset to split.")
    elif data_adapter_utils.can_convert_arrays(dataset) and dataset is not None:
        dataset = data_adapter_utils.convert_arrays(dataset, cast_floats=False)
        total = data_adapter_utils.check_data_cardinality((dataset,))
    else:
        raise TypeError(
            "The `dataset` argument must be a NumPy array or tensor, a "
            "list/tuple/dict of arrays, or a `torch.utils.data.Dataset`. "
            f"Received: dataset={data_adapter_utils._short(dataset)} of "
            f"type {type(dataset).__name__}."
        )
    left_n, right_n = _split_sizes(left_size, right_size, total)
    order = np.arange(total)
    if shuffle:
        if seed is None:
            seed = seed_generator.make_default_seed()
        order = np.random.default_rng(seed).permutation(total)
    left_index, right_index = order[:left_n], order[total - right_n :]
    if is_torch:
        return (
            _torch_data.Subset(dataset, left_index.tolist()),
            _torch_data.Subset(dataset, right_index.tolist()),
        )
    return _take(dataset, left_index), _take(dataset, right_index)


def _take(data: Any, index: np.ndarray) -> Any:
    return tree.map_structure(lambda a: np.take(a, index, axis=0), data)
