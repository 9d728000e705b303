"""Comparisons and logical ops on the OpenVINO backend."""

import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import promoted

__all__ = [
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "logical_and",
    "logical_or",
    "logical_not",
    "logical_xor",
    "isclose",
    "allclose",
]


def _compare(fn):
    def op(x1, x2):
        x1, x2 = promoted(x1, x2)
        return wrap(fn(x1.output, x2.output))

    return op


equal = _compare(ovops.equal)
not_equal = _compare(ovops.not_equal)
less = _compare(ovops.less)
less_equal = _compare(ovops.less_equal)
greater = _compare(ovops.greater)
greater_equal = _compare(ovops.greater_equal)


def _bool(x):
    return cast(convert_to_tensor(x), "bool").output


def logical_and(x1, x2):
    return wrap(ovops.logical_and(_bool(x1), _bool(x2)))


def logical_or(x1, x2):
    return wrap(ovops.logical_or(_bool(x1), _bool(x2)))


def logical_xor(x1, x2):
    return wrap(ovops.logical_xor(_bool(x1), _bool(x2)))


def logical_not(x):
    return wrap(ovops.logical_not(_bool(x)))


def isclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    x1, x2 = promoted(x1, x2)
    if x1.dtype == "bool" or "int" in x1.dtype:
        return wrap(ovops.equal(x1.output, x2.output))
    a, b = x1.output, x2.output
    diff = ovops.absolute(ovops.subtract(a, b))
    bound = ovops.add(
        const(atol, x1.dtype),
        ovops.multiply(const(rtol, x1.dtype), ovops.absolute(b)),
    )
    close = ovops.logical_or(ovops.less_equal(diff, bound), ovops.equal(a, b))
    if equal_nan:
        both_nan = ovops.logical_and(ovops.is_nan(a), ovops.is_nan(b))
        close = ovops.logical_or(close, both_nan)
    return wrap(close)


def allclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    close = isclose(x1, x2, rtol, atol, equal_nan)
    axes = const(list(range(close.ndim)), "int64")
    return wrap(ovops.reduce_logical_and(close.output, axes, False))
