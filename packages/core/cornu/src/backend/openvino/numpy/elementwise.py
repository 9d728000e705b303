"""Exponentials, logarithms and other one-input math on OpenVINO."""

import math

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import float_op

__all__ = [
    "exp",
    "exp2",
    "expm1",
    "log",
    "log1p",
    "log2",
    "log10",
    "sinc",
    "i0",
    "erfc",
    "real",
    "imag",
    "conj",
    "conjugate",
    "angle",
]

log = float_op(ovops.log, "log")


def _exp_node(x):
    """`Exp`, keeping NaN: the CPU plugin's compiled kernel gives
    exp(nan) = inf (its reference kernel, used eagerly, does not)."""
    return ovops.select(ovops.is_nan(x), x, ovops.exp(x))


def exp(x):
    return wrap(_exp_node(as_float(x).output))


def exp2(x):
    x = as_float(x)
    return wrap(ovops.power(const(2.0, x.dtype), x.output))


def expm1(x):
    x = as_float(x)
    return wrap(ovops.subtract(_exp_node(x.output), const(1.0, x.dtype)))


def log1p(x):
    x = as_float(x)
    return wrap(ovops.log(ovops.add(x.output, const(1.0, x.dtype))))


def _log_base(x, base):
    x = as_float(x)
    scale = const(1.0 / math.log(base), x.dtype)
    return wrap(ovops.multiply(ovops.log(x.output), scale))


def log2(x):
    return _log_base(x, 2.0)


def log10(x):
    return _log_base(x, 10.0)


def erfc(x):
    x = as_float(x)
    return wrap(ovops.subtract(const(1.0, x.dtype), ovops.erf(x.output)))


def sinc(x):
    x = as_float(x)
    scaled = ovops.multiply(x.output, const(math.pi, x.dtype))
    ratio = ovops.divide(ovops.sin(scaled), scaled)
    zero = ovops.equal(x.output, const(0, x.dtype))
    return wrap(ovops.select(zero, const(1, x.dtype), ratio))


# I0 by its power series in (x/2)**2 up to |x| = 15, nested as
# 1 + y/1 (1 + y/4 (1 + y/9 (...))) so no coefficient underflows, and by
# its asymptotic expansion e**x / sqrt(2 pi x) * sum(a_k / x**k) above.
_I0_SERIES_TERMS = 32
_I0_SWITCH = 15.0
_I0_ASYMPTOTIC = [1.0]
for _k in range(1, 10):
    _I0_ASYMPTOTIC.append(_I0_ASYMPTOTIC[-1] * (2 * _k - 1) ** 2 / (8 * _k))


def i0(x):
    x = as_float(x)
    dtype = x.dtype
    compute = "float64" if dtype == "float64" else "float32"
    ax = ovops.absolute(cast(x, compute).output)
    one = const(1, compute)
    y = ovops.multiply(ovops.multiply(ax, ax), const(0.25, compute))
    series = one
    for k in range(_I0_SERIES_TERMS, 0, -1):
        step = ovops.multiply(y, const(1.0 / (k * k), compute))
        series = ovops.add(one, ovops.multiply(series, step))
    inverse = ovops.divide(one, ax)
    tail = const(_I0_ASYMPTOTIC[-1], compute)
    for coefficient in reversed(_I0_ASYMPTOTIC[:-1]):
        tail = ovops.add(
            const(coefficient, compute), ovops.multiply(tail, inverse)
        )
    # e**x split in two halves so the product overflows only where I0 does.
    half = ovops.exp(ovops.multiply(ax, const(0.5, compute)))
    scale = ovops.sqrt(ovops.multiply(ax, const(2 * np.pi, compute)))
    asymptotic = ovops.multiply(
        half, ovops.divide(ovops.multiply(half, tail), scale)
    )
    small = ovops.less_equal(ax, const(_I0_SWITCH, compute))
    out = wrap(ovops.select(small, series, asymptotic))
    return cast(out, dtype)


# This backend holds real tensors only (no complex dtypes): the complex
# parts of a real tensor, as NumPy gives them.
def real(x):
    return convert_to_tensor(x)


def imag(x):
    x = convert_to_tensor(x)
    return wrap(
        ovops.broadcast(const(0, x.dtype), ovops.shape_of(x.output))
    )


def conjugate(x):
    return convert_to_tensor(x)


def conj(x):
    return conjugate(x)


def angle(x):
    from cornu.src.backend.openvino.numpy.elementwise_binary import arctan2

    x = as_float(x)
    return arctan2(imag(x), x)
