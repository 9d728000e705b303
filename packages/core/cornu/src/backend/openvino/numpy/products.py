"""dot, tensordot, outer, inner, cross, kron and cdist on OpenVINO."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import cast_all
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import promoted
from cornu.src.backend.openvino.numpy.promotion import promoted_float

__all__ = [
    "dot",
    "vdot",
    "inner",
    "outer",
    "tensordot",
    "cross",
    "kron",
    "cdist",
]


def _operands(x1, x2):
    dtype = math_dtypes.promote(x1, x2)
    if dtype in ("int8", "bool"):
        dtype = "int32"
    return cast_all(dtype, x1, x2)


def _matmul(a, b):
    return wrap(ovops.matmul(a, b, False, False))


def tensordot(x1, x2, axes=2):
    x1, x2 = _operands(x1, x2)
    if isinstance(axes, int):
        axes_a = list(range(x1.ndim - axes, x1.ndim))
        axes_b = list(range(axes))
    else:
        axes_a, axes_b = axes
        axes_a = [int(a) % x1.ndim for a in np.atleast_1d(axes_a)]
        axes_b = [int(b) % x2.ndim for b in np.atleast_1d(axes_b)]
    free_a = [i for i in range(x1.ndim) if i not in axes_a]
    free_b = [i for i in range(x2.ndim) if i not in axes_b]
    k = int(np.prod([x1.shape[i] for i in axes_a]))
    a = ovops.transpose(x1.output, int_const(free_a + axes_a))
    a = ovops.reshape(a, int_const([-1, k]), False)
    b = ovops.transpose(x2.output, int_const(axes_b + free_b))
    b = ovops.reshape(b, int_const([k, -1]), False)
    out = ovops.matmul(a, b, False, False)
    shape = [x1.shape[i] for i in free_a] + [x2.shape[i] for i in free_b]
    return wrap(ovops.reshape(out, int_const(shape), False))


def dot(x1, x2):
    a, b = _operands(x1, x2)
    if a.ndim == 0 or b.ndim == 0:
        return wrap(ovops.multiply(a.output, b.output))
    if b.ndim <= 2:
        return _matmul(a.output, b.output)
    return tensordot(a, b, axes=([a.ndim - 1], [b.ndim - 2]))


def vdot(x1, x2):
    a, b = _operands(x1, x2)
    a = ovops.reshape(a.output, int_const([-1]), False)
    b = ovops.reshape(b.output, int_const([-1]), False)
    return _matmul(a, b)


def inner(x1, x2):
    a, b = _operands(x1, x2)
    if a.ndim == 0 or b.ndim == 0:
        return wrap(ovops.multiply(a.output, b.output))
    return tensordot(a, b, axes=([a.ndim - 1], [b.ndim - 1]))


def outer(x1, x2):
    a, b = _operands(x1, x2)
    a = ovops.reshape(a.output, int_const([-1, 1]), False)
    b = ovops.reshape(b.output, int_const([1, -1]), False)
    return wrap(ovops.multiply(a, b))


def _vectors_last(x, axis):
    """`x`'s output with the vector axis `axis` moved last, and its size."""
    axis = int(axis) % x.ndim
    order = [i for i in range(x.ndim) if i != axis] + [axis]
    return ovops.transpose(x.output, int_const(order)).output(0), x.shape[axis]


def _components(data, size):
    last = len(data.get_partial_shape()) - 1
    return [
        ovops.gather(data, ovops.constant(np.int64(i)), np.int64(last))
        for i in range(size)
    ]


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    x1, x2 = promoted(x1, x2)
    dtype = x1.dtype
    a, size_a = _vectors_last(x1, axisa)
    b, size_b = _vectors_last(x2, axisb)
    a = _components(a, size_a)
    b = _components(b, size_b)
    z = ovops.subtract(ovops.multiply(a[0], b[1]), ovops.multiply(a[1], b[0]))
    if size_a == 2 and size_b == 2:
        return wrap(z)
    zero = const(0, dtype)
    a2 = a[2] if size_a == 3 else zero
    b2 = b[2] if size_b == 3 else zero
    x = ovops.subtract(ovops.multiply(a[1], b2), ovops.multiply(a2, b[1]))
    y = ovops.subtract(ovops.multiply(a2, b[0]), ovops.multiply(a[0], b2))
    shape = ovops.shape_of(z)
    parts = [
        ovops.unsqueeze(ovops.broadcast(p, shape), int_const([-1]))
        for p in (x, y, z)
    ]
    out = ovops.concat(parts, -1)
    ndim = len(out.get_output_partial_shape(0))
    axisc = int(axisc) % ndim
    order = list(range(ndim - 1))
    order.insert(axisc, ndim - 1)
    return wrap(ovops.transpose(out, int_const(order)))


def kron(x1, x2):
    a, b = promoted(x1, x2)
    ndim = max(a.ndim, b.ndim)
    shape_a = [1] * (ndim - a.ndim) + list(a.shape)
    shape_b = [1] * (ndim - b.ndim) + list(b.shape)
    # a as (a0, 1, a1, 1, ...) times b as (1, b0, 1, b1, ...).
    spread_a = [d for s in shape_a for d in (s, 1)]
    spread_b = [d for s in shape_b for d in (1, s)]
    left = ovops.reshape(a.output, int_const(spread_a), False)
    right = ovops.reshape(b.output, int_const(spread_b), False)
    combine = ovops.logical_and if a.dtype == "bool" else ovops.multiply
    out = combine(left, right)
    shape = [sa * sb for sa, sb in zip(shape_a, shape_b, strict=True)]
    return wrap(ovops.reshape(out, int_const(shape), False))


def cdist(x, y):
    x, y = promoted_float(x, y)
    rows = ovops.unsqueeze(x.output, int_const([-2]))
    cols = ovops.unsqueeze(y.output, int_const([-3]))
    gap = ovops.subtract(rows, cols)
    total = ovops.reduce_sum(ovops.multiply(gap, gap), int_const([-1]), False)
    return wrap(ovops.sqrt(total))
