"""Shape/dtype helpers shared by the control-flow ops' symbolic rules."""

from __future__ import annotations

from typing import Any
from typing import Callable

from cornu.src import backend
from cornu.src import tree
from cornu.src.backend.common import symbolic_scope
from cornu.src.ops.keras_tensor import KerasTensor


def check_callable(op: str, name: str, fn: Any) -> None:
    if not callable(fn):
        raise TypeError(
            f"{op} expects `{name}` to be a callable. Received: "
            f"{name}={fn!r} of type {type(fn).__name__}."
        )


def spec(x: Any) -> Any:
    """A KerasTensor with the shape and dtype of `x` (None stays None)."""
    if x is None or isinstance(x, KerasTensor):
        return x
    tensor = backend.core.convert_to_tensor(x)
    # A size known only at run time (a tensor, in a traced graph) is None.
    shape = tuple(
        d if isinstance(d, int) else None for d in backend.core.shape(tensor)
    )
    return KerasTensor(shape, dtype=backend.core.dtype(tensor))


def specs(structure: Any) -> Any:
    return tree.map_structure(spec, structure)


def drop_leading(x: Any) -> Any:
    return None if x is None else KerasTensor(x.shape[1:], dtype=x.dtype)


def add_leading(n: int | None, x: Any) -> Any:
    return None if x is None else KerasTensor((n,) + x.shape, dtype=x.dtype)


def _shape(x: Any) -> tuple:
    if hasattr(x, "shape"):  # tensors, arrays, KerasTensors: no copy
        return tuple(x.shape)
    return spec(x).shape


def leading_size(op: str, xs: Any) -> int | None:
    shapes = [_shape(x) for x in tree.flatten(xs)]
    if any(len(shape) == 0 for shape in shapes):
        raise ValueError(
            f"{op} expects tensors with a leading axis to loop over. "
            f"Received shapes {shapes}."
        )
    sizes = {shape[0] for shape in shapes}
    if len(sizes) > 1:
        raise ValueError(
            f"{op} expects every tensor in `xs` to have the same leading "
            f"axis. Received leading sizes {sorted(sizes, key=str)}."
        )
    return sizes.pop()


def same_specs(a: Any, b: Any) -> bool:
    flat_a = tree.flatten(a)
    flat_b = tree.flatten(b)
    if len(flat_a) != len(flat_b):
        return False
    try:
        tree.pack_sequence_as(b, flat_a)
    except ValueError:
        return False
    return all(
        (x is None and y is None)
        or (
            x is not None and y is not None
            and spec(x).shape == spec(y).shape
            and spec(x).dtype == spec(y).dtype
        )
        for x, y in zip(flat_a, flat_b, strict=True)
    )


def trace(fn: Callable, *args: Any) -> Any:
    """Calls a user function on KerasTensors inside a `SymbolicScope`."""
    with symbolic_scope.SymbolicScope():
        return fn(*args)
