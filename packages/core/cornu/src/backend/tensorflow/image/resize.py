"""Resizing and scale-and-translate resampling on the TensorFlow backend
(shared code: `common/array_api/image_resize.py`, bound to this
backend's numpy-API ops): each resized axis is a contraction with an
`(in_size, out_size)` weight matrix, which reproduces `jax.image.resize`
(Keras 3's reference), antialiasing included."""

from cornu.src.backend.common.array_api import image_resize
from cornu.src.backend.tensorflow import numpy as xnp
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils

__all__ = ["resize", "scale_and_translate"]

_ops = image_resize.make(xnp, convert_to_tensor=convert_to_tensor, utils=_utils)
resize = _ops.resize
scale_and_translate = _ops.scale_and_translate
