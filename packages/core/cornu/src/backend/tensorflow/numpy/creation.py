"""Array creation on the TensorFlow backend."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.core import to_tf_dtype

__all__ = [
    "ones",
    "zeros",
    "empty",
    "full",
    "full_like",
    "ones_like",
    "zeros_like",
    "array",
    "arange",
    "linspace",
    "logspace",
    "meshgrid",
]


def _dtype(dtype):
    return to_tf_dtype(standardize_dtype(dtype or config.floatx()))


def _shape(shape):
    if isinstance(shape, int):
        return [shape]
    return shape


def ones(shape, dtype=None):
    return tf.ones(_shape(shape), dtype=_dtype(dtype))


def zeros(shape, dtype=None):
    return tf.zeros(_shape(shape), dtype=_dtype(dtype))


def empty(shape, dtype=None):
    return zeros(shape, dtype)


def full(shape, fill_value, dtype=None):
    fill_value = convert_to_tensor(fill_value, _dtype(dtype))
    return tf.broadcast_to(fill_value, _shape(shape))


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    dtype = x.dtype if dtype is None else to_tf_dtype(dtype)
    return tf.broadcast_to(convert_to_tensor(fill_value, dtype), tf.shape(x))


def ones_like(x, dtype=None):
    x = convert_to_tensor(x)
    return tf.ones_like(x, dtype=None if dtype is None else to_tf_dtype(dtype))


def zeros_like(x, dtype=None):
    x = convert_to_tensor(x)
    return tf.zeros_like(x, dtype=None if dtype is None else to_tf_dtype(dtype))


def array(x, dtype=None):
    return convert_to_tensor(x, dtype=dtype)


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    dtype = _dtype(dtype)
    # Computed in float64/int64 then cast, so that e.g. a float32 step
    # gives NumPy's element count.
    wide = tf.float64 if dtype.is_floating or dtype == tf.bool else tf.int64
    if dtype.is_complex:
        wide = tf.float64
    out = tf.range(
        tf.cast(start, wide), tf.cast(stop, wide), tf.cast(step, wide)
    )
    return tf.cast(out, dtype)


def linspace(
    start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0
):
    start = cast(start, "float64")
    stop = cast(stop, "float64")
    out = tnp.linspace(
        start, stop, num, endpoint=endpoint, retstep=retstep, axis=axis
    )
    dtype = _dtype(dtype)
    if retstep:
        samples, step = out
        return _cast_round(samples, dtype), tf.cast(step, dtype)
    return _cast_round(out, dtype)


def _cast_round(x, dtype):
    if dtype.is_integer:
        x = tf.floor(x)
    return tf.cast(x, dtype)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    exponents = linspace(
        start, stop, num, endpoint=endpoint, axis=axis, dtype="float64"
    )
    out = tf.pow(tf.cast(base, tf.float64), exponents)
    return _cast_round(out, _dtype(dtype))


def meshgrid(*x, indexing="xy"):
    xs = [tf.reshape(convert_to_tensor(v), [-1]) for v in x]
    sizes = [v.shape[0] for v in xs]
    if indexing == "xy" and len(xs) > 1:
        sizes[0], sizes[1] = sizes[1], sizes[0]
    out = []
    for i, v in enumerate(xs):
        axis = i
        if indexing == "xy" and len(xs) > 1 and i < 2:
            axis = 1 - i
        shape = [1] * len(xs)
        shape[axis] = -1
        out.append(tf.broadcast_to(tf.reshape(v, shape), sizes))
    return out
