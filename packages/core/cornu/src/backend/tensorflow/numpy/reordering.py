"""Flips, rolls, rotations, tiling and repetition on the TensorFlow
backend."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend.tensorflow.core import convert_to_tensor

__all__ = ["flip", "roll", "rot90", "tile", "repeat", "copy"]


def flip(x, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        axis = list(range(x.shape.rank))
    elif isinstance(axis, int):
        axis = [axis]
    return tf.reverse(x, list(axis))


def roll(x, shift, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        return tf.reshape(tf.roll(tf.reshape(x, [-1]), shift, 0), tf.shape(x))
    return tf.roll(x, shift, axis)


def rot90(array, k=1, axes=(0, 1)):
    return tnp.rot90(convert_to_tensor(array), k=k, axes=axes)


def tile(x, repeats):
    x = convert_to_tensor(x)
    repeats = [repeats] if isinstance(repeats, int) else list(repeats)
    rank = x.shape.rank
    if len(repeats) < rank:
        repeats = [1] * (rank - len(repeats)) + repeats
    elif len(repeats) > rank:
        ones = [1] * (len(repeats) - rank)
        x = tf.reshape(x, tf.concat([ones, tf.shape(x)], axis=0))
    return tf.tile(x, repeats)


def repeat(x, repeats, axis=None):
    x = convert_to_tensor(x)
    if isinstance(repeats, (list, tuple)):
        repeats = tf.constant(repeats)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    return tf.repeat(x, repeats, axis=axis)


def copy(x):
    return tf.identity(convert_to_tensor(x))
