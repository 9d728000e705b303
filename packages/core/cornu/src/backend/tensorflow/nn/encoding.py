"""Encoding ops (`one_hot`, `multi_hot`) on the TensorFlow backend."""

import tensorflow as tf

from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import convert_to_tensor

__all__ = ["one_hot", "multi_hot"]


def _one_hot(x, num_classes, axis, dtype):
    x = convert_to_tensor(x)
    if x.dtype not in (tf.int32, tf.int64, tf.uint8):
        x = tf.cast(x, tf.int64)
    # TensorFlow takes axis -1 or a non-negative one.
    rank = len(x.shape) + 1
    axis = -1 if axis % rank == rank - 1 else axis % rank
    # Out-of-range and negative labels give all-zero rows (as in Keras).
    return tf.one_hot(x, num_classes, axis=axis, dtype=dtype)


def one_hot(x, num_classes, axis=-1, dtype="float32", sparse=False):
    dtype = standardize_dtype(dtype)
    out = tf.cast(_one_hot(x, num_classes, axis, tf.float32), dtype)
    return tf.sparse.from_dense(out) if sparse else out


def multi_hot(x, num_classes, axis=-1, dtype="float32", sparse=False):
    dtype = standardize_dtype(dtype)
    x = convert_to_tensor(x)
    reduction_axis = 1 if len(x.shape) > 1 else 0
    hot = _one_hot(x, num_classes, axis, tf.float32)
    out = tf.cast(tf.reduce_max(hot, axis=reduction_axis), dtype)
    return tf.sparse.from_dense(out) if sparse else out
