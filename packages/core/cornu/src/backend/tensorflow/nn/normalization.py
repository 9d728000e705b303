"""Normalization ops (moments, batch/layer/RMS norm) on TensorFlow."""

import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.nn.activations import axes as _axes
from cornu.src.backend.tensorflow.nn.activations import const
from cornu.src.backend.tensorflow.nn.activations import to_float

__all__ = [
    "moments",
    "batch_normalization",
    "normalize",
    "rms_normalization",
    "layer_normalization",
]


def _param(v, x, axes):
    """`v` (None, a number or a tensor over `axes`) broadcastable to x."""
    if v is None:
        return None
    v = tf.cast(convert_to_tensor(v), x.dtype)
    rank = len(x.shape)
    if len(v.shape) not in (0, rank):
        shape = [1] * rank
        for a in axes:
            shape[a] = x.shape[a] if x.shape[a] is not None else -1
        v = tf.reshape(v, shape)
    return v


def moments(x, axes, keepdims=False, synchronized=False):
    x = to_float(x)
    dtype = x.dtype
    # Half precision statistics are accumulated in float32.
    if dtype in (tf.float16, tf.bfloat16):
        x = tf.cast(x, tf.float32)
    axes = _axes(axes)
    mean = tf.reduce_mean(x, axis=axes, keepdims=True)
    variance = tf.reduce_mean(tf.square(x - mean), axis=axes, keepdims=keepdims)
    if not keepdims:
        mean = tf.squeeze(mean, axis=axes)
    return tf.cast(mean, dtype), tf.cast(variance, dtype)


def batch_normalization(
    x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3
):
    x = to_float(x)
    axes = [axis % len(x.shape)]
    mean = _param(mean, x, axes)
    inv = tf.math.rsqrt(_param(variance, x, axes) + const(epsilon, x))
    if scale is not None:
        inv = inv * _param(scale, x, axes)
    res = -mean * inv
    if offset is not None:
        res = res + _param(offset, x, axes)
    return x * inv + res


def normalize(x, axis=-1, order=2, epsilon=None):
    x = to_float(x)
    if epsilon is None:
        epsilon = config.epsilon()
    axis = _axes(axis)
    if order == 2:
        sq = tf.reduce_sum(tf.square(x), axis=axis, keepdims=True)
        return x * tf.minimum(tf.math.rsqrt(sq), const(1 / epsilon, x))
    norm = tf.reduce_sum(
        tf.abs(x) ** const(order, x), axis=axis, keepdims=True
    ) ** const(1 / order, x)
    return x / tf.maximum(norm, const(epsilon, x))


def rms_normalization(x, scale=1, axis=-1, epsilon=None):
    x = to_float(x)
    if epsilon is None:
        epsilon = config.epsilon()
    axes = [a % len(x.shape) for a in _axes(axis)]
    ms = tf.reduce_mean(tf.square(x), axis=axes, keepdims=True)
    return x * tf.math.rsqrt(ms + const(epsilon, x)) * _param(scale, x, axes)


def layer_normalization(
    x, gamma=None, beta=None, axis=-1, epsilon=None, rms_scaling=False
):
    x = to_float(x)
    if epsilon is None:
        epsilon = config.epsilon()
    eps = const(epsilon, x)
    axes = [a % len(x.shape) for a in _axes(axis)]
    gamma, beta = _param(gamma, x, axes), _param(beta, x, axes)
    if rms_scaling:
        # Keras's rms_scaling: divide by the standard deviation, no
        # centering and no beta.
        _, var = moments(x, axes, keepdims=True)
        out = x * tf.math.rsqrt(var + eps)
        return out if gamma is None else out * gamma
    mean, variance = moments(x, axes, keepdims=True)
    out = (x - mean) * tf.math.rsqrt(variance + eps)
    if gamma is not None:
        out = out * gamma
    if beta is not None:
        out = out + beta
    return out
