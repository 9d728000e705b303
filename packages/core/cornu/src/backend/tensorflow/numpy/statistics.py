"""Statistics (std, quantiles, averages, correlations) on the TensorFlow
backend."""

import tensorflow as tf

from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.tensorflow.core import cast
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy.promotion import axes
from cornu.src.backend.tensorflow.numpy.promotion import dtype_name
from cornu.src.backend.tensorflow.numpy.promotion import reduce_float_dtype

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


def as_float(x):
    """`x` as a float tensor (floatx for integers) and that dtype's name."""
    x = convert_to_tensor(x)
    dtype = reduce_float_dtype(x)
    return cast(x, dtype), dtype


def _compute(x):
    # float16/bfloat16 statistics are computed in float32.
    if x.dtype in (tf.float16, tf.bfloat16):
        return tf.cast(x, tf.float32)
    return x


def var(x, axis=None, keepdims=False):
    x, dtype = as_float(x)
    out = tf.math.reduce_variance(
        _compute(x), axis=axes(axis), keepdims=keepdims
    )
    return cast(out, dtype)


def std(x, axis=None, keepdims=False):
    x, dtype = as_float(x)
    out = tf.math.reduce_std(_compute(x), axis=axes(axis), keepdims=keepdims)
    return cast(out, dtype)


def _move_axes_last(x, axis):
    """`x` with the reduced axes flattened into one last axis."""
    rank = x.shape.rank
    if axis is None:
        return tf.reshape(x, [-1]), None
    reduced = sorted(
        a % rank for a in (axis if isinstance(axis, (list, tuple)) else [axis])
    )
    kept = [a for a in range(rank) if a not in reduced]
    x = tf.transpose(x, kept + reduced)
    shape = tf.shape(x)
    kept_shape = shape[: len(kept)]
    x = tf.reshape(x, tf.concat([kept_shape, [-1]], axis=0))
    return x, reduced


def quantile_impl(x, q, axis, method, keepdims, ignore_nan):
    """Quantiles of `x` along `axis` (NaN-ignoring if `ignore_nan`)."""
    x, dtype = as_float(x)
    rank = x.shape.rank
    x = _compute(x)
    if x.dtype != tf.float64:
        x = tf.cast(x, tf.float32)
    q = convert_to_tensor(q, "float64")
    flat, reduced = _move_axes_last(x, axis)
    nan = tf.math.is_nan(flat)
    if ignore_nan:
        # NaNs sort last: replace them by +inf and count the valid ones.
        flat = tf.where(nan, tf.constant(float("inf"), flat.dtype), flat)
        n = tf.reduce_sum(tf.cast(~nan, tf.int32), axis=-1, keepdims=True)
    else:
        n = tf.fill(
            tf.concat([tf.shape(flat)[:-1], [1]], 0), tf.shape(flat)[-1]
        )
    ordered = tf.sort(flat, axis=-1)
    # positions: q (leading) broadcast against the batch (trailing).
    q_shape = tf.shape(q)
    qv = tf.reshape(q, [-1] + [1] * (flat.shape.rank))
    pos = qv * tf.cast(n - 1, tf.float64)[None]
    low = tf.floor(pos)
    high = tf.math.ceil(pos)
    if method == "lower":
        pos = low
    elif method == "higher":
        pos = high
    elif method == "nearest":
        pos = tf.round(pos)  # round half to even, as NumPy
    last = tf.maximum(n - 1, 0)[None]

    def gather(p):
        index = tf.clip_by_value(tf.cast(p, tf.int32), 0, last)
        batch = tf.broadcast_to(
            ordered[None], tf.concat([[tf.size(q)], tf.shape(ordered)], 0)
        )
        return tf.gather(batch, index, axis=-1, batch_dims=flat.shape.rank)

    if method in ("lower", "higher", "nearest"):
        out = gather(pos)
    elif method == "midpoint":
        out = (gather(low) + gather(high)) / 2
    else:
        frac = tf.cast(pos - low, ordered.dtype)
        a, b = gather(low), gather(high)
        out = a + (b - a) * frac
    out = tf.squeeze(out, -1)
    invalid = (
        tf.squeeze(n == 0, -1)[None]
        if ignore_nan
        else tf.reduce_any(nan, axis=-1)[None]
    )
    out = tf.where(invalid, tf.constant(float("nan"), out.dtype), out)
    if keepdims:
        if reduced is None:
            batch_shape = [1] * rank
        else:
            dims = tf.unstack(tf.shape(x))
            batch_shape = tf.stack(
                [1 if a in reduced else d for a, d in enumerate(dims)]
            )
        out = tf.reshape(out, tf.concat([q_shape, batch_shape], 0))
    else:
        out = tf.reshape(out, tf.concat([q_shape, tf.shape(out)[1:]], 0))
    return cast(out, dtype)


def median(x, axis=None, keepdims=False):
    return quantile_impl(x, 0.5, axes(axis), "linear", keepdims, False)


def quantile(x, q, axis=None, method="linear", keepdims=False):
    return quantile_impl(x, q, axes(axis), method, keepdims, False)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    q = convert_to_tensor(q, "float64") / 100.0
    return quantile(x, q, axis=axis, method=method, keepdims=keepdims)


def average(x, axis=None, weights=None):
    x, dtype = as_float(x)
    if weights is None:
        return cast(tf.reduce_mean(_compute(x), axis=axis), dtype)
    weights, weights_dtype = as_float(weights)
    dtype = reduction_dtypes.promote_float(dtype, weights_dtype)
    x, weights = _compute(cast(x, dtype)), _compute(cast(weights, dtype))
    if axis is not None and weights.shape.rank == 1 and x.shape.rank > 1:
        shape = [1] * x.shape.rank
        shape[axis] = -1
        weights = tf.reshape(weights, shape)
    weights = tf.broadcast_to(weights, tf.shape(x))
    total = tf.reduce_sum(x * weights, axis=axis)
    return cast(total / tf.reduce_sum(weights, axis=axis), dtype)


def corrcoef(x):
    x = convert_to_tensor(x)
    name = dtype_name(x)
    dtype = reduction_dtypes.correlate_dtype(name, name)
    x = _compute(cast(x, dtype))
    if x.shape.rank == 1:
        x = x[None, :]
    centered = x - tf.reduce_mean(x, axis=1, keepdims=True)
    cov = tf.matmul(centered, centered, transpose_b=True)
    d = tf.sqrt(tf.linalg.diag_part(cov))
    out = cov / d[:, None] / d[None, :]
    out = tf.clip_by_value(out, -1.0, 1.0)
    if out.shape[0] == 1:
        out = tf.reshape(out, [])
    return cast(out, dtype)


def correlate(x1, x2, mode="valid"):
    x1 = convert_to_tensor(x1)
    x2 = convert_to_tensor(x2)
    dtype = reduction_dtypes.correlate_dtype(dtype_name(x1), dtype_name(x2))
    a, v = _compute(cast(x1, dtype)), _compute(cast(x2, dtype))
    n, m = int(a.shape[0]), int(v.shape[0])
    if mode == "full":
        pad_left, pad_right = m - 1, m - 1
    else:  # "valid"
        pad_left, pad_right = 0, 0
    # Sliding dot products of `v` over a zero-padded `a`.
    if n < m:
        # np.correlate swaps (and reverses the output) when v is longer.
        out = correlate(v, a, mode)
        return cast(tf.reverse(out, [0]), dtype)
    if mode == "same":
        pad_left, pad_right = m // 2, m - 1 - m // 2
    padded = tf.pad(a, [[pad_left, pad_right]])
    length = int(padded.shape[0]) - m + 1
    windows = tf.stack([padded[i : i + length] for i in range(m)], axis=1)
    out = tf.linalg.matvec(windows, v)
    return cast(out, dtype)
