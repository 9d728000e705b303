"""Cumulative sums and products, differences and the trapezoid rule on
the TensorFlow backend."""

import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy.promotion import dtype_name

__all__ = ["cumsum", "cumprod", "diff", "trapezoid"]


def _cumulative(fn, x, axis, dtype):
    x = convert_to_tensor(x)
    if dtype is None:
        dtype = reduction_dtypes.cumulative_dtype(dtype_name(x))
    x = cast(x, dtype)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    if x.dtype == tf.bool:
        return tf.cast(fn(tf.cast(x, tf.int32), axis=axis), tf.bool)
    return fn(x, axis=axis)


def cumsum(x, axis=None, dtype=None):
    return _cumulative(tf.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _cumulative(tf.math.cumprod, x, axis, dtype)


def diff(a, n=1, axis=-1):
    a = convert_to_tensor(a)
    axis = axis % a.shape.rank
    head = (slice(None),) * axis
    for _ in range(n):
        later, earlier = (
            a[head + (slice(1, None),)],
            a[head + (slice(None, -1),)],
        )
        if a.dtype == tf.bool:
            a = tf.math.not_equal(later, earlier)
        else:
            a = later - earlier
    return a


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = convert_to_tensor(y)
    floatx = config.floatx()
    dtype = reduction_dtypes.float_dtype(dtype_name(y), floatx)
    if x is not None:
        x = convert_to_tensor(x)
        x_dtype = reduction_dtypes.float_dtype(dtype_name(x), floatx)
        dtype = reduction_dtypes.promote_float(dtype, x_dtype)
    y = cast(y, dtype)
    axis = axis % y.shape.rank
    head = (slice(None),) * axis
    avg = (y[head + (slice(1, None),)] + y[head + (slice(None, -1),)]) / 2
    if x is None:
        return tf.reduce_sum(avg, axis=axis) * tf.cast(dx, y.dtype)
    x = cast(x, dtype)
    if x.shape.rank == 1:
        d = x[1:] - x[:-1]
        shape = [1] * y.shape.rank
        shape[axis] = -1
        d = tf.reshape(d, shape)
    else:
        d = x[head + (slice(1, None),)] - x[head + (slice(None, -1),)]
    return tf.reduce_sum(avg * d, axis=axis)
