"""conv ops (`cornu.ops.nn`) on the TensorFlow backend.

Every convolution runs channels-last (TensorFlow's CPU kernels have no
channels-first layout) on the raw `Conv2D`/`Conv3D` ops, which accept
strides and dilations together; 1-D convolutions run as 2-D ones over a
unit height. Paddings are explicit (`common/conv_utils.py`), so every
backend agrees to the element. Grouped convolutions, whose gradients the
CPU kernels lack, run group by group, and dilated ones (no CPU kernel
or gradient) on a zero-dilated kernel.
"""

import tensorflow as tf

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.nn.activations import dtype_name

__all__ = [
    "conv",
    "conv_transpose",
    "depthwise_conv",
    "separable_conv",
]


def channels_last(data_format):
    return conv_utils.data_format_or_default(data_format) == "channels_last"


def to_channels_last(x, data_format):
    if channels_last(data_format):
        return x
    rank = len(x.shape)
    return tf.transpose(x, (0, *range(2, rank), 1))


def from_channels_last(x, data_format):
    if channels_last(data_format):
        return x
    rank = len(x.shape)
    return tf.transpose(x, (0, rank - 1, *range(1, rank - 1)))


def _promote(inputs, kernel):
    x = convert_to_tensor(inputs)
    w = convert_to_tensor(kernel)
    dtype = result_type(dtype_name(x), dtype_name(w))
    return tf.cast(x, dtype), tf.cast(w, dtype), dtype


# TensorFlow's conv kernels take these dtypes; others compute in a wider
# one and are cast back.
_CONV_DTYPES = ("float16", "bfloat16", "float32", "float64", "int32")


def _raw_conv(x, w, strides, dilation, pads):
    """Channels-last correlation of `x` with a `(*window, I, O)` kernel;
    `pads` are per-spatial-dim `(left, right)`."""
    n = len(x.shape) - 2
    if n == 1:
        out = _raw_conv(
            x[:, None],
            w[None],
            (1, *strides),
            (1, *dilation),
            [(0, 0), *pads],
        )
        return out[:, 0]
    padding = [[0, 0], *[list(p) for p in pads], [0, 0]]
    strides = [1, *strides, 1]
    groups = x.shape[-1] // w.shape[-2]
    if n == 2 and groups == 1 and set(dilation) == {1}:
        return tf.nn.conv2d(x, w, strides, padding)
    # The CPU kernels lack dilated 3-D convolutions and the gradients of
    # dilated 2-D and of grouped ones: dilate the kernel with zeros
    # instead, and run group by group (each group an ordinary
    # convolution, with gradients).
    for axis, rate in enumerate(dilation):
        w = _dilate(w, axis, rate)
    if any(a or b for a, b in pads):
        x = tf.pad(x, padding)
    raw = tf.nn.conv2d if n == 2 else tf.nn.conv3d
    if groups == 1:
        return raw(x, w, strides, "VALID")
    xs = tf.split(x, groups, axis=-1)
    ws = tf.split(w, groups, axis=-1)
    return tf.concat(
        [raw(a, b, strides, "VALID") for a, b in zip(xs, ws, strict=True)],
        axis=-1,
    )


def _conv_channels_last(x, w, strides, dilation, pads, dtype):
    work = (
        dtype
        if dtype in _CONV_DTYPES
        else (
            "float32"
            if dtype in ("bool", "int8", "uint8", "int16")
            else "float64"
        )
    )
    out = _raw_conv(tf.cast(x, work), tf.cast(w, work), strides, dilation, pads)
    return tf.cast(out, dtype)


def conv(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    x, w, dtype = _promote(inputs, kernel)
    n = len(x.shape) - 2
    strides = conv_utils.to_tuple(strides, n)
    dilation = conv_utils.to_tuple(dilation_rate, n)
    x = to_channels_last(x, data_format)
    pads = conv_utils.paddings(
        tuple(x.shape[1:-1]),
        tuple(w.shape[:-2]),
        strides,
        padding,
        dilation,
    )
    out = _conv_channels_last(x, w, strides, dilation, pads, dtype)
    return from_channels_last(out, data_format)


def depthwise_conv(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    w = convert_to_tensor(kernel)
    # One group per channel: output channel c * multiplier + m.
    w = tf.reshape(w, (*w.shape[:-2], 1, w.shape[-2] * w.shape[-1]))
    return conv(inputs, w, strides, padding, data_format, dilation_rate)


separable_conv = conv_utils.make_separable_conv(depthwise_conv, conv)


def _dims(x):
    """`x`'s shape: static sizes where known, scalar tensors elsewhere."""
    dynamic = tf.shape(x)
    return [d if d is not None else dynamic[i] for i, d in enumerate(x.shape)]


def _dilate(x, axis, stride):
    """Inserts `stride - 1` zeros between the elements along `axis`
    (whose size is static)."""
    if stride == 1:
        return x
    dims = _dims(x)
    size = dims[axis]
    zeros = tf.zeros(
        dims[: axis + 1] + [stride - 1] + dims[axis + 1 :], x.dtype
    )
    x = tf.concat([tf.expand_dims(x, axis + 1), zeros], axis=axis + 1)
    x = tf.reshape(x, dims[:axis] + [size * stride] + dims[axis + 1 :])
    index = [slice(None)] * len(dims)
    index[axis] = slice(0, (size - 1) * stride + 1)
    return x[tuple(index)]


def conv_transpose(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    output_padding=None,
    data_format=None,
    dilation_rate=1,
):
    x, w, dtype = _promote(inputs, kernel)
    n = len(x.shape) - 2
    strides = conv_utils.to_tuple(strides, n)
    dilation = conv_utils.to_tuple(dilation_rate, n)
    out_pads = (
        (None,) * n
        if output_padding is None
        else conv_utils.to_tuple(output_padding, n)
    )
    window = tuple(w.shape[:-2])
    pads = [
        conv_utils.conv_transpose_padding(k, s, padding, p, d)
        for k, s, p, d in zip(window, strides, out_pads, dilation, strict=True)
    ]
    x = to_channels_last(x, data_format)
    for i, s in enumerate(strides):
        x = _dilate(x, i + 1, s)
    # The transpose of a strided conv: correlate the stride-dilated input
    # with the spatially flipped kernel, its channel axes swapped.
    flipped = tf.reverse(w, axis=list(range(n)))
    flipped = tf.transpose(flipped, (*range(n), n + 1, n))
    # Negative paddings crop.
    crops = [slice(None)]
    for i, (left, right) in enumerate(pads):
        size = x.shape[i + 1]
        crops.append(slice(max(-left, 0), size - max(-right, 0)))
    x = x[tuple(crops)]
    pads = [(max(a, 0), max(b, 0)) for a, b in pads]
    out = _conv_channels_last(x, flipped, (1,) * n, dilation, pads, dtype)
    return from_channels_last(out, data_format)
