"""Separable filters (Gaussian blur, Sobel edges) and SSIM on the
TensorFlow backend.

1-D correlations are contractions with a banded matrix (`_utils.banded`),
the same numbers as the other backends.
"""

import tensorflow as tf

from cornu.src.backend.common import image_utils
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils

__all__ = ["gaussian_blur", "sobel_edges", "ssim"]


def _correlate(x, axis, taps, pads):
    return _utils.contract(x, axis, _utils.banded(x.shape[axis], taps, pads))


def _blur(x, h_axis, w_axis, kernel_size, sigma, valid=False):
    for axis, size, s in (
        (h_axis, kernel_size[0], sigma[0]),
        (w_axis, kernel_size[1], sigma[1]),
    ):
        taps = image_utils.gaussian_taps(int(size), float(s))
        pads = (0, 0) if valid else image_utils.same_pads(int(size))
        x = _correlate(x, axis, taps, pads)
    return x


def gaussian_blur(
    images, kernel_size=(3, 3), sigma=(1.0, 1.0), data_format=None
):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    fmt = _utils.data_format(data_format)
    h_axis, w_axis = image_utils.spatial_axes(len(images.shape), fmt)
    out = _blur(_utils.to_compute(images), h_axis, w_axis, kernel_size, sigma)
    return _utils.cast_back(out, dtype)


def _float_result(out, dtype):
    if image_utils.is_int_like(dtype):
        return tf.cast(out, "float32")
    return tf.cast(out, dtype)


def sobel_edges(images, data_format=None):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    fmt = _utils.data_format(data_format)
    rank = len(images.shape)
    h_axis, w_axis = image_utils.spatial_axes(rank, fmt)
    x = _utils.to_compute(images)
    pad = [[0, 0]] * rank
    pad[h_axis] = pad[w_axis] = [1, 1]
    x = tf.pad(x, pad, mode="REFLECT")
    height, width = x.shape[h_axis] - 2, x.shape[w_axis] - 2
    edges = []
    for kernel in (image_utils.SOBEL_DY, image_utils.SOBEL_DX):
        out = 0
        for i in range(3):
            for j in range(3):
                if kernel[i][j]:
                    index = [slice(None)] * rank
                    index[h_axis] = slice(i, i + height)
                    index[w_axis] = slice(j, j + width)
                    out = out + kernel[i][j] * x[tuple(index)]
        edges.append(out)
    return _float_result(tf.stack(edges, axis=-1), dtype)


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
    dtype = _utils.dtype_name(image1)
    fmt = _utils.data_format(data_format)
    a, unbatched = _utils.to_nhwc(_utils.to_compute(image1), fmt)
    b, _ = _utils.to_nhwc(tf.cast(_utils.to_compute(image2), a.dtype), fmt)
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
    out = tf.reduce_mean(num / den, axis=(1, 2, 3))
    out = out[0] if unbatched else out
    return _float_result(out, dtype)
