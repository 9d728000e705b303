"""Activation ops (`cornu.ops.nn`) on the TensorFlow backend.

Integer and bool inputs are computed in `floatx()` (as `ops.mean` does),
except `relu` and `relu6`, which keep the input dtype.

The dtype helpers at the end (`to_float`, `scalar`, ...) serve the other
TensorFlow op families too: TensorFlow never promotes implicitly, so every
operand is cast to the computation's dtype before an op.
"""

import math
import numbers

import numpy as np
import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import is_float_dtype
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import convert_to_tensor

__all__ = [
    "relu",
    "relu6",
    "sigmoid",
    "sparse_sigmoid",
    "softplus",
    "softsign",
    "soft_shrink",
    "sparse_plus",
    "silu",
    "squareplus",
    "log_sigmoid",
    "leaky_relu",
    "hard_sigmoid",
    "hard_silu",
    "elu",
    "selu",
    "gelu",
    "celu",
    "glu",
    "tanh_shrink",
    "hard_tanh",
    "hard_shrink",
    "threshold",
    "softmax",
    "log_softmax",
    "sparsemax",
]


def relu(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool:
        return x
    return tf.nn.relu(x)


def relu6(x):
    x = convert_to_tensor(x)
    if x.dtype == tf.bool:
        return x
    return tf.clip_by_value(x, const(0, x), const(6, x))


def sigmoid(x):
    return tf.sigmoid(to_float(x))


def sparse_sigmoid(x):
    x = to_float(x)
    mid = (x + const(1, x)) * const(0.5, x)
    return tf.where(
        x <= const(-1, x),
        tf.zeros_like(x),
        tf.where(x >= const(1, x), tf.ones_like(x), mid),
    )


def softplus(x):
    return tf.nn.softplus(to_float(x))


def softsign(x):
    return tf.nn.softsign(to_float(x))


def soft_shrink(x, threshold=0.5):
    x = to_float(x)
    t = const(threshold, x)
    return tf.where(x > t, x - t, tf.where(x < -t, x + t, tf.zeros_like(x)))


def sparse_plus(x):
    x = to_float(x)
    mid = tf.square(x + const(1, x)) * const(0.25, x)
    return tf.where(
        x <= const(-1, x),
        tf.zeros_like(x),
        tf.where(x >= const(1, x), x, mid),
    )


def silu(x):
    x = to_float(x)
    return x * tf.sigmoid(x)


def squareplus(x, b=4):
    x = to_float(x)
    return (x + tf.sqrt(tf.square(x) + const(b, x))) * const(0.5, x)


def log_sigmoid(x):
    return tf.math.log_sigmoid(to_float(x))


def leaky_relu(x, negative_slope=0.2):
    x = to_float(x)
    return tf.where(x >= 0, x, x * const(negative_slope, x))


def hard_sigmoid(x):
    x = to_float(x)
    return tf.clip_by_value(
        x / const(6, x) + const(0.5, x), const(0, x), const(1, x)
    )


def hard_silu(x):
    x = to_float(x)
    return x * hard_sigmoid(x)


def elu(x, alpha=1.0):
    x = to_float(x)
    return tf.where(x > 0, x, const(alpha, x) * tf.math.expm1(x))


def selu(x):
    return tf.nn.selu(to_float(x))


def gelu(x, approximate=True):
    x = to_float(x)
    if approximate:
        inner = const(math.sqrt(2 / math.pi), x) * (
            x + const(0.044715, x) * x * x * x
        )
        return const(0.5, x) * x * (const(1, x) + tf.tanh(inner))
    return (
        const(0.5, x)
        * x
        * (const(1, x) + tf.math.erf(x * const(1 / math.sqrt(2), x)))
    )


def celu(x, alpha=1.0):
    x = to_float(x)
    a = const(alpha, x)
    return tf.maximum(x, const(0, x)) + tf.minimum(
        const(0, x), a * tf.math.expm1(x / a)
    )


def glu(x, axis=-1):
    x = to_float(x)
    a, b = tf.split(x, 2, axis=axis)
    return a * tf.sigmoid(b)


def tanh_shrink(x):
    x = to_float(x)
    return x - tf.tanh(x)


def hard_tanh(x):
    x = to_float(x)
    return tf.clip_by_value(x, const(-1, x), const(1, x))


def hard_shrink(x, threshold=0.5):
    x = to_float(x)
    return tf.where(tf.abs(x) > const(threshold, x), x, tf.zeros_like(x))


def threshold(x, threshold, default_value):
    x = to_float(x)
    return tf.where(
        x > const(threshold, x),
        x,
        tf.fill(tf.shape(x), const(default_value, x)),
    )


def softmax(x, axis=-1):
    x = to_float(x)
    if isinstance(axis, int):
        return tf.nn.softmax(x, axis=axis)
    axis = None if axis is None else list(axis)
    shifted = x - tf.stop_gradient(tf.reduce_max(x, axis=axis, keepdims=True))
    e = tf.exp(shifted)
    return e / tf.reduce_sum(e, axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    x = to_float(x)
    if isinstance(axis, int):
        return tf.nn.log_softmax(x, axis=axis)
    axis = None if axis is None else list(axis)
    shifted = x - tf.stop_gradient(tf.reduce_max(x, axis=axis, keepdims=True))
    return shifted - tf.math.log(
        tf.reduce_sum(tf.exp(shifted), axis=axis, keepdims=True)
    )


def _moveaxis_last(x, axis):
    rank = len(x.shape)
    axis %= rank
    perm = [a for a in range(rank) if a != axis] + [axis]
    inverse = [0] * rank
    for i, p in enumerate(perm):
        inverse[p] = i
    return tf.transpose(x, perm), inverse


def sparsemax(x, axis=-1):
    x = to_float(x)
    z, inverse = _moveaxis_last(x, axis)
    z_sorted = tf.sort(z, axis=-1, direction="DESCENDING")
    cumsum = tf.cumsum(z_sorted, axis=-1)
    k = tf.range(1, tf.shape(z)[-1] + 1)
    k = tf.cast(k, x.dtype)
    support = (const(1, x) + k * z_sorted) > cumsum
    k_z = tf.reduce_sum(tf.cast(support, tf.int32), axis=-1, keepdims=True)
    tau_sum = tf.gather(cumsum, k_z - 1, axis=-1, batch_dims=len(z.shape) - 1)
    tau = (tau_sum - const(1, x)) / tf.cast(k_z, x.dtype)
    out = tf.maximum(z - tau, const(0, x))
    return tf.transpose(out, inverse)


def dtype_name(x):
    return standardize_dtype(x.dtype.name)


def to_float(x):
    """`x` as a tensor; integer and bool inputs become `floatx()`."""
    x = convert_to_tensor(x)
    if not is_float_dtype(dtype_name(x)):
        x = tf.cast(x, config.floatx())
    return x


def scalar(value, dtype):
    """`value` (a Python/NumPy number or a tensor) as `dtype`.

    Python floats are converted straight to `dtype`: `tf.cast(0.2,
    tf.float64)` would round 0.2 through float32 first.
    """
    if isinstance(value, (numbers.Number, np.generic)):
        return tf.constant(value, dtype=dtype)
    return tf.cast(convert_to_tensor(value), dtype)


def const(value, x):
    """`value` as a scalar (or tensor) of `x`'s dtype."""
    return scalar(value, x.dtype)


def like(value, x):
    """`value` converted to a tensor and cast to `x`'s dtype."""
    return tf.cast(convert_to_tensor(value), x.dtype)


def axes(axis):
    return list(axis) if isinstance(axis, (list, tuple)) else [axis]
