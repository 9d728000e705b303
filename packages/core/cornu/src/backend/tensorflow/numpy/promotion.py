"""Casting op inputs to their result dtype on the TensorFlow backend.

Not a family (it exports no op): TF never promotes implicitly, so every
op casts its inputs to the dtype Keras 3's rules give
(`common/math_dtypes.py`) before calling TF.
"""

import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common import math_dtypes
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor


def cast_all(dtype, *xs):
    """Each of `xs` as a tensor of `dtype`."""
    return tuple(convert_to_tensor(x, dtype) for x in xs)


def promoted(*xs):
    """`xs` cast to their promoted dtype (`math_dtypes.promote`)."""
    if _same_dtype_tensors(xs):
        return xs
    return cast_all(math_dtypes.promote(*xs), *xs)


def promoted_float(*xs):
    """`xs` cast to their promoted floating-point dtype."""
    if _same_dtype_tensors(xs) and (
        xs[0].dtype.is_floating or xs[0].dtype.is_complex
    ):
        return xs
    return cast_all(math_dtypes.promote_float(*xs), *xs)


def as_float(x):
    """`x` as a tensor of `math_dtypes.float_dtype(x.dtype)`."""
    if isinstance(x, tf.Tensor) and (x.dtype.is_floating or x.dtype.is_complex):
        return x
    x = convert_to_tensor(x)
    return cast(x, math_dtypes.float_dtype(x.dtype))


def float_op(fn, name):
    """The op `fn(as_float(x))`: integer inputs are computed in floatx."""

    def op(x):
        return fn(as_float(x))

    op.__name__ = name
    return op


def int_op(fn, name):
    """The op `fn(x)` computed with bool inputs counted as int32."""

    def op(x):
        x = convert_to_tensor(x)
        return fn(cast(x, math_dtypes.int_to_int32(x.dtype)))

    op.__name__ = name
    return op


def dtype_name(x):
    """cornu's dtype name of a tensor."""
    return standardize_dtype(x.dtype)


def reduce_float_dtype(x):
    """The float dtype a statistic of `x` is computed in (floatx for ints)."""
    return reduction_dtypes.float_dtype(dtype_name(x), config.floatx())


def axes(axis):
    """`axis` as TF wants it: None, an int or a list of ints."""
    if isinstance(axis, tuple):
        return list(axis)
    return axis


def _same_dtype_tensors(xs):
    """Fast path: all of `xs` are tensors of one dtype (nothing to cast)."""
    dtype = None
    for x in xs:
        if not isinstance(x, tf.Tensor):
            return False
        if dtype is None:
            dtype = x.dtype
        elif x.dtype != dtype:
            return False
    return dtype is not None
