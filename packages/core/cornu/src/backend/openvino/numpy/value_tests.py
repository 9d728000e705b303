"""isfinite/isinf/isnan and friends, and isin, on the OpenVINO backend."""

import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import promoted

__all__ = [
    "isfinite",
    "isinf",
    "isnan",
    "isneginf",
    "isposinf",
    "isin",
    "isreal",
]


def _check(fn, value_for_ints, **attributes):
    def op(x):
        x = convert_to_tensor(x)
        if x.dtype == "bool" or "int" in x.dtype:
            zeros = ovops.broadcast(
                const(value_for_ints, "bool"), ovops.shape_of(x.output)
            )
            return wrap(zeros)
        if attributes:
            return wrap(fn(x.output, attributes))
        return wrap(fn(x.output))

    return op


isfinite = _check(ovops.is_finite, True)
isnan = _check(ovops.is_nan, False)
isinf = _check(ovops.is_inf, False)
isneginf = _check(ovops.is_inf, False, detect_positive=False)
isposinf = _check(ovops.is_inf, False, detect_negative=False)


def isin(x1, x2, assume_unique=False, invert=False):
    x1, x2 = promoted(x1, x2)
    # Each element of x1 against every element of x2 (flattened).
    candidates = ovops.reshape(x2.output, int_const([-1]), False)
    column = ovops.unsqueeze(x1.output, int_const([-1]))
    found = ovops.reduce_logical_or(
        ovops.equal(column, candidates), int_const([-1]), False
    )
    if invert:
        found = ovops.logical_not(found)
    return wrap(found)


def isreal(x):
    # This backend holds real tensors only (no complex dtypes).
    x = convert_to_tensor(x)
    return wrap(ovops.broadcast(const(True, "bool"), ovops.shape_of(x.output)))
