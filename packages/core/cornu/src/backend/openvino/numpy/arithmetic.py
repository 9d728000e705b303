"""Element-wise arithmetic and matmul on the OpenVINO backend."""

import openvino.opset15 as ovops

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import binary
from cornu.src.backend.openvino.numpy.promotion import cast_all
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import promoted
from cornu.src.backend.openvino.numpy.promotion import promoted_float

__all__ = [
    "add",
    "subtract",
    "multiply",
    "matmul",
    "divide",
    "true_divide",
    "divide_no_nan",
    "floor_divide",
    "mod",
    "fmod",
    "power",
    "negative",
    "absolute",
    "abs",
    "fabs",
    "reciprocal",
    "square",
    "sqrt",
    "cbrt",
]


def add(x1, x2):
    x1, x2 = promoted(x1, x2)
    if x1.dtype == "bool":
        return binary(ovops.logical_or, x1, x2)
    return binary(ovops.add, x1, x2)


def subtract(x1, x2):
    x1, x2 = promoted(x1, x2)
    if x1.dtype == "bool":
        raise TypeError(
            "subtract() of two bool tensors is not defined (as in NumPy). "
            "Use logical_xor, or cast the inputs to an integer dtype."
        )
    return binary(ovops.subtract, x1, x2)


def multiply(x1, x2):
    x1, x2 = promoted(x1, x2)
    if x1.dtype == "bool":
        return binary(ovops.logical_and, x1, x2)
    return binary(ovops.multiply, x1, x2)


def matmul(x1, x2):
    dtype = math_dtypes.promote(x1, x2)
    if dtype in ("int8", "bool"):
        dtype = "int32"  # as Keras: int8 products accumulate in int32
    x1, x2 = cast_all(dtype, x1, x2)
    return wrap(ovops.matmul(x1.output, x2.output, False, False))


def divide(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    return binary(ovops.divide, x1, x2)


def true_divide(x1, x2):
    return divide(x1, x2)


def divide_no_nan(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    zero = ovops.equal(x2.output, const(0, x2.dtype))
    safe = ovops.select(zero, const(1, x2.dtype), x2.output)
    quotient = ovops.divide(x1.output, safe)
    return wrap(ovops.select(zero, const(0, x1.dtype), quotient))


def _int32_promoted(x1, x2):
    dtype = math_dtypes.int_to_int32(math_dtypes.promote(x1, x2))
    return cast_all(dtype, x1, x2)


def floor_divide(x1, x2):
    x1, x2 = _int32_promoted(x1, x2)
    if x1.dtype.startswith("float") or x1.dtype == "bfloat16":
        return wrap(ovops.floor(ovops.divide(x1.output, x2.output)))
    # OpenVINO's CPU plugin truncates integer division toward zero even
    # with Python division set: step a truncated quotient down where the
    # remainder's sign differs from the divisor's (a floored one is kept).
    a, b = x1.output, x2.output
    quotient = ovops.divide(a, b)
    rest = ovops.subtract(a, ovops.multiply(quotient, b))
    zero = const(0, x1.dtype)
    wrong = ovops.logical_and(
        ovops.not_equal(rest, zero),
        ovops.not_equal(ovops.less(rest, zero), ovops.less(b, zero)),
    )
    step = ovops.convert(wrong, quotient.get_output_element_type(0))
    return wrap(ovops.subtract(quotient, step))


def mod(x1, x2):
    x1, x2 = _int32_promoted(x1, x2)
    if x1.dtype in ("int64", "uint64"):
        # OpenVINO's int64 FloorMod kernel computes in double and loses
        # precision above 2**53: a - (a // b) * b is exact.
        quotient = floor_divide(x1, x2).output
        product = ovops.multiply(quotient, x2.output)
        return wrap(ovops.subtract(x1.output, product))
    return binary(ovops.floor_mod, x1, x2)


def fmod(x1, x2):
    x1, x2 = _int32_promoted(x1, x2)
    return binary(ovops.mod, x1, x2)


def power(x1, x2):
    x1, x2 = promoted(x1, x2)
    return binary(ovops.power, x1, x2)


def negative(x):
    x = convert_to_tensor(x)
    return wrap(ovops.negative(x.output))


def absolute(x):
    x = convert_to_tensor(x)
    if x.dtype == "bool" or x.dtype.startswith("uint"):
        return x
    return wrap(ovops.absolute(x.output))


def abs(x):  # noqa: A001 - Keras's name
    return absolute(x)


def fabs(x):
    return wrap(ovops.absolute(as_float(x).output))


def reciprocal(x):
    x = as_float(x)
    return wrap(ovops.divide(const(1, x.dtype), x.output))


def square(x):
    x = convert_to_tensor(x)
    x = convert_to_tensor(x, math_dtypes.int_to_int32(x.dtype))
    return wrap(ovops.multiply(x.output, x.output))


def sqrt(x):
    return wrap(ovops.sqrt(as_float(x).output))


def cbrt(x):
    x = as_float(x)
    magnitude = ovops.power(ovops.absolute(x.output), const(1.0 / 3.0, x.dtype))
    return wrap(ovops.multiply(ovops.sign(x.output), magnitude))
