"""Reductions over axes on the TensorFlow backend."""

import tensorflow as tf

from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy.promotion import axes
from cornu.src.backend.tensorflow.numpy.promotion import dtype_name

__all__ = [
    "sum",
    "mean",
    "max",
    "min",
    "amax",
    "amin",
    "prod",
    "all",
    "any",
    "argmax",
    "argmin",
    "argpartition",
    "count_nonzero",
    "ptp",
]

_FLOATS = (tf.float16, tf.bfloat16, tf.float32, tf.float64)


def sum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if x.dtype not in _FLOATS:
        x = cast(x, reduction_dtypes.sum_dtype(dtype_name(x)))
    return tf.reduce_sum(x, axis=axes(axis), keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if x.dtype in (tf.float32, tf.float64, tf.complex64, tf.complex128):
        return tf.reduce_mean(x, axis=axes(axis), keepdims=keepdims)
    dtype = reduction_dtypes.mean_dtype(dtype_name(x))
    out = tf.reduce_mean(
        tf.cast(x, tf.float32), axis=axes(axis), keepdims=keepdims
    )
    return cast(out, dtype)


def _extreme(reduce, bool_reduce, pick):
    def op(x, axis=None, keepdims=False, initial=None):
        x = convert_to_tensor(x)
        if x.dtype == tf.bool:
            out = bool_reduce(x, axis=axes(axis), keepdims=keepdims)
        else:
            out = reduce(x, axis=axes(axis), keepdims=keepdims)
        if initial is not None:
            out = pick(out, cast(initial, out.dtype))
        return out

    return op


def _bool_pick(fn, bool_fn):
    def pick(a, b):
        return bool_fn(a, b) if a.dtype == tf.bool else fn(a, b)

    return pick


max = _extreme(
    tf.reduce_max, tf.reduce_any, _bool_pick(tf.maximum, tf.logical_or)
)
min = _extreme(
    tf.reduce_min, tf.reduce_all, _bool_pick(tf.minimum, tf.logical_and)
)


def amax(x, axis=None, keepdims=False):
    return max(x, axis=axis, keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    return min(x, axis=axis, keepdims=keepdims)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        dtype = reduction_dtypes.sum_dtype(dtype_name(x))
    return tf.reduce_prod(cast(x, dtype), axis=axes(axis), keepdims=keepdims)


def all(x, axis=None, keepdims=False):
    x = cast(x, "bool")
    return tf.reduce_all(x, axis=axes(axis), keepdims=keepdims)


def any(x, axis=None, keepdims=False):
    x = cast(x, "bool")
    return tf.reduce_any(x, axis=axes(axis), keepdims=keepdims)


def _arg(fn, x, axis, keepdims):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.int8)
    if axis is None:
        out = fn(tf.reshape(x, [-1]), axis=0, output_type=tf.int32)
        if keepdims:
            out = tf.reshape(out, [1] * x.shape.rank)
        return out
    out = fn(x, axis=axis, output_type=tf.int32)
    if keepdims:
        out = tf.expand_dims(out, axis)
    return out


def argmax(x, axis=None, keepdims=False):
    return _arg(tf.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg(tf.argmin, x, axis, keepdims)


def argpartition(x, kth, axis=-1):
    # A full stable sort is a valid partition around every kth.
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), -1
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.int8)
    return tf.argsort(x, axis=axis, stable=True)


def count_nonzero(x, axis=None):
    x = convert_to_tensor(x)
    return tf.math.count_nonzero(x, axis=axes(axis), dtype=tf.int32)


def ptp(x, axis=None, keepdims=False):
    high = max(x, axis=axis, keepdims=keepdims)
    low = min(x, axis=axis, keepdims=keepdims)
    if high.dtype == tf.bool:
        return tf.math.logical_xor(high, low)
    return high - low
