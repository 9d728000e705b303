"""take, where, `x[key]` and friends on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common.dtypes import dtype_of
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.openvino.core import OpenVINOTensor
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = [
    "take",
    "take_along_axis",
    "where",
    "get_item",
    "nonzero",
    "ndim",
    "size",
]


def _indices(indices, size):
    """Integer indices, negative ones wrapped by `size`, as an output."""
    indices = convert_to_tensor(indices)
    if indices.dtype not in ("int32", "int64"):
        indices = cast(indices, "int64")
    out = indices.output
    dtype = indices.dtype
    negative = ovops.less(out, np.asarray(0, dtype))
    wrapped = ovops.add(out, np.asarray(size, dtype))
    return ovops.select(negative, wrapped, out).output(0)


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    data = x.output
    if axis is None:
        data = ovops.reshape(data, int_const([-1]), False).output(0)
        size, axis = int(np.prod(x.shape)), 0
    else:
        axis = int(axis) % x.ndim
        size = x.shape[axis]
    node = ovops.gather(data, _indices(indices, size), np.int64(axis))
    return wrap(node)


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    indices = convert_to_tensor(indices)
    data = x.output
    if axis is None:
        data = ovops.reshape(data, int_const([-1]), False).output(0)
        axis = 0
        shape = (int(np.prod(x.shape)),)
    else:
        axis = int(axis) % x.ndim
        shape = list(x.shape)
        target = list(
            np.broadcast_shapes(
                tuple(s for i, s in enumerate(shape) if i != axis),
                tuple(s for i, s in enumerate(indices.shape) if i != axis),
            )
        )
        data_shape = target[:axis] + [shape[axis]] + target[axis:]
        index_shape = target[:axis] + [indices.shape[axis]] + target[axis:]
        data = ovops.broadcast(data, int_const(data_shape)).output(0)
        indices = wrap(ovops.broadcast(indices.output, int_const(index_shape)))
        shape = data_shape
    node = ovops.gather_elements(data, _indices(indices, shape[axis]), axis)
    return wrap(node)


def where(condition, x1=None, x2=None):
    condition = cast(convert_to_tensor(condition), "bool")
    if x1 is None and x2 is None:
        return nonzero(condition)
    dtype = result_type(dtype_of(x1), dtype_of(x2))
    x1 = convert_to_tensor(x1, dtype)
    x2 = convert_to_tensor(x2, dtype)
    return wrap(ovops.select(condition.output, x1.output, x2.output))


def nonzero(x):
    x = convert_to_tensor(x)
    value = x.numpy()  # output sizes depend on the values
    return tuple(convert_to_tensor(i, "int32") for i in np.nonzero(value))


def ndim(x):
    return convert_to_tensor(x).ndim


def size(x):
    return convert_to_tensor(x).size


def _is_basic(item):
    return (
        item is None
        or item is Ellipsis
        or isinstance(item, (int, slice, np.integer))
    )


def get_item(x, key):
    x = convert_to_tensor(x)
    if isinstance(key, list):
        key = tuple(key)
    if not isinstance(key, tuple):
        key = (key,)
    if all(_is_basic(k) for k in key):
        return _basic_item(x, key)
    if len(key) == 1:
        index = key[0]
        if isinstance(index, OpenVINOTensor) or isinstance(index, np.ndarray):
            index = convert_to_tensor(index)
            if index.dtype == "bool":
                return _boolean_mask(x, index)
            return take(x, index, axis=0)
    raise TypeError(
        "The openvino backend supports indexing with ints, slices, None, "
        "Ellipsis, one integer index array or one boolean mask. Received: "
        f"{key!r}. Use ops.take / ops.take_along_axis for other gathers."
    )


def _boolean_mask(x, mask):
    positions = np.nonzero(mask.numpy().reshape(mask.shape))
    flat_shape = [-1, *x.shape[mask.ndim :]]
    index = np.ravel_multi_index(positions, mask.shape).astype(np.int64)
    data = ovops.reshape(
        x.output,
        int_const([int(np.prod(mask.shape)), *x.shape[mask.ndim :]]),
        False,
    )
    del flat_shape
    return wrap(ovops.gather(data, int_const(index), np.int64(0)))


def _basic_item(x, key):
    ellipsis_count = sum(k is Ellipsis for k in key)
    if ellipsis_count > 1:
        raise IndexError("An index can only have a single ellipsis ('...').")
    used = sum(k is not None and k is not Ellipsis for k in key)
    if used > x.ndim:
        raise IndexError(
            f"Too many indices for a tensor of rank {x.ndim}: {key!r}."
        )
    if not ellipsis_count:
        key = (*key, Ellipsis)
    expanded = []
    for k in key:
        if k is Ellipsis:
            expanded.extend([slice(None)] * (x.ndim - used))
        else:
            expanded.append(k)
    begin, end, stride = [], [], []
    begin_mask, end_mask, new_axis, shrink = [], [], [], []
    dim = 0
    for k in expanded:
        if k is None:
            begin.append(0)
            end.append(0)
            stride.append(1)
            begin_mask.append(1)
            end_mask.append(1)
            new_axis.append(1)
            shrink.append(0)
            continue
        size = x.shape[dim]
        dim += 1
        new_axis.append(0)
        if isinstance(k, slice):
            start, stop, step = k.indices(size)
            begin.append(start)
            end.append(stop)
            stride.append(step)
            begin_mask.append(0)
            if step < 0 and stop < 0:
                end_mask.append(1)  # run to the front
            else:
                end_mask.append(0)
            shrink.append(0)
        else:
            k = int(k)
            if not -size <= k < size:
                raise IndexError(
                    f"Index {k} is out of bounds for axis {dim - 1} with "
                    f"size {size}."
                )
            k %= size
            begin.append(k)
            end.append(k + 1)
            stride.append(1)
            begin_mask.append(0)
            end_mask.append(0)
            shrink.append(1)
    node = ovops.strided_slice(
        x.output,
        int_const(begin),
        int_const(end),
        int_const(stride),
        begin_mask,
        end_mask,
        new_axis,
        shrink,
    )
    return wrap(node)
