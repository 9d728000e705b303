"""Cropping, padding and patch extraction on the OpenVINO backend.

The public ops resolve every size and offset; these functions only
slice (`StridedSlice`), pad (`Pad`) and, for reconstruction, add each
patch tap back at its place with one `ScatterNDUpdate(reduction="sum")`
whose indices are computed from the static geometry.
"""

import itertools

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common import image_utils
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.image import _utils

__all__ = [
    "crop_images",
    "pad_images",
    "extract_patches",
    "extract_patches_3d",
    "reconstruct_patches",
    "reconstruct_patches_3d",
]


def crop_images(
    images,
    top_cropping,
    left_cropping,
    target_height,
    target_width,
    data_format=None,
):
    images = convert_to_tensor(images)
    fmt = _utils.data_format(data_format)
    h_axis, w_axis = image_utils.spatial_axes(images.ndim, fmt)
    index = [slice(None)] * images.ndim
    index[h_axis] = slice(top_cropping, top_cropping + target_height)
    index[w_axis] = slice(left_cropping, left_cropping + target_width)
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
    fmt = _utils.data_format(data_format)
    h_axis, w_axis = image_utils.spatial_axes(images.ndim, fmt)
    pad = [(0, 0)] * images.ndim
    pad[h_axis] = (top_padding, bottom_padding)
    pad[w_axis] = (left_padding, right_padding)
    return xnp.pad(images, pad)


def _channels_last(x, fmt):
    if fmt == "channels_first":
        return xnp.moveaxis(x, 1, -1)
    return x


def _channels_back(x, fmt):
    if fmt == "channels_first":
        return xnp.moveaxis(x, -1, 1)
    return x


def extract_patches(
    images,
    size,
    strides=None,
    dilation_rate=1,
    padding="valid",
    data_format=None,
):
    images = convert_to_tensor(images)
    fmt = _utils.data_format(data_format)
    n = len(size)
    strides = conv_utils.to_tuple(size if strides is None else strides, n)
    dilation = conv_utils.to_tuple(dilation_rate, n)
    unbatched = images.ndim == n + 1
    x = xnp.expand_dims(images, 0) if unbatched else images
    x = _channels_last(x, fmt)
    pads, outs = image_utils.patch_geometry(
        x.shape[1:-1], size, strides, dilation, padding
    )
    if any(a or b for a, b in pads):
        x = xnp.pad(x, [(0, 0), *pads, (0, 0)])
    taps = []
    for offset in itertools.product(*(range(k) for k in size)):
        index = [slice(None)]
        for o, d, s, out in zip(offset, dilation, strides, outs, strict=True):
            index.append(slice(o * d, o * d + (out - 1) * s + 1, s))
        taps.append(x[tuple(index)])
    out = xnp.stack(taps, axis=-2)
    out = xnp.reshape(out, (*out.shape[:-2], -1))
    out = _channels_back(out, fmt)
    return out[0] if unbatched else out


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


def _tap_indices(size, strides, dilation, grid):
    """(taps, *grid, n) int64: where each tap of each patch lands in the
    padded image."""
    ranges = [np.arange(g) * s for g, s in zip(grid, strides, strict=True)]
    base = np.stack(np.meshgrid(*ranges, indexing="ij"), axis=-1)
    offsets = [
        np.asarray(o) * np.asarray(dilation)
        for o in itertools.product(*(range(k) for k in size))
    ]
    return np.stack([base + o for o in offsets]).astype(np.int64)


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
    dtype = _utils.dtype_name(patches)
    fmt = _utils.data_format(data_format)
    n = len(size)
    strides = conv_utils.to_tuple(size if strides is None else strides, n)
    dilation = conv_utils.to_tuple(dilation_rate, n)
    output_size = tuple(int(m) for m in output_size)
    unbatched = patches.ndim == n + 1
    p = _utils.to_compute(patches)
    p = xnp.expand_dims(p, 0) if unbatched else p
    p = _channels_last(p, fmt)
    taps = image_utils.prod(size)
    batch, channels = p.shape[0], p.shape[-1] // taps
    pads, grid = image_utils.patch_geometry(
        output_size, size, strides, dilation, padding
    )
    padded = [m + a + b for m, (a, b) in zip(output_size, pads, strict=True)]
    # (B, *grid, taps * C) -> (taps, *grid, B, C): scatter rows first.
    p = xnp.reshape(p, (batch, *grid, taps, channels))
    p = xnp.transpose(p, (n + 1, *range(1, n + 1), 0, n + 2))
    zeros = np.zeros((*padded, batch, channels), dtype=p.dtype)
    indices = _tap_indices(size, strides, dilation, grid)
    out = wrap(
        ovops.scatter_nd_update(
            ovops.constant(zeros), ovops.constant(indices), p.output, "sum"
        )
    )
    crop = tuple(
        slice(a, a + m) for m, (a, _) in zip(output_size, pads, strict=True)
    )
    out = out[crop]
    out = xnp.transpose(out, (n, *range(n), n + 1))
    if reduction == "mean":
        count = image_utils.overlap_count(
            output_size, size, strides, dilation, padding
        )
        divisor = np.maximum(count, 1).astype(out.dtype)[..., None]
        out = out / convert_to_tensor(divisor)
    out = _channels_back(out, fmt)
    return _utils.cast_back(out[0] if unbatched else out, dtype)


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
