"""Separable filters (Gaussian blur, Sobel edges) and SSIM on the
PyTorch backend (shared code: `common/array_api/image_filters.py`,
bound to this backend's numpy-API ops)."""

import torch

from cornu.src.backend.common.array_api import image_filters
from cornu.src.backend.torch import numpy as xnp
from cornu.src.backend.torch.core import convert_to_tensor
from cornu.src.backend.torch.image import _utils

__all__ = ["gaussian_blur", "sobel_edges", "ssim"]


def _correlate(x, axis, taps, pads):
    """Correlates `x` with 1-D `taps` along `axis` after zero padding."""
    x = _utils.pad_axis(x, axis, pads[0], pads[1])
    n = x.shape[axis] - len(taps) + 1
    out = 0
    for t, w in enumerate(taps):
        out = out + float(w) * torch.narrow(x, axis, t, n)
    return out


_ops = image_filters.make(
    xnp, convert_to_tensor=convert_to_tensor, utils=_utils, correlate=_correlate
)
gaussian_blur = _ops.gaussian_blur
sobel_edges = _ops.sobel_edges
ssim = _ops.ssim
