"""Gaussian blurs whose standard deviation is a tensor (drawn at call
time), shared by `RandomGaussianBlur` and `RandomElasticTransform`."""

from __future__ import annotations

from typing import Any

from cornu.src import ops


def gaussian_taps(size: int, sigma: Any) -> Any:
    """Normalised 1-D Gaussian of `size` taps (a static int) with a
    scalar-tensor standard deviation `sigma`."""
    x = ops.arange(size, dtype="float32") - (size - 1) / 2.0
    sigma = ops.cast(sigma, "float32")
    taps = ops.exp(-0.5 * ops.square(x / sigma))
    return taps / ops.sum(taps)


def gaussian_blur(
    images: Any, kernel_size: tuple, sigma: tuple, data_format: str
) -> Any:
    """Blurs a float batch of images with zero padding ("same" size),
    first along the height, then the width.

    Args:
        images: Rank-4 float tensor.
        kernel_size: `(height, width)` odd ints.
        sigma: `(height, width)` scalar tensors or floats.
        data_format: `"channels_last"` or `"channels_first"`.
    """
    channel_axis = -1 if data_format == "channels_last" else 1
    channels = ops.shape(images)[channel_axis]
    dtype = images.dtype
    for axis, (size, s) in enumerate(zip(kernel_size, sigma, strict=True)):
        taps = ops.cast(gaussian_taps(int(size), s), dtype)
        shape = (int(size), 1, 1, 1) if axis == 0 else (1, int(size), 1, 1)
        kernel = ops.tile(ops.reshape(taps, shape), (1, 1, channels, 1))
        images = ops.depthwise_conv(
            images,
            kernel,
            strides=1,
            padding="same",
            data_format=data_format,
        )
    return images
