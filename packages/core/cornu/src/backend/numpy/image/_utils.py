"""Helpers shared by the NumPy backend's image families: the generic
ones of `common/array_api/image_tensors.py`, bound to NumPy."""

import numpy as np

from cornu.src.backend.common.array_api import image_tensors
from cornu.src.backend.numpy.core import convert_to_tensor

_base = image_tensors.make(np, convert_to_tensor)
dtype_name = _base.dtype_name
cast = _base.cast
like = _base.like
data_format = _base.data_format
to_compute = _base.to_compute
cast_back = _base.cast_back
to_nhwc = _base.to_nhwc
from_nhwc = _base.from_nhwc
