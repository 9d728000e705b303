"""The fused-kernel path shared by `LSTM` and `GRU` (not public).

Keras lets the backend run a whole LSTM/GRU sequence in one fused kernel
(`backend.lstm` / `backend.gru`), which raises `NotImplementedError`
when the configuration needs the step-by-step loop. The layers decide
here whether to try it, apply input dropout to the whole sequence at
once, and fail clearly when `use_cudnn=True` cannot be honoured.
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src import tree


def check_use_cudnn(layer: Any, use_cudnn: Any) -> Any:
    """Validates the `use_cudnn` argument and returns it."""
    if use_cudnn not in ("auto", True, False):
        raise ValueError(
            f"{type(layer).__name__} expects `use_cudnn` to be one of "
            f"'auto', True or False. Received: use_cudnn={use_cudnn!r}."
        )
    return use_cudnn


def first_mask(mask: Any) -> Any:
    """The sequence mask (the first one when several inputs had one)."""
    return mask[0] if tree.is_nested(mask) else mask


def fused_inputs(layer: Any, sequences: Any, training: bool) -> Any:
    """The inputs for the fused kernel (input dropout applied to every
    step with one mask), or `None` when the fused path is off."""
    cell = layer.cell
    if layer.use_cudnn not in ("auto", True) or cell.recurrent_dropout:
        return None
    if not (training and 0.0 < cell.dropout < 1.0):
        return sequences
    mask = cell.get_dropout_mask(sequences[:, 0, :])
    if isinstance(mask, (list, tuple)):
        return None  # one mask per gate: only the cell's loop has them
    return sequences * ops.expand_dims(mask, axis=1)


def check_fallback_allowed(layer: Any) -> None:
    """Raises when `use_cudnn=True` but the fused kernel cannot run."""
    if layer.use_cudnn is True:
        raise ValueError(
            f"{type(layer).__name__} {layer.name!r} has use_cudnn=True, "
            "but the fused implementation does not support this "
            "configuration on this backend (it needs tanh/sigmoid "
            "activations, no recurrent dropout, unroll=False, "
            "use_bias=True, right-padded masks"
            + (", reset_after=True" if hasattr(layer, "reset_after") else "")
            + "). Pass use_cudnn='auto' to fall back to the generic loop."
        )
