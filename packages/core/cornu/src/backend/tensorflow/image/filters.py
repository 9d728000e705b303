"""Separable filters (Gaussian blur, Sobel edges) and SSIM on the
TensorFlow backend (shared code: `common/array_api/image_filters.py`,
bound to this backend's numpy-API ops).

1-D correlations are contractions with a banded matrix
(`image_utils.banded`), the same numbers as the other backends.
"""

import tensorflow as tf

from cornu.src.backend.common import image_utils
from cornu.src.backend.common.array_api import image_filters
from cornu.src.backend.tensorflow import numpy as xnp
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils

__all__ = ["gaussian_blur", "sobel_edges", "ssim"]


def _correlate(x, axis, taps, pads):
    band = image_utils.banded(x.shape[axis], taps, pads)
    return _utils.contract(x, axis, band)


_ops = image_filters.make(
    xnp, convert_to_tensor=convert_to_tensor, utils=_utils, correlate=_correlate
)
gaussian_blur = _ops.gaussian_blur
sobel_edges = _ops.sobel_edges


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
    # TensorFlow does not promote mixed dtypes: read `image2` in the
    # dtype `image1` computes in.
    image1 = convert_to_tensor(image1)
    dtype = image_utils.compute_dtype(_utils.dtype_name(image1))
    image2 = tf.cast(convert_to_tensor(image2), dtype)
    return _ops.ssim(
        image1, image2, max_val, filter_size, filter_sigma, k1, k2, data_format
    )
