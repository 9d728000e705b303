"""Trigonometric and hyperbolic functions on the OpenVINO backend."""

import math

import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import float_op

__all__ = [
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "deg2rad",
    "rad2deg",
]

sin = float_op(ovops.sin, "sin")
cos = float_op(ovops.cos, "cos")
tan = float_op(ovops.tan, "tan")
arcsin = float_op(ovops.asin, "arcsin")
arccos = float_op(ovops.acos, "arccos")
arctan = float_op(ovops.atan, "arctan")
sinh = float_op(ovops.sinh, "sinh")
cosh = float_op(ovops.cosh, "cosh")
tanh = float_op(ovops.tanh, "tanh")
arcsinh = float_op(ovops.asinh, "arcsinh")
arccosh = float_op(ovops.acosh, "arccosh")
arctanh = float_op(ovops.atanh, "arctanh")


def deg2rad(x):
    x = as_float(x)
    return wrap(ovops.multiply(x.output, const(math.pi / 180.0, x.dtype)))


def rad2deg(x):
    x = as_float(x)
    return wrap(ovops.multiply(x.output, const(180.0 / math.pi, x.dtype)))
