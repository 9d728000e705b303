"""Coordinate sampling (`map_coordinates`) and the warps built on it.

Sampling follows `jax.scipy.ndimage.map_coordinates` (as Keras 3 does):
order 0 rounds half away from zero, order 1 is linear; in `"constant"`
mode each out-of-range neighbour contributes `fill_value`.

Written once against an array namespace `xp` with the NumPy names
(`numpy`, `jax.numpy`, or a backend's own numpy-API ops module); every
backend binds them with `make(...)`. What `xp` cannot spell the same way
everywhere comes in as hooks: `gather` (reading values at integer
indices: fancy indexing, `gather_nd`, a `GatherND` node), `solve` (a
batched linear solve), `normal_noise` (the elastic field's random draw)
and the dtypes of indices and transform parameters.
"""

import functools
import itertools
import operator
import types

import numpy as np

from cornu.src.backend.common import image_utils


def make(
    xp,
    convert_to_tensor,
    utils,
    gaussian_blur,
    normal_noise,
    gather=None,
    solve=None,
    index_dtype=None,
    param_dtype=None,
):
    """The sampling functions bound to `xp` and the backend's hooks.

    Args:
        xp: the array namespace.
        convert_to_tensor: the backend's `convert_to_tensor`.
        utils: the backend's image `_utils` module (`data_format`,
            `dtype_name`, `to_compute`, `cast`, `like`, `cast_back`,
            `to_nhwc`, `from_nhwc`); new tensors are made with `like`,
            so they sit where the images are.
        gaussian_blur: the backend's `gaussian_blur` (smooths the
            elastic displacement field).
        normal_noise: `normal_noise(x, seed, sigma)`: a `(B, H, W, 2)`
            standard-normal field times `sigma`, in `x.dtype`, for the
            `(B, H, W, C)` images `x`.
        gather: `gather(x, indices, batch_dims)`: the values of `x` at
            the integer arrays `indices` (one per axis after the first
            `batch_dims`, all of one shape); default: fancy indexing.
        solve: `solve(a, b)`: `x` with `a @ x == b` for `(B, n, n)` `a`
            and `(B, n)` `b`; default: `xp.linalg.solve`.
        index_dtype: the integer dtype of neighbour indices (default:
            `xp.result_type(int)`).
        param_dtype: `param_dtype(dtype_name)`: the float dtype transform
            parameters are read in, for images of that dtype (default:
            `xp.result_type(float)` whatever the images).
    """
    if index_dtype is None:
        index_dtype = xp.result_type(int)
    if param_dtype is None:
        default_float = xp.result_type(float)

        def param_dtype(_):
            return default_float

    if gather is None:

        def gather(x, indices, batch_dims):
            if not batch_dims:
                return x[tuple(indices)]
            shape = (-1,) + (1,) * (indices[0].ndim - 1)
            batch = xp.reshape(xp.arange(x.shape[0]), shape)
            return x[(batch, *indices)]

    if solve is None:

        def solve(a, b):
            return xp.linalg.solve(a, b[..., None])[..., 0]

    def _mirror(index, size):
        if size == 1:
            return xp.zeros_like(index)
        s = size - 1
        return xp.absolute(xp.mod(index + s, 2 * s) - s)

    def _fix_index(index, size, mode):
        if mode == "wrap":
            return xp.mod(index, size)
        if mode == "mirror":
            return _mirror(index, size)
        if mode == "reflect":
            return xp.floor_divide(_mirror(2 * index + 1, 2 * size + 1) - 1, 2)
        # "nearest", and "constant" (whose outside points are masked).
        return xp.clip(index, 0, size - 1)

    def _nodes(coord, order):
        """(integer index, weight or None) of each neighbour."""
        if order == 0:
            index = xp.sign(coord) * xp.floor(xp.absolute(coord) + 0.5)
            return [(utils.cast(index, index_dtype), None)]
        lower = xp.floor(coord)
        frac = coord - lower
        lower = utils.cast(lower, index_dtype)
        return [(lower, 1.0 - frac), (lower + 1, frac)]

    def _interpolate(x, coords, order, mode, cval, batch_dims):
        """Sum over the 2**n (or 1) neighbours of each sample point of
        `x` at the float `coords` (one array per axis after the first
        `batch_dims`); trailing axes of `x` are carried along."""
        sizes = x.shape[batch_dims : batch_dims + len(coords)]
        trailing = x.ndim - batch_dims - len(coords)

        def expand(w):
            for _ in range(trailing):
                w = xp.expand_dims(w, -1)
            return w

        per_axis = []
        for coord, size in zip(coords, sizes, strict=True):
            options = []
            for index, weight in _nodes(coord, order):
                valid = None
                if mode == "constant":
                    valid = xp.logical_and(
                        xp.greater_equal(index, 0), xp.less(index, size)
                    )
                options.append((_fix_index(index, size, mode), valid, weight))
            per_axis.append(options)
        total = None
        for combo in itertools.product(*per_axis):
            values = gather(x, [c[0] for c in combo], batch_dims)
            masks = [c[1] for c in combo if c[1] is not None]
            if masks:
                mask = functools.reduce(xp.logical_and, masks)
                values = xp.where(expand(mask), values, cval)
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
        dtype = utils.dtype_name(inputs)
        x = utils.to_compute(inputs)
        coords = utils.like(x, convert_to_tensor(coordinates))
        out = _interpolate(
            x,
            [coords[i] for i in range(coords.shape[0])],
            order,
            fill_mode,
            float(fill_value),
            batch_dims=0,
        )
        return utils.cast_back(out, dtype)

    def _sample(x, src_y, src_x, interpolation, fill_mode, fill_value):
        """Samples (B, H, W, C) images at per-batch float rows/cols
        (B, h, w) -> (B, h, w, C)."""
        return _interpolate(
            x,
            [src_y, src_x],
            image_utils.INTERPOLATION_ORDERS[interpolation],
            fill_mode,
            float(fill_value),
            batch_dims=1,
        )

    def _pixel_grid(x):
        """(rows, cols) of every pixel of the (B, H, W, C) `x`, each a
        constant (H, W) tensor like `x`."""
        height, width = x.shape[1:3]
        grid = np.meshgrid(np.arange(height), np.arange(width), indexing="ij")
        return [utils.like(x, g) for g in grid]

    def _warp(
        images, transforms, interpolation, fill_mode, fill_value, data_format
    ):
        """Samples each output pixel (x, y) at the projective map
        `transforms` (B, 8) of it, in the Keras 3 convention."""
        dtype = utils.dtype_name(images)
        fmt = utils.data_format(data_format)
        x, unbatched = utils.to_nhwc(utils.to_compute(images), fmt)
        t = utils.like(x, transforms)
        yy, xx = _pixel_grid(x)
        col = [xp.reshape(t[:, i], (-1, 1, 1)) for i in range(8)]
        k = col[6] * xx + col[7] * yy + 1.0
        src_x = (col[0] * xx + col[1] * yy + col[2]) / k
        src_y = (col[3] * xx + col[4] * yy + col[5]) / k
        if t.shape[0] == 1 and x.shape[0] != 1:
            # One transform for the whole batch: broadcast its map.
            zero = xp.zeros_like(x[..., 0])
            src_x, src_y = src_x + zero, src_y + zero
        out = _sample(x, src_y, src_x, interpolation, fill_mode, fill_value)
        return utils.cast_back(utils.from_nhwc(out, fmt, unbatched), dtype)

    def affine_transform(
        images,
        transform,
        interpolation="bilinear",
        fill_mode="constant",
        fill_value=0,
        data_format=None,
    ):
        images = convert_to_tensor(images)
        dtype = param_dtype(utils.dtype_name(images))
        transform = utils.cast(convert_to_tensor(transform), dtype)
        if transform.ndim == 1:
            transform = xp.expand_dims(transform, 0)
        return _warp(
            images,
            transform,
            interpolation,
            fill_mode,
            fill_value,
            data_format,
        )

    def _homography(start, end):
        """(B, 8) maps taking each end point (output) to its start point."""
        rows, rhs = [], []
        zeros = xp.zeros_like(start[:, 0, 0])
        ones = xp.ones_like(zeros)
        for i in range(4):
            sx, sy = start[:, i, 0], start[:, i, 1]
            ex, ey = end[:, i, 0], end[:, i, 1]
            rows.append([ex, ey, ones, zeros, zeros, zeros, -sx * ex, -sx * ey])
            rows.append([zeros, zeros, zeros, ex, ey, ones, -sy * ex, -sy * ey])
            rhs += [sx, sy]
        a = xp.stack([xp.stack(r, axis=-1) for r in rows], axis=1)
        return solve(a, xp.stack(rhs, axis=-1))

    def perspective_transform(
        images,
        start_points,
        end_points,
        interpolation="bilinear",
        fill_value=0,
        data_format=None,
    ):
        images = convert_to_tensor(images)
        dtype = param_dtype(utils.dtype_name(images))
        start = utils.cast(convert_to_tensor(start_points), dtype)
        end = utils.like(start, convert_to_tensor(end_points))
        if start.ndim == 2:
            start, end = xp.expand_dims(start, 0), xp.expand_dims(end, 0)
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
        dtype = utils.dtype_name(images)
        fmt = utils.data_format(data_format)
        x, unbatched = utils.to_nhwc(utils.to_compute(images), fmt)
        size = image_utils.elastic_kernel_size(sigma)
        noise = gaussian_blur(
            normal_noise(x, seed, sigma),
            (size, size),
            (sigma, sigma),
            "channels_last",
        )
        yy, xx = _pixel_grid(x)
        src_x = xx + float(alpha) * noise[..., 0]
        src_y = yy + float(alpha) * noise[..., 1]
        out = _sample(x, src_y, src_x, interpolation, fill_mode, fill_value)
        return utils.cast_back(utils.from_nhwc(out, fmt, unbatched), dtype)

    return types.SimpleNamespace(
        map_coordinates=map_coordinates,
        affine_transform=affine_transform,
        perspective_transform=perspective_transform,
        elastic_transform=elastic_transform,
    )
