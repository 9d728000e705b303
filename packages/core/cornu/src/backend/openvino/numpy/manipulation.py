"""Reshaping, transposing and padding on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.openvino.core import convert_to_tensor
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
    modes = {
        "constant": "constant",
        "reflect": "reflect",
        "symmetric": "symmetric",
        "edge": "edge",
    }
    if mode not in modes:
        raise unsupported(
            "openvino",
            "numpy.pad",
            f"mode={mode!r} is not implemented yet in cornu's openvino "
            f"backend (it has {sorted(modes)}). Use the numpy, jax, torch "
            "or tensorflow backend for this mode.",
        )
    value = None
    if mode == "constant":
        value = const(
            0 if constant_values is None else constant_values, x.dtype
        )
    node = ovops.pad(
        x.output,
        int_const(widths[:, 0]),
        int_const(widths[:, 1]),
        modes[mode],
        value,
    )
    return wrap(node)
