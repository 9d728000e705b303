"""`cornu.utils.PyDataset` and its adapter.

A `PyDataset` serves whole batches by index. With `workers > 1` (or
`use_multiprocessing=True`) the adapter prefetches them on a pool of
threads or processes (`py_dataset_enqueuer.py`), in order.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from cornu.src.api_export import cornu_export
from cornu.src.random import seed_generator
from cornu.src.trainers.data_adapters import data_adapter_utils as utils
from cornu.src.trainers.data_adapters import py_dataset_enqueuer
from cornu.src.trainers.data_adapters.data_adapter import DataAdapter


@cornu_export(["cornu.utils.PyDataset", "cornu.utils.Sequence"])
class PyDataset:
    """Base class for a dataset written in Python that serves whole batches.

    Subclass it and implement `__getitem__(index)`, returning batch number
    `index` as `(x,)`, `(x, y)` or `(x, y, sample_weight)` (a single
    array or dict is read as `(x,)`), and `__len__()` returning the number
    of batches (or the `num_batches` property; `None` means infinite).
    Override `on_epoch_begin()` / `on_epoch_end()` to change the data
    between epochs. Call `super().__init__(**kwargs)` in your constructor.

    `fit()` and friends fetch batches on a pool of `workers` threads (or
    processes, with `use_multiprocessing=True`) while the model trains,
    keeping their order. Each sample is seen once per epoch, which
    parallel generators cannot guarantee. Iterating the dataset yourself
    applies no parallelism.

    Args:
        workers: Number of threads or processes fetching batches; 1 (the
            default) fetches them in the training loop itself.
        use_multiprocessing: Use processes instead of threads: worth it
            for CPU-bound Python preprocessing. The dataset must then be
            picklable (and its class importable, i.e. defined at module
            level). Workers start from a clean "forkserver" (or "spawn")
            process, safe with threaded frameworks; as always with those,
            a script must guard its entry point with
            `if __name__ == "__main__":`.
        max_queue_size: Most batches fetched ahead of the training loop.
            Defaults to 10.

    Example:

    >>> import math
    >>> import numpy as np
    >>> class Squares(cornu.utils.PyDataset):
    ...     def __init__(self, n, batch_size, **kwargs):
    ...         super().__init__(**kwargs)
    ...         self.x = np.arange(n, dtype="float32")
    ...         self.batch_size = batch_size
    ...     def __len__(self):
    ...         return math.ceil(len(self.x) / self.batch_size)
    ...     def __getitem__(self, index):
    ...         x = self.x[index * self.batch_size:][: self.batch_size]
    ...         return x, x**2
    >>> data = Squares(5, batch_size=2)
    >>> len(data), data.num_batches
    (3, 3)
    >>> data[2][1].tolist()
    [16.0]
    """

    def __init__(
        self,
        workers: int = 1,
        use_multiprocessing: bool = False,
        max_queue_size: int = 10,
    ) -> None:
        self._workers = workers
        self._use_multiprocessing = use_multiprocessing
        self._max_queue_size = max_queue_size

    def _warn_if_super_not_called(self) -> None:
        missing = False
        for name, default in (
            ("_workers", 1),
            ("_use_multiprocessing", False),
            ("_max_queue_size", 10),
        ):
            if not hasattr(self, name):
                setattr(self, name, default)
                missing = True
        if missing:
            warnings.warn(
                f"Your `PyDataset` class {type(self).__name__} should call "
                "`super().__init__(**kwargs)` in its constructor. `**kwargs` "
                "can include `workers`, `use_multiprocessing`, "
                "`max_queue_size`. Do not pass these arguments to `fit()`, "
                "as they will be ignored.",
                stacklevel=3,
            )

    @property
    def workers(self) -> int:
        """Number of threads or processes fetching batches."""
        self._warn_if_super_not_called()
        return self._workers

    @workers.setter
    def workers(self, value: int) -> None:
        self._workers = value

    @property
    def use_multiprocessing(self) -> bool:
        """Whether workers are processes rather than threads."""
        self._warn_if_super_not_called()
        return self._use_multiprocessing

    @use_multiprocessing.setter
    def use_multiprocessing(self, value: bool) -> None:
        self._use_multiprocessing = value

    @property
    def max_queue_size(self) -> int:
        """Most batches fetched ahead."""
        self._warn_if_super_not_called()
        return self._max_queue_size

    @max_queue_size.setter
    def max_queue_size(self, value: int) -> None:
        self._max_queue_size = value

    def __getitem__(self, index: int) -> Any:
        """Batch number `index`."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `__getitem__(index)`, "
            "returning batch number `index` as `(x, y)`."
        )

    @property
    def num_batches(self) -> int | None:
        """Batches per epoch (`len(self)` by default); `None`: infinite."""
        if hasattr(self, "__len__"):
            return len(self)
        raise NotImplementedError(
            f"{type(self).__name__} must implement `__len__()` or the "
            "`num_batches` property:\n\n    @property\n    def "
            "num_batches(self):\n        return ...  # None if infinite"
        )

    def on_epoch_begin(self) -> None:
        """Called at the beginning of every epoch."""

    def on_epoch_end(self) -> None:
        """Called at the end of every epoch."""


class PyDatasetAdapter(DataAdapter):
    """Adapter for `PyDataset` instances.

    Args:
        x: The `PyDataset`.
        class_weight: Dict class index -> weight, applied to each `(x, y)`
            batch.
        shuffle: Whether to visit the batches in a new random order each
            epoch (finite datasets only; samples within a batch keep
            their order).
        seed: Int seed of the batch order; `None` as in `ArrayDataAdapter`.
    """

    def __init__(
        self,
        x: PyDataset,
        class_weight: Any = None,
        shuffle: bool | str = False,
        *,
        seed: int | None = None,
    ) -> None:
        self._dataset = x
        self._class_weight = class_weight
        self._shuffle = bool(shuffle)
        if seed is None:
            seed = seed_generator.make_default_seed()
        self._seed = seed
        self._epoch = 0
        workers, use_mp = x.workers, x.use_multiprocessing
        queue_size = x.max_queue_size
        name = type(x).__name__
        if isinstance(workers, bool) or not isinstance(workers, int):
            workers = -1
        if workers < 0 or not isinstance(queue_size, int) or queue_size < 1:
            raise ValueError(
                f"{name}: `workers` must be an int >= 0 and `max_queue_size` "
                f"an int >= 1. Received: workers={x.workers!r}, "
                f"max_queue_size={queue_size!r}."
            )
        self._parallel = workers > 1 or (workers > 0 and bool(use_mp))
        num_batches = x.num_batches
        if num_batches is not None and (
            isinstance(num_batches, bool)
            or not isinstance(num_batches, (int, np.integer))
            or num_batches < 1
        ):
            raise ValueError(
                f"{name} has no batches to serve: its length (`__len__` or "
                f"`num_batches`) is {num_batches!r}. It must be an int >= 1, "
                "or None for an infinite dataset."
            )

    def peek(self) -> tuple:
        """Batch 0, read in this thread (no worker pool is started)."""
        return self._prepare(self._dataset[0])

    def _prepare(self, batch: Any) -> tuple:
        what = f"{type(self._dataset).__name__}.__getitem__()"
        batch = utils.standardize_batch(batch, what)
        batch = utils.add_class_weights(batch, self._class_weight, what)
        return utils.batch_to_arrays(batch)

    def get_numpy_iterator(self) -> Iterator[tuple]:
        """The batches of one pass, fetched ahead when `workers > 1`.

        The worker pool lives as long as the pass: it is shut down when
        the iterator is exhausted, closed or garbage-collected, or when
        `__getitem__` raises. (With `steps_per_epoch` shorter than the
        dataset, the trainer keeps one pass going across epochs.)
        """
        return self._iterate()

    def _indices(self) -> Any:
        num_batches = self._dataset.num_batches
        if num_batches is None:
            return itertools.count()
        if self._shuffle:
            rng = np.random.default_rng([self._seed, self._epoch])
            return rng.permutation(int(num_batches)).tolist()
        return range(int(num_batches))

    def _iterate(self) -> Iterator[tuple]:
        data = self._dataset
        indices = self._indices()
        if self._parallel:
            source = py_dataset_enqueuer.prefetch_batches(
                data,
                indices,
                workers=data.workers,
                use_multiprocessing=bool(data.use_multiprocessing),
                max_queue_size=data.max_queue_size,
            )
        else:
            source = (data[i] for i in indices)
        try:
            for batch in source:
                yield self._prepare(batch)
        finally:
            source.close()

    @property
    def num_batches(self) -> int | None:
        return self._dataset.num_batches

    def on_epoch_begin(self) -> None:
        self._dataset.on_epoch_begin()

    def on_epoch_end(self) -> None:
        self._epoch += 1
        self._dataset.on_epoch_end()
