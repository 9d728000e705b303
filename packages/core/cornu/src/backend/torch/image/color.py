"""Colour-space conversions on the PyTorch backend (shared code:
`common/array_api/image_color.py`, bound to this backend's numpy-API
ops)."""

from cornu.src.backend.common.array_api import image_color
from cornu.src.backend.torch import numpy as xnp
from cornu.src.backend.torch.core import convert_to_tensor
from cornu.src.backend.torch.image import _utils

__all__ = ["rgb_to_grayscale", "rgb_to_hsv", "hsv_to_rgb"]

_ops = image_color.make(xnp, convert_to_tensor=convert_to_tensor, utils=_utils)
rgb_to_grayscale = _ops.rgb_to_grayscale
rgb_to_hsv = _ops.rgb_to_hsv
hsv_to_rgb = _ops.hsv_to_rgb
