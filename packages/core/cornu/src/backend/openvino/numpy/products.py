"""dot, tensordot, outer and inner products on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import cast_all
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = ["dot", "vdot", "inner", "outer", "tensordot"]


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
