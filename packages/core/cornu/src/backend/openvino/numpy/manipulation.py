"""Reshaping, transposing and padding on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import ov_type
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes

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


def _shape_list(shape):
    if isinstance(shape, int) or np.ndim(shape) == 0:
        return [int(shape)]
    return [-1 if s is None else int(s) for s in shape]


def reshape(x, newshape):
    x = convert_to_tensor(x)
    return wrap(
        ovops.reshape(x.output, int_const(_shape_list(newshape)), False)
    )


def ravel(x):
    return reshape(x, [-1])


def transpose(x, axes=None):
    x = convert_to_tensor(x)
    if axes is None:
        axes = list(range(x.ndim))[::-1]
    axes = [int(a) % max(x.ndim, 1) for a in axes]
    return wrap(ovops.transpose(x.output, int_const(axes)))


def expand_dims(x, axis):
    x = convert_to_tensor(x)
    axes = axis if isinstance(axis, (list, tuple)) else [axis]
    out_ndim = x.ndim + len(axes)
    axes = sorted(int(a) % out_ndim for a in axes)
    return wrap(ovops.unsqueeze(x.output, int_const(axes)))


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        axes = [i for i, d in enumerate(x.shape) if d == 1]
    else:
        axes = normalize_axes(axis, x.ndim)
        for a in axes:
            if x.shape[a] != 1:
                raise ValueError(
                    f"Cannot squeeze axis {a} of a tensor of shape "
                    f"{x.shape}: its size is not 1."
                )
    if not axes:
        return x
    return wrap(ovops.squeeze(x.output, int_const(axes)))


def swapaxes(x, axis1, axis2):
    x = convert_to_tensor(x)
    axes = list(range(x.ndim))
    a, b = int(axis1) % x.ndim, int(axis2) % x.ndim
    axes[a], axes[b] = axes[b], axes[a]
    return transpose(x, axes)


def moveaxis(x, source, destination):
    x = convert_to_tensor(x)
    source = (
        [int(s) % x.ndim for s in source]
        if isinstance(source, (list, tuple))
        else [int(source) % x.ndim]
    )
    destination = (
        [int(d) % x.ndim for d in destination]
        if isinstance(destination, (list, tuple))
        else [int(destination) % x.ndim]
    )
    order = [a for a in range(x.ndim) if a not in source]
    for dest, src in sorted(zip(destination, source, strict=True)):
        order.insert(dest, src)
    return transpose(x, order)


def broadcast_to(x, shape):
    x = convert_to_tensor(x)
    return wrap(ovops.broadcast(x.output, int_const(_shape_list(shape))))


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    widths = np.asarray(pad_width, dtype=np.int64)
    widths = np.broadcast_to(
        widths.reshape(-1, 2) if widths.size > 1 else widths.reshape(1, 1),
        (x.ndim, 2),
    )
    mode = "wrap" if mode == "circular" else mode
    mode = "constant" if mode == "empty" else mode  # any values will do
    modes = ("constant", "reflect", "symmetric", "edge")
    if mode not in modes:
        # Padded one axis after the other, as NumPy does (the corners
        # come from the already padded axes).
        data = x.output
        for axis, (left, right) in enumerate(widths):
            if left or right:
                data = _pad_axis(
                    data, axis, int(left), int(right), mode, x.dtype
                )
        return wrap(data)
    value = None
    if mode == "constant":
        value = const(
            0 if constant_values is None else constant_values, x.dtype
        )
    if mode in ("reflect", "symmetric"):
        return _mirror_pad(x, widths, mode)
    node = ovops.pad(
        x.output,
        int_const(widths[:, 0]),
        int_const(widths[:, 1]),
        mode,
        value,
    )
    return wrap(node)


def _mirror_pad(x, widths, mode):
    """Reflect or symmetric padding; widths beyond what one mirror image
    covers are padded in rounds (as NumPy does), each round mirroring at
    most the original size (less one for "reflect")."""
    data = x.output
    for axis, (left, right) in enumerate(widths):
        size = x.shape[axis]
        left, right = int(left), int(right)
        if size is None:  # a dynamic axis: one round (OpenVINO checks it)
            size = max(left, right) + 1 + (mode == "reflect")
        if mode == "reflect" and size == 1:
            mode_here, limit = "edge", max(left, right)
        else:
            mode_here, limit = mode, size - (mode == "reflect")
        while left > 0 or right > 0:
            step_left, step_right = min(left, limit), min(right, limit)
            begin = [0] * x.ndim
            end = [0] * x.ndim
            begin[axis], end[axis] = step_left, step_right
            data = ovops.pad(
                data, int_const(begin), int_const(end), mode_here
            ).output(0)
            left, right = left - step_left, right - step_right
    return wrap(data)


def _axis_slice(data, axis, start, stop):
    node = ovops.slice(
        data,
        int_const([start]),
        int_const([stop]),
        int_const([1]),
        int_const([axis]),
    )
    return node.output(0)


def _statistic(data, axis, mode, dtype, size):
    """max/min/mean/median of `data` along `axis` (kept, size 1); integer
    means and medians rounded half to even, as NumPy's pad does."""
    axes = int_const([axis])
    if mode == "maximum":
        return ovops.reduce_max(data, axes, True).output(0)
    if mode == "minimum":
        return ovops.reduce_min(data, axes, True).output(0)
    compute = "float64" if dtype in ("float64", "int64") else "float32"
    values = ovops.convert(data, ov_type(compute))
    if mode == "mean":
        out = ovops.reduce_mean(values, axes, True)
    else:
        ordered = ovops.topk(
            values,
            ovops.constant(np.int64(size)),
            axis,
            "min",
            "value",
            "i32",
            True,
        ).output(0)
        low = _axis_slice(ordered, axis, (size - 1) // 2, (size - 1) // 2 + 1)
        high = _axis_slice(ordered, axis, size // 2, size // 2 + 1)
        out = ovops.multiply(ovops.add(low, high), const(0.5, compute))
    if "int" in dtype:
        out = ovops.round(out, "half_to_even")
    return ovops.convert(out, ov_type(dtype)).output(0)


def _ramp(edge, axis, width, dtype, toward_edge):
    """NumPy's linear ramp from 0 to `edge` (excluded) over `width`
    items along `axis` (integers floored), reversed unless
    `toward_edge`."""
    compute = "float64" if dtype in ("float64", "int64") else "float32"
    edge = ovops.convert(edge, ov_type(compute))
    shape = [1] * len(edge.get_output_partial_shape(0))
    shape[axis] = width
    steps = np.arange(width) if toward_edge else np.arange(width)[::-1]
    steps = const(steps.reshape(shape), compute)
    # edge * i / width: exact where the value is an integer.
    out = ovops.divide(ovops.multiply(edge, steps), const(width, compute))
    if "int" in dtype:
        out = ovops.floor(out)
    return ovops.convert(out, ov_type(dtype)).output(0)


def _pad_axis(data, axis, left, right, mode, dtype):
    """`data` padded by `left` and `right` items along `axis` in `mode`
    ("wrap", "maximum", "minimum", "mean", "median" or "linear_ramp")."""
    dim = data.get_partial_shape()[axis]
    if dim.is_dynamic:
        raise ValueError(
            f"pad with mode={mode!r} on the openvino backend needs a static "
            f"size along each padded axis; axis {axis} is dynamic. Give the "
            "model a fixed size there, or pad that axis with another mode."
        )
    size = dim.get_length()
    if mode == "wrap":
        index = np.arange(-left, size + right) % size
        return ovops.gather(data, int_const(index), np.int64(axis)).output(0)
    target = ovops.shape_of(data)
    parts = []
    for width, at_front in ((left, True), (right, False)):
        if not width:
            parts.append(None)
            continue
        shape = ovops.scatter_update(
            target, int_const([axis]), int_const([width]), int_const(0)
        )
        if mode == "linear_ramp":
            edge_at = 0 if at_front else size - 1
            edge = _axis_slice(data, axis, edge_at, edge_at + 1)
            piece = _ramp(edge, axis, width, dtype, at_front)
        else:
            piece = _statistic(data, axis, mode, dtype, size)
        parts.append(ovops.broadcast(piece, shape).output(0))
    pieces = [p for p in (parts[0], data, parts[1]) if p is not None]
    return ovops.concat(pieces, axis).output(0)
