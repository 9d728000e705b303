"""Bitwise ops on the TensorFlow backend."""

import tensorflow as tf

from cornu.src.backend.common import dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor

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


def _operands(x, y):
    # A Python int stays weakly typed: `int8_tensor << 2` stays int8.
    x = convert_to_tensor(x)
    if isinstance(y, (bool, int)):
        return x, convert_to_tensor(y, x.dtype)
    y = convert_to_tensor(y)
    dtype = dtypes.result_type(x.dtype, y.dtype)
    return cast(x, dtype), cast(y, dtype)


def _bool_or(int_fn, bool_fn):
    def op(x, y):
        x, y = _operands(x, y)
        if x.dtype == tf.bool:
            return bool_fn(x, y)
        return int_fn(x, y)

    return op


bitwise_and = _bool_or(tf.bitwise.bitwise_and, tf.logical_and)
bitwise_or = _bool_or(tf.bitwise.bitwise_or, tf.logical_or)
bitwise_xor = _bool_or(tf.bitwise.bitwise_xor, tf.math.logical_xor)


def bitwise_not(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool:
        return tf.logical_not(x)
    return tf.bitwise.invert(x)


def bitwise_invert(x):
    return bitwise_not(x)


def bitwise_left_shift(x, y):
    return tf.bitwise.left_shift(*_operands(x, y))


def bitwise_right_shift(x, y):
    return tf.bitwise.right_shift(*_operands(x, y))


def left_shift(x, y):
    return bitwise_left_shift(x, y)


def right_shift(x, y):
    return bitwise_right_shift(x, y)
