"""take, where, select, `x[key]`, unravel_index, vectorize and friends
on the OpenVINO backend."""

import re

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
    "select",
    "get_item",
    "nonzero",
    "unravel_index",
    "vectorize",
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


def _broadcast_except(value, other, axis):
    """`value` broadcast against `other` on every axis but `axis`."""
    rank = len(value.get_partial_shape())
    own, theirs = ovops.shape_of(value), ovops.shape_of(other)
    one = int_const([1])

    def part(shape, start, stop):
        return ovops.slice(shape, int_const([start]), int_const([stop]), one)

    target = ovops.concat(
        [
            part(theirs, 0, axis),
            part(own, axis, axis + 1),
            part(theirs, axis + 1, rank),
        ],
        0,
    )
    return ovops.broadcast(
        value, target, broadcast_spec="BIDIRECTIONAL"
    ).output(0)


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    indices = convert_to_tensor(indices)
    data = x.output
    if axis is None:
        data = ovops.reshape(data, int_const([-1]), False).output(0)
        axis = 0
        shape = (int(np.prod(x.shape)),)
    elif None in x.shape or None in indices.shape:
        # Dynamic sizes (inside a `predict` trace): broadcast by shapes
        # computed in the graph.
        axis = int(axis) % x.ndim
        data = _broadcast_except(x.output, indices.output, axis)
        indices = wrap(_broadcast_except(indices.output, x.output, axis))
        shape = list(x.shape)
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


def select(condlist, choicelist, default=0):
    dtype = result_type(*(dtype_of(c) for c in choicelist), dtype_of(default))
    out = convert_to_tensor(default, dtype).output
    # The first true condition wins: apply them from the last one.
    for condition, choice in reversed(
        list(zip(condlist, choicelist, strict=True))
    ):
        condition = cast(convert_to_tensor(condition), "bool")
        choice = convert_to_tensor(choice, dtype)
        out = ovops.select(condition.output, choice.output, out).output(0)
    return wrap(out)


def nonzero(x):
    x = convert_to_tensor(x)
    value = x.numpy()  # output sizes depend on the values
    return tuple(convert_to_tensor(i, "int32") for i in np.nonzero(value))


def unravel_index(indices, shape):
    indices = convert_to_tensor(indices)
    dims = [int(d) for d in shape]
    flat = indices.output
    coordinates = []
    stride = int(np.prod(dims))
    for dim in dims:
        stride //= max(dim, 1)
        step = ovops.divide(flat, np.asarray(max(stride, 1), indices.dtype))
        coordinates.append(
            wrap(ovops.floor_mod(step, np.asarray(max(dim, 1), indices.dtype)))
        )
    return tuple(coordinates)


def _core_rank(signature, count):
    """The number of core dims of each of `count` inputs in `signature`."""
    if signature is None:
        return [0] * count
    inputs = signature.split("->")[0]
    groups = re.findall(r"\(([^)]*)\)", inputs)
    return [len([d for d in g.split(",") if d.strip()]) for g in groups]


def vectorize(pyfunc, *, excluded=None, signature=None):
    """`np.vectorize`: the loop axes are broadcast and flattened, `pyfunc`
    is called on each slice (a Python loop building graph nodes) and the
    results are stacked back."""
    from cornu.src.backend.openvino.numpy.joining import stack

    excluded = set(excluded or ())

    def wrapped(*args, **kwargs):
        positions = [i for i in range(len(args)) if i not in excluded]
        tensors = [convert_to_tensor(args[i]) for i in positions]
        cores = _core_rank(signature, len(tensors))
        loops = [
            t.shape[: t.ndim - c] for t, c in zip(tensors, cores, strict=True)
        ]
        loop_shape = tuple(np.broadcast_shapes(*loops))
        count = int(np.prod(loop_shape))
        flat = []
        for t, c in zip(tensors, cores, strict=True):
            core_shape = list(t.shape[t.ndim - c :])
            full = ovops.broadcast(
                t.output, int_const([*loop_shape, *core_shape])
            )
            flat.append(
                wrap(
                    ovops.reshape(full, int_const([count, *core_shape]), False)
                )
            )
        results = []
        for i in range(count):
            full = list(args)
            for position, t in zip(positions, flat, strict=True):
                full[position] = t[i]
            results.append(pyfunc(*full, **kwargs))

        def gather(values):
            out = stack([convert_to_tensor(v) for v in values])
            shape = [*loop_shape, *out.shape[1:]]
            return wrap(ovops.reshape(out.output, int_const(shape), False))

        if results and isinstance(results[0], (tuple, list)):
            return type(results[0])(
                gather(v) for v in zip(*results, strict=True)
            )
        return gather(results)

    return wrapped


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


def _dynamic_item(k, begin, end, stride, begin_mask, end_mask, shrink):
    """Appends the StridedSlice bounds of item `k` on an axis of unknown
    size."""
    if isinstance(k, slice):
        begin.append(0 if k.start is None else int(k.start))
        end.append(0 if k.stop is None else int(k.stop))
        stride.append(1 if k.step is None else int(k.step))
        begin_mask.append(int(k.start is None))
        end_mask.append(int(k.stop is None))
        shrink.append(0)
        return
    k = int(k)
    begin.append(k)
    end.append(k + 1)
    stride.append(1)
    begin_mask.append(0)
    end_mask.append(int(k == -1))  # -1 + 1 == 0 would mean "the front"
    shrink.append(1)


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
        if size is None:
            # A dynamic axis (inside a `predict` trace): StridedSlice
            # reads negative bounds from the end, as Python does.
            _dynamic_item(k, begin, end, stride, begin_mask, end_mask, shrink)
            continue
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
