"""Reductions that ignore NaNs (nansum, nanmean, ...) on OpenVINO.

Composed of this backend's ops: NaNs are replaced by the reduction's
identity, and all-NaN slices give NaN (or index -1), as in Keras.
"""

import numpy as np

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.numpy import cumulative
from cornu.src.backend.openvino.numpy import reductions
from cornu.src.backend.openvino.numpy.arithmetic import divide
from cornu.src.backend.openvino.numpy.arithmetic import multiply
from cornu.src.backend.openvino.numpy.arithmetic import sqrt
from cornu.src.backend.openvino.numpy.arithmetic import subtract
from cornu.src.backend.openvino.numpy.indexing import where
from cornu.src.backend.openvino.numpy.logic import logical_not
from cornu.src.backend.openvino.numpy.value_tests import isnan

__all__ = [
    "nansum",
    "nanmean",
    "nanmax",
    "nanmin",
    "nanprod",
    "nanstd",
    "nanvar",
    "nanargmax",
    "nanargmin",
    "nancumsum",
]


def _is_float(x):
    return not (x.dtype == "bool" or "int" in x.dtype)


def _filled(x, value):
    x = convert_to_tensor(x)
    if not _is_float(x):
        return x
    return where(isnan(x), np.asarray(value, x.dtype), x)


def nansum(x, axis=None, keepdims=False):
    return reductions.sum(_filled(x, 0), axis=axis, keepdims=keepdims)


def nanprod(x, axis=None, keepdims=False):
    return reductions.prod(_filled(x, 1), axis=axis, keepdims=keepdims)


def _count(x, axis, keepdims, dtype):
    present = cast(logical_not(isnan(x)), dtype)
    return reductions.sum(present, axis=axis, keepdims=keepdims)


def nanmean(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    dtype = reduction_dtypes.mean_dtype(x.dtype)
    compute = "float64" if dtype == "float64" else "float32"
    x = cast(x, compute)
    total = nansum(x, axis=axis, keepdims=keepdims)
    out = divide(total, _count(x, axis, keepdims, compute))
    return cast(out, dtype)


def _nan_extreme(fn, fill, x, axis, keepdims):
    x = convert_to_tensor(x)
    if not _is_float(x):
        return fn(x, axis=axis, keepdims=keepdims)
    out = fn(_filled(x, fill), axis=axis, keepdims=keepdims)
    all_nan = reductions.all(isnan(x), axis=axis, keepdims=keepdims)
    return where(all_nan, np.asarray(np.nan, x.dtype), out)


def nanmax(x, axis=None, keepdims=False):
    return _nan_extreme(reductions.max, -np.inf, x, axis, keepdims)


def nanmin(x, axis=None, keepdims=False):
    return _nan_extreme(reductions.min, np.inf, x, axis, keepdims)


def _as_float(x):
    x = convert_to_tensor(x)
    dtype = reduction_dtypes.float_dtype(x.dtype, config.floatx())
    return cast(x, dtype), dtype


def nanvar(x, axis=None, keepdims=False):
    x, dtype = _as_float(x)
    compute = "float64" if dtype == "float64" else "float32"
    x = cast(x, compute)
    mean = nanmean(x, axis=axis, keepdims=True)
    centred = subtract(x, mean)
    squared = multiply(centred, centred)
    total = nansum(squared, axis=axis, keepdims=keepdims)
    out = divide(total, _count(x, axis, keepdims, compute))
    return cast(out, dtype)


def nanstd(x, axis=None, keepdims=False):
    return sqrt(nanvar(x, axis=axis, keepdims=keepdims))


def _nan_arg(fn, fill, x, axis, keepdims):
    # An all-NaN slice gives index -1 (NumPy raises; JAX returns -1).
    x = convert_to_tensor(x)
    if not _is_float(x):
        return fn(x, axis=axis, keepdims=keepdims)
    nan = isnan(x)
    out = fn(
        where(nan, np.asarray(fill, x.dtype), x), axis=axis, keepdims=keepdims
    )
    all_nan = reductions.all(nan, axis=axis, keepdims=keepdims)
    return where(all_nan, np.int32(-1), out)


def nanargmax(x, axis=None, keepdims=False):
    return _nan_arg(reductions.argmax, -np.inf, x, axis, keepdims)


def nanargmin(x, axis=None, keepdims=False):
    return _nan_arg(reductions.argmin, np.inf, x, axis, keepdims)


def nancumsum(x, axis=None, dtype=None):
    return cumulative.cumsum(_filled(x, 0), axis=axis, dtype=dtype)
