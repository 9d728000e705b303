"""Shape and axis manipulation on the TensorFlow backend."""

import numpy as np
import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend.tensorflow.core import convert_to_tensor

__all__ = [
    "reshape",
    "ravel",
    "transpose",
    "expand_dims",
    "squeeze",
    "swapaxes",
    "moveaxis",
    "broadcast_to",
    "pad",
]


def reshape(x, newshape):
    x = convert_to_tensor(x)
    if isinstance(newshape, int):
        newshape = [newshape]
    elif any(d is None for d in newshape):
        newshape = _fill_unknown(x, list(newshape))
    return tf.reshape(x, newshape)


def _fill_unknown(x, newshape):
    """A target shape with `None`s (unknown dims of a traced `x`, kept in
    order, as `expand_dims`/`squeeze` build them) as concrete sizes."""
    unknown = [i for i, d in enumerate(x.shape.as_list()) if d is None]
    holes = [i for i, d in enumerate(newshape) if d is None]
    if len(holes) == len(unknown):
        dynamic = tf.shape(x)
        for hole, source in zip(holes, unknown, strict=True):
            newshape[hole] = dynamic[source]
        return tf.stack(newshape)
    if len(holes) == 1:
        newshape[holes[0]] = -1
        return newshape
    raise ValueError(
        f"reshape cannot infer the unknown dims of newshape={newshape} "
        f"from a tensor of shape {x.shape}. Pass concrete sizes or -1."
    )


def ravel(x):
    return tf.reshape(convert_to_tensor(x), [-1])


def transpose(x, axes=None):
    x = convert_to_tensor(x)
    if axes is not None:
        axes = [a % x.shape.rank for a in axes] if x.shape.rank else axes
    return tf.transpose(x, perm=axes)


def expand_dims(x, axis):
    x = convert_to_tensor(x)
    if not isinstance(axis, (list, tuple)):
        return tf.expand_dims(x, axis)
    rank = x.shape.rank + len(axis)
    axes = sorted(a % rank for a in axis)
    for a in axes:
        x = tf.expand_dims(x, a)
    return x


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    if isinstance(axis, int):
        axis = [axis]
    return tf.squeeze(x, axis=axis)


def swapaxes(x, axis1, axis2):
    return tnp.swapaxes(convert_to_tensor(x), axis1, axis2)


def moveaxis(x, source, destination):
    return tnp.moveaxis(convert_to_tensor(x), source, destination)


def broadcast_to(x, shape):
    return tf.broadcast_to(convert_to_tensor(x), shape)


def _pad_pairs(pad_width, rank):
    widths = [int(w) for w in tf.nest.flatten(pad_width)]
    if len(widths) == 1:
        return [[widths[0]] * 2] * rank
    if len(widths) == 2:
        return [widths] * rank
    return [widths[2 * i : 2 * i + 2] for i in range(rank)]


def _mirror_index(positions, n, symmetric):
    """Source positions of a reflect/symmetric pad, as NumPy (repeated
    reflection when the pad is wider than the axis)."""
    period = 2 * n if symmetric else 2 * (n - 1)
    folded = tf.math.floormod(positions, tf.maximum(period, 1))
    back = period - 1 - folded if symmetric else period - folded
    index = tf.where(folded < n, folded, back)
    return tf.where(n == 1, tf.zeros_like(index), index)


def _index_pad(x, axis, before, after, mode):
    n = tf.shape(x)[axis]
    positions = tf.range(-before, n + after)
    if mode == "wrap":
        index = tf.math.floormod(positions, n)
    elif mode == "edge":
        index = tf.clip_by_value(positions, 0, n - 1)
    else:
        index = _mirror_index(positions, n, mode == "symmetric")
    return tf.gather(x, index, axis=axis)


def _round_like(value, x):
    if x.dtype.is_integer:
        value = tf.round(value)
    return tf.cast(value, x.dtype)


def _stat(x, axis, mode):
    wide = x.dtype if x.dtype.is_floating else tf.float64
    values = tf.cast(x, wide)
    if mode == "maximum":
        return tf.reduce_max(x, axis=axis, keepdims=True)
    if mode == "minimum":
        return tf.reduce_min(x, axis=axis, keepdims=True)
    if mode == "mean":
        return _round_like(tf.reduce_mean(values, axis=axis, keepdims=True), x)
    ordered = tf.sort(values, axis=axis)
    n = x.shape[axis]
    low = tf.gather(ordered, [(n - 1) // 2], axis=axis)
    high = tf.gather(ordered, [n // 2], axis=axis)
    return _round_like((low + high) / 2, x)


def _ramp(edge, end, count, axis, reverse):
    """`count` values from `end` towards `edge` (not reaching it)."""
    steps = np.arange(count, dtype="float64") / max(count, 1)
    if reverse:
        steps = steps[::-1]
    shape = [1] * edge.shape.rank
    shape[axis] = count
    steps = tf.reshape(tf.constant(steps.copy()), shape)
    wide = tf.cast(edge, tf.float64)
    out = end + (wide - end) * steps
    if edge.dtype.is_integer:
        out = tf.floor(out)  # NumPy's integer linspace floors
    return tf.cast(out, edge.dtype)


def _fill_pad(x, axis, before, after, mode, end_values):
    n = x.shape[axis]
    parts = []
    if mode == "linear_ramp":
        first = tf.gather(x, [0], axis=axis)
        last = tf.gather(x, [n - 1], axis=axis)
        parts.append(_ramp(first, end_values[0], before, axis, False))
        parts.append(x)
        parts.append(_ramp(last, end_values[1], after, axis, True))
        return tf.concat(parts, axis=axis)
    stat = _stat(x, axis, mode)
    reps = [1] * x.shape.rank
    reps[axis] = before
    parts.append(tf.tile(stat, reps))
    parts.append(x)
    reps[axis] = after
    parts.append(tf.tile(stat, reps))
    return tf.concat(parts, axis=axis)


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    pairs = _pad_pairs(pad_width, x.shape.rank)
    mode = "wrap" if mode == "circular" else mode
    if mode in ("constant", "empty"):
        value = 0 if constant_values is None else constant_values
        return tf.pad(x, pairs, constant_values=tf.cast(value, x.dtype))
    for axis, (before, after) in enumerate(pairs):
        if not before and not after:
            continue
        if mode in ("wrap", "edge", "reflect", "symmetric"):
            x = _index_pad(x, axis, before, after, mode)
        else:
            x = _fill_pad(x, axis, before, after, mode, (0.0, 0.0))
    return x
