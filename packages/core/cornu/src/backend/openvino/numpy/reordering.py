"""flip, roll, rot90, tile, repeat and copy on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes

__all__ = ["flip", "roll", "rot90", "tile", "repeat", "copy"]


def flip(x, axis=None):
    x = convert_to_tensor(x)
    axes = normalize_axes(axis, x.ndim)
    if not axes or not x.ndim:
        return x
    n = len(axes)
    node = ovops.slice(
        x.output,
        int_const([-1] * n),
        int_const([np.iinfo(np.int64).min] * n),
        int_const([-1] * n),
        int_const(axes),
    )
    return wrap(node)


def roll(x, shift, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        flat = ovops.reshape(x.output, int_const([-1]), False)
        out = ovops.roll(flat, int_const([int(shift)]), int_const([0]))
        return wrap(ovops.reshape(out, int_const(list(x.shape)), False))
    shifts = np.atleast_1d(np.asarray(shift, np.int64))
    axes = np.atleast_1d(np.asarray(axis, np.int64))
    shifts, axes = np.broadcast_arrays(shifts, axes)
    return wrap(ovops.roll(x.output, int_const(shifts), int_const(axes)))


def rot90(array, k=1, axes=(0, 1)):
    x = convert_to_tensor(array)
    first, second = (int(a) % x.ndim for a in axes)
    k = int(k) % 4
    if k == 0:
        return x
    if k == 2:
        return flip(x, axis=(first, second))
    order = list(range(x.ndim))
    order[first], order[second] = order[second], order[first]
    if k == 1:
        x = flip(x, axis=second)
    x = wrap(ovops.transpose(x.output, int_const(order)))
    return x if k == 1 else flip(x, axis=second)


def tile(x, repeats):
    x = convert_to_tensor(x)
    repeats = list(np.atleast_1d(np.asarray(repeats, np.int64)))
    data = x.output
    if len(repeats) > x.ndim:
        shape = [1] * (len(repeats) - x.ndim) + list(x.shape)
        data = ovops.reshape(data, int_const(shape), False).output(0)
    elif len(repeats) < x.ndim:
        repeats = [1] * (x.ndim - len(repeats)) + repeats
    return wrap(ovops.tile(data, int_const(repeats)))


def repeat(x, repeats, axis=None):
    x = convert_to_tensor(x)
    data = x.output
    if axis is None:
        data = ovops.reshape(data, int_const([-1]), False).output(0)
        axis, size = 0, int(np.prod(x.shape))
    else:
        axis = int(axis) % x.ndim
        size = x.shape[axis]
    counts = np.broadcast_to(np.asarray(repeats, np.int64).reshape(-1), (size,))
    index = np.repeat(np.arange(size, dtype=np.int64), counts)
    return wrap(ovops.gather(data, int_const(index), np.int64(axis)))


def copy(x):
    return convert_to_tensor(x)
