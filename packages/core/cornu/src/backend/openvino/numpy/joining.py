"""Concatenating, stacking and splitting on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes
from cornu.src.backend.openvino.numpy.promotion import promoted

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


def concatenate(xs, axis=0):
    xs = promoted(*xs)
    if axis is None:
        xs = [
            convert_to_tensor(
                wrap(ovops.reshape(x.output, int_const([-1]), False))
            )
            for x in xs
        ]
        axis = 0
    axis = normalize_axes(axis, xs[0].ndim)[0]
    return wrap(ovops.concat([x.output for x in xs], axis))


def stack(x, axis=0):
    xs = promoted(*x)
    ndim = xs[0].ndim + 1
    axis = int(axis) % ndim
    parts = [ovops.unsqueeze(t.output, int_const([axis])) for t in xs]
    return wrap(ovops.concat([p.output(0) for p in parts], axis))


def hstack(xs):
    xs = [convert_to_tensor(x) for x in xs]
    return concatenate(xs, axis=0 if xs[0].ndim == 1 else 1)


def vstack(xs):
    xs = [convert_to_tensor(x) for x in xs]
    xs = [
        wrap(ovops.reshape(x.output, int_const([1, -1]), False))
        if x.ndim < 2
        else x
        for x in xs
    ]
    return concatenate(xs, axis=0)


def append(x1, x2, axis=None):
    return concatenate([x1, x2], axis=axis)


def _split_at(x, boundaries, axis):
    """The pieces `x[edges[i]:edges[i + 1]]` along `axis`, as NumPy slices
    them (unsorted indices give empty or overlapping pieces)."""
    size = x.shape[axis]
    edges = [0, *[min(max(int(b), 0), size) for b in boundaries], size]
    pieces = []
    for start, stop in zip(edges[:-1], edges[1:], strict=True):
        stop = max(stop, start)
        node = ovops.slice(
            x.output,
            int_const([start]),
            int_const([stop]),
            int_const([1]),
            int_const([axis]),
        )
        pieces.append(wrap(node))
    return pieces


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    axis = int(axis) % x.ndim
    size = x.shape[axis]
    if isinstance(indices_or_sections, int):
        if size % indices_or_sections:
            raise ValueError(
                f"split() cannot divide axis {axis} of size {size} into "
                f"{indices_or_sections} equal parts. Use array_split, or "
                "pass split indices."
            )
        step = size // indices_or_sections
        bounds = list(range(step, size, step))[: indices_or_sections - 1]
        return _split_at(x, bounds, axis)
    return _split_at(x, list(indices_or_sections), axis)


def array_split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    axis = int(axis) % x.ndim
    if not isinstance(indices_or_sections, int):
        return _split_at(x, list(indices_or_sections), axis)
    size, n = x.shape[axis], indices_or_sections
    sizes = [size // n + (1 if i < size % n else 0) for i in range(n)]
    return _split_at(x, list(np.cumsum(sizes)[:-1]), axis)


def hsplit(x, indices_or_sections):
    x = convert_to_tensor(x)
    return split(x, indices_or_sections, axis=0 if x.ndim == 1 else 1)


def vsplit(x, indices_or_sections):
    return split(x, indices_or_sections, axis=0)
