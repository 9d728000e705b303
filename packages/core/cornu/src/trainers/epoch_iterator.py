"""`EpochIterator`: the batches of one epoch, grouped by
`steps_per_execution`, from whatever data adapter fits the input.

With `steps_per_epoch` the underlying iterator outlives the epoch (an
endless generator keeps going where it stopped) and a finite source is
restarted once its batches are used up. A source that runs dry before
the requested number of steps ends training with a warning, as Keras.
"""

from __future__ import annotations

import warnings
from typing import Any
from typing import Iterator

from cornu.src.trainers import data_adapters


class EpochIterator:
    """Yields `(first_step, last_step, batches)` for each execution.

    Args:
        x, y, sample_weight, batch_size, steps_per_epoch, shuffle,
        class_weight: As in `Model.fit`.
        steps_per_execution: How many batches one call of the step
            function consumes.
    """

    def __init__(
        self,
        x: Any,
        y: Any = None,
        sample_weight: Any = None,
        batch_size: int | None = None,
        steps_per_epoch: int | None = None,
        shuffle: Any = False,
        class_weight: dict | None = None,
        steps_per_execution: int = 1,
    ) -> None:
        if steps_per_epoch is not None and (
            isinstance(steps_per_epoch, bool)
            or not isinstance(steps_per_epoch, int)
            or steps_per_epoch < 1
        ):
            raise ValueError(
                "`steps_per_epoch` must be a positive integer or None. "
                f"Received: steps_per_epoch={steps_per_epoch!r}."
            )
        self.steps_per_epoch = steps_per_epoch
        self.steps_per_execution = steps_per_execution
        self.data_adapter = data_adapters.get_data_adapter(
            x,
            y,
            sample_weight=sample_weight,
            batch_size=batch_size,
            steps_per_epoch=steps_per_epoch,
            shuffle=shuffle,
            class_weight=class_weight,
        )
        self._iterator: Iterator | None = None
        self._steps_seen = 0
        self.ran_out_of_data = False

    @property
    def num_batches(self) -> int | None:
        """Batches per epoch, or None when the source does not say."""
        if self.steps_per_epoch is not None:
            return self.steps_per_epoch
        return self.data_adapter.num_batches

    def first_batch(self) -> Any:
        """A batch to build the model and metrics from (not consumed)."""
        adapter = self.data_adapter
        peek = getattr(adapter, "peek", None)
        if peek is not None:
            return peek()
        iterator = adapter.get_numpy_iterator()
        try:
            batch = next(iter(iterator))
        except StopIteration:
            raise ValueError(
                "The dataset is empty: it produced no batch. Pass data "
                "holding at least one sample."
            ) from None
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()
        return batch

    def _fresh(self) -> Iterator:
        self._steps_seen = 0
        return iter(self.data_adapter.get_numpy_iterator())

    def __iter__(self) -> Iterator[tuple[int, int, list]]:
        self.data_adapter.on_epoch_begin()
        per_call = self.steps_per_execution
        if self.steps_per_epoch is None:
            iterator = self._fresh()
            step = 0
            while True:
                batches = _take(iterator, per_call)
                if not batches:
                    break
                yield step, step + len(batches) - 1, batches
                step += len(batches)
                if len(batches) < per_call:
                    break
            if step == 0:
                raise ValueError(
                    "The dataset is empty: an epoch produced no batch. Pass "
                    "data holding at least one sample (check `x`, and "
                    "`batch_size`/`steps` if given)."
                )
        else:
            total = self.num_batches
            known = self.data_adapter.num_batches
            if self._iterator is None:
                self._iterator = self._fresh()
            step = 0
            while step < total:
                if known is not None and self._steps_seen >= known:
                    self._iterator = self._fresh()
                count = min(per_call, total - step)
                if known is not None:
                    count = min(count, known - self._steps_seen)
                batches = _take(self._iterator, count)
                if not batches:
                    self._ran_dry(total)
                    break
                self._steps_seen += len(batches)
                yield step, step + len(batches) - 1, batches
                step += len(batches)
                if len(batches) < count:
                    self._ran_dry(total)
                    break
        self.data_adapter.on_epoch_end()

    def _ran_dry(self, total: int) -> None:
        self.ran_out_of_data = True
        self._iterator = None
        warnings.warn(
            "Your input ran out of data; interrupting training. Make sure "
            f"that your dataset or generator can generate at least "
            f"`steps_per_epoch * epochs` batches ({total} per epoch here); "
            "you may need to repeat your data.",
            stacklevel=4,
        )


def _take(iterator: Iterator, count: int) -> list:
    out = []
    for _ in range(count):
        try:
            out.append(next(iterator))
        except StopIteration:
            break
    return out


__all__ = ["EpochIterator"]
