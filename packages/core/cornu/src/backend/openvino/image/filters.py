"""Separable filters (Gaussian blur, Sobel edges) and SSIM on the
OpenVINO backend.

The math is shared with the NumPy and JAX backends
(`common/array_api/image_filters.py`), bound here to this backend's
numpy-API ops. A 1-D correlation along an axis is one contraction
(`MatMul`) with a constant banded `(padded_size, out_size)` matrix, so
each filter is a couple of graph nodes per axis.
"""

from cornu.src.backend.common import image_utils
from cornu.src.backend.common.array_api import image_filters
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.image import _utils

__all__ = ["gaussian_blur", "sobel_edges", "ssim"]


def _correlate(x, axis, taps, pads):
    """Correlates `x` with 1-D `taps` along `axis` after zero padding."""
    band = image_utils.banded(x.shape[axis], taps, pads)
    return _utils.contract(x, axis, band)


_ops = image_filters.make(
    xnp, convert_to_tensor=convert_to_tensor, utils=_utils, correlate=_correlate
)
gaussian_blur = _ops.gaussian_blur
sobel_edges = _ops.sobel_edges
ssim = _ops.ssim
