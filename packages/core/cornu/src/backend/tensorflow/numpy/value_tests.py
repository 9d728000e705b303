"""Finite/NaN/infinity tests and membership on the TensorFlow backend."""

import tensorflow as tf

from cornu.src.backend.common.dtypes import dtype_of
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.tensorflow.core import convert_to_tensor

__all__ = [
    "isfinite",
    "isinf",
    "isnan",
    "isneginf",
    "isposinf",
    "isreal",
    "isin",
]


def _float_test(test, default, combine):
    def op(x):
        x = convert_to_tensor(x)
        if x.dtype.is_complex:
            return combine(test(tf.math.real(x)), test(tf.math.imag(x)))
        if not x.dtype.is_floating:
            return tf.fill(tf.shape(x), default)
        return test(x)

    return op


isfinite = _float_test(tf.math.is_finite, True, tf.logical_and)
isinf = _float_test(tf.math.is_inf, False, tf.logical_or)
isnan = _float_test(tf.math.is_nan, False, tf.logical_or)


def isneginf(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        return tf.zeros(tf.shape(x), tf.bool)
    return tf.math.is_inf(x) & (x < 0)


def isposinf(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        return tf.zeros(tf.shape(x), tf.bool)
    return tf.math.is_inf(x) & (x > 0)


def isreal(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_complex:
        return tf.ones(tf.shape(x), tf.bool)
    return tf.equal(tf.math.imag(x), 0)


def isin(x1, x2, assume_unique=False, invert=False):
    dtype = result_type(dtype_of(x1), dtype_of(x2))
    x1 = convert_to_tensor(x1, dtype)
    x2 = tf.reshape(convert_to_tensor(x2, dtype), [-1])
    found = tf.reduce_any(tf.equal(x1[..., None], x2), axis=-1)
    return tf.logical_not(found) if invert else found
