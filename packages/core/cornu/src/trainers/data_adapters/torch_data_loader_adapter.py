"""`TorchDataLoaderAdapter`: batches from a `torch.utils.data.DataLoader`.

Used on every backend. Batches are taken as the loader collates them;
torch tensors stay torch tensors on the torch backend and become NumPy
arrays elsewhere. torch itself is never imported here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cornu.src.trainers.data_adapters import data_adapter_utils as utils
from cornu.src.trainers.data_adapters.data_adapter import DataAdapter


class TorchDataLoaderAdapter(DataAdapter):
    """Adapter for a `torch.utils.data.DataLoader`.

    Each collated batch must be `(x,)`, `(x, y)` or `(x, y,
    sample_weight)`; the list that torch's default collation makes of a
    dataset's tuples is read as a tuple, and a single tensor or dict as
    `(x,)`. Shuffling, batching and workers are the loader's own.

    Args:
        dataloader: The `torch.utils.data.DataLoader`.

    Raises:
        ValueError: If the loader is known to yield no batch.
    """

    def __init__(self, dataloader: Any) -> None:
        self._dataloader = dataloader
        if self.num_batches == 0:
            raise ValueError(
                "The torch DataLoader passed as `x` yields no batch (its "
                "length is 0; is its dataset empty, or smaller than "
                "`batch_size` with `drop_last=True`?). Pass a loader with "
                "at least one batch."
            )

    def get_numpy_iterator(self) -> Iterator[tuple]:
        """The loader's batches for one epoch."""
        for batch in self._dataloader:
            batch = utils.standardize_batch(batch, "The torch DataLoader")
            yield utils.batch_to_arrays(batch)

    def _dataset_size(self) -> int | None:
        try:
            return len(self._dataloader.dataset)
        except TypeError:  # an IterableDataset without __len__
            return None

    @property
    def num_batches(self) -> int | None:
        try:
            return len(self._dataloader)
        except TypeError:
            return None

    @property
    def batch_size(self) -> int | None:
        return self._dataloader.batch_size

    @property
    def has_partial_batch(self) -> bool | None:
        size = self.partial_batch_size
        if size is None and (
            self.batch_size is None or self._dataset_size() is None
        ):
            return None
        return size is not None

    @property
    def partial_batch_size(self) -> int | None:
        size, batch_size = self._dataset_size(), self.batch_size
        if size is None or batch_size is None or self._dataloader.drop_last:
            return None
        return (size % batch_size) or None
