"""bincount, histogram, digitize and unique on the OpenVINO backend.

Counts are `ScatterElementsUpdate` sums into a zero tensor. bincount's
length depends on the largest value: it is read from a concrete input;
inside a `predict` trace it is `minlength` when given (larger values are
then dropped, as JAX's `length` does), else the trace stops with
`SymbolicValueError` and the model runs op by op. `unique` uses
OpenVINO's `Unique` (dynamic output size) on the flattened input, and
pairwise slice comparisons when `axis` is given.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import concrete_value
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import dtype_name
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import run_node
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import scalar_int
from cornu.src.backend.openvino.numpy.reordering import flip
from cornu.src.backend.openvino.numpy.sorting import search_outputs

__all__ = ["bincount", "histogram", "digitize", "unique"]


def digitize(x, bins):
    x = convert_to_tensor(x)
    bins = convert_to_tensor(bins)
    rising = search_outputs(bins, x, right=True)
    if bins.shape[0] < 2:
        return wrap(rising)
    # Decreasing bins (as NumPy allows): count from the other end.
    falling = ovops.subtract(
        const(bins.shape[0], "int32"), search_outputs(flip(bins), x, True)
    )
    first = ovops.gather(bins.output, int_const([0]), scalar_int(0))
    last = ovops.gather(bins.output, int_const([-1]), scalar_int(0))
    decreasing = ovops.squeeze(ovops.greater(first, last), int_const([0]))
    return wrap(ovops.select(decreasing, falling, rising))


def _scatter_sum(length, indices, updates, dtype):
    """Sums of `updates` into `length` slots along the last axis, at
    `indices` (outputs of the same shape; batched over leading axes)."""
    shape = list(indices.get_partial_shape())
    lead = [d.get_length() for d in shape[:-1]]
    zeros = ovops.broadcast(const(0, dtype), int_const([*lead, length]))
    node = ovops.scatter_elements_update(
        zeros, indices, updates, scalar_int(-1), "sum"
    )
    return node.output(0)


def bincount(x, weights=None, minlength=0, sparse=False):
    x = cast(convert_to_tensor(x), "int64")
    dtype = "int32"
    if weights is not None:
        weights = convert_to_tensor(weights)
        dtype = reduction_dtypes.sum_dtype(weights.dtype)
    if x.is_symbolic and minlength:
        length = int(minlength)
    else:
        # The output's length needs the values: inside a `predict` trace
        # this raises `SymbolicValueError` (the model then runs op by op).
        values = concrete_value(x, "numpy.bincount without minlength")
        length = max(int(values.max(initial=-1)) + 1, int(minlength))
    if x.size == 0:
        return from_numpy(np.zeros((*x.shape[:-1], length), dtype))
    if weights is None:
        updates = ovops.broadcast(const(1, dtype), ovops.shape_of(x.output))
    else:
        updates = cast(weights, dtype).output
    # Values outside [0, length) add nothing (sent to slot 0 with weight 0).
    inside = ovops.logical_and(
        ovops.greater_equal(x.output, const(0, "int64")),
        ovops.less(x.output, const(length, "int64")),
    )
    indices = ovops.select(inside, x.output, const(0, "int64"))
    updates = ovops.select(inside, updates, const(0, dtype))
    return wrap(
        _scatter_sum(length, indices.output(0), updates.output(0), dtype)
    )


def histogram(x, bins=10, range=None):  # noqa: A002 - Keras's name
    x = convert_to_tensor(x)
    dtype = reduction_dtypes.float_dtype(x.dtype, config.floatx())
    values = cast(x, dtype).output
    if range is None:
        if x.size == 0:
            low, high = const(0, dtype), const(1, dtype)
        else:
            axes = int_const([0])
            low = ovops.reduce_min(values, axes, False).output(0)
            high = ovops.reduce_max(values, axes, False).output(0)
    else:
        low, high = const(range[0], dtype), const(range[1], dtype)
    # An empty range widens by 0.5 on each side, as in NumPy.
    flat = ovops.equal(low, high)
    low = ovops.select(flat, ovops.subtract(low, const(0.5, dtype)), low)
    high = ovops.select(flat, ovops.add(high, const(0.5, dtype)), high)
    steps = const(np.arange(bins + 1) / bins, dtype)
    edges = ovops.add(low, ovops.multiply(ovops.subtract(high, low), steps))
    if x.size == 0:
        return from_numpy(np.zeros(bins, "int32")), wrap(edges)
    position = ovops.divide(
        ovops.subtract(values, low), ovops.subtract(high, low)
    )
    index = ovops.convert(
        ovops.floor(ovops.multiply(position, const(bins, dtype))), "i64"
    )
    index = ovops.clamp(index, 0, bins - 1)
    # Fix the rounding of the division against the edges themselves.
    below = ovops.less(values, ovops.gather(edges, index, scalar_int(0)))
    index = ovops.select(
        ovops.logical_and(below, ovops.greater(index, const(0, "int64"))),
        ovops.subtract(index, const(1, "int64")),
        index,
    )
    above = ovops.greater_equal(
        values,
        ovops.gather(edges, ovops.add(index, const(1, "int64")), scalar_int(0)),
    )
    index = ovops.select(
        ovops.logical_and(above, ovops.less(index, const(bins - 1, "int64"))),
        ovops.add(index, const(1, "int64")),
        index,
    )
    inside = ovops.logical_and(
        ovops.greater_equal(values, low), ovops.less_equal(values, high)
    )
    ones = ovops.convert(inside, "i32")
    counts = _scatter_sum(bins, index.output(0), ones.output(0), "int32")
    return wrap(counts), wrap(edges)


def _fit(values, size, fill_value, axis=0):
    """`values` (an output) cut or padded to `size` items along `axis`."""
    shape = list(values.get_partial_shape())
    dtype = dtype_name(values.get_element_type())
    pad_shape = [d.get_length() for d in shape]
    pad_shape[axis] = size
    fill = 0 if fill_value is None else fill_value
    pad = ovops.broadcast(const(fill, dtype), int_const(pad_shape))
    joined = ovops.concat([values, pad], axis)
    node = ovops.slice(
        joined,
        int_const([0]),
        int_const([size]),
        int_const([1]),
        int_const([axis]),
    )
    return node.output(0)


def _first_true(mask, axis):
    """The index of the first True along `axis` of a bool output (a
    stable arg-max)."""
    node = ovops.topk(
        ovops.convert(mask, "i32"),
        ovops.constant(np.int64(1)),
        axis,
        "max",
        "value",
        "i64",
        True,
    )
    return ovops.squeeze(node.output(1), int_const([axis])).output(0)


def _unique_slices(x, axis, sorted_):
    """np.unique along `axis`: (values, index, inverse, counts) tensors.

    The slices along `axis` are compared pairwise ((n, n, m) nodes), so
    every step but the final gathers has a static shape; the number of
    unique slices comes from a `NonZero`.
    """
    n = x.shape[axis]
    order = [axis] + [i for i in range(x.ndim) if i != axis]
    rows = ovops.transpose(x.output, int_const(order))
    rows = ovops.reshape(rows, int_const([n, -1]), False)
    left = ovops.unsqueeze(rows, int_const([1]))
    right = ovops.unsqueeze(rows, int_const([0]))
    differ = ovops.not_equal(left, right)  # (n, n, m)
    same = ovops.logical_not(
        ovops.reduce_logical_or(differ, int_const([2]), False)
    )
    positions = const(np.arange(n), "int64")
    first = _first_true(same, 1)  # the first slice equal to each slice
    is_first = ovops.equal(first, positions)
    is_first_int = ovops.convert(is_first, "i64")
    if sorted_:
        # Lexicographic order: compare at the first differing element.
        column = ovops.unsqueeze(_first_true(differ, 2), int_const([2]))
        full = ovops.broadcast(left, ovops.shape_of(differ))
        mine = ovops.gather_elements(full, column, 2)
        theirs = ovops.gather_elements(
            ovops.broadcast(right, ovops.shape_of(differ)), column, 2
        )
        below = ovops.squeeze(ovops.less(theirs, mine), int_const([2]))
        below = ovops.logical_and(below, ovops.logical_not(same))
        # The rank of each slice among the distinct slices below it.
        counted = ovops.multiply(
            ovops.convert(below, "i64"),
            ovops.unsqueeze(is_first_int, int_const([0])),
        )
        inverse = ovops.reduce_sum(counted, int_const([1]), False)
    else:
        # The number of distinct slices first seen before this one's group.
        seen = ovops.subtract(
            ovops.cumsum(is_first_int, np.int64(0)), is_first_int
        )
        inverse = ovops.gather(seen, first, scalar_int(0))
    inverse = wrap(inverse)
    # The distinct slices' first indices, in index order (dynamic size).
    firsts = wrap(ovops.non_zero(is_first, "i64"))
    firsts = wrap(ovops.squeeze(firsts.output, int_const([0])))
    slots = ovops.gather(inverse.output, firsts.output, scalar_int(0))
    zeros = ovops.multiply(firsts.output, const(0, "int64"))
    index = wrap(
        ovops.scatter_elements_update(
            zeros, slots, firsts.output, scalar_int(0)
        )
    )
    values = wrap(ovops.gather(x.output, index.output, scalar_int(axis)))
    ones = ovops.broadcast(const(1, "int64"), int_const([n]))
    counts = ovops.scatter_elements_update(
        zeros, inverse.output, ones, scalar_int(0), "sum"
    )
    return values, index, inverse, wrap(counts)


def _unique_empty_slices(x, axis):
    """np.unique along `axis` of a zero-size `x` (answered statically):
    no slices, or slices that are all equal (and empty)."""
    n = x.shape[axis]
    kept = min(n, 1)
    node = ovops.slice(
        x.output,
        int_const([0]),
        int_const([kept]),
        int_const([1]),
        int_const([axis]),
    )
    return [
        wrap(node),
        from_numpy(np.zeros(kept, "int32")),
        from_numpy(np.zeros(n, "int32")),
        from_numpy(np.full(kept, n, "int32")),
    ]


def _unique_flat(x, sorted_):
    """np.unique of the flattened `x` by OpenVINO's `Unique`:
    [values, index, inverse (flat), counts] tensors.

    Float values are paired with an is-NaN flag and made unique as rows
    (NaN read as +inf): NaNs then collapse into one value sorted last, as
    in NumPy (`Unique` alone keeps every NaN and miscounts them).
    """
    flat = ovops.reshape(x.output, int_const([-1]), False)
    is_float = "float" in x.dtype
    if is_float:
        nan = ovops.is_nan(flat)
        filled = ovops.select(nan, const(np.inf, x.dtype), flat)
        flag = ovops.convert(nan, flat.get_output_element_type(0))
        flat = ovops.concat(
            [
                ovops.unsqueeze(filled, int_const([1])),
                ovops.unsqueeze(flag, int_const([1])),
            ],
            1,
        )
    # Run eagerly, the input is a constant, so Unique's output shapes are
    # known when the node is built.
    flat = wrap(flat).output
    axis = scalar_int(0) if is_float else None
    node = ovops.unique(flat, axis, bool(sorted_), "i32", "i32")
    # All four outputs at once: an eager run re-wires the node.
    parts = run_node(node)
    if is_float:
        rows = parts[0].output
        value = _axis_slice_1(rows, 0)
        flag = _axis_slice_1(rows, 1)
        restored = ovops.select(
            ovops.greater(flag, const(0, x.dtype)),
            const(np.nan, x.dtype),
            value,
        )
        parts[0] = wrap(restored)
    return parts


def _axis_slice_1(rows, column):
    """Column `column` of the 2-D output `rows`, as a 1-D output."""
    node = ovops.slice(
        rows,
        int_const([column]),
        int_const([column + 1]),
        int_const([1]),
        int_const([1]),
    )
    return ovops.squeeze(node, int_const([1])).output(0)


def unique(
    x,
    sorted=True,  # noqa: A002 - Keras's name
    return_index=False,
    return_inverse=False,
    return_counts=False,
    axis=None,
    size=None,
    fill_value=None,
):
    x = convert_to_tensor(x)
    if axis is not None:
        axis = int(axis) % x.ndim
        if x.size == 0:
            parts = _unique_empty_slices(x, axis)
        else:
            parts = list(_unique_slices(x, axis, sorted))
    elif x.size == 0:
        # OpenVINO's Unique crashes on an empty input: answer statically.
        parts = [
            from_numpy(np.zeros((0,), x.dtype)),
            from_numpy(np.zeros((0,), "int32")),
            from_numpy(np.zeros(x.shape, "int32")),
            from_numpy(np.zeros((0,), "int32")),
        ]
    else:
        parts = _unique_flat(x, sorted)
        parts[2] = wrap(
            ovops.reshape(parts[2].output, int_const(list(x.shape)), False)
        )
    if size is not None:
        size = int(size)
        values, index, inverse, counts = parts
        values = wrap(_fit(values.output, size, fill_value, axis or 0))
        index = wrap(_fit(index.output, size, 0))
        counts = wrap(_fit(counts.output, size, 0))
        parts = [values, index, inverse, counts]
    parts = [parts[0]] + [cast(p, "int32") for p in parts[1:]]
    outputs = [parts[0]]
    for flag, extra in zip(
        (return_index, return_inverse, return_counts), parts[1:], strict=True
    ):
        if flag:
            outputs.append(extra)
    return outputs[0] if len(outputs) == 1 else tuple(outputs)
