"""Separable filters (Gaussian blur, Sobel edges) and SSIM.

Written once against an array namespace `xp` with the NumPy names
(`numpy`, `jax.numpy`, or a backend's own numpy-API ops module); every
backend binds them with `make(...)`, passing its own 1-D
`correlate(x, axis, taps, pads)` (one slice per tap, or one
banded-matrix contraction, which compiles faster under XLA).
"""

import types

from cornu.src.backend.common import image_utils


def make(xp, convert_to_tensor, utils, correlate):
    """The filter functions bound to `xp`, the backend's
    `convert_to_tensor`, its image `_utils` module and `correlate`."""

    def _blur(x, h_axis, w_axis, kernel_size, sigma, valid=False):
        for axis, size, s in (
            (h_axis, kernel_size[0], sigma[0]),
            (w_axis, kernel_size[1], sigma[1]),
        ):
            taps = image_utils.gaussian_taps(int(size), float(s))
            taps = taps.astype(utils.dtype_name(x))
            pads = (0, 0) if valid else image_utils.same_pads(int(size))
            x = correlate(x, axis, taps, pads)
        return x

    def gaussian_blur(
        images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None
    ):
        images = convert_to_tensor(images)
        dtype = utils.dtype_name(images)
        fmt = utils.data_format(data_format)
        h_axis, w_axis = image_utils.spatial_axes(images.ndim, fmt)
        out = _blur(
            utils.to_compute(images), h_axis, w_axis, kernel_size, sigma
        )
        return utils.cast_back(out, dtype)

    def sobel_edges(images, data_format=None):
        images = convert_to_tensor(images)
        dtype = utils.dtype_name(images)
        fmt = utils.data_format(data_format)
        h_axis, w_axis = image_utils.spatial_axes(images.ndim, fmt)
        x = utils.to_compute(images)
        pad = [(0, 0)] * x.ndim
        pad[h_axis] = pad[w_axis] = (1, 1)
        x = xp.pad(x, pad, mode="reflect")
        height, width = x.shape[h_axis] - 2, x.shape[w_axis] - 2
        edges = []
        for kernel in (image_utils.SOBEL_DY, image_utils.SOBEL_DX):
            out = 0
            for i in range(3):
                for j in range(3):
                    if kernel[i][j]:
                        window = xp.take(x, xp.arange(i, i + height), h_axis)
                        window = xp.take(
                            window, xp.arange(j, j + width), w_axis
                        )
                        out = out + kernel[i][j] * window
            edges.append(out)
        out = xp.stack(edges, axis=-1)
        if image_utils.is_int_like(dtype):
            return utils.cast(out, "float32")
        return utils.cast(out, dtype)

    def ssim(
        image1,
        image2,
        max_val=1.0,
        filter_size=11,
        filter_sigma=1.5,
        k1=0.01,
        k2=0.03,
        data_format=None,
    ):
        image1 = convert_to_tensor(image1)
        dtype = utils.dtype_name(image1)
        fmt = utils.data_format(data_format)
        a, unbatched = utils.to_nhwc(utils.to_compute(image1), fmt)
        b, _ = utils.to_nhwc(utils.to_compute(image2), fmt)
        size, sigma = (filter_size,) * 2, (filter_sigma,) * 2

        def blur(v):
            return _blur(v, 1, 2, size, sigma, valid=True)

        c1, c2 = image_utils.ssim_constants(max_val, k1, k2)
        mu_a, mu_b = blur(a), blur(b)
        var_a = blur(a * a) - mu_a * mu_a
        var_b = blur(b * b) - mu_b * mu_b
        cov = blur(a * b) - mu_a * mu_b
        num = (2.0 * mu_a * mu_b + c1) * (2.0 * cov + c2)
        den = (mu_a * mu_a + mu_b * mu_b + c1) * (var_a + var_b + c2)
        out = xp.mean(num / den, axis=(1, 2, 3))
        out = out[0] if unbatched else out
        if image_utils.is_int_like(dtype):
            return utils.cast(out, "float32")
        return utils.cast(out, dtype)

    return types.SimpleNamespace(
        gaussian_blur=gaussian_blur,
        sobel_edges=sobel_edges,
        ssim=ssim,
    )
