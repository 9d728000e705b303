"""Resizing and scale-and-translate resampling on the OpenVINO backend.

Separable resampling, written once in `common/array_api/image_resize.py`
against an array namespace: here the namespace is this backend's
numpy-API ops, so each resized axis becomes a contraction (`MatMul`)
with a constant `(in_size, out_size)` weight matrix, or a `Gather` for
nearest-neighbour. `scale_and_translate` builds its weight matrices from
graph nodes, since `scale` and `translation` may be graph inputs.
"""

from cornu.src.backend.common.array_api import image_resize
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.image import _utils

__all__ = ["resize", "scale_and_translate"]

_ops = image_resize.make(xnp, convert_to_tensor=convert_to_tensor, utils=_utils)
resize = _ops.resize
scale_and_translate = _ops.scale_and_translate
