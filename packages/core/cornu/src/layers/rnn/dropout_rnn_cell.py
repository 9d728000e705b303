"""`DropoutRNNCell`: the dropout masks a recurrent cell reuses at every step.

A cell mixing it in has `dropout`, `recurrent_dropout` and
`seed_generator` attributes. The `RNN` layer draws the masks once per
call, before its loop (so that the loop itself draws no random numbers
and compiles as a pure function), and clears them after it; every time
step of one call then drops the same units, as in Keras.
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.random import random


class DropoutRNNCell:
    """Mixin holding a cell's per-call dropout masks.

    `dropout_mask_count`, when a cell sets it, asks for one mask per gate
    (a list) instead of a single mask.
    """

    def _create_dropout_mask(self, step_input: Any, rate: float) -> Any:
        ones = ops.ones_like(step_input)
        count = getattr(self, "dropout_mask_count", None)
        if count is None:
            return random.dropout(ones, rate=rate, seed=self.seed_generator)
        return [
            random.dropout(ones, rate=rate, seed=self.seed_generator)
            for _ in range(count)
        ]

    def get_dropout_mask(self, step_input: Any) -> Any:
        """The mask of the step inputs (`None` without `dropout`)."""
        mask = self.__dict__.get("_dropout_mask")
        if mask is None and self.dropout > 0:
            mask = self._create_dropout_mask(step_input, self.dropout)
            object.__setattr__(self, "_dropout_mask", mask)
        return mask

    def get_recurrent_dropout_mask(self, step_input: Any) -> Any:
        """The mask of the previous state (`None` without
        `recurrent_dropout`)."""
        mask = self.__dict__.get("_recurrent_dropout_mask")
        if mask is None and self.recurrent_dropout > 0:
            mask = self._create_dropout_mask(step_input, self.recurrent_dropout)
            object.__setattr__(self, "_recurrent_dropout_mask", mask)
        return mask

    def reset_dropout_mask(self) -> None:
        """Forgets the input mask (the next call draws a new one)."""
        object.__setattr__(self, "_dropout_mask", None)

    def reset_recurrent_dropout_mask(self) -> None:
        """Forgets the recurrent mask."""
        object.__setattr__(self, "_recurrent_dropout_mask", None)
