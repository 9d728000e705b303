"""Cropping, padding and patch extraction on the TensorFlow backend.

The public ops resolve every size and offset; these functions only
slice, pad, gather and scatter-add.
"""

import itertools

import numpy as np
import tensorflow as tf

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common import image_utils
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils

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
    h_axis, w_axis = image_utils.spatial_axes(len(images.shape), fmt)
    index = [slice(None)] * len(images.shape)
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
    h_axis, w_axis = image_utils.spatial_axes(len(images.shape), fmt)
    pad = [[0, 0]] * len(images.shape)
    pad[h_axis] = [top_padding, bottom_padding]
    pad[w_axis] = [left_padding, right_padding]
    return tf.pad(images, pad)


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
    unbatched = len(images.shape) == n + 1
    x = images[None] if unbatched else images
    if fmt == "channels_first":
        x = _utils.moveaxis(x, 1, -1)
    pads, outs = image_utils.patch_geometry(
        tuple(x.shape[1:-1]), size, strides, dilation, padding
    )
    x = tf.pad(x, [[0, 0]] + [list(p) for p in pads] + [[0, 0]])
    taps = []
    for offset in itertools.product(*(range(k) for k in size)):
        index = [slice(None)]
        for o, d, s, out in zip(offset, dilation, strides, outs, strict=True):
            index.append(slice(o * d, o * d + (out - 1) * s + 1, s))
        taps.append(x[tuple(index)])
    out = tf.stack(taps, axis=-2)
    batch = tf.shape(out)[0]
    out = tf.reshape(out, [batch, *outs, -1])
    if fmt == "channels_first":
        out = _utils.moveaxis(out, -1, 1)
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
    """`(taps * prod(grid), n)` positions in the padded output that each
    (tap, patch) pair writes, taps row-major over `size`."""
    rows = []
    for offset in itertools.product(*(range(k) for k in size)):
        axes = [
            o * d + np.arange(g) * s
            for o, d, s, g in zip(offset, dilation, strides, grid, strict=True)
        ]
        mesh = np.meshgrid(*axes, indexing="ij")
        rows.append(np.stack([m.ravel() for m in mesh], axis=-1))
    return np.concatenate(rows, axis=0)


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
    unbatched = len(patches.shape) == n + 1
    p = _utils.to_compute(patches)
    p = p[None] if unbatched else p
    if fmt == "channels_first":
        p = _utils.moveaxis(p, 1, -1)
    taps = image_utils.prod(size)
    channels = p.shape[-1] // taps
    pads, grid = image_utils.patch_geometry(
        output_size, size, strides, dilation, padding
    )
    padded = [m + a + b for m, (a, b) in zip(output_size, pads, strict=True)]
    batch = tf.shape(p)[0]
    # (B, *grid, taps * C) -> (taps, *grid, B, C) -> (taps * cells, B, C)
    p = tf.reshape(p, [batch, *grid, taps, channels])
    p = tf.transpose(p, [n + 1, *range(1, n + 1), 0, n + 2])
    updates = tf.reshape(p, [-1, batch, channels])
    indices = _tap_indices(size, strides, dilation, grid)
    out = tf.zeros([*padded, batch, channels], p.dtype)
    out = tf.tensor_scatter_nd_add(out, indices, updates)
    out = tf.transpose(out, [n, *range(n), n + 1])
    crop = tuple(
        slice(a, a + m) for m, (a, _) in zip(output_size, pads, strict=True)
    )
    out = out[(slice(None),) + crop]
    if reduction == "mean":
        count = image_utils.overlap_count(
            output_size, size, strides, dilation, padding
        )
        out = out / tf.constant(count.clip(min=1)[..., None], out.dtype)
    if fmt == "channels_first":
        out = _utils.moveaxis(out, -1, 1)
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
