"""std, var, quantiles, averages, corrcoef and correlate on OpenVINO.

`correlate` is a one-channel `Convolution` (which cross-correlates).
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes

__all__ = [
    "std",
    "var",
    "median",
    "quantile",
    "percentile",
    "average",
    "corrcoef",
    "correlate",
]


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


def corrcoef(x):
    x = convert_to_tensor(x)
    dtype = reduction_dtypes.correlate_dtype(x.dtype, x.dtype)
    compute = "float64" if dtype == "float64" else "float32"
    rows = cast(x, compute).output
    if x.ndim == 1:
        rows = ovops.unsqueeze(rows, int_const([0]))
    last = int_const([1])
    centred = ovops.subtract(rows, ovops.reduce_mean(rows, last, True))
    # The 1 / (n - 1) of the covariance cancels in the ratio.
    products = ovops.matmul(centred, centred, False, True)
    variances = ovops.reduce_sum(ovops.multiply(centred, centred), last, False)
    scale = ovops.sqrt(variances)
    scale = ovops.multiply(
        ovops.unsqueeze(scale, int_const([1])),
        ovops.unsqueeze(scale, int_const([0])),
    )
    out = ovops.divide(products, scale)
    # Rounding can leave |r| a little above 1: clip as NumPy does.
    out = ovops.clamp(out, -1.0, 1.0)
    if x.ndim == 1:
        # A one-term sum gives the 0-d result (an eager Reshape to 0-d
        # keeps shape (1,)).
        out = ovops.reduce_sum(out, int_const([0, 1]), False)
    return cast(wrap(out), dtype)


def correlate(x1, x2, mode="valid"):
    x1 = convert_to_tensor(x1)
    x2 = convert_to_tensor(x2)
    dtype = reduction_dtypes.correlate_dtype(x1.dtype, x2.dtype)
    compute = "float64" if dtype == "float64" else "float32"
    m, n = x1.shape[0], x2.shape[0]
    signal = ovops.reshape(
        cast(x1, compute).output, int_const([1, 1, -1]), False
    )
    kernel = ovops.reshape(
        cast(x2, compute).output, int_const([1, 1, n]), False
    )
    # A convolution is a cross-correlation: padding n - 1 on both sides
    # gives NumPy's "full" result, which the other modes slice.
    full = ovops.convolution(signal, kernel, [1], [n - 1], [n - 1], [1])
    full = ovops.reshape(full, int_const([-1]), False)
    longest, shortest = max(m, n), min(m, n)
    if mode == "full":
        start, length = 0, m + n - 1
    elif mode == "same":
        start = (shortest - 1) // 2 if m >= n else shortest // 2
        length = longest
    else:
        start, length = shortest - 1, longest - shortest + 1
    out = ovops.slice(
        full, int_const([start]), int_const([start + length]), int_const([1])
    )
    return cast(wrap(out), dtype)
