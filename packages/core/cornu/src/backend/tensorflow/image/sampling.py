"""Coordinate sampling (`map_coordinates`) and the warps built on it,
on the TensorFlow backend.

Sampling follows `jax.scipy.ndimage.map_coordinates` (as Keras 3 does):
order 0 rounds half away from zero, order 1 is linear; in `"constant"`
mode each out-of-range neighbour contributes `fill_value`. Neighbours
are read with `tf.gather_nd`.
"""

import functools
import itertools
import operator

import numpy as np
import tensorflow as tf

from cornu.src.backend.common import image_utils
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils
from cornu.src.backend.tensorflow.image import filters
from cornu.src.backend.tensorflow.nn.activations import scalar

__all__ = [
    "map_coordinates",
    "affine_transform",
    "perspective_transform",
    "elastic_transform",
]


def _mirror(index, size):
    if size == 1:
        return tf.zeros_like(index)
    s = size - 1
    return tf.abs((index + s) % (2 * s) - s)


def _fix_index(index, size, mode):
    if mode == "wrap":
        return index % size
    if mode == "mirror":
        return _mirror(index, size)
    if mode == "reflect":
        return (_mirror(2 * index + 1, 2 * size + 1) - 1) // 2
    # "nearest", and "constant" (whose outside points are masked).
    return tf.clip_by_value(index, 0, size - 1)


def _nodes(coord, order):
    if order == 0:
        index = tf.sign(coord) * tf.floor(tf.abs(coord) + 0.5)
        return [(tf.cast(index, tf.int64), None)]
    lower = tf.floor(coord)
    frac = coord - lower
    lower = tf.cast(lower, tf.int64)
    return [(lower, 1.0 - frac), (lower + 1, frac)]


def _interpolate(gather, coords, sizes, order, mode, cval, expand):
    """Sum over the 2**n (or 1) neighbours of each sample point.

    `gather(indices)` returns the values at integer `indices` (one
    tensor per interpolated axis); `expand` broadcasts a weight or mask
    against those values.
    """
    per_axis = []
    for coord, size in zip(coords, sizes, strict=True):
        options = []
        for index, weight in _nodes(coord, order):
            valid = None
            if mode == "constant":
                valid = tf.logical_and(index >= 0, index < size)
            options.append((_fix_index(index, size, mode), valid, weight))
        per_axis.append(options)
    total = None
    for combo in itertools.product(*per_axis):
        values = gather(tuple(c[0] for c in combo))
        masks = [c[1] for c in combo if c[1] is not None]
        if masks:
            mask = functools.reduce(tf.logical_and, masks)
            values = tf.where(expand(mask), values, cval)
        weights = [c[2] for c in combo if c[2] is not None]
        if weights:
            weight = functools.reduce(operator.mul, weights)
            values = expand(weight) * values
        total = values if total is None else total + values
    return total


def map_coordinates(
    inputs, coordinates, order, fill_mode="constant", fill_value=0
):
    inputs = convert_to_tensor(inputs)
    dtype = _utils.dtype_name(inputs)
    x = _utils.to_compute(inputs)
    coords = tf.cast(convert_to_tensor(coordinates), x.dtype)
    out = _interpolate(
        lambda idx: tf.gather_nd(x, tf.stack(idx, axis=-1)),
        tf.unstack(coords, len(x.shape)),
        tuple(x.shape),
        order,
        fill_mode,
        scalar(fill_value, x.dtype),
        lambda w: w,
    )
    return _utils.cast_back(out, dtype)


def _sample_nhwc(images, ys, xs, order, mode, cval):
    """Samples (B, H, W, C) images at per-batch float rows/cols
    (B, h, w) -> (B, h, w, C)."""
    batch = tf.range(tf.shape(images, out_type=tf.int64)[0])
    batch = tf.broadcast_to(
        batch[:, None, None], tf.shape(ys, out_type=tf.int64)
    )

    def gather(idx):
        return tf.gather_nd(images, tf.stack([batch, *idx], axis=-1))

    return _interpolate(
        gather,
        [ys, xs],
        tuple(images.shape[1:3]),
        order,
        mode,
        scalar(cval, images.dtype),
        lambda w: w[..., None],
    )


def _warp(
    images, transforms, interpolation, fill_mode, fill_value, data_format
):
    """Samples each output pixel (x, y) at the projective map
    `transforms` (B, 8) of it, in the Keras 3 convention."""
    dtype = _utils.dtype_name(images)
    fmt = _utils.data_format(data_format)
    x, unbatched = _utils.to_nhwc(_utils.to_compute(images), fmt)
    t = tf.cast(transforms, x.dtype)
    if t.shape[0] == 1 and x.shape[0] != 1:
        t = tf.repeat(t, tf.shape(x)[0], axis=0)
    height, width = x.shape[1:3]
    yy, xx = tf.meshgrid(
        tf.range(height, dtype=x.dtype),
        tf.range(width, dtype=x.dtype),
        indexing="ij",
    )
    col = [tf.reshape(t[:, i], (-1, 1, 1)) for i in range(8)]
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
    transform = tf.cast(convert_to_tensor(transform), tf.float64)
    if len(transform.shape) == 1:
        transform = transform[None]
    return _warp(
        images, transform, interpolation, fill_mode, fill_value, data_format
    )


def _homography(start, end):
    """(B, 8) maps taking each end point (output) to its start point."""
    rows, rhs = [], []
    zeros = tf.zeros_like(start[:, 0, 0])
    ones = tf.ones_like(start[:, 0, 0])
    for i in range(4):
        sx, sy = start[:, i, 0], start[:, i, 1]
        ex, ey = end[:, i, 0], end[:, i, 1]
        rows.append([ex, ey, ones, zeros, zeros, zeros, -sx * ex, -sx * ey])
        rows.append([zeros, zeros, zeros, ex, ey, ones, -sy * ex, -sy * ey])
        rhs += [sx, sy]
    a = tf.stack([tf.stack(r, axis=-1) for r in rows], axis=1)
    b = tf.stack(rhs, axis=-1)[..., None]
    return tf.linalg.solve(a, b)[..., 0]


def perspective_transform(
    images,
    start_points,
    end_points,
    interpolation="bilinear",
    fill_value=0,
    data_format=None,
):
    images = convert_to_tensor(images)
    start = tf.cast(convert_to_tensor(start_points), tf.float64)
    end = tf.cast(convert_to_tensor(end_points), tf.float64)
    if len(start.shape) == 2:
        start, end = start[None], end[None]
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
    if seed is None:
        # An unseeded call draws a fresh field each time.
        seed = int(np.random.default_rng().integers(2**31 - 1))
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    fmt = _utils.data_format(data_format)
    x, unbatched = _utils.to_nhwc(_utils.to_compute(images), fmt)
    shape = tf.concat([tf.shape(x)[:3], [2]], axis=0)
    noise = tf.random.stateless_normal(
        shape, tf.constant([int(seed), 0], tf.int64), dtype=x.dtype
    )
    noise = noise * scalar(sigma, x.dtype)
    size = image_utils.elastic_kernel_size(sigma)
    noise = filters.gaussian_blur(
        noise, (size, size), (sigma, sigma), "channels_last"
    )
    height, width = x.shape[1:3]
    yy, xx = tf.meshgrid(
        tf.range(height, dtype=x.dtype),
        tf.range(width, dtype=x.dtype),
        indexing="ij",
    )
    alpha = scalar(alpha, x.dtype)
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
