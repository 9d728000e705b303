"""Dot, outer, tensor and cross products, and pairwise distances on the
TensorFlow backend."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend.tensorflow.numpy.promotion import promoted
from cornu.src.backend.tensorflow.numpy.promotion import promoted_float

__all__ = [
    "dot",
    "vdot",
    "inner",
    "outer",
    "tensordot",
    "cross",
    "kron",
    "cdist",
]

# Dtypes TF's matmul/tensordot kernels lack: computed wider, cast back.
_NARROW = {
    tf.bool: tf.int32,
    tf.int8: tf.int32,
    tf.uint8: tf.int32,
    tf.int16: tf.int32,
    tf.uint16: tf.int32,
    tf.uint32: tf.int64,
    tf.uint64: tf.int64,
}


def _widened(fn):
    def op(x1, x2, *args, **kwargs):
        x1, x2 = promoted(x1, x2)
        wide = _NARROW.get(x1.dtype)
        if wide is None:
            return fn(x1, x2, *args, **kwargs)
        out = fn(tf.cast(x1, wide), tf.cast(x2, wide), *args, **kwargs)
        return tf.cast(out, x1.dtype)

    return op


@_widened
def dot(x1, x2):
    return tnp.dot(x1, x2)


@_widened
def vdot(x1, x2):
    return tnp.vdot(x1, x2)


@_widened
def inner(x1, x2):
    return tnp.inner(x1, x2)


@_widened
def outer(x1, x2):
    return tf.reshape(x1, [-1, 1]) * tf.reshape(x2, [1, -1])


@_widened
def tensordot(x1, x2, axes=2):
    return tf.tensordot(x1, x2, axes=axes)


def _components(x):
    size = x.shape[-1]
    if size == 2:
        return x[..., 0], x[..., 1], None
    return x[..., 0], x[..., 1], x[..., 2]


@_widened
def _cross(x1, x2, axisa, axisb, axisc):
    x1 = tnp.moveaxis(x1, axisa, -1)
    x2 = tnp.moveaxis(x2, axisb, -1)
    a0, a1, a2 = _components(x1)
    b0, b1, b2 = _components(x2)
    z = a0 * b1 - a1 * b0
    if a2 is None and b2 is None:
        return z
    zero = tf.zeros_like(z)
    a2 = zero if a2 is None else a2
    b2 = zero if b2 is None else b2
    out = tf.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, z], axis=-1)
    return tnp.moveaxis(out, -1, axisc)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    return _cross(x1, x2, axisa, axisb, axisc)


@_widened
def kron(x1, x2):
    return tnp.kron(x1, x2)


def cdist(x, y):
    x, y = promoted_float(x, y)
    diff = x[..., :, None, :] - y[..., None, :, :]
    return tf.sqrt(tf.reduce_sum(tf.square(diff), axis=-1))
