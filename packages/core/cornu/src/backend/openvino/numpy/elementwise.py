"""Exponentials, logarithms and other one-input math on OpenVINO."""

import math

import openvino.opset15 as ovops

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
    "erfc",
]

exp = float_op(ovops.exp, "exp")
log = float_op(ovops.log, "log")


def exp2(x):
    x = as_float(x)
    return wrap(ovops.power(const(2.0, x.dtype), x.output))


def expm1(x):
    x = as_float(x)
    return wrap(ovops.subtract(ovops.exp(x.output), const(1.0, x.dtype)))


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
