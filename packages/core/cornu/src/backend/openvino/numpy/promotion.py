"""Casting op inputs to their result dtype on the OpenVINO backend.

Not a family (it exports no op): the family modules share these helpers
so that every op promotes like Keras 3 (OpenVINO itself never promotes:
both inputs of a binary node must have one element type).
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.openvino.core import OpenVINOTensor
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import wrap


def cast_all(dtype, *xs):
    """Each of `xs` as a tensor of `dtype`."""
    return tuple(convert_to_tensor(x, dtype) for x in xs)


def promoted(*xs):
    """`xs` cast to their promoted dtype (`math_dtypes.promote`)."""
    return cast_all(math_dtypes.promote(*xs), *xs)


def promoted_float(*xs):
    """`xs` cast to their promoted floating-point dtype."""
    return cast_all(math_dtypes.promote_float(*xs), *xs)


def as_float(x):
    """`x` as a tensor of `math_dtypes.float_dtype(x.dtype)`."""
    x = convert_to_tensor(x)
    return cast(x, math_dtypes.float_dtype(x.dtype))


def unary(fn, x):
    """The tensor of `fn(x.output)` (an opset function of one input)."""
    return wrap(fn(convert_to_tensor(x).output))


def binary(fn, x1, x2):
    """`fn` on the outputs of two tensors of one dtype."""
    return wrap(fn(x1.output, x2.output))


def float_op(fn, name):
    """The op `fn(as_float(x))` for an opset function `fn`."""

    def op(x):
        return wrap(fn(as_float(x).output))

    op.__name__ = name
    return op


def const(value, dtype):
    """A constant node output holding `value` as `dtype`."""
    if dtype == "bfloat16":
        return from_numpy(np.asarray(value, dtype=dtype)).output
    return ovops.constant(np.asarray(value, dtype=dtype)).output(0)


def int_const(values):
    """A 1-D int64 constant (axes, shapes, indices)."""
    return ovops.constant(np.asarray(values, dtype=np.int64)).output(0)


def scalar_int(value):
    """A 0-d int64 constant."""
    return ovops.constant(np.int64(value)).output(0)


def normalize_axes(axis, ndim):
    """`axis` (None, int or sequence) as a sorted list of non-negative
    axes; None means every axis."""
    if axis is None:
        return list(range(ndim))
    items = list(axis) if isinstance(axis, (list, tuple)) else [axis]
    rank = max(ndim, 1)
    axes = []
    for a in items:
        if isinstance(a, bool) or not isinstance(a, (int, np.integer)):
            raise TypeError(
                f"`axis` must be None, an int or a sequence of ints. "
                f"Received: axis={axis!r}."
            )
        if not -rank <= int(a) < rank:
            raise ValueError(
                f"`axis` {int(a)} is out of bounds for a tensor of rank "
                f"{ndim}. Received: axis={axis!r}."
            )
        axes.append(int(a) % rank)
    if len(set(axes)) != len(axes):
        raise ValueError(
            f"`axis` must not repeat an axis. Received: axis={axis!r}."
        )
    return sorted(axes)


def is_tensor(x):
    return isinstance(x, OpenVINOTensor)
