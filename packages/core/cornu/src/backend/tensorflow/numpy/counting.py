"""Counting ops on the TensorFlow backend: bincount, histogram,
digitize, unique."""

import numpy as np
import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy.promotion import dtype_name

__all__ = ["bincount", "histogram", "digitize", "unique"]


def bincount(x, weights=None, minlength=0, sparse=False):
    del sparse  # dense counts
    x = convert_to_tensor(x)
    if x.dtype not in (tf.int32, tf.int64):
        x = tf.cast(x, tf.int32)
    if weights is None:
        dtype = "int32"
    else:
        weights = convert_to_tensor(weights)
        dtype = reduction_dtypes.sum_dtype(dtype_name(weights))
        wide = tf.float64 if weights.dtype.is_floating else tf.int64
        weights = tf.cast(weights, wide)
    out = tf.math.bincount(
        x,
        weights=weights,
        minlength=minlength,
        dtype=tf.int32 if weights is None else weights.dtype,
        axis=None if x.shape.rank == 1 else -1,
    )
    return cast(out, dtype)


def histogram(x, bins=10, range=None):  # noqa: A002 - Keras's name
    x = convert_to_tensor(x)
    dtype = reduction_dtypes.float_dtype(dtype_name(x), config.floatx())
    values = tf.reshape(tf.cast(x, tf.float64), [-1])
    if range is None:
        low, high = tf.reduce_min(values), tf.reduce_max(values)
    else:
        low, high = (tf.constant(float(v), tf.float64) for v in range)
    # Equal bounds widen to +-0.5, as NumPy.
    same = tf.equal(low, high)
    low = tf.where(same, low - 0.5, low)
    high = tf.where(same, high + 0.5, high)
    edges = tf.linspace(low, high, bins + 1)
    inside = tf.boolean_mask(values, (values >= low) & (values <= high))
    # Bin of each value, by comparison with the edges (the last bin
    # includes its right edge).
    index = tf.searchsorted(edges, inside, side="right") - 1
    index = tf.clip_by_value(index, 0, bins - 1)
    counts = tf.math.bincount(
        tf.cast(index, tf.int32), minlength=bins, maxlength=bins
    )
    return tf.cast(counts, tf.int32), tf.cast(edges, dtype)


def digitize(x, bins):
    x = convert_to_tensor(x)
    bins = convert_to_tensor(bins)
    dtype = (
        tf.float64
        if (x.dtype.is_floating or bins.dtype.is_floating)
        else tf.int64
    )
    flat = tf.reshape(tf.cast(x, dtype), [-1])
    bins = tf.cast(bins, dtype)
    increasing = tf.reduce_all(bins[1:] >= bins[:-1])
    up = tf.searchsorted(bins, flat, side="right", out_type=tf.int32)
    down = tf.size(bins) - tf.searchsorted(
        tf.reverse(bins, [0]), flat, side="left", out_type=tf.int32
    )
    out = tf.where(increasing, up, down)
    return tf.reshape(out, tf.shape(x))


def _fit(values, axis, size, fill_value):
    """`values` truncated or padded (with `fill_value`) to `size` items
    along `axis`."""
    count = values.shape[axis]
    if count >= size:
        return tf.gather(values, tf.range(size), axis=axis)
    pad_shape = values.shape.as_list()
    pad_shape[axis] = size - count
    pad = tf.fill(pad_shape, tf.cast(fill_value or 0, values.dtype))
    return tf.concat([values, pad], axis=axis)


def _unique_flat(x):
    """Sorted unique values of a 1-D `x`, first indices, inverse, counts."""
    values, inverse, counts = tf.unique_with_counts(x, out_idx=tf.int32)
    first = tf.math.unsorted_segment_min(
        tf.range(tf.size(x)), inverse, tf.size(values)
    )
    order = (
        tf.argsort(values, stable=True)
        if values.dtype != tf.bool
        else (tf.argsort(tf.cast(values, tf.int8), stable=True))
    )
    rank = tf.argsort(order)
    return (
        tf.gather(values, order),
        tf.gather(first, order),
        tf.gather(rank, inverse),
        tf.gather(counts, order),
    )


def _unique_rows(x, axis):
    """The NumPy answer for `unique(..., axis=axis)` (eager only)."""
    values, index, inverse, counts = np.unique(
        x.numpy(),
        return_index=True,
        return_inverse=True,
        return_counts=True,
        axis=axis,
    )
    return (
        tf.constant(values),
        tf.constant(index, tf.int32),
        tf.constant(inverse.reshape(-1), tf.int32),
        tf.constant(counts, tf.int32),
    )


def unique(
    x,
    sorted=True,  # noqa: A002 - Keras's name
    return_index=False,
    return_inverse=False,
    return_counts=False,
    axis=None,
    size=None,
    fill_value=None,
):
    x = convert_to_tensor(x)
    if axis is None:
        values, index, inverse, counts = _unique_flat(tf.reshape(x, [-1]))
        inverse = tf.reshape(inverse, tf.shape(x))
    else:
        values, index, inverse, counts = _unique_rows(x, axis)
    value_axis = 0 if axis is None else axis
    if not sorted:
        # Order of first occurrence in `x`.
        order = tf.argsort(index, stable=True)
        values = tf.gather(values, order, axis=value_axis)
        index, counts = tf.gather(index, order), tf.gather(counts, order)
        inverse = tf.gather(tf.argsort(order), inverse)
    if size is not None:
        values = _fit(values, value_axis, size, fill_value)
        index = _fit(index, 0, size, 0)
        counts = _fit(counts, 0, size, 0)
    outputs = [values]
    for flag, extra in (
        (return_index, index),
        (return_inverse, inverse),
        (return_counts, counts),
    ):
        if flag:
            outputs.append(tf.cast(extra, tf.int32))
    return outputs[0] if len(outputs) == 1 else tuple(outputs)
