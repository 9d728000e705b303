"""Colour-space conversions on the OpenVINO backend.

Written with this backend's numpy-API ops, so each conversion is a few
elementwise graph nodes (it runs eagerly and inside `predict`).
"""

import numpy as np

from cornu.src.backend.common import image_utils
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.image import _utils

__all__ = ["rgb_to_grayscale", "rgb_to_hsv", "hsv_to_rgb"]

_GRAY_WEIGHTS = (0.2989, 0.5870, 0.1140)


def _channel_axis(data_format):
    return -1 if _utils.data_format(data_format) == "channels_last" else -3


def _channels(x, axis):
    return [xnp.take(x, np.int64(i), axis=axis) for i in range(3)]


def rgb_to_grayscale(images, data_format=None):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    axis = _channel_axis(data_format)
    x = _utils.to_compute(images)
    weights = np.asarray(_GRAY_WEIGHTS, dtype=x.dtype)
    gray = xnp.tensordot(x, weights, axes=(axis, 0))
    gray = xnp.expand_dims(gray, axis)
    # Like Keras: a plain cast back (integer results are truncated).
    return cast(gray, dtype)


def rgb_to_hsv(images, data_format=None):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    axis = _channel_axis(data_format)
    x = cast(images, image_utils.compute_dtype(dtype))
    eps = image_utils.float_eps(dtype)
    x = xnp.where(xnp.less(xnp.absolute(x), eps), 0.0, x)
    r, g, b = _channels(x, axis)
    value = xnp.maximum(xnp.maximum(r, g), b)
    span = value - xnp.minimum(xnp.minimum(r, g), b)
    positive_value = xnp.greater(value, 0.0)
    positive_span = xnp.greater(span, 0.0)
    safe_value = xnp.where(positive_value, value, 1.0)
    safe_span = xnp.where(positive_span, span, 1.0)
    saturation = xnp.where(positive_value, span / safe_value, 0.0)
    norm = 1.0 / (6.0 * safe_span)
    hue = xnp.where(
        xnp.equal(value, g),
        norm * (b - r) + 2.0 / 6.0,
        norm * (r - g) + 4.0 / 6.0,
    )
    hue = xnp.where(xnp.equal(value, r), norm * (g - b), hue)
    hue = xnp.where(positive_span, hue, 0.0)
    hue = hue + cast(xnp.less(hue, 0.0), hue.dtype)
    return cast(xnp.stack([hue, saturation, value], axis=axis), dtype)


def hsv_to_rgb(images, data_format=None):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    axis = _channel_axis(data_format)
    x = cast(images, image_utils.compute_dtype(dtype))
    h, s, v = _channels(x, axis)
    dh = xnp.mod(h, 1.0) * 6.0
    dr = xnp.clip(xnp.absolute(dh - 3.0) - 1.0, 0.0, 1.0)
    dg = xnp.clip(2.0 - xnp.absolute(dh - 2.0), 0.0, 1.0)
    db = xnp.clip(2.0 - xnp.absolute(dh - 4.0), 0.0, 1.0)
    one_minus_s = 1.0 - s
    rgb = [v * (one_minus_s + s * d) for d in (dr, dg, db)]
    return cast(xnp.stack(rgb, axis=axis), dtype)
