"""Colour-space conversions on the TensorFlow backend."""

import tensorflow as tf

from cornu.src.backend.common import image_utils
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils

__all__ = ["rgb_to_grayscale", "rgb_to_hsv", "hsv_to_rgb"]

_GRAY_WEIGHTS = (0.2989, 0.5870, 0.1140)


def _channel_axis(data_format):
    return -1 if _utils.data_format(data_format) == "channels_last" else -3


def rgb_to_grayscale(images, data_format=None):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    axis = _channel_axis(data_format)
    x = _utils.to_compute(images)
    weights = tf.constant(_GRAY_WEIGHTS, x.dtype)
    gray = tf.expand_dims(
        tf.tensordot(x, weights, axes=[[axis % len(x.shape)], [0]]), axis
    )
    # Like Keras: a plain cast back (integer results are truncated).
    return tf.cast(gray, dtype)


def _work(dtype):
    return "float64" if dtype == "float64" else "float32"


def rgb_to_hsv(images, data_format=None):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    axis = _channel_axis(data_format)
    x = tf.cast(images, _work(dtype))
    zero, one = tf.zeros((), x.dtype), tf.ones((), x.dtype)
    eps = image_utils.float_eps(dtype)
    x = tf.where(tf.abs(x) < eps, zero, x)
    r, g, b = tf.unstack(x, 3, axis=axis)
    value = tf.maximum(tf.maximum(r, g), b)
    span = value - tf.minimum(tf.minimum(r, g), b)
    safe_value = tf.where(value > 0, value, one)
    safe_span = tf.where(span > 0, span, one)
    saturation = tf.where(value > 0, span / safe_value, zero)
    norm = one / (6.0 * safe_span)
    hue = tf.where(
        value == g, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0
    )
    hue = tf.where(value == r, norm * (g - b), hue)
    hue = tf.where(span > 0, hue, zero) + tf.cast(hue < 0.0, x.dtype)
    out = tf.stack([hue, saturation, value], axis=axis)
    return tf.cast(out, dtype)


def hsv_to_rgb(images, data_format=None):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    axis = _channel_axis(data_format)
    x = tf.cast(images, _work(dtype))
    h, s, v = tf.unstack(x, 3, axis=axis)
    dh = tf.math.floormod(h, 1.0) * 6.0
    dr = tf.clip_by_value(tf.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = tf.clip_by_value(2.0 - tf.abs(dh - 2.0), 0.0, 1.0)
    db = tf.clip_by_value(2.0 - tf.abs(dh - 4.0), 0.0, 1.0)
    one_minus_s = 1.0 - s
    rgb = [v * (one_minus_s + s * d) for d in (dr, dg, db)]
    return tf.cast(tf.stack(rgb, axis=axis), dtype)
