"""Resizing and scale-and-translate resampling on the NumPy backend
(shared code: `common/array_api/image_resize.py`); scale-and-translate
weights are built in float64."""

import numpy as np

from cornu.src.backend.common.array_api import image_resize
from cornu.src.backend.numpy.core import convert_to_tensor
from cornu.src.backend.numpy.image import _utils

__all__ = ["resize", "scale_and_translate"]

_ops = image_resize.make(
    np,
    convert_to_tensor=convert_to_tensor,
    utils=_utils,
    param_dtype=lambda _: "float64",
)
resize = _ops.resize
scale_and_translate = _ops.scale_and_translate
