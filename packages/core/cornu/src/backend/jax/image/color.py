"""Colour-space conversions on the JAX backend (shared code:
`common/array_api/image_color.py`), each op under `jax.jit`."""

import jax.numpy as jnp

from cornu.src.backend.common.array_api import image_color
from cornu.src.backend.jax.core import convert_to_tensor
from cornu.src.backend.jax.image import _utils

__all__ = ["rgb_to_grayscale", "rgb_to_hsv", "hsv_to_rgb"]

_ops = image_color.make(jnp, convert_to_tensor=convert_to_tensor, utils=_utils)
rgb_to_grayscale = _utils.compiled("data_format")(_ops.rgb_to_grayscale)
rgb_to_hsv = _utils.compiled("data_format")(_ops.rgb_to_hsv)
hsv_to_rgb = _utils.compiled("data_format")(_ops.hsv_to_rgb)
