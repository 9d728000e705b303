"""Sorting and binary search on the TensorFlow backend."""

import tensorflow as tf

from cornu.src.backend.tensorflow.core import convert_to_tensor

__all__ = ["sort", "argsort", "searchsorted"]

# Dtypes `tf.sort` has no kernel for: sorted through a wider type.
_SORT_AS = {tf.bool: tf.int8, tf.uint32: tf.int64, tf.uint64: tf.int64}


def _sortable(x):
    return tf.cast(x, _SORT_AS[x.dtype]) if x.dtype in _SORT_AS else x


def sort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), -1
    return tf.cast(tf.sort(_sortable(x), axis=axis), x.dtype)


def argsort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), -1
    if x.shape.rank == 0:
        return tf.zeros((), tf.int32)
    return tf.argsort(_sortable(x), axis=axis, stable=True)


def searchsorted(sorted_sequence, values, side="left"):
    sorted_sequence = convert_to_tensor(sorted_sequence)
    values = tf.cast(convert_to_tensor(values), sorted_sequence.dtype)
    flat = tf.reshape(values, [1, -1])
    out = tf.searchsorted(
        sorted_sequence[None, :], flat, side=side, out_type=tf.int32
    )
    return tf.reshape(out, tf.shape(values))
