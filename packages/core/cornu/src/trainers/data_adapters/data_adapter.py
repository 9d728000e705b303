"""`DataAdapter`: the one interface the epoch loop reads data through.

Every input type `fit`/`evaluate`/`predict` accept (arrays, generators,
`PyDataset`, `tf.data.Dataset`, `torch.utils.data.DataLoader`) has an
adapter in this folder; `get_data_adapter` (in `__init__.py`) picks it.
"""

from __future__ import annotations

from collections.abc import Iterator


class DataAdapter:
    """Base class of the input adapters: one pass over the data per epoch.

    `get_numpy_iterator()` returns a fresh iterator over one epoch. Each
    batch is a tuple `(x,)`, `(x, y)` or `(x, y, sample_weight)`, whose
    items are arrays or nested lists/tuples/dicts of arrays. Leaves are
    NumPy arrays or tensors of the active backend (the trainer converts
    them with `ops.convert_to_tensor`).

    Subclasses override what they know; the defaults describe a source of
    unknown size and batch size.
    """

    def get_numpy_iterator(self) -> Iterator[tuple]:
        """A fresh iterator over one epoch of batches."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `get_numpy_iterator()`."
        )

    @property
    def num_batches(self) -> int | None:
        """Batches per epoch, or `None` when unknown or infinite."""
        return None

    @property
    def batch_size(self) -> int | None:
        """Samples per full batch, or `None` when unknown."""
        return None

    @property
    def has_partial_batch(self) -> bool | None:
        """Whether the last batch is smaller; `None` when unknown."""
        return None

    @property
    def partial_batch_size(self) -> int | None:
        """Size of the last, smaller batch; `None` if none or unknown."""
        return None

    def on_epoch_begin(self) -> None:
        """Called by the epoch loop before each epoch."""

    def on_epoch_end(self) -> None:
        """Called by the epoch loop after each epoch."""
