"""Reductions that ignore NaNs (nansum, nanmean, ...) on OpenVINO.

Composed of this backend's ops: NaNs are replaced by the reduction's
identity, and all-NaN slices give NaN (or index -1), as in Keras.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import ov_type
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy import cumulative
from cornu.src.backend.openvino.numpy import reductions
from cornu.src.backend.openvino.numpy.arithmetic import divide
from cornu.src.backend.openvino.numpy.arithmetic import multiply
from cornu.src.backend.openvino.numpy.arithmetic import sqrt
from cornu.src.backend.openvino.numpy.arithmetic import subtract
from cornu.src.backend.openvino.numpy.indexing import where
from cornu.src.backend.openvino.numpy.logic import logical_not
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes
from cornu.src.backend.openvino.numpy.value_tests import isnan

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


def nancumprod(x, axis=None, dtype=None):
    return cumulative.cumprod(_filled(x, 1), axis=axis, dtype=dtype)


_METHODS = ("linear", "lower", "higher", "midpoint", "nearest")


def _positions(position, method, dtype):
    """(low index, high index, weight of high) outputs for the float
    `position` of each quantile among the sorted non-NaN values."""
    low = ovops.floor(position)
    high = ovops.ceiling(position)
    frac = ovops.subtract(position, low)
    zero = const(0, dtype)
    if method == "lower":
        high, frac = low, ovops.multiply(frac, zero)
    elif method == "higher":
        low, frac = high, ovops.multiply(frac, zero)
    elif method == "nearest":
        low = high = ovops.round(position, "half_to_even")
        frac = ovops.multiply(frac, zero)
    elif method == "midpoint":
        frac = ovops.select(ovops.greater(high, low), const(0.5, dtype), zero)
    elif method != "linear":
        raise ValueError(
            f"nanquantile expects `method` to be one of {_METHODS}. "
            f"Received: method={method!r}."
        )
    return low, high, frac


def nanquantile(x, q, axis=None, method="linear", keepdims=False):
    x, dtype = _as_float(x)
    compute = "float64" if dtype == "float64" else "float32"
    x = cast(x, compute)
    q_value = np.asarray(
        q.numpy() if hasattr(q, "numpy") else q, dtype=np.float64
    )
    axes = normalize_axes(axis, x.ndim)
    kept = [i for i in range(x.ndim) if i not in axes]
    kept_shape = [x.shape[i] for i in kept]
    n = int(np.prod([x.shape[i] for i in axes]))
    data = ovops.transpose(x.output, int_const(kept + axes))
    # 0 copies the kept sizes (which may be dynamic).
    last = len(kept_shape)
    data = ovops.reshape(data, int_const([0] * last + [n]), True)
    nan = ovops.is_nan(data)
    # NaNs sort last as +inf; only the first `count` sorted values count.
    filled = ovops.select(nan, const(np.inf, compute), data)
    ordered = ovops.topk(
        filled, ovops.constant(np.int64(n)), last, "min", "value", "i32", True
    ).output(0)
    present = ovops.convert(ovops.logical_not(nan), ov_type(compute))
    count = ovops.reduce_sum(present, int_const([last]), True)
    flat_q = const(q_value.reshape(-1), compute)
    position = ovops.multiply(ovops.subtract(count, const(1, compute)), flat_q)
    low, high, frac = _positions(position, method, compute)

    def picked(index):
        index = ovops.clamp(ovops.convert(index, "i64"), 0, max(n - 1, 0))
        return ovops.gather_elements(ordered, index, last)

    lows, highs = picked(low), picked(high)
    step = ovops.multiply(ovops.subtract(highs, lows), frac)
    exact = ovops.equal(frac, const(0, compute))
    out = ovops.select(exact, lows, ovops.add(lows, step))
    # An all-NaN slice gives NaN.
    empty = ovops.less(count, const(0.5, compute))
    out = ovops.select(empty, const(np.nan, compute), out)
    # (*kept, len(q)) -> (len(q), *kept), then the reduced axes as 1s.
    out = ovops.transpose(out, int_const([last, *range(last)]))
    if keepdims:
        out = ovops.unsqueeze(out, int_const([1 + a for a in axes]))
    if q_value.ndim == 0:
        # A one-term sum drops the axis (an eager Squeeze to 0-d keeps
        # shape (1,)).
        out = ovops.reduce_sum(out, int_const([0]), False)
    return cast(wrap(out), dtype)


def nanpercentile(x, q, axis=None, method="linear", keepdims=False):
    q_value = np.asarray(
        q.numpy() if hasattr(q, "numpy") else q, dtype=np.float64
    )
    return nanquantile(
        x, q_value / 100.0, axis=axis, method=method, keepdims=keepdims
    )


def nanmedian(x, axis=None, keepdims=False):
    return nanquantile(x, 0.5, axis=axis, keepdims=keepdims)
