"""Indexing, selection and size queries on the TensorFlow backend.

TF tensors index like NumPy for ints, slices, `None` and `...`; integer
arrays and boolean masks go through `tf.gather`/`tf.boolean_mask`.
"""

import numpy as np
import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend.common.dtypes import dtype_of
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.core import is_tensor

__all__ = [
    "take",
    "take_along_axis",
    "where",
    "select",
    "nonzero",
    "diagonal",
    "get_item",
    "unravel_index",
    "vectorize",
    "ndim",
    "size",
]


def _int_indices(indices):
    indices = convert_to_tensor(indices)
    if not indices.dtype.is_integer:
        indices = tf.cast(indices, tf.int32)
    return indices


def _wrap(indices, dim):
    """Negative indices count from the end of an axis of size `dim`."""
    dim = tf.cast(dim, indices.dtype)
    return tf.where(indices < 0, indices + dim, indices)


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    indices = _int_indices(indices)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    axis = axis % x.shape.rank
    indices = _wrap(indices, tf.shape(x)[axis])
    return tf.gather(x, indices, axis=axis)


def take_along_axis(x, indices, axis=None):
    x, indices = convert_to_tensor(x), _int_indices(indices)
    if axis is None:
        x, axis = tf.reshape(x, [-1]), 0
    axis = axis % x.shape.rank
    indices = _wrap(indices, tf.shape(x)[axis])
    # Broadcast the other axes (NumPy needs equal sizes there).
    x_shape, i_shape = tf.unstack(tf.shape(x)), tf.unstack(tf.shape(indices))
    other = tf.unstack(
        tf.broadcast_dynamic_shape(
            tf.stack([1 if a == axis else d for a, d in enumerate(x_shape)]),
            tf.stack([1 if a == axis else d for a, d in enumerate(i_shape)]),
        )
    )
    static = tf.broadcast_static_shape(
        _other_dims(x.shape, axis), _other_dims(indices.shape, axis)
    ).as_list()
    x_target, i_target = list(other), list(other)
    x_target[axis], i_target[axis] = x_shape[axis], i_shape[axis]
    x_static, i_static = list(static), list(static)
    x_static[axis], i_static[axis] = x.shape[axis], indices.shape[axis]
    x = tf.ensure_shape(tf.broadcast_to(x, tf.stack(x_target)), x_static)
    indices = tf.ensure_shape(
        tf.broadcast_to(indices, tf.stack(i_target)), i_static
    )
    return tnp.take_along_axis(x, indices, axis=axis)


def _other_dims(shape, axis):
    dims = shape.as_list()
    dims[axis] = 1
    return tf.TensorShape(dims)


def where(condition, x1=None, x2=None):
    condition = cast(condition, "bool")
    if x1 is None:
        return nonzero(condition)
    dtype = result_type(dtype_of(x1), dtype_of(x2))
    x1 = convert_to_tensor(x1, dtype=dtype)
    x2 = convert_to_tensor(x2, dtype=dtype)
    return tf.where(condition, x1, x2)


def select(condlist, choicelist, default=0):
    dtype = result_type(*(dtype_of(c) for c in choicelist), dtype_of(default))
    out = convert_to_tensor(default, dtype=dtype)
    # The first true condition wins: apply them last to first.
    for cond, choice in reversed(list(zip(condlist, choicelist, strict=True))):
        out = tf.where(
            cast(cond, "bool"), convert_to_tensor(choice, dtype), out
        )
    shape = tf.broadcast_dynamic_shape(
        tf.shape(out), tf.shape(cast(condlist[0], "bool"))
    )
    return tf.broadcast_to(out, shape)


def nonzero(x):
    x = convert_to_tensor(x)
    coords = tf.cast(tf.where(tf.cast(x, tf.bool)), tf.int32)
    return tuple(coords[:, i] for i in range(x.shape.rank))


def diagonal(x, offset=0, axis1=0, axis2=1):
    return tnp.diagonal(convert_to_tensor(x), offset, axis1, axis2)


def _is_advanced(key):
    return isinstance(key, (list, np.ndarray)) or is_tensor(key)


def get_item(x, key):
    x = convert_to_tensor(x)
    if isinstance(key, list):
        key = tuple(key)
    if _is_advanced(key):
        key = convert_to_tensor(key)
        if key.dtype == tf.bool:
            return tf.boolean_mask(x, key)
        return take(x, key, axis=0)
    return x[key]


def unravel_index(indices, shape):
    indices = convert_to_tensor(indices)
    out = []
    for dim in reversed([int(d) for d in shape]):
        out.append(tf.math.floormod(indices, dim))
        indices = tf.math.floordiv(indices, dim)
    return tuple(reversed(out))


def _parse_signature(signature):
    inputs, outputs = signature.replace(" ", "").split("->")

    def dims(part):
        return [
            tuple(d for d in group.split(",") if d)
            for group in part[1:-1].split("),(")
        ]

    return dims(inputs), dims(outputs)


def vectorize(pyfunc, *, excluded=None, signature=None):
    excluded = frozenset() if excluded is None else frozenset(excluded)
    core_dims = None if signature is None else _parse_signature(signature)[0]

    def wrapped(*args, **kwargs):
        positions = [i for i in range(len(args)) if i not in excluded]
        values = [args[i] for i in positions]
        dtype = result_type(*(dtype_of(v) for v in values))
        values = [convert_to_tensor(v, dtype) for v in values]
        cores = core_dims or [()] * len(values)
        batch = tf.TensorShape([])
        for v, core in zip(values, cores, strict=True):
            lead = v.shape[: v.shape.rank - len(core)]
            batch = tf.broadcast_static_shape(batch, lead)
        batch = batch.as_list()
        flat = []
        for v, core in zip(values, cores, strict=True):
            tail = v.shape.as_list()[v.shape.rank - len(core) :]
            v = tf.broadcast_to(v, batch + tail)
            flat.append(tf.reshape(v, [-1] + tail))

        def call(items):
            full = list(args)
            for i, item in zip(positions, items, strict=True):
                full[i] = item
            return convert_to_tensor(pyfunc(*full, **kwargs))

        out = tf.vectorized_map(call, tuple(flat))
        return tf.reshape(out, batch + out.shape.as_list()[1:])

    return wrapped


def ndim(x):
    return convert_to_tensor(x).shape.rank


def size(x):
    x = convert_to_tensor(x)
    n = x.shape.num_elements()
    if n is None:
        return tf.size(x)
    return n
