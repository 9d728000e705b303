"""Trace and log-determinant on the TensorFlow backend."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy.promotion import dtype_name
from cornu.src.backend.tensorflow.numpy.statistics import as_float

__all__ = ["trace", "slogdet"]


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    dtype = reduction_dtypes.trace_dtype(dtype_name(x))
    wide = dtype
    if dtype in ("uint32", "uint64"):
        wide = "int64"
    diagonal = tnp.diagonal(cast(x, wide), offset, axis1, axis2)
    return cast(tf.reduce_sum(diagonal, axis=-1), dtype)


def slogdet(x):
    x, dtype = as_float(x)
    compute = (
        x if x.dtype in (tf.float32, tf.float64) else tf.cast(x, tf.float32)
    )
    sign, logabsdet = tf.linalg.slogdet(compute)
    return cast(sign, dtype), cast(logabsdet, dtype)
