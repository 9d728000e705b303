"""Reductions that ignore NaNs (nansum, nanmean, ...) on the TensorFlow
backend. An all-NaN slice gives NaN (index -1 for nanargmax/nanargmin)."""

import tensorflow as tf

from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy import cumulative
from cornu.src.backend.tensorflow.numpy import reductions
from cornu.src.backend.tensorflow.numpy.promotion import axes
from cornu.src.backend.tensorflow.numpy.promotion import dtype_name
from cornu.src.backend.tensorflow.numpy.statistics import as_float
from cornu.src.backend.tensorflow.numpy.statistics import quantile_impl

__all__ = [
    "nansum",
    "nanmean",
    "nanmax",
    "nanmin",
    "nanprod",
    "nanstd",
    "nanvar",
    "nanmedian",
    "nanquantile",
    "nanpercentile",
    "nanargmax",
    "nanargmin",
    "nancumsum",
    "nancumprod",
]


def _is_inexact(x):
    return x.dtype.is_floating or x.dtype.is_complex


def _nan_mask(x):
    if x.dtype.is_complex:
        return tf.math.is_nan(tf.math.real(x)) | tf.math.is_nan(tf.math.imag(x))
    return tf.math.is_nan(x)


def _filled(x, value):
    """`x` with NaNs replaced by `value`, and the NaN mask."""
    x = convert_to_tensor(x)
    if not _is_inexact(x):
        return x, tf.zeros(tf.shape(x), tf.bool)
    nan = _nan_mask(x)
    return tf.where(nan, tf.cast(value, x.dtype), x), nan


def nansum(x, axis=None, keepdims=False):
    x, _ = _filled(x, 0)
    return reductions.sum(x, axis=axis, keepdims=keepdims)


def nanmean(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    dtype = reduction_dtypes.mean_dtype(dtype_name(x))
    compute = "float64" if dtype == "float64" else "float32"
    if x.dtype.is_complex:
        compute = dtype
    x, nan = _filled(cast(x, compute), 0)
    total = tf.reduce_sum(x, axis=axes(axis), keepdims=keepdims)
    count = tf.reduce_sum(
        tf.cast(~nan, x.dtype), axis=axes(axis), keepdims=keepdims
    )
    return cast(total / count, dtype)


def _nan_extreme(reduce, fill, x, axis, keepdims):
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        return reduce(x, axis=axis, keepdims=keepdims)
    filled, nan = _filled(x, fill)
    out = reduce(filled, axis=axis, keepdims=keepdims)
    all_nan = tf.reduce_all(nan, axis=axes(axis), keepdims=keepdims)
    return tf.where(all_nan, tf.constant(float("nan"), x.dtype), out)


def nanmax(x, axis=None, keepdims=False):
    return _nan_extreme(reductions.max, float("-inf"), x, axis, keepdims)


def nanmin(x, axis=None, keepdims=False):
    return _nan_extreme(reductions.min, float("inf"), x, axis, keepdims)


def nanprod(x, axis=None, keepdims=False):
    x, _ = _filled(x, 1)
    return reductions.prod(x, axis=axis, keepdims=keepdims)


def nanvar(x, axis=None, keepdims=False):
    x, dtype = as_float(x)
    compute = tf.float64 if x.dtype == tf.float64 else tf.float32
    x, nan = _filled(tf.cast(x, compute), 0)
    count = tf.reduce_sum(
        tf.cast(~nan, compute), axis=axes(axis), keepdims=True
    )
    mean = tf.reduce_sum(x, axis=axes(axis), keepdims=True) / count
    sq = tf.where(nan, tf.zeros((), compute), tf.square(x - mean))
    out = tf.reduce_sum(sq, axis=axes(axis), keepdims=True) / count
    if not keepdims:
        out = tf.squeeze(out, axis=axes(axis))
    return cast(out, dtype)


def nanstd(x, axis=None, keepdims=False):
    out = nanvar(x, axis=axis, keepdims=keepdims)
    return tf.sqrt(out)


def nanmedian(x, axis=None, keepdims=False):
    return quantile_impl(x, 0.5, axes(axis), "linear", keepdims, True)


def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    return quantile_impl(x, q, axes(axis), method, keepdims, True)


def nanpercentile(x, q, axis=None, method="linear", keepdims=False):
    q = convert_to_tensor(q, "float64") / 100.0
    return nanquantile(x, q, axis=axis, method=method, keepdims=keepdims)


def _nanarg(arg, fill, x, axis, keepdims):
    x = convert_to_tensor(x)
    if not x.dtype.is_floating:
        return arg(x, axis=axis, keepdims=keepdims)
    filled, nan = _filled(x, fill)
    out = arg(filled, axis=axis, keepdims=keepdims)
    if axis is None:
        all_nan = tf.reduce_all(nan)
        if keepdims:
            all_nan = tf.reshape(all_nan, [1] * x.shape.rank)
    else:
        all_nan = tf.reduce_all(nan, axis=axis, keepdims=keepdims)
    return tf.where(all_nan, tf.constant(-1, tf.int32), out)


def nanargmax(x, axis=None, keepdims=False):
    return _nanarg(reductions.argmax, float("-inf"), x, axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return _nanarg(reductions.argmin, float("inf"), x, axis, keepdims)


def nancumsum(x, axis=None, dtype=None):
    x, _ = _filled(x, 0)
    return cumulative.cumsum(x, axis=axis, dtype=dtype)


def nancumprod(x, axis=None, dtype=None):
    x, _ = _filled(x, 1)
    return cumulative.cumprod(x, axis=axis, dtype=dtype)
