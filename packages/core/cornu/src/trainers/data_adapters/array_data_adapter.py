"""`ArrayDataAdapter`: batches of in-memory arrays (NumPy, tensors, pandas).

Every leaf is converted to NumPy once, at construction (float arrays to
`floatx()`, as Keras does). An epoch then costs one permutation (when
shuffling) and one slice or gather per array per batch.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from cornu.src import tree
from cornu.src.random import seed_generator
from cornu.src.trainers.data_adapters import data_adapter_utils as utils
from cornu.src.trainers.data_adapters.data_adapter import DataAdapter


class ArrayDataAdapter(DataAdapter):
    """Adapter for array-like `x`, `y` and `sample_weight`.

    Args:
        x: Inputs: an array-like (NumPy array, any framework's tensor,
            pandas DataFrame/Series, list of numbers) or a list, tuple or
            dict of them (several inputs).
        y: Targets, structured like the model's outputs, or `None`.
        sample_weight: Per-sample weights: one array, or one per output
            of a multi-output `y` (a single 1-D array is used for every
            output).
        batch_size: Samples per batch. Defaults to 32, or to
            `ceil(num_samples / steps)` when only `steps` is given.
        steps: Used only to derive `batch_size` when that is `None`.
        shuffle: `True` shuffles all samples each epoch, `"batch"`
            shuffles the samples within each batch (batches keep their
            order), `False` keeps the order.
        class_weight: Dict class index -> weight, turned into sample
            weights from `y` (single output only).
        seed: Int seed of the shuffling; `None` draws one from
            `cornu.utils.set_random_seed`'s session seed when set (so
            seeded runs repeat), else from the OS. Each epoch uses a
            different permutation derived from the seed and the epoch.
    """

    def __init__(
        self,
        x: Any,
        y: Any = None,
        sample_weight: Any = None,
        batch_size: int | None = None,
        steps: int | None = None,
        shuffle: bool | str = False,
        class_weight: Any = None,
        *,
        seed: int | None = None,
    ) -> None:
        _check_positive_int("batch_size", batch_size)
        _check_positive_int("steps_per_epoch", steps)
        if shuffle not in (True, False, "batch"):
            raise ValueError(
                "`shuffle` must be True, False or 'batch'. Received: "
                f"shuffle={shuffle!r}. 'batch' shuffles within each batch."
            )
        if x is None:
            raise ValueError(
                "The data holds no samples: `x` is None. Pass the inputs, "
                "e.g. `fit(x=np.zeros((8, 3)), y=np.zeros((8, 1)))`."
            )
        x = utils.convert_arrays(x)
        y = utils.convert_arrays(y)
        sample_weight = utils.convert_arrays(sample_weight)
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError(
                    "`class_weight` and `sample_weight` cannot be used at "
                    "the same time. Fold the class weights into "
                    "`sample_weight`, or drop one of them."
                )
            if y is None:
                raise ValueError(
                    "`class_weight` needs targets `y` to look the classes "
                    "up in. Received: y=None."
                )
            utils.check_single_output_for_class_weight(y)
            sample_weight = utils.class_weight_to_sample_weights(
                y, class_weight
            )
        elif sample_weight is not None and tree.is_nested(y):
            sample_weight = _sample_weight_per_output(y, sample_weight)

        if y is None:
            data = (x,)  # sample weights without targets are unused
        elif sample_weight is None:
            data = (x, y)
        else:
            data = (x, y, sample_weight)
        self._num_samples = utils.check_data_cardinality(data)
        self._leaves = tree.flatten(data)
        self._structure = data
        if not batch_size:
            batch_size = math.ceil(self._num_samples / steps) if steps else 32
        self._batch_size = int(batch_size)
        self._num_batches = math.ceil(self._num_samples / self._batch_size)
        self._partial_batch_size = self._num_samples % self._batch_size
        self._shuffle = shuffle
        if seed is None:
            seed = seed_generator.make_default_seed()
        self._seed = seed
        self._epoch = 0

    def get_numpy_iterator(self) -> Iterator[tuple]:
        """Batches of one epoch, in order or shuffled (see `shuffle`)."""
        return self._iterate(self._epoch)

    def _iterate(self, epoch: int) -> Iterator[tuple]:
        n, size = self._num_samples, self._batch_size
        order = None
        if self._shuffle is True:
            rng = np.random.default_rng([self._seed, epoch])
            order = rng.permutation(n)
        for i in range(self._num_batches):
            start, stop = i * size, min((i + 1) * size, n)
            if self._shuffle == "batch":
                rng = np.random.default_rng([self._seed, epoch, i])
                index = start + rng.permutation(stop - start)
            elif order is not None:
                index = order[start:stop]
            else:
                index = slice(start, stop)
            leaves = [
                None if a is None else _take(a, index) for a in self._leaves
            ]
            yield tree.pack_sequence_as(self._structure, leaves)

    @property
    def num_batches(self) -> int:
        return self._num_batches

    @property
    def batch_size(self) -> int:
        return self._batch_size

    @property
    def has_partial_batch(self) -> bool:
        return self._partial_batch_size > 0

    @property
    def partial_batch_size(self) -> int | None:
        return self._partial_batch_size or None

    def on_epoch_end(self) -> None:
        self._epoch += 1


def _take(array: np.ndarray, index: Any) -> np.ndarray:
    if isinstance(index, slice):
        return array[index]  # a view: no copy for in-order batches
    return np.take(array, index, axis=0)


def _sample_weight_per_output(y: Any, sample_weight: Any) -> Any:
    if tree.is_nested(sample_weight):
        try:
            tree.assert_same_structure(y, sample_weight)
        except ValueError:
            raise ValueError(
                "You should provide one `sample_weight` array per output "
                "in `y`. The two structures did not match: y has "
                f"{len(tree.flatten(y))} outputs in a "
                f"{type(y).__name__}, sample_weight is a "
                f"{type(sample_weight).__name__} of "
                f"{len(tree.flatten(sample_weight))}."
            ) from None
        return sample_weight
    shape = sample_weight.shape
    if not (len(shape) == 1 or (len(shape) == 2 and shape[1] == 1)):
        raise ValueError(
            "For a model with multiple outputs, a single `sample_weight` "
            "array must hold one weight per sample (shape "
            f"`(num_samples,)`). Received shape {tuple(shape)}. For "
            "non-scalar weights, pass one `sample_weight` array per output."
        )
    return tree.map_structure(lambda _: sample_weight, y)


def _check_positive_int(name: str, value: Any) -> None:
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or value < 1
    ):
        raise ValueError(
            f"`{name}` must be a positive int or None. Received: "
            f"{name}={value!r}."
        )
