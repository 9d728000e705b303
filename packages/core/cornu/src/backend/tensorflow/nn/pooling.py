"""pooling ops (`cornu.ops.nn`) on the TensorFlow backend.

`max_pool`/`average_pool` use `tf.nn.max_pool`/`tf.nn.avg_pool` (whose
`"SAME"` padding and divisor match Keras's) where the CPU kernels exist;
other ranks and dtypes (3-D pooling of non-float32 data, integer max
pooling in 3-D) reduce over one strided slice per window tap.

Adaptive pooling works one spatial axis at a time (its bins are products
of per-axis ranges): means by contracting with an averaging matrix, maxes
from a gather of each bin's elements.
"""

import itertools

import numpy as np
import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common import conv_utils
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.nn.activations import scalar
from cornu.src.backend.tensorflow.nn.conv import from_channels_last
from cornu.src.backend.tensorflow.nn.conv import to_channels_last

__all__ = [
    "max_pool",
    "average_pool",
    "adaptive_max_pool",
    "adaptive_average_pool",
    "unfold",
]


def _args(x, pool_size, strides, padding):
    n = len(x.shape) - 2
    pool_size = conv_utils.to_tuple(pool_size, n)
    strides = conv_utils.to_tuple(pool_size if strides is None else strides, n)
    spatial = tuple(x.shape[1:-1])
    pads = conv_utils.paddings(spatial, pool_size, strides, padding)
    return pool_size, strides, pads


# Passed explicitly: `tf.nn.max_pool`'s default leaves the 3-D op without
# a `data_format` attribute, and its gradient then fails.
_LAYOUTS = {1: "NWC", 2: "NHWC", 3: "NDHWC"}


def _native(x, n):
    """Whether TensorFlow's CPU pooling kernels take `x`."""
    return x.dtype == tf.float32 or (
        n <= 2 and x.dtype in (tf.float16, tf.bfloat16, tf.float64)
    )


def _lowest(dtype):
    if dtype.is_floating:
        return -np.inf
    if dtype == tf.bool:
        return False
    return dtype.min


def _taps(x, pool_size, strides, pads, fill):
    """The strided slices of the padded `x`, one per window tap."""
    x = tf.pad(
        x,
        [[0, 0], *[list(p) for p in pads], [0, 0]],
        constant_values=scalar(fill, x.dtype),
    )
    outs = [
        (size - k) // s + 1
        for size, k, s in zip(x.shape[1:-1], pool_size, strides, strict=True)
    ]
    for offset in itertools.product(*(range(k) for k in pool_size)):
        index = [slice(None)]
        for o, s, out in zip(offset, strides, outs, strict=True):
            index.append(slice(o, o + (out - 1) * s + 1, s))
        yield x[tuple(index)]


def max_pool(
    inputs, pool_size, strides=None, padding="valid", data_format=None
):
    x = to_channels_last(convert_to_tensor(inputs), data_format)
    n = len(x.shape) - 2
    pool_size, strides, pads = _args(x, pool_size, strides, padding)
    if _native(x, n) or (n <= 2 and x.dtype.is_integer):
        out = tf.nn.max_pool(
            x, pool_size, strides, padding.upper(), data_format=_LAYOUTS[n]
        )
    else:
        if x.dtype == tf.bool:
            out = tf.cast(
                max_pool(
                    tf.cast(x, tf.int32),
                    pool_size,
                    strides,
                    padding,
                    "channels_last",
                ),
                tf.bool,
            )
            return from_channels_last(out, data_format)
        out = None
        for tap in _taps(x, pool_size, strides, pads, _lowest(x.dtype)):
            out = tap if out is None else tf.maximum(out, tap)
    return from_channels_last(out, data_format)


def _counts(spatial, pool_size, strides, pads):
    """How many unpadded elements each window covers (static)."""
    total = np.ones(())
    for size, k, s, (a, b) in zip(
        spatial, pool_size, strides, pads, strict=True
    ):
        valid = np.pad(np.ones(size), (a, b))
        out = (size + a + b - k) // s + 1
        per_axis = np.array(
            [valid[i * s : i * s + k].sum() for i in range(out)]
        )
        total = np.multiply.outer(total, per_axis)
    return total


def average_pool(
    inputs, pool_size, strides=None, padding="valid", data_format=None
):
    x = to_channels_last(convert_to_tensor(inputs), data_format)
    if not x.dtype.is_floating:
        x = tf.cast(x, config.floatx())
    n = len(x.shape) - 2
    pool_size, strides, pads = _args(x, pool_size, strides, padding)
    if _native(x, n):
        out = tf.nn.avg_pool(
            x, pool_size, strides, padding.upper(), data_format=_LAYOUTS[n]
        )
        return from_channels_last(out, data_format)
    total = None
    for tap in _taps(x, pool_size, strides, pads, 0):
        total = tap if total is None else total + tap
    # Padded positions count neither in the sum nor in the divisor.
    count = _counts(tuple(x.shape[1:-1]), pool_size, strides, pads)
    out = total / tf.constant(count[..., None], x.dtype)
    return from_channels_last(out, data_format)


def _adaptive_pool(inputs, output_size, data_format, reduce):
    x = to_channels_last(convert_to_tensor(inputs), data_format)
    n = len(x.shape) - 2
    if reduce == "mean" and not x.dtype.is_floating:
        x = tf.cast(x, config.floatx())
    output_size = conv_utils.to_tuple(output_size, n)
    for axis, out in zip(range(1, n + 1), output_size, strict=True):
        bins = conv_utils.adaptive_bins(x.shape[axis], out)
        if reduce == "mean":
            # Bin means as one contraction with an averaging matrix.
            weights = np.zeros((x.shape[axis], out))
            for i, (start, end) in enumerate(bins):
                weights[start:end, i] = 1.0 / (end - start)
            moved = tf.tensordot(
                x, tf.constant(weights, x.dtype), axes=[[axis], [0]]
            )
            perm = [
                *range(axis),
                len(x.shape) - 1,
                *range(axis, len(x.shape) - 1),
            ]
            x = tf.transpose(moved, perm)
        else:
            # Indices past a bin's end repeat its last element: harmless
            # for a max.
            width = max(end - start for start, end in bins)
            index = np.array(
                [
                    [min(start + j, end - 1) for j in range(width)]
                    for start, end in bins
                ]
            )
            gathered = tf.gather(x, index, axis=axis)
            if x.dtype == tf.bool:
                x = tf.reduce_any(gathered, axis=axis + 1)
            else:
                x = tf.reduce_max(gathered, axis=axis + 1)
    return from_channels_last(x, data_format)


def adaptive_max_pool(inputs, output_size, data_format=None):
    return _adaptive_pool(inputs, output_size, data_format, "max")


def adaptive_average_pool(inputs, output_size, data_format=None):
    return _adaptive_pool(inputs, output_size, data_format, "mean")


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    x = convert_to_tensor(input)
    kernel_size = conv_utils.to_tuple(kernel_size, 2)
    dilation = conv_utils.to_tuple(dilation, 2)
    padding = conv_utils.to_tuple(padding, 2)
    stride = conv_utils.to_tuple(stride, 2)
    x = tf.pad(x, [[0, 0], [0, 0], *[[p, p] for p in padding]])
    out_spatial = tuple(
        (s - conv_utils.window_span(k, d)) // st + 1
        for s, k, d, st in zip(
            x.shape[2:], kernel_size, dilation, stride, strict=True
        )
    )
    patches = []
    for tap in np.ndindex(*kernel_size):
        index = tuple(
            slice(t * d, t * d + (o - 1) * s + 1, s)
            for t, d, s, o in zip(
                tap, dilation, stride, out_spatial, strict=True
            )
        )
        patches.append(x[(slice(None), slice(None)) + index])
    # (N, C, taps, oh, ow) -> (N, C * taps, oh * ow), channel-major.
    out = tf.stack(patches, axis=2)
    batch = tf.shape(x)[0]
    return tf.reshape(out, (batch, -1, out_spatial[0] * out_spatial[1]))
