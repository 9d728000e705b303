"""Resizing and scale-and-translate resampling on the JAX backend
(shared code: `common/array_api/image_resize.py`), each op under
`jax.jit`; scale-and-translate weights are traced JAX ops."""

import jax.numpy as jnp

from cornu.src.backend.common.array_api import image_resize
from cornu.src.backend.jax.core import convert_to_tensor
from cornu.src.backend.jax.image import _utils

__all__ = ["resize", "scale_and_translate"]

_ops = image_resize.make(jnp, convert_to_tensor=convert_to_tensor, utils=_utils)
resize = _utils.compiled(
    "size",
    "interpolation",
    "antialias",
    "crop_to_aspect_ratio",
    "pad_to_aspect_ratio",
    "fill_mode",
    "fill_value",
    "data_format",
)(_ops.resize)
scale_and_translate = _utils.compiled(
    "output_shape", "spatial_dims", "method", "antialias"
)(_ops.scale_and_translate)
