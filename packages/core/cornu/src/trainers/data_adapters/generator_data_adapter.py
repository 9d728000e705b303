"""`GeneratorDataAdapter`: batches from a Python generator or iterator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cornu.src import tree
from cornu.src.trainers.data_adapters import data_adapter_utils as utils
from cornu.src.trainers.data_adapters.data_adapter import DataAdapter

_EXPECTED = (
    "a tuple `(x,)`, `(x, y)` or `(x, y, sample_weight)`, where each "
    "item is an array or a list/dict of arrays"
)


class GeneratorDataAdapter(DataAdapter):
    """Adapter for a Python generator (or any iterator) of batches.

    The first batch is read at construction to learn the structure; every
    later batch must have the same one (tuple length, nesting, dict keys).
    A generator runs once: the first `get_numpy_iterator()` yields the
    peeked batch and then the rest; later calls continue where the
    previous one stopped (the trainer bounds epochs with
    `steps_per_epoch`). The number of batches is unknown.

    Args:
        generator: A generator or iterator yielding tuples `(x,)`,
            `(x, y)` or `(x, y, sample_weight)`.

    Raises:
        ValueError: If the generator is empty or its first batch is not
            such a tuple.
    """

    def __init__(self, generator: Iterator) -> None:
        self._generator = generator
        try:
            first = next(generator)
        except StopIteration:
            raise ValueError(
                "The generator passed as `x` yielded no batch: it is empty "
                "(or already exhausted; a generator runs only once). Pass "
                "a generator that yields at least one batch, "
                f"{_EXPECTED}."
            ) from None
        self._check_batch(first, reference=None)
        self._first = first
        self._reference = first

    def _check_batch(self, batch: Any, reference: Any) -> None:
        if not isinstance(batch, tuple) or not 1 <= len(batch) <= 3:
            raise ValueError(
                "When passing a Python generator as `x`, it must yield "
                f"{_EXPECTED}. Received: {_describe(batch)}."
            )
        if reference is None:
            return
        try:
            tree.assert_same_structure(reference, batch)
        except ValueError:
            raise ValueError(
                "The generator passed as `x` changed the structure of its "
                "batches: every batch must be structured like the first "
                f"one, {_EXPECTED}. First batch: {_describe(reference)}. "
                f"Received: {_describe(batch)}."
            ) from None

    def peek(self) -> tuple:
        """The first batch, without consuming it (to build the model)."""
        return utils.batch_to_arrays(self._reference)

    def get_numpy_iterator(self) -> Iterator[tuple]:
        """The remaining batches of the generator (see the class doc)."""
        return self._iterate()

    def _iterate(self) -> Iterator[tuple]:
        if self._first is not None:
            first, self._first = self._first, None
            yield utils.batch_to_arrays(first)
        for batch in self._generator:
            self._check_batch(batch, self._reference)
            yield utils.batch_to_arrays(batch)


def _describe(batch: Any) -> str:
    """A short description of a batch: containers kept, arrays as shapes."""

    def leaf(x: Any) -> str:
        shape = getattr(x, "shape", None)
        if shape is not None:
            return f"array{tuple(shape)}"
        return type(x).__name__

    try:
        text = repr(tree.map_structure(leaf, batch))
    except (TypeError, ValueError):
        text = type(batch).__name__
    text = text.replace("'", "")
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{text} of type {type(batch).__name__}"
