"""Rounding, signs, signbit, clip and nan_to_num on the OpenVINO backend."""

import ml_dtypes
import openvino.opset15 as ovops

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import float_op

__all__ = [
    "floor",
    "ceil",
    "round",
    "trunc",
    "sign",
    "signbit",
    "clip",
    "nan_to_num",
]

floor = float_op(ovops.floor, "floor")
ceil = float_op(ovops.ceiling, "ceil")


def _is_integer(dtype):
    return dtype == "bool" or "int" in dtype


def round(x, decimals=0):  # noqa: A001 - Keras's name
    x = convert_to_tensor(x)
    if x.dtype == "bool":
        return x
    if _is_integer(x.dtype):
        if decimals >= 0:
            return x
        scale = const(10 ** (-decimals), "float64")
        value = ovops.convert(x.output, "f64")
        value = ovops.multiply(
            ovops.round(ovops.divide(value, scale), "half_to_even"), scale
        )
        return wrap(ovops.convert(value, x.output.get_element_type()))
    if decimals == 0:
        return wrap(ovops.round(x.output, "half_to_even"))
    scale = const(10.0**decimals, x.dtype)
    value = ovops.round(ovops.multiply(x.output, scale), "half_to_even")
    return wrap(ovops.divide(value, scale))


def trunc(x):
    x = convert_to_tensor(x)
    if _is_integer(x.dtype):
        return x
    return wrap(
        ovops.multiply(
            ovops.sign(x.output), ovops.floor(ovops.absolute(x.output))
        )
    )


def sign(x):
    x = convert_to_tensor(x)
    if x.dtype == "bool":
        return x
    return wrap(ovops.sign(x.output))


def signbit(x):
    x = convert_to_tensor(x)
    if x.dtype == "bool" or x.dtype.startswith("uint"):
        return wrap(
            ovops.broadcast(const(False, "bool"), ovops.shape_of(x.output))
        )
    zero = const(0, x.dtype)
    negative = ovops.less(x.output, zero)
    if "int" in x.dtype:
        return wrap(negative)
    # -0.0 is the zero whose reciprocal is -inf.
    reciprocal = ovops.divide(const(1, x.dtype), x.output)
    negative_zero = ovops.logical_and(
        ovops.equal(x.output, zero), ovops.less(reciprocal, zero)
    )
    return wrap(ovops.logical_or(negative, negative_zero))


def clip(x, x_min, x_max):
    x = convert_to_tensor(x)
    dtype = math_dtypes.int_to_int32(x.dtype)
    x = convert_to_tensor(x, dtype)
    low = convert_to_tensor(x_min, dtype).output
    high = convert_to_tensor(x_max, dtype).output
    return wrap(ovops.minimum(ovops.maximum(x.output, low), high))


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    if _is_integer(x.dtype):
        return x
    info = ml_dtypes.finfo(x.dtype)
    posinf = info.max if posinf is None else posinf
    neginf = info.min if neginf is None else neginf
    out = x.output
    out = ovops.select(ovops.is_nan(out), const(nan, x.dtype), out)
    out = ovops.select(
        ovops.is_inf(out, {"detect_negative": False}),
        const(posinf, x.dtype),
        out,
    )
    out = ovops.select(
        ovops.is_inf(out, {"detect_positive": False}),
        const(neginf, x.dtype),
        out,
    )
    return wrap(out)
