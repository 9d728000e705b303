"""Helpers shared by the TensorFlow backend's image families (the
generic ones: `common/array_api/image_tensors.py`)."""

import numpy as np
import tensorflow as tf

from cornu.src.backend.common.array_api import image_tensors
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow import numpy as xnp
from cornu.src.backend.tensorflow.core import convert_to_tensor


def dtype_name(x):
    return standardize_dtype(x.dtype.name)


def cast(x, dtype):
    return tf.cast(x, dtype)


def like(x, values, dtype=None):
    """`values` (a tensor, NumPy array or Python values) as a tensor of
    `dtype` (default: `x`'s)."""
    if isinstance(values, (list, tuple)):
        values = np.asarray(values)
    return tf.cast(values, dtype or x.dtype)


_base = image_tensors.make(
    xnp, convert_to_tensor, dtype_name=dtype_name, cast=cast, like=like
)
data_format = _base.data_format
to_compute = _base.to_compute
cast_back = _base.cast_back
to_nhwc = _base.to_nhwc
from_nhwc = _base.from_nhwc


def contract(x, axis, matrix):
    """Contracts `x` along `axis` with a `(x.shape[axis], m)` matrix (a
    NumPy array or tensor); the new axis takes `axis`'s place."""
    out = tf.tensordot(x, like(x, matrix), axes=[[axis % x.ndim], [0]])
    return xnp.moveaxis(out, -1, axis)
