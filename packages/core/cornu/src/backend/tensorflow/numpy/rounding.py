"""Rounding, signs, clipping and NaN replacement on the TensorFlow
backend."""

import tensorflow as tf

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy.promotion import float_op

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

floor = float_op(tf.floor, "floor")
ceil = float_op(tf.math.ceil, "ceil")


def round(x, decimals=0):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool:
        return x
    if x.dtype.is_integer:
        if decimals >= 0:
            return x
        scale = 10.0**-decimals
        out = tf.round(tf.cast(x, tf.float64) / scale) * scale
        return tf.cast(out, x.dtype)
    if decimals == 0:
        return tf.round(x)  # half to even, as NumPy
    scale = tf.constant(10.0**decimals, x.dtype)
    return tf.round(x * scale) / scale


def trunc(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool or x.dtype.is_integer:
        return x
    return tf.where(x < 0, tf.math.ceil(x), tf.floor(x))


def sign(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool:
        return x
    if x.dtype.is_unsigned:
        return tf.cast(x > 0, x.dtype)
    if x.dtype in (tf.int8, tf.int16):
        return tf.cast(tf.sign(tf.cast(x, tf.int32)), x.dtype)
    return tf.sign(x)


_SAME_SIZE_INT = {
    tf.float16: tf.int16,
    tf.bfloat16: tf.int16,
    tf.float32: tf.int32,
    tf.float64: tf.int64,
}


def signbit(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool or x.dtype.is_unsigned:
        return tf.zeros(tf.shape(x), tf.bool)
    if x.dtype.is_integer:
        return x < 0
    return tf.bitcast(x, _SAME_SIZE_INT[x.dtype]) < 0


def clip(x, x_min, x_max):
    x = convert_to_tensor(x)
    dtype = math_dtypes.int_to_int32(x.dtype)
    x = cast(x, dtype)
    wide = math_dtypes.promote(x, *(b for b in (x_min, x_max) if b is not None))
    out = cast(x, wide)
    if x_min is not None:
        out = tf.maximum(out, cast(x_min, wide))
    if x_max is not None:
        out = tf.minimum(out, cast(x_max, wide))
    return cast(out, dtype)


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        return x
    high = x.dtype.max if posinf is None else posinf
    low = x.dtype.min if neginf is None else neginf
    x = tf.where(tf.math.is_nan(x), tf.cast(nan, x.dtype), x)
    x = tf.where(tf.math.is_inf(x) & (x > 0), tf.cast(high, x.dtype), x)
    return tf.where(tf.math.is_inf(x) & (x < 0), tf.cast(low, x.dtype), x)
