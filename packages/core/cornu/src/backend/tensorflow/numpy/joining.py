"""Joining and splitting on the TensorFlow backend."""

import numpy as np
import tensorflow as tf

from cornu.src.backend.common.dtypes import dtype_of
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.tensorflow.core import convert_to_tensor

__all__ = [
    "concatenate",
    "stack",
    "hstack",
    "vstack",
    "append",
    "split",
    "array_split",
    "hsplit",
    "vsplit",
]


def _promoted(xs):
    dtype = result_type(*(dtype_of(x) for x in xs))
    return [convert_to_tensor(x, dtype=dtype) for x in xs]


def concatenate(xs, axis=0):
    xs = _promoted(xs)
    if axis is None:
        return tf.concat([tf.reshape(x, [-1]) for x in xs], axis=0)
    return tf.concat(xs, axis=axis)


def stack(x, axis=0):
    return tf.stack(_promoted(x), axis=axis)


def hstack(xs):
    xs = _promoted(xs)
    if xs[0].shape.rank == 1:
        return tf.concat(xs, axis=0)
    return tf.concat(xs, axis=1)


def vstack(xs):
    xs = [
        x if x.shape.rank >= 2 else tf.reshape(x, [1, -1])
        for x in _promoted(xs)
    ]
    return tf.concat(xs, axis=0)


def append(x1, x2, axis=None):
    return concatenate([x1, x2], axis=axis)


def _slices(x, bounds, axis):
    axis = axis % x.shape.rank
    head = (slice(None),) * axis
    return [
        x[head + (slice(a, b),)]
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    ]


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    size = x.shape[axis]
    if isinstance(indices_or_sections, int):
        if size is not None and size % indices_or_sections:
            raise ValueError(
                f"split: an axis of size {size} does not divide into "
                f"{indices_or_sections} equal sections. Use array_split."
            )
        return tf.split(x, indices_or_sections, axis=axis)
    indices = [int(i) for i in indices_or_sections]
    return _slices(x, [0, *indices, size], axis)


def array_split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    size = x.shape[axis]
    if isinstance(indices_or_sections, int):
        n = indices_or_sections
        sizes = [size // n + 1] * (size % n) + [size // n] * (n - size % n)
        bounds = [0, *np.cumsum(sizes).tolist()]
        return _slices(x, bounds, axis)
    return split(x, indices_or_sections, axis)


def hsplit(x, indices_or_sections):
    x = convert_to_tensor(x)
    return split(x, indices_or_sections, axis=0 if x.shape.rank == 1 else 1)


def vsplit(x, indices_or_sections):
    return split(x, indices_or_sections, axis=0)
