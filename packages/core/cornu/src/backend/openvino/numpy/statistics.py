"""std, var, quantiles and averages on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes

__all__ = ["std", "var", "median", "quantile", "percentile", "average"]


def _float(x):
    x = convert_to_tensor(x)
    return cast(x, reduction_dtypes.float_dtype(x.dtype, config.floatx()))


def var(x, axis=None, keepdims=False):
    x = _float(x)
    dtype = x.dtype
    compute = "float64" if dtype == "float64" else "float32"
    x = cast(x, compute)
    axes = int_const(normalize_axes(axis, x.ndim))
    mean = ovops.reduce_mean(x.output, axes, True)
    centred = ovops.subtract(x.output, mean)
    out = ovops.reduce_mean(ovops.multiply(centred, centred), axes, keepdims)
    return cast(wrap(out), dtype)


def std(x, axis=None, keepdims=False):
    out = var(x, axis=axis, keepdims=keepdims)
    return wrap(ovops.sqrt(out.output))


def _quantile_positions(q, n, method):
    """Per quantile: (low index, high index, weight of high)."""
    position = q * (n - 1)
    low = np.floor(position).astype(np.int64)
    high = np.ceil(position).astype(np.int64)
    frac = position - low
    if method == "lower":
        high, frac = low, np.zeros_like(frac)
    elif method == "higher":
        low, frac = high, np.zeros_like(frac)
    elif method == "nearest":
        nearest = np.round(position).astype(np.int64)
        low = high = nearest
        frac = np.zeros_like(frac)
    elif method == "midpoint":
        frac = np.where(high > low, 0.5, 0.0)
    elif method != "linear":
        raise ValueError(
            "quantile method must be one of 'linear', 'lower', 'higher', "
            f"'midpoint' or 'nearest'. Received: method={method!r}."
        )
    return low, high, frac


def quantile(x, q, axis=None, method="linear", keepdims=False):
    x = _float(x)
    dtype = x.dtype
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
    data = ovops.reshape(data, int_const([*kept_shape, n]), False)
    last = len(kept_shape)
    ordered = ovops.topk(
        data, ovops.constant(np.int64(n)), last, "min", "value", "i32", True
    ).output(0)
    flat_q = q_value.reshape(-1)
    low, high, frac = _quantile_positions(flat_q, n, method)
    lows = ovops.gather(ordered, int_const(low), np.int64(last))
    highs = ovops.gather(ordered, int_const(high), np.int64(last))
    weight = ovops.constant(frac.astype(compute))
    out = ovops.add(lows, ovops.multiply(ovops.subtract(highs, lows), weight))
    # Any NaN in a slice makes its quantiles NaN, as in NumPy.
    has_nan = ovops.reduce_logical_or(
        ovops.is_nan(data), int_const([last]), True
    )
    out = ovops.select(has_nan, np.asarray(np.nan, compute), out)
    if keepdims:
        shape = [1 if i in axes else x.shape[i] for i in range(x.ndim)]
    else:
        shape = kept_shape
    # (*kept, len(q)) -> (len(q), *shape)
    order = [last, *range(last)]
    out = ovops.transpose(out, int_const(order))
    lead = [] if q_value.ndim == 0 else [len(flat_q)]
    out = ovops.reshape(out, int_const(lead + list(shape)), False)
    return cast(wrap(out), dtype)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    q_value = np.asarray(
        q.numpy() if hasattr(q, "numpy") else q, dtype=np.float64
    )
    return quantile(
        x, q_value / 100.0, axis=axis, method=method, keepdims=keepdims
    )


def median(x, axis=None, keepdims=False):
    return quantile(x, 0.5, axis=axis, keepdims=keepdims)


def average(x, axis=None, weights=None):
    x = _float(x)
    dtype = x.dtype
    if weights is None:
        axes = int_const(normalize_axes(axis, x.ndim))
        return wrap(ovops.reduce_mean(x.output, axes, False))
    w = _float(weights)
    dtype = reduction_dtypes.promote_float(dtype, w.dtype)
    x, w = cast(x, dtype), cast(w, dtype)
    weight = w.output
    if w.ndim == 1 and x.ndim > 1 and axis is not None:
        shape = [1] * x.ndim
        shape[int(axis) % x.ndim] = w.shape[0]
        weight = ovops.reshape(weight, int_const(shape), False)
    axes = int_const(normalize_axes(axis, x.ndim))
    weight = ovops.broadcast(weight, int_const(list(x.shape)))
    total = ovops.reduce_sum(ovops.multiply(x.output, weight), axes, False)
    return wrap(ovops.divide(total, ovops.reduce_sum(weight, axes, False)))
