"""Einstein summation on the TensorFlow backend."""

import tensorflow as tf

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.tensorflow.numpy.promotion import cast_all

__all__ = ["einsum"]

# Dtypes `tf.einsum` has no kernel for: computed in int32, cast back.
_NARROW = ("bool", "int8", "int16", "uint8", "uint16", "uint32", "uint64")


def einsum(subscripts, *operands, **kwargs):
    del kwargs  # NumPy's `optimize`/`precision` options do not apply
    dtypes = {math_dtypes.promote(x) for x in operands}
    dtype = math_dtypes.promote(*operands)
    if dtypes == {"int8"}:
        dtype = "int32"  # as Keras: int8 products accumulate in int32
    operands = cast_all(dtype, *operands)
    if dtype in _NARROW:
        wide = "int64" if dtype in ("uint32", "uint64") else "int32"
        out = tf.einsum(subscripts, *cast_all(wide, *operands))
        return tf.cast(out, operands[0].dtype)
    return tf.einsum(subscripts, *operands)
