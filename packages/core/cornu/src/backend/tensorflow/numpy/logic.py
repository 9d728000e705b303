"""Comparisons and logical ops on the TensorFlow backend.

Operands are promoted with Keras's rules first (Python scalars are
weakly typed: `int8_tensor < 3` compares in int8).
"""

import tensorflow as tf

from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.numpy.promotion import promoted

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
        if x1.dtype == tf.bool and fn not in (tf.equal, tf.not_equal):
            x1, x2 = tf.cast(x1, tf.int8), tf.cast(x2, tf.int8)
        return fn(x1, x2)

    return op


equal = _compare(tf.equal)
not_equal = _compare(tf.not_equal)
less = _compare(tf.less)
less_equal = _compare(tf.less_equal)
greater = _compare(tf.greater)
greater_equal = _compare(tf.greater_equal)


def _bools(*xs):
    return tuple(cast(x, "bool") for x in xs)


def logical_and(x1, x2):
    return tf.logical_and(*_bools(x1, x2))


def logical_or(x1, x2):
    return tf.logical_or(*_bools(x1, x2))


def logical_not(x):
    return tf.logical_not(*_bools(x))


def logical_xor(x1, x2):
    return tf.math.logical_xor(*_bools(x1, x2))


def isclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    x1, x2 = promoted(x1, x2)
    if not (x1.dtype.is_floating or x1.dtype.is_complex):
        return tf.equal(x1, x2)
    diff = tf.abs(x1 - x2)
    limit = tf.cast(atol, diff.dtype) + tf.cast(rtol, diff.dtype) * tf.abs(x2)
    close = tf.logical_or(tf.equal(x1, x2), diff <= limit)
    if x1.dtype.is_floating:
        both_inf = tf.math.is_inf(x1) & tf.math.is_inf(x2)
        close = tf.where(both_inf, tf.equal(x1, x2), close)
        if equal_nan:
            close = close | (tf.math.is_nan(x1) & tf.math.is_nan(x2))
    return close


def allclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    return tf.reduce_all(isclose(x1, x2, rtol, atol, equal_nan))
