"""Stacking, flipping and bit views on the TensorFlow backend: dstack,
fliplr, flipud, view."""

import tensorflow as tf

from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.core import to_tf_dtype

__all__ = ["dstack", "fliplr", "flipud", "view"]


def _at_least_3d(x):
    if x.shape.rank == 0:
        return tf.reshape(x, [1, 1, 1])
    if x.shape.rank == 1:
        return x[None, :, None]
    if x.shape.rank == 2:
        return x[:, :, None]
    return x


def dstack(xs):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = result_type(*(standardize_dtype(x.dtype) for x in xs))
    return tf.concat([_at_least_3d(cast(x, dtype)) for x in xs], axis=2)


def fliplr(x):
    return tf.reverse(convert_to_tensor(x), [1])


def flipud(x):
    return tf.reverse(convert_to_tensor(x), [0])


def view(x, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        return x
    dtype = to_tf_dtype(dtype)
    if dtype == x.dtype:
        return x
    if x.dtype == tf.bool:
        x = tf.cast(x, tf.uint8)  # same byte: 0 or 1
    if dtype == tf.bool:
        return tf.not_equal(view(x, tf.uint8), 0)
    old, new = x.dtype.size, dtype.size
    shape = x.shape.as_list()
    if old == new:
        return tf.bitcast(x, dtype)
    if old > new:
        out = tf.bitcast(x, dtype)  # adds a trailing axis of old // new
        return tf.reshape(out, shape[:-1] + [shape[-1] * (old // new)])
    grouped = tf.reshape(
        x, shape[:-1] + [shape[-1] // (new // old), new // old]
    )
    return tf.bitcast(grouped, dtype)
