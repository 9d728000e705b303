"""Coordinate sampling (`map_coordinates`) and the warps built on it,
on the OpenVINO backend.

Sampling follows `jax.scipy.ndimage.map_coordinates` (as Keras 3 does,
and as `common/array_api/image_sampling.py` does for NumPy and JAX):
order 0 rounds half away from zero, order 1 is linear; in `"constant"`
mode each out-of-range neighbour contributes `fill_value`. Each
neighbour is one `GatherND` node; index arithmetic and weights are
elementwise nodes, so the warps run inside `predict` too.
"""

import functools
import itertools
import operator

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import image_utils
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.image import _utils
from cornu.src.backend.openvino.image import filters

__all__ = [
    "map_coordinates",
    "affine_transform",
    "perspective_transform",
    "elastic_transform",
]

_INDEX = "int32"


def _mirror(index, size):
    if size == 1:
        return xnp.zeros_like(index)
    s = size - 1
    return xnp.absolute(xnp.mod(index + s, 2 * s) - s)


def _fix_index(index, size, mode):
    if mode == "wrap":
        return xnp.mod(index, size)
    if mode == "mirror":
        return _mirror(index, size)
    if mode == "reflect":
        return xnp.floor_divide(_mirror(2 * index + 1, 2 * size + 1) - 1, 2)
    return xnp.clip(index, 0, size - 1)  # nearest; constant: masked later


def _nodes(coord, order):
    """(integer index, weight or None) of each neighbour along an axis."""
    if order == 0:
        index = xnp.sign(coord) * xnp.floor(xnp.absolute(coord) + 0.5)
        return [(cast(index, _INDEX), None)]
    lower = xnp.floor(coord)
    frac = coord - lower
    lower = cast(lower, _INDEX)
    return [(lower, 1.0 - frac), (lower + 1, frac)]


def _interpolate(gather, coords, sizes, order, mode, cval, expand):
    """Sum over the 2**n (or 1) neighbours of each sample point.

    `gather(indices)` returns the values at the integer `indices` (one
    tensor per interpolated axis); `expand` broadcasts a weight or mask
    against those values.
    """
    per_axis = []
    for coord, size in zip(coords, sizes, strict=True):
        options = []
        for index, weight in _nodes(coord, order):
            valid = None
            if mode == "constant":
                valid = xnp.logical_and(
                    xnp.greater_equal(index, 0), xnp.less(index, size)
                )
            options.append((_fix_index(index, size, mode), valid, weight))
        per_axis.append(options)
    total = None
    for combo in itertools.product(*per_axis):
        values = gather([c[0] for c in combo])
        masks = [c[1] for c in combo if c[1] is not None]
        if masks:
            mask = functools.reduce(xnp.logical_and, masks)
            values = xnp.where(expand(mask), values, cval)
        weights = [c[2] for c in combo if c[2] is not None]
        if weights:
            values = expand(functools.reduce(operator.mul, weights)) * values
        total = values if total is None else total + values
    return total


def _gather_nd(data, indices, batch_dims=0):
    index = xnp.stack(indices, axis=-1)
    return wrap(ovops.gather_nd(data.output, index.output, batch_dims))


def map_coordinates(
    inputs, coordinates, order, fill_mode="constant", fill_value=0
):
    inputs = convert_to_tensor(inputs)
    dtype = _utils.dtype_name(inputs)
    x = _utils.to_compute(inputs)
    coords = cast(convert_to_tensor(coordinates), x.dtype)
    out = _interpolate(
        lambda idx: _gather_nd(x, idx),
        [coords[i] for i in range(coords.shape[0])],
        x.shape,
        order,
        fill_mode,
        float(fill_value),
        lambda w: w,
    )
    return _utils.cast_back(out, dtype)


def _sample_nhwc(images, ys, xs, order, mode, cval):
    """Samples (B, H, W, C) images at per-batch float rows/cols
    (B, h, w) -> (B, h, w, C)."""
    return _interpolate(
        lambda idx: _gather_nd(images, idx, batch_dims=1),
        [ys, xs],
        images.shape[1:3],
        order,
        mode,
        float(cval),
        lambda w: xnp.expand_dims(w, -1),
    )


def _pixel_grid(height, width, dtype):
    """(rows, cols) of every pixel, as two constant (H, W) tensors."""
    yy, xx = np.meshgrid(
        np.arange(height, dtype=dtype),
        np.arange(width, dtype=dtype),
        indexing="ij",
    )
    return convert_to_tensor(yy), convert_to_tensor(xx)


def _warp(
    images, transforms, interpolation, fill_mode, fill_value, data_format
):
    """Samples each output pixel (x, y) at the projective map
    `transforms` (B, 8) of it, in the Keras 3 convention."""
    dtype = _utils.dtype_name(images)
    fmt = _utils.data_format(data_format)
    x, unbatched = _utils.to_nhwc(_utils.to_compute(images), fmt)
    t = cast(transforms, x.dtype)
    if t.shape[0] == 1 and x.shape[0] > 1:
        t = xnp.repeat(t, x.shape[0], axis=0)
    height, width = x.shape[1:3]
    yy, xx = _pixel_grid(height, width, x.dtype)
    col = [xnp.reshape(t[:, i], (-1, 1, 1)) for i in range(8)]
    k = col[6] * xx + col[7] * yy + 1.0
    src_x = (col[0] * xx + col[1] * yy + col[2]) / k
    src_y = (col[3] * xx + col[4] * yy + col[5]) / k
    out = _sample_nhwc(
        x,
        src_y,
        src_x,
        image_utils.INTERPOLATION_ORDERS[interpolation],
        fill_mode,
        fill_value,
    )
    return _utils.cast_back(_utils.from_nhwc(out, fmt, unbatched), dtype)


def affine_transform(
    images,
    transform,
    interpolation="bilinear",
    fill_mode="constant",
    fill_value=0,
    data_format=None,
):
    images = convert_to_tensor(images)
    transform = convert_to_tensor(transform)
    if transform.ndim == 1:
        transform = xnp.expand_dims(transform, 0)
    return _warp(
        images, transform, interpolation, fill_mode, fill_value, data_format
    )


def _homography(start, end):
    """(B, 8) maps taking each end point (output) to its start point."""
    from cornu.src.backend.openvino import linalg

    rows, rhs = [], []
    zeros = xnp.zeros_like(start[:, 0, 0])
    ones = xnp.ones_like(zeros)
    for i in range(4):
        sx, sy = start[:, i, 0], start[:, i, 1]
        ex, ey = end[:, i, 0], end[:, i, 1]
        rows.append([ex, ey, ones, zeros, zeros, zeros, -sx * ex, -sx * ey])
        rows.append([zeros, zeros, zeros, ex, ey, ones, -sy * ex, -sy * ey])
        rhs += [sx, sy]
    a = xnp.stack([xnp.stack(r, axis=-1) for r in rows], axis=1)
    b = xnp.stack(rhs, axis=-1)
    return linalg.solve(a, b)


def perspective_transform(
    images,
    start_points,
    end_points,
    interpolation="bilinear",
    fill_value=0,
    data_format=None,
):
    images = convert_to_tensor(images)
    float_dtype = image_utils.compute_dtype(images.dtype)
    start = cast(convert_to_tensor(start_points), float_dtype)
    end = cast(convert_to_tensor(end_points), float_dtype)
    if start.ndim == 2:
        start, end = xnp.expand_dims(start, 0), xnp.expand_dims(end, 0)
    return _warp(
        images,
        _homography(start, end),
        interpolation,
        "constant",
        fill_value,
        data_format,
    )


def elastic_transform(
    images,
    alpha=20.0,
    sigma=5.0,
    interpolation="bilinear",
    fill_mode="reflect",
    fill_value=0.0,
    seed=None,
    data_format=None,
):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    fmt = _utils.data_format(data_format)
    x, unbatched = _utils.to_nhwc(_utils.to_compute(images), fmt)
    batch, height, width = x.shape[:3]
    # Like this backend's `random` ops: the field is drawn on the host
    # with NumPy (the same numbers as the numpy backend for one seed)
    # and enters the graph as a constant.
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((batch, height, width, 2)) * float(sigma)
    size = image_utils.elastic_kernel_size(sigma)
    noise = filters.gaussian_blur(
        noise.astype(x.dtype),
        (size, size),
        (float(sigma), float(sigma)),
        "channels_last",
    )
    yy, xx = _pixel_grid(height, width, x.dtype)
    alpha = float(alpha)
    src_x = xx + alpha * noise[..., 0]
    src_y = yy + alpha * noise[..., 1]
    out = _sample_nhwc(
        x,
        src_y,
        src_x,
        image_utils.INTERPOLATION_ORDERS[interpolation],
        fill_mode,
        fill_value,
    )
    return _utils.cast_back(_utils.from_nhwc(out, fmt, unbatched), dtype)
