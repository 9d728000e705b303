"""Cropping, padding and patch extraction / reconstruction.

The public ops resolve every size and offset; these functions only
slice, pad, gather and add back. Written once against an array
namespace `xp` with the NumPy names (`numpy`, `jax.numpy`, or a
backend's own numpy-API ops module); every backend binds them with
`make(...)`. Adding the patches back where they overlap is the one
backend-specific step: one slice add per tap through an `add_at` hook
(in place by default), or one scatter-add through a `scatter_add` hook.
"""

import types

import numpy as np

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common import image_utils


def make(xp, convert_to_tensor, utils, add_at=None, scatter_add=None):
    """The patch functions bound to `xp` and the backend's hooks.

    Args:
        xp: the array namespace.
        convert_to_tensor: the backend's `convert_to_tensor`.
        utils: the backend's image `_utils` module (`data_format`,
            `dtype_name`, `to_compute`, `like`, `cast_back`).
        add_at: `add_at(out, index, values)`: `out` with `values` added
            at the basic index `index` (default: in place, `+=`).
        scatter_add: `scatter_add(updates, indices, padded)`: zeros of
            shape `(*padded, B, C)` plus each `updates[t, *cell]`
            (`(B, C)`) added at `indices[t, *cell]` (a NumPy int64 array
            of `n` coordinates). When given, patches are added back with
            it instead of `add_at`.
    """
    if add_at is None:

        def add_at(out, index, values):
            out[index] += values
            return out

    def _overlap_add(p, size, strides, dilation, grid, padded):
        """`(B, *padded, C)`: every tap of the patches `p`
        `(B, *grid, taps * C)` added back at its place."""
        taps = image_utils.prod(size)
        channels = p.shape[-1] // taps
        if scatter_add is None:
            out = utils.like(p, np.zeros((p.shape[0], *padded, channels)))
            slices = image_utils.tap_slices(size, strides, dilation, grid)
            for t, index in enumerate(slices):
                values = p[..., t * channels : (t + 1) * channels]
                out = add_at(out, (slice(None), *index), values)
            return out
        n = len(size)
        batch = -1 if p.shape[0] is None else p.shape[0]
        # (B, *grid, taps * C) -> (taps, *grid, B, C): scatter rows first.
        p = xp.reshape(p, (batch, *grid, taps, channels))
        p = xp.transpose(p, (n + 1, *range(1, n + 1), 0, n + 2))
        indices = image_utils.tap_positions(size, strides, dilation, grid)
        out = scatter_add(p, indices, padded)
        return xp.transpose(out, (n, *range(n), n + 1))

    def _spatial(x, data_format, h_value, w_value, other):
        """One entry per axis of `x`: `h_value` / `w_value` on the
        height / width axes, `other` elsewhere."""
        fmt = utils.data_format(data_format)
        h_axis, w_axis = image_utils.spatial_axes(x.ndim, fmt)
        values = [other] * x.ndim
        values[h_axis], values[w_axis] = h_value, w_value
        return values

    def crop_images(
        images,
        top_cropping,
        left_cropping,
        target_height,
        target_width,
        data_format=None,
    ):
        images = convert_to_tensor(images)
        index = _spatial(
            images,
            data_format,
            slice(top_cropping, top_cropping + target_height),
            slice(left_cropping, left_cropping + target_width),
            slice(None),
        )
        return images[tuple(index)]

    def pad_images(
        images,
        top_padding,
        left_padding,
        bottom_padding,
        right_padding,
        data_format=None,
    ):
        images = convert_to_tensor(images)
        pad = _spatial(
            images,
            data_format,
            (top_padding, bottom_padding),
            (left_padding, right_padding),
            (0, 0),
        )
        return xp.pad(images, pad)

    def _setup(x, size, strides, dilation_rate, data_format):
        """(batched channels-last x, fmt, strides, dilation, unbatched)."""
        fmt = utils.data_format(data_format)
        n = len(size)
        strides = conv_utils.to_tuple(size if strides is None else strides, n)
        dilation = conv_utils.to_tuple(dilation_rate, n)
        unbatched = x.ndim == n + 1
        if unbatched:
            x = xp.expand_dims(x, 0)
        if fmt == "channels_first":
            x = xp.moveaxis(x, 1, -1)
        return x, fmt, strides, dilation, unbatched

    def _finish(x, fmt, unbatched):
        if fmt == "channels_first":
            x = xp.moveaxis(x, -1, 1)
        return x[0] if unbatched else x

    def extract_patches(
        images,
        size,
        strides=None,
        dilation_rate=1,
        padding="valid",
        data_format=None,
    ):
        images = convert_to_tensor(images)
        x, fmt, strides, dilation, unbatched = _setup(
            images, size, strides, dilation_rate, data_format
        )
        pads, outs = image_utils.patch_geometry(
            tuple(x.shape[1:-1]), size, strides, dilation, padding
        )
        if any(a or b for a, b in pads):
            x = xp.pad(x, [(0, 0), *pads, (0, 0)])
        taps = image_utils.tap_slices(size, strides, dilation, tuple(outs))
        out = xp.stack([x[(slice(None), *t)] for t in taps], axis=-2)
        out = xp.reshape(out, (-1, *outs, len(taps) * x.shape[-1]))
        return _finish(out, fmt, unbatched)

    def extract_patches_3d(
        volumes,
        size,
        strides=None,
        dilation_rate=1,
        padding="valid",
        data_format=None,
    ):
        return extract_patches(
            volumes, size, strides, dilation_rate, padding, data_format
        )

    def reconstruct_patches(
        patches,
        size,
        output_size,
        strides=None,
        padding="valid",
        data_format=None,
        reduction="mean",
        dilation_rate=1,
    ):
        patches = convert_to_tensor(patches)
        dtype = utils.dtype_name(patches)
        output_size = tuple(int(m) for m in output_size)
        p, fmt, strides, dilation, unbatched = _setup(
            utils.to_compute(patches),
            size,
            strides,
            dilation_rate,
            data_format,
        )
        pads, grid = image_utils.patch_geometry(
            output_size, size, strides, dilation, padding
        )
        padded = tuple(
            m + a + b for m, (a, b) in zip(output_size, pads, strict=True)
        )
        out = _overlap_add(p, size, strides, dilation, tuple(grid), padded)
        crop = tuple(
            slice(a, a + m) for m, (a, _) in zip(output_size, pads, strict=True)
        )
        out = out[(slice(None), *crop)]
        if reduction == "mean":
            count = image_utils.overlap_count(
                output_size, size, strides, dilation, padding
            )
            divisor = count.clip(min=1)[..., None]
            out = out / utils.like(out, divisor)
        return utils.cast_back(_finish(out, fmt, unbatched), dtype)

    def reconstruct_patches_3d(
        patches,
        size,
        output_size,
        strides=None,
        padding="valid",
        data_format=None,
        reduction="mean",
        dilation_rate=1,
    ):
        return reconstruct_patches(
            patches,
            size,
            output_size,
            strides,
            padding,
            data_format,
            reduction,
            dilation_rate,
        )

    return types.SimpleNamespace(
        crop_images=crop_images,
        pad_images=pad_images,
        extract_patches=extract_patches,
        extract_patches_3d=extract_patches_3d,
        reconstruct_patches=reconstruct_patches,
        reconstruct_patches_3d=reconstruct_patches_3d,
    )
