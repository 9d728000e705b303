"""Bitwise ops on the OpenVINO backend (integer and bool tensors)."""

import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import promoted

__all__ = [
    "bitwise_and",
    "bitwise_or",
    "bitwise_xor",
    "bitwise_not",
    "bitwise_invert",
    "bitwise_left_shift",
    "bitwise_right_shift",
    "left_shift",
    "right_shift",
]


def _binary(fn):
    def op(x, y):
        x, y = promoted(x, y)
        return wrap(fn(x.output, y.output))

    return op


bitwise_and = _binary(ovops.bitwise_and)
bitwise_or = _binary(ovops.bitwise_or)
bitwise_xor = _binary(ovops.bitwise_xor)
bitwise_left_shift = _binary(ovops.bitwise_left_shift)
bitwise_right_shift = _binary(ovops.bitwise_right_shift)
left_shift = bitwise_left_shift
right_shift = bitwise_right_shift


def bitwise_not(x):
    return wrap(ovops.bitwise_not(convert_to_tensor(x).output))


def bitwise_invert(x):
    return bitwise_not(x)
