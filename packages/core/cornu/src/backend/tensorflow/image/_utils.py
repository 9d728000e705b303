"""Helpers shared by the TensorFlow backend's image families."""

import numpy as np
import tensorflow as tf

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common import image_utils
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import convert_to_tensor


def data_format(value):
    return conv_utils.data_format_or_default(value)


def dtype_name(x):
    return standardize_dtype(x.dtype.name)


def to_compute(x):
    """`x` as a tensor in the float dtype image ops compute in."""
    x = convert_to_tensor(x)
    return tf.cast(x, image_utils.compute_dtype(dtype_name(x)))


def cast_back(x, dtype):
    """Casts a float result to `dtype`, rounding (half away from zero)
    and saturating for integer dtypes."""
    if image_utils.is_int_like(dtype):
        low, high = image_utils.int_range(dtype)
        x = tf.clip_by_value(tf.sign(x) * tf.floor(tf.abs(x) + 0.5), low, high)
    return tf.cast(x, dtype)


def to_nhwc(images, fmt):
    """A 4-D channels-last view of 3-D/4-D images, and whether to drop
    the batch axis afterwards."""
    unbatched = len(images.shape) == 3
    if unbatched:
        images = images[None]
    if fmt == "channels_first":
        images = tf.transpose(images, (0, 2, 3, 1))
    return images, unbatched


def from_nhwc(images, fmt, unbatched):
    if fmt == "channels_first":
        images = tf.transpose(images, (0, 3, 1, 2))
    return images[0] if unbatched else images


def moveaxis(x, source, destination):
    """`numpy.moveaxis` for one axis."""
    rank = len(x.shape)
    source, destination = source % rank, destination % rank
    perm = [a for a in range(rank) if a != source]
    perm.insert(destination, source)
    return tf.transpose(x, perm)


def contract(x, axis, matrix):
    """Contracts `x` along `axis` with a `(x.shape[axis], m)` matrix (a
    NumPy array or tensor); the new axis takes `axis`'s place."""
    matrix = tf.cast(matrix, x.dtype)
    out = tf.tensordot(x, matrix, axes=[[axis % len(x.shape)], [0]])
    return moveaxis(out, -1, axis)


def banded(n_in, taps, pads):
    """The `(n_in, n_out)` matrix correlating with 1-D `taps` after zero
    padding `pads`."""
    n_out = n_in + pads[0] + pads[1] - len(taps) + 1
    band = np.zeros((n_in, n_out))
    for i in range(n_out):
        for t, w in enumerate(taps):
            j = i + t - pads[0]
            if 0 <= j < n_in:
                band[j, i] = w
    return band
