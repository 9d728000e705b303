"""Colour-space conversions (grayscale, RGB <-> HSV).

Written once against an array namespace `xp` with the NumPy names
(`numpy`, `jax.numpy`, or a backend's own numpy-API ops module); every
backend binds them with `make(...)`, so each conversion is a few
elementwise ops (graph nodes on OpenVINO).
"""

import types

from cornu.src.backend.common import image_utils

GRAY_WEIGHTS = (0.2989, 0.5870, 0.1140)


def make(xp, convert_to_tensor, utils):
    """The colour functions bound to `xp`, the backend's
    `convert_to_tensor` and its image `_utils` module (`data_format`,
    `dtype_name`, `to_compute`, `cast`, `like`)."""

    def _prepare(images, data_format):
        """(images in the compute dtype, original dtype, channel axis)."""
        images = convert_to_tensor(images)
        fmt = utils.data_format(data_format)
        axis = -1 if fmt == "channels_last" else -3
        return utils.to_compute(images), utils.dtype_name(images), axis

    def _channels(x, axis):
        index = [Ellipsis, 0] + [slice(None)] * (-1 - axis)
        planes = []
        for i in range(3):
            index[1] = i
            planes.append(x[tuple(index)])
        return planes

    def rgb_to_grayscale(images, data_format=None):
        x, dtype, axis = _prepare(images, data_format)
        weights = utils.like(x, GRAY_WEIGHTS)
        gray = xp.tensordot(x, weights, axes=([axis % x.ndim], [0]))
        # Like Keras: a plain cast back (integer results are truncated).
        return utils.cast(xp.expand_dims(gray, axis), dtype)

    def rgb_to_hsv(images, data_format=None):
        x, dtype, axis = _prepare(images, data_format)
        eps = image_utils.float_eps(dtype)
        x = xp.where(xp.less(xp.absolute(x), eps), 0.0, x)
        r, g, b = _channels(x, axis)
        value = xp.maximum(xp.maximum(r, g), b)
        span = value - xp.minimum(xp.minimum(r, g), b)
        positive_value = xp.greater(value, 0.0)
        positive_span = xp.greater(span, 0.0)
        safe_value = xp.where(positive_value, value, 1.0)
        safe_span = xp.where(positive_span, span, 1.0)
        saturation = xp.where(positive_value, span / safe_value, 0.0)
        norm = 1.0 / (6.0 * safe_span)
        hue = xp.where(
            xp.equal(value, g),
            norm * (b - r) + 2.0 / 6.0,
            norm * (r - g) + 4.0 / 6.0,
        )
        hue = xp.where(xp.equal(value, r), norm * (g - b), hue)
        hue = xp.where(positive_span, hue, 0.0)
        hue = hue + utils.cast(xp.less(hue, 0.0), utils.dtype_name(hue))
        out = xp.stack([hue, saturation, value], axis=axis)
        return utils.cast(out, dtype)

    def hsv_to_rgb(images, data_format=None):
        x, dtype, axis = _prepare(images, data_format)
        h, s, v = _channels(x, axis)
        dh = xp.mod(h, 1.0) * 6.0
        dr = xp.clip(xp.absolute(dh - 3.0) - 1.0, 0.0, 1.0)
        dg = xp.clip(2.0 - xp.absolute(dh - 2.0), 0.0, 1.0)
        db = xp.clip(2.0 - xp.absolute(dh - 4.0), 0.0, 1.0)
        one_minus_s = 1.0 - s
        rgb = [v * (one_minus_s + s * d) for d in (dr, dg, db)]
        return utils.cast(xp.stack(rgb, axis=axis), dtype)

    return types.SimpleNamespace(
        rgb_to_grayscale=rgb_to_grayscale,
        rgb_to_hsv=rgb_to_hsv,
        hsv_to_rgb=hsv_to_rgb,
    )
