"""Resizing and scale-and-translate resampling on the TensorFlow backend.

Separable resampling: each resized axis is contracted with a
`(in_size, out_size)` weight matrix (`image_utils.resample_weights`),
which reproduces `jax.image.resize` (Keras 3's reference) for every
interpolation, antialiasing included; `scale_and_translate` builds its
weights with TensorFlow ops (scale and translation may be tensors).
"""

import math

import tensorflow as tf

from cornu.src.backend.common import image_utils
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils
from cornu.src.backend.tensorflow.nn.activations import scalar

__all__ = ["resize", "scale_and_translate"]

_METHOD_FAMILY = {
    "bilinear": "triangle",
    "bicubic": "keys_cubic",
    "lanczos3": "lanczos3",
    "lanczos5": "lanczos5",
}


def _resize_axes(x, sizes, method, antialias):
    """Resizes `x` (float) along each `axis: new_size` in `sizes`."""
    for axis, out_size in sizes.items():
        in_size = x.shape[axis]
        if in_size == out_size:
            continue
        if method == "nearest":
            index = image_utils.nearest_indices(in_size, out_size)
            x = tf.gather(x, index, axis=axis)
            continue
        weights = image_utils.resample_weights(
            in_size,
            out_size,
            out_size / in_size,
            0.0,
            _METHOD_FAMILY[method],
            antialias,
        )
        x = _utils.contract(x, axis, weights)
    return x


def resize(
    images,
    size,
    interpolation="bilinear",
    antialias=False,
    crop_to_aspect_ratio=False,
    pad_to_aspect_ratio=False,
    fill_mode="constant",
    fill_value=0.0,
    data_format=None,
):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    fmt = _utils.data_format(data_format)
    rank = len(images.shape)
    h_axis, w_axis = image_utils.spatial_axes(rank, fmt)
    x = _utils.to_compute(images)
    if crop_to_aspect_ratio:
        top, left, ch, cw = image_utils.crop_box(
            x.shape[h_axis], x.shape[w_axis], size[0], size[1]
        )
        index = [slice(None)] * rank
        index[h_axis] = slice(top, top + ch)
        index[w_axis] = slice(left, left + cw)
        x = x[tuple(index)]
    elif pad_to_aspect_ratio:
        rows, cols = image_utils.aspect_padding(
            x.shape[h_axis], x.shape[w_axis], size[0], size[1]
        )
        pad = [[0, 0]] * rank
        pad[h_axis] = [rows, rows]
        pad[w_axis] = [cols, cols]
        x = tf.pad(x, pad, constant_values=scalar(fill_value, x.dtype))
    x = _resize_axes(
        x,
        {h_axis: int(size[0]), w_axis: int(size[1])},
        interpolation,
        antialias,
    )
    return _utils.cast_back(x, dtype)


def _kernel(family, x):
    zero = tf.zeros_like(x)
    if family == "triangle":
        return tf.maximum(zero, 1.0 - x)
    if family == "keys_cubic":
        near = ((1.5 * x - 2.5) * x) * x + 1.0
        far = ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
        return tf.where(x >= 2.0, zero, tf.where(x >= 1.0, far, near))
    radius = 3.0 if family == "lanczos3" else 5.0
    safe = tf.where(x > 1e-3, x, tf.ones_like(x))
    y = radius * tf.sin(math.pi * safe) * tf.sin(math.pi * safe / radius)
    y = tf.where(x > 1e-3, y / (math.pi**2 * safe**2), tf.ones_like(x))
    return tf.where(x > radius, zero, y)


def _weights(in_size, out_size, scale, translation, family, antialias):
    """TensorFlow version of `image_utils.resample_weights` (scale and
    translation may be tensors)."""
    one = tf.ones((), scale.dtype)
    inv = one / scale
    kernel_scale = tf.maximum(inv, one) if antialias else one
    sample = (tf.range(out_size, dtype=scale.dtype) + 0.5) * inv
    sample = sample - translation * inv - 0.5
    source = tf.range(in_size, dtype=scale.dtype)
    w = _kernel(
        family, tf.abs(sample[None, :] - source[:, None]) / kernel_scale
    )
    total = tf.reduce_sum(w, axis=0, keepdims=True)
    eps = 1000.0 * 2.0**-23
    safe_total = tf.where(total != 0, total, tf.ones_like(total))
    w = tf.where(tf.abs(total) > eps, w / safe_total, tf.zeros_like(w))
    inside = tf.logical_and(sample >= -0.5, sample <= in_size - 0.5)
    return tf.where(inside[None, :], w, tf.zeros_like(w))


def scale_and_translate(
    images,
    output_shape,
    scale,
    translation,
    spatial_dims,
    method,
    antialias=True,
):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    x = _utils.to_compute(images)
    scale = tf.cast(convert_to_tensor(scale), x.dtype)
    translation = tf.cast(convert_to_tensor(translation), x.dtype)
    family = image_utils.SCALE_METHODS[method]
    for i, axis in enumerate(spatial_dims):
        axis = axis % len(x.shape)
        weights = _weights(
            x.shape[axis],
            int(output_shape[axis]),
            scale[i],
            translation[i],
            family,
            antialias,
        )
        x = _utils.contract(x, axis, weights)
    if image_utils.is_int_like(dtype):
        return tf.cast(x, "float32")
    return tf.cast(x, dtype)
