"""Shapes and symbolic values a `Layer` derives from its calls: output
shapes with the batch size left out, shapes read back from JSON, and
the history-free KerasTensors of a symbolic call."""

from __future__ import annotations

from typing import Any

from cornu.src import tree
from cornu.src.backend.common import dtypes
from cornu.src.ops.keras_tensor import KerasTensor


def batchless_shapes(outputs: Any) -> Any:
    def one(x):
        shape = getattr(x, "shape", None)
        if shape is None:
            return None
        shape = tuple(shape)
        return (None,) + shape[1:] if shape else shape

    if isinstance(outputs, (list, tuple)):
        return [one(x) for x in outputs]
    return one(outputs)


def as_shape(shape: Any) -> Any:
    if isinstance(shape, (list, tuple)) and all(
        d is None or isinstance(d, int) for d in shape
    ):
        return tuple(shape)
    return shape


def as_shapes(shapes: Any) -> Any:
    """A shape, or a list/dict of shapes, read back from JSON (lists)."""
    if shapes is None:
        return None
    if isinstance(shapes, dict):
        return {k: as_shapes(v) for k, v in shapes.items()}
    if isinstance(shapes, (list, tuple)) and not all(
        d is None or isinstance(d, int) for d in shapes
    ):
        return [as_shapes(s) for s in shapes]
    return as_shape(shapes)


def detached(x: Any, dtype: str | None = None) -> Any:
    """A history-free copy of a KerasTensor (floating ones in `dtype`
    when given: the autocast a real call would apply)."""
    if isinstance(x, KerasTensor):
        cast = dtype is not None and dtypes.is_float_dtype(x.dtype)
        copy = KerasTensor(
            x.shape,
            dtype=dtype if cast else x.dtype,
            sparse=x.sparse,
            ragged=x.ragged,
            record_history=False,
        )
        mask = getattr(x, "_keras_mask", None)
        if mask is not None:
            copy._keras_mask = mask
        return copy
    return x


def fresh_symbolic(x: Any) -> Any:
    if isinstance(x, KerasTensor):
        return KerasTensor(
            x.shape, dtype=x.dtype, sparse=x.sparse, ragged=x.ragged
        )
    return x


def specs_from_shapes(shapes: Any, dtype: str) -> Any:
    if isinstance(shapes, tuple) and all(
        d is None or isinstance(d, int) for d in shapes
    ):
        return KerasTensor(shapes, dtype=dtype)
    return tree.map_shape_structure(
        lambda shape: KerasTensor(shape, dtype=dtype), shapes
    )


__all__ = [
    "as_shape",
    "as_shapes",
    "batchless_shapes",
    "detached",
    "fresh_symbolic",
    "specs_from_shapes",
]
