"""Shape rules shared by many ops' `compute_output_spec`.

Shapes are tuples whose entries are ints or `None` (unknown until run
time). Every helper returns a tuple and raises `ValueError` naming the op
(`op_name`), the received shapes as tuples and how to fix the call.
Convolution and pooling shape rules live with the nn ops.
"""

from __future__ import annotations

import math
from typing import Any
from typing import Sequence

import numpy as np

from cornu.src.backend.common import dtypes

Shape = Sequence[Any]


def shape_of(x: Any) -> tuple:
    """Static shape of a KerasTensor, backend tensor, array or Python value
    (`None` for unknown dims); never converts or copies `x`."""
    shape = getattr(x, "shape", None)
    if shape is None:
        return tuple(np.shape(x))
    return tuple(_static_dim(d) for d in shape)


def _static_dim(d: Any) -> Any:
    """An int for a known size; anything else a backend gives as a size
    (a symbolic batch size while jax2tf or `torch.export` traces a model
    with a dynamic axis) is kept as it is: `int()` would fix it to the
    traced value, or fail."""
    if d is None or type(d) is int:
        return d
    if isinstance(d, (int, np.integer)):
        return int(d)
    return d


def dtype_name(x: Any) -> str:
    """The dtype name `x` has as a tensor: a tensor's or KerasTensor's own,
    and for Python values the one `convert_to_tensor` gives them."""
    dtype = dtypes.dtype_of(x)
    return dtypes.result_type(dtype) if isinstance(dtype, type) else dtype


def _owner(op_name: str | None) -> str:
    return f"{op_name}: " if op_name else ""


def _as_shape(shape: Any) -> tuple:
    return tuple(None if d is None else int(d) for d in shape)


def canonicalize_axis(axis: Any, ndim: int, op_name: str | None = None) -> int:
    """Returns `axis` as a non-negative int in `[0, ndim)`.

    Example: `canonicalize_axis(-1, 3)` is `2`.

    Raises:
        ValueError: if `axis` is not an int in `[-ndim, ndim)`.
    """
    if isinstance(axis, bool) or not hasattr(axis, "__index__"):
        raise ValueError(
            f"{_owner(op_name)}`axis` must be an int. Received: "
            f"axis={axis!r}."
        )
    axis = int(axis)
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{_owner(op_name)}`axis` {axis} is out of bounds for a tensor "
            f"of rank {ndim}. Received: axis={axis}. Pass an axis in "
            f"[{-ndim}, {ndim})."
        )
    return axis % ndim if ndim else axis


def canonicalize_axes(
    axis: Any, ndim: int, op_name: str | None = None
) -> tuple[int, ...]:
    """Returns an int or sequence of ints as a tuple of distinct
    non-negative axes, in the order given.

    Example: `canonicalize_axes((0, -1), 3)` is `(0, 2)`.

    Raises:
        ValueError: for an axis out of range or a repeated axis.
    """
    if isinstance(axis, (list, tuple)):
        axes = tuple(canonicalize_axis(a, ndim, op_name) for a in axis)
    else:
        axes = (canonicalize_axis(axis, ndim, op_name),)
    if len(set(axes)) != len(axes):
        raise ValueError(
            f"{_owner(op_name)}`axis` must not repeat an axis. Received: "
            f"axis={axis!r} for a tensor of rank {ndim}."
        )
    return axes


def broadcast_shapes(
    shape1: Shape, shape2: Shape, op_name: str | None = None
) -> tuple:
    """The NumPy broadcast of two shapes; `None` dims are allowed.

    An unknown dim broadcast against `1` stays unknown; against a known
    size `n` it is assumed to be `n` (it must be, for the op to run).

    Example: `broadcast_shapes((None, 3), (4, 1))` is `(4, 3)`.

    Raises:
        ValueError: if two known dims differ and neither is 1.
    """
    s1, s2 = _as_shape(shape1), _as_shape(shape2)
    ndim = max(len(s1), len(s2))
    a = (1,) * (ndim - len(s1)) + s1
    b = (1,) * (ndim - len(s2)) + s2
    out = []
    for i, (d1, d2) in enumerate(zip(a, b, strict=True)):
        if d1 == 1:
            out.append(d2)
        elif d2 == 1 or d2 is None or d1 == d2:
            out.append(d1)
        elif d1 is None:
            out.append(d2)
        else:
            raise ValueError(
                f"{_owner(op_name)}cannot broadcast shapes {s1} and {s2}: "
                f"at axis {i - ndim} the sizes {d1} and {d2} differ and "
                "neither is 1. Make the sizes equal, or 1 on one side "
                "(e.g. with `cornu.ops.expand_dims`)."
            )
    return tuple(out)


def explain_broadcast_failure(op_name: str, x1: Any, x2: Any) -> None:
    """After a binary op failed on real inputs: raises the symbolic path's
    `ValueError` (naming the op and both shapes) when their shapes cannot
    broadcast; returns otherwise, and the caller re-raises its error."""
    broadcast_shapes(shape_of(x1), shape_of(x2), op_name)


def reduce_shape(
    shape: Shape,
    axis: Any = None,
    keepdims: bool = False,
    op_name: str | None = None,
) -> tuple:
    """The shape after reducing `axis` (an int, a sequence, or None for
    all axes); reduced axes become 1 with `keepdims`, else are dropped.

    Example: `reduce_shape((2, 3, 4), axis=(0, -1))` is `(3,)`.
    """
    shape = _as_shape(shape)
    if axis is None:
        return (1,) * len(shape) if keepdims else ()
    axes = set(canonicalize_axes(axis, len(shape), op_name))
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def compute_expand_dims_output_shape(
    input_shape: Shape, axis: Any, op_name: str | None = "expand_dims"
) -> tuple:
    """The shape after inserting size-1 axes at `axis` (int or sequence;
    positions in the output, negative ones counted from its end).

    Example: `compute_expand_dims_output_shape((2, 3), (0, -1))` is
    `(1, 2, 3, 1)`.
    """
    input_shape = _as_shape(input_shape)
    if axis is None:
        axis = len(input_shape)
    n_new = len(axis) if isinstance(axis, (list, tuple)) else 1
    out_ndim = len(input_shape) + n_new
    axes = set(canonicalize_axes(axis, out_ndim, op_name))
    dims = iter(input_shape)
    return tuple(1 if i in axes else next(dims) for i in range(out_ndim))


def compute_transpose_output_shape(
    input_shape: Shape, axes: Any = None, op_name: str | None = "transpose"
) -> tuple:
    """The shape after permuting axes (`None` reverses them).

    Example: `compute_transpose_output_shape((2, 3, 4), (2, 0, 1))` is
    `(4, 2, 3)`.

    Raises:
        ValueError: if `axes` is not a permutation of the input's axes.
    """
    input_shape = _as_shape(input_shape)
    if axes is None:
        return input_shape[::-1]
    ndim = len(input_shape)
    valid = (
        isinstance(axes, (list, tuple))
        and len(axes) == ndim
        and all(
            hasattr(a, "__index__")
            and not isinstance(a, bool)
            and -ndim <= int(a) < ndim
            for a in axes
        )
    )
    perm = tuple(int(a) % ndim for a in axes) if valid else ()
    if not valid or sorted(perm) != list(range(ndim)):
        raise ValueError(
            f"{_owner(op_name)}`axes` must list each of the input's {ndim} "
            f"axes once (a permutation). Received: axes={axes!r} for an "
            f"input of shape {input_shape}."
        )
    return tuple(input_shape[a] for a in perm)


def compute_matmul_output_shape(
    shape1: Shape, shape2: Shape, op_name: str | None = "matmul"
) -> tuple:
    """The shape of `matmul(x1, x2)`, as in `np.matmul` (1-D operands
    get a temporary axis; leading axes broadcast).

    Example: `compute_matmul_output_shape((None, 2, 3), (3, 5))` is
    `(None, 2, 5)`.

    Raises:
        ValueError: for scalar operands, mismatched inner dims or leading
            axes that do not broadcast.
    """
    s1, s2 = _as_shape(shape1), _as_shape(shape2)
    if not s1 or not s2:
        raise ValueError(
            f"{_owner(op_name)}operands must have at least one axis. "
            f"Received shapes {s1} and {s2}. Use `cornu.ops.multiply` for "
            "scalars."
        )
    a = (1,) + s1 if len(s1) == 1 else s1
    b = s2 + (1,) if len(s2) == 1 else s2
    if a[-1] is not None and b[-2] is not None and a[-1] != b[-2]:
        raise ValueError(
            f"{_owner(op_name)}the last axis of x1 ({a[-1]}) must equal the "
            f"second-to-last axis of x2 ({b[-2]}). Received shapes {s1} and "
            f"{s2}. Transpose one operand, e.g. "
            "`cornu.ops.matmul(x1, cornu.ops.swapaxes(x2, -1, -2))`."
        )
    try:
        lead = broadcast_shapes(a[:-2], b[:-2])
    except ValueError:
        raise ValueError(
            f"{_owner(op_name)}the leading (batch) axes of shapes {s1} and "
            f"{s2} do not broadcast. Make them equal, or 1 on one side."
        ) from None
    out = lead + (a[-2], b[-1])
    if len(s2) == 1:
        out = out[:-1]
    if len(s1) == 1:
        out = out[:-2] + out[-1:] if len(s2) != 1 else out[:-1]
    return out


def compute_reshape_output_shape(
    input_shape: Shape,
    newshape: Any,
    newshape_arg_name: str = "newshape",
    op_name: str | None = "reshape",
) -> tuple:
    """The shape after reshaping to `newshape` (an int or sequence, with
    at most one `-1`, inferred when the input size is known).

    Example: `compute_reshape_output_shape((2, 6), (3, -1))` is `(3, 4)`.

    Raises:
        ValueError: for dims below -1, several -1s, or a size change.
    """
    input_shape = _as_shape(input_shape)
    if not isinstance(newshape, (list, tuple)):
        newshape = (newshape,)
    newshape = tuple(
        int(d) if hasattr(d, "__index__") else None for d in newshape
    )
    received = f"Received: input shape {input_shape}, {newshape_arg_name}="
    if any(d is not None and d < -1 for d in newshape) or (
        newshape.count(-1) > 1
    ):
        raise ValueError(
            f"{_owner(op_name)}`{newshape_arg_name}` must hold non-negative "
            f"ints and at most one -1. {received}{newshape}."
        )
    if None in input_shape or None in newshape:
        return tuple(None if d == -1 else d for d in newshape)
    size = math.prod(input_shape)
    known = math.prod(d for d in newshape if d != -1)
    if -1 not in newshape:
        if known != size:
            raise ValueError(
                f"{_owner(op_name)}cannot reshape {size} elements into "
                f"shape {newshape}. {received}{newshape}."
            )
        return newshape
    if known == 0 or size % known:
        raise ValueError(
            f"{_owner(op_name)}cannot infer the -1 in {newshape}: {size} "
            f"elements do not divide evenly. {received}{newshape}."
        )
    return tuple(size // known if d == -1 else d for d in newshape)


def compute_take_along_axis_output_shape(
    input_shape: Shape,
    indices_shape: Shape,
    axis: Any,
    op_name: str | None = "take_along_axis",
) -> tuple:
    """The shape of `take_along_axis(x, indices, axis)`: `indices`' size
    along `axis`, the other axes broadcast (`axis=None` flattens `x`).

    Example: `compute_take_along_axis_output_shape((2, 5), (2, 3), 1)`
    is `(2, 3)`.
    """
    x_shape = _as_shape(input_shape)
    i_shape = _as_shape(indices_shape)
    if axis is None:
        x_shape = (None,) if None in x_shape else (math.prod(x_shape),)
        axis = 0
    if len(x_shape) != len(i_shape):
        raise ValueError(
            f"{_owner(op_name)}`x` and `indices` must have the same rank. "
            f"Received shapes {x_shape} and {i_shape}."
        )
    axis = canonicalize_axis(axis, len(x_shape), op_name)
    x_shape = x_shape[:axis] + (i_shape[axis],) + x_shape[axis + 1 :]
    return broadcast_shapes(x_shape, i_shape, op_name)
