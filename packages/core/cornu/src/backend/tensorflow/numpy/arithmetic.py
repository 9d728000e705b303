"""Element-wise arithmetic and matmul on the TensorFlow backend.

The element-wise ops come from `common/array_api/arithmetic.py` bound to
`tf.experimental.numpy`; the others are written with `tf`.
"""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.common.array_api import arithmetic
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy.promotion import as_float
from cornu.src.backend.tensorflow.numpy.promotion import cast_all
from cornu.src.backend.tensorflow.numpy.promotion import promoted
from cornu.src.backend.tensorflow.numpy.promotion import promoted_float

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

_ops = arithmetic.make(
    tnp,
    convert_to_tensor=convert_to_tensor,
    as_float=as_float,
    cast_all=cast_all,
    promoted=promoted,
    promoted_float=promoted_float,
)
add = _ops.add
subtract = _ops.subtract
multiply = _ops.multiply
power = _ops.power
negative = _ops.negative
absolute = _ops.absolute
abs = _ops.abs
fabs = _ops.fabs
square = _ops.square


def matmul(x1, x2):
    dtype = math_dtypes.promote(x1, x2)
    if dtype == "int8":
        dtype = "int32"  # as Keras: int8 products accumulate in int32
    x1, x2 = cast_all(dtype, x1, x2)
    if x1.dtype in (tf.bool, tf.int8, tf.uint8, tf.int16, tf.uint16):
        out = tnp.matmul(tf.cast(x1, tf.int32), tf.cast(x2, tf.int32))
        return tf.cast(out, x1.dtype)
    return tnp.matmul(x1, x2)


def divide_no_nan(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    return tf.math.divide_no_nan(x1, x2)


def divide(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    return tf.divide(x1, x2)


def true_divide(x1, x2):
    return divide(x1, x2)


def _int_promoted(x1, x2):
    dtype = math_dtypes.int_to_int32(math_dtypes.promote(x1, x2))
    return cast_all(dtype, x1, x2)


def floor_divide(x1, x2):
    return tnp.floor_divide(*_int_promoted(x1, x2))


def mod(x1, x2):
    return tnp.mod(*_int_promoted(x1, x2))


def fmod(x1, x2):
    return tf.truncatemod(*_int_promoted(x1, x2))


def reciprocal(x):
    return tf.math.reciprocal(as_float(x))


def sqrt(x):
    return tf.sqrt(as_float(x))


def cbrt(x):
    x = as_float(x)
    compute = tf.float32 if x.dtype in (tf.float16, tf.bfloat16) else x.dtype
    y = tf.cast(x, compute)
    third = tf.constant(1.0 / 3.0, compute)
    out = tf.sign(y) * tf.pow(tf.abs(y), third)
    return tf.cast(out, x.dtype)
