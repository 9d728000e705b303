"""Two-input element-wise math (maximum, arctan2, ...) on OpenVINO."""

import math

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import promoted
from cornu.src.backend.openvino.numpy.promotion import promoted_float

__all__ = [
    "arctan2",
    "logaddexp",
    "hypot",
    "heaviside",
    "maximum",
    "minimum",
    "fmax",
    "fmin",
]


def _min_max(fn, logical):
    def op(x1, x2):
        x1, x2 = promoted(x1, x2)
        if x1.dtype == "bool":
            return wrap(logical(x1.output, x2.output))
        out = fn(x1.output, x2.output)
        if "int" not in x1.dtype:  # NaN wins, as in NumPy
            nan = ovops.logical_or(
                ovops.is_nan(x1.output), ovops.is_nan(x2.output)
            )
            out = ovops.select(nan, const(np.nan, x1.dtype), out)
        return wrap(out)

    return op


maximum = _min_max(ovops.maximum, ovops.logical_or)
minimum = _min_max(ovops.minimum, ovops.logical_and)


def _nan_ignoring(fn):
    def op(x1, x2):
        x1, x2 = promoted(x1, x2)
        if x1.dtype == "bool" or "int" in x1.dtype:
            return wrap(fn(x1.output, x2.output))
        a, b = x1.output, x2.output
        out = fn(a, b)
        out = ovops.select(ovops.is_nan(a), b, out)
        return wrap(ovops.select(ovops.is_nan(b), a, out))

    return op


fmax = _nan_ignoring(ovops.maximum)
fmin = _nan_ignoring(ovops.minimum)


def arctan2(x1, x2):
    y, x = promoted_float(x1, x2)
    y, x = y.output, x.output
    zero = const(0, _dtype(y))
    pi = const(math.pi, _dtype(y))
    half_pi = const(math.pi / 2, _dtype(y))
    base = ovops.atan(ovops.divide(y, x))
    negative_x = ovops.less(x, zero)
    y_negative = ovops.less(y, zero)
    shifted = ovops.select(
        y_negative, ovops.subtract(base, pi), ovops.add(base, pi)
    )
    out = ovops.select(negative_x, shifted, base)
    x_zero = ovops.equal(x, zero)
    on_axis = ovops.select(
        ovops.greater(y, zero),
        half_pi,
        ovops.select(y_negative, ovops.negative(half_pi), zero),
    )
    return wrap(ovops.select(x_zero, on_axis, out))


def _dtype(output):
    from cornu.src.backend.openvino.core import dtype_name

    return dtype_name(output.get_element_type())


def logaddexp(x1, x2):
    a, b = promoted_float(x1, x2)
    high = ovops.maximum(a.output, b.output)
    low = ovops.minimum(a.output, b.output)
    one = const(1.0, a.dtype)
    rest = ovops.log(ovops.add(one, ovops.exp(ovops.subtract(low, high))))
    return wrap(ovops.add(high, rest))


def hypot(x1, x2):
    a, b = promoted_float(x1, x2)
    total = ovops.add(
        ovops.multiply(a.output, a.output), ovops.multiply(b.output, b.output)
    )
    return wrap(ovops.sqrt(total))


def heaviside(x1, x2):
    a, b = promoted_float(x1, x2)
    zero = const(0, a.dtype)
    one = const(1, a.dtype)
    positive = ovops.select(ovops.greater(a.output, zero), one, zero)
    return wrap(ovops.select(ovops.equal(a.output, zero), b.output, positive))
