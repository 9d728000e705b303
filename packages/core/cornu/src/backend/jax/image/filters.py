"""Separable filters (Gaussian blur, Sobel edges) and SSIM on the JAX
backend.

Code shared with the other backend lives in
`common/array_api/image_filters.py`.
"""

import jax.numpy as jnp

from cornu.src.backend.common import image_utils
from cornu.src.backend.common.array_api import image_filters
from cornu.src.backend.jax.core import convert_to_tensor
from cornu.src.backend.jax.image import _utils

__all__ = ["gaussian_blur", "sobel_edges", "ssim"]


def _correlate(x, axis, taps, pads):
    """Correlates `x` with 1-D `taps` along `axis` after zero padding,
    as one contraction with a banded matrix (compiles much faster under
    XLA than one slice per tap)."""
    band = image_utils.banded(x.shape[axis], taps, pads)
    out = jnp.tensordot(x, jnp.asarray(band, x.dtype), axes=([axis], [0]))
    return jnp.moveaxis(out, -1, axis)


_ops = image_filters.make(
    jnp, convert_to_tensor=convert_to_tensor, utils=_utils, correlate=_correlate
)
gaussian_blur = _utils.compiled("kernel_size", "sigma", "data_format")(
    _ops.gaussian_blur
)
sobel_edges = _utils.compiled("data_format")(_ops.sobel_edges)
ssim = _utils.compiled(
    "max_val", "filter_size", "filter_sigma", "k1", "k2", "data_format"
)(_ops.ssim)
