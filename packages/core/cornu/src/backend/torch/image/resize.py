"""Resizing and scale-and-translate resampling on the PyTorch backend
(shared code: `common/array_api/image_resize.py`, bound to this
backend's numpy-API ops); scale-and-translate weights are built in
float64."""

from cornu.src.backend.common.array_api import image_resize
from cornu.src.backend.torch import numpy as xnp
from cornu.src.backend.torch.core import convert_to_tensor
from cornu.src.backend.torch.image import _utils

__all__ = ["resize", "scale_and_translate"]

_ops = image_resize.make(
    xnp,
    convert_to_tensor=convert_to_tensor,
    utils=_utils,
    param_dtype=lambda _: "float64",
)
resize = _ops.resize
scale_and_translate = _ops.scale_and_translate
