"""Element-wise binary functions on the TensorFlow backend (arctan2,
logaddexp, hypot, gcd, maximum, ...)."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.numpy.promotion import cast_all
from cornu.src.backend.tensorflow.numpy.promotion import promoted
from cornu.src.backend.tensorflow.numpy.promotion import promoted_float

__all__ = [
    "arctan2",
    "logaddexp",
    "logaddexp2",
    "hypot",
    "heaviside",
    "ldexp",
    "nextafter",
    "gcd",
    "lcm",
    "maximum",
    "minimum",
    "fmax",
    "fmin",
]


def arctan2(x1, x2):
    return tf.atan2(*promoted_float(x1, x2))


def logaddexp(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    high = tf.maximum(x1, x2)
    out = high + tf.math.log1p(tf.exp(-tf.abs(x1 - x2)))
    # Equal infinities: `inf - inf` is NaN, the answer is the infinity.
    return tf.where(tf.math.is_inf(high) & (x1 == x2), high, out)


def logaddexp2(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    ln2 = tf.constant(0.6931471805599453, x1.dtype)
    return logaddexp(x1 * ln2, x2 * ln2) / ln2


def _in_float32(fn):
    """`fn` computed in float32 for float16/bfloat16 inputs."""

    def op(*xs):
        dtype = xs[0].dtype
        if dtype in (tf.float16, tf.bfloat16):
            xs = [tf.cast(x, tf.float32) for x in xs]
            return tf.cast(fn(*xs), dtype)
        return fn(*xs)

    return op


@_in_float32
def _hypot(x1, x2):
    x1, x2 = tf.abs(x1), tf.abs(x2)
    high, low = tf.maximum(x1, x2), tf.minimum(x1, x2)
    safe = tf.where(high == 0, tf.ones_like(high), high)
    out = high * tf.sqrt(1 + tf.square(low / safe))
    return tf.where(tf.math.is_inf(high), high, out)


def hypot(x1, x2):
    return _hypot(*promoted_float(x1, x2))


def heaviside(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    zero, one = tf.zeros((), x1.dtype), tf.ones((), x1.dtype)
    return tf.where(x1 < 0, zero, tf.where(x1 > 0, one, x2))


def ldexp(x1, x2):
    dtype = math_dtypes.promote_float(x1, x2)
    (x1,) = cast_all(dtype, x1)
    return x1 * tf.pow(tf.constant(2.0, x1.dtype), cast(x2, x1.dtype))


_BITS = {
    tf.float16: tf.int16,
    tf.bfloat16: tf.int16,
    tf.float32: tf.int32,
    tf.float64: tf.int64,
}


def nextafter(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    if x1.dtype in (tf.float32, tf.float64):
        return tf.math.nextafter(x1, x2)
    # Half precision: step the bit pattern by one unit.
    x1, x2 = (
        tf.broadcast_to(x1, tf.shape(x1 + x2)),
        tf.broadcast_to(x2, tf.shape(x1 + x2)),
    )
    bits = tf.bitcast(x1, _BITS[x1.dtype])
    away = (x2 > x1) == (x1 > 0)
    stepped = tf.bitcast(tf.where(away, bits + 1, bits - 1), x1.dtype)
    smallest = tf.bitcast(tf.ones_like(bits), x1.dtype)
    from_zero = tf.where(x2 > 0, smallest, -smallest)
    out = tf.where(x1 == 0, from_zero, stepped)
    out = tf.where(x1 == x2, x2, out)
    nan = tf.math.is_nan(x1) | tf.math.is_nan(x2)
    return tf.where(nan, tf.constant(float("nan"), x1.dtype), out)


def gcd(x1, x2):
    x1, x2 = promoted(x1, x2)
    return tnp.gcd(x1, x2)


def lcm(x1, x2):
    x1, x2 = promoted(x1, x2)
    return tnp.lcm(x1, x2)


def maximum(x1, x2):
    x1, x2 = promoted(x1, x2)
    if x1.dtype == tf.bool:
        return tf.logical_or(x1, x2)
    return tnp.maximum(x1, x2)


def minimum(x1, x2):
    x1, x2 = promoted(x1, x2)
    if x1.dtype == tf.bool:
        return tf.logical_and(x1, x2)
    return tnp.minimum(x1, x2)


def fmax(x1, x2):
    x1, x2 = promoted(x1, x2)
    if not x1.dtype.is_floating:
        return maximum(x1, x2)
    out = tf.maximum(x1, x2)
    out = tf.where(tf.math.is_nan(x1), x2, out)
    return tf.where(tf.math.is_nan(x2), x1, out)


def fmin(x1, x2):
    x1, x2 = promoted(x1, x2)
    if not x1.dtype.is_floating:
        return minimum(x1, x2)
    out = tf.minimum(x1, x2)
    out = tf.where(tf.math.is_nan(x1), x2, out)
    return tf.where(tf.math.is_nan(x2), x1, out)
