"""Masks attached to tensors (`_keras_mask`), on every kind of tensor.

Layers that support masking attach the mask of their output to the
output tensor, and the next layer reads it. torch tensors and
KerasTensors take the attribute directly; jax and NumPy arrays cannot
hold attributes, so their masks live in a table keyed by the array's id
that forgets an entry when its array is freed.
"""

from __future__ import annotations

import weakref
from typing import Any

from cornu.src.backend.common import global_state


class _TablesUsed:
    """Whether any thread ever kept a mask in its table: until then a
    lookup needs only the attribute (torch tensors and KerasTensors hold
    theirs)."""

    value = False


_tables_used = _TablesUsed()


def _table() -> dict:
    table = global_state.get("keras_masks")
    if table is None:
        table = {}
        global_state.set("keras_masks", table)
        _tables_used.value = True
    return table


def set_keras_mask(x: Any, mask: Any) -> None:
    """Attaches `mask` to the tensor `x` (`None` removes it)."""
    try:
        if mask is None:
            if "_keras_mask" in getattr(x, "__dict__", {}):
                del x._keras_mask
        else:
            x._keras_mask = mask
        return
    except AttributeError:
        pass
    table = _table()
    key = id(x)
    if mask is None:
        table.pop(key, None)
        return
    try:
        ref = weakref.ref(x, lambda _, key=key: table.pop(key, None))
    except TypeError:
        return  # neither attributes nor weak references: no mask
    table[key] = (ref, mask)


def get_keras_mask(x: Any) -> Any:
    """The mask attached to `x`, or `None`."""
    mask = getattr(x, "_keras_mask", None)
    if mask is not None or not _tables_used.value:
        return mask
    table = global_state.get("keras_masks")
    if not table:
        return None
    entry = table.get(id(x))
    if entry is not None and entry[0]() is x:
        return entry[1]
    return None
