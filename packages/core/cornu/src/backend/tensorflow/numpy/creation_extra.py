"""Less common creation ops on the TensorFlow backend: geomspace,
vander, empty_like."""

import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.core import to_tf_dtype
from cornu.src.backend.tensorflow.numpy.creation import linspace

__all__ = ["geomspace", "vander", "empty_like"]


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    dtype = standardize_dtype(dtype or config.floatx())
    start, stop = cast(start, "float64"), cast(stop, "float64")
    # Signed logs: geomspace(-1, -1000) is negative throughout.
    sign = tf.sign(start)
    logs = linspace(
        tf.math.log(tf.abs(start)),
        tf.math.log(tf.abs(stop)),
        num,
        endpoint=endpoint,
        axis=axis,
        dtype="float64",
    )
    out = tf.expand_dims(sign, axis % logs.shape.rank) * tf.exp(logs)
    # Exact end points, as NumPy.
    return cast(out, dtype)


def vander(x, N=None, increasing=False):  # noqa: N803 - Keras's name
    x = convert_to_tensor(x)
    n = int(x.shape[0]) if N is None else int(N)
    powers = tf.range(n)
    if not increasing:
        powers = tf.reverse(powers, [0])
    wide = tf.float64 if x.dtype.is_floating else tf.int64
    base = tf.cast(x, wide)[:, None]
    out = tf.pow(base, tf.cast(powers, wide)[None, :])
    return tf.cast(out, x.dtype)


def empty_like(x, dtype=None):
    x = convert_to_tensor(x)
    dtype = x.dtype if dtype is None else to_tf_dtype(dtype)
    return tf.zeros_like(x, dtype=dtype)
