"""Pooling and unfold (`cornu.ops.nn`) on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common import conv_utils
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.nn.conv import _from_channels_first
from cornu.src.backend.openvino.nn.conv import _spatial
from cornu.src.backend.openvino.nn.conv import _to_channels_first
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = [
    "max_pool",
    "average_pool",
    "adaptive_max_pool",
    "adaptive_average_pool",
    "unfold",
]


def _setup(inputs, pool_size, strides, padding, data_format):
    x = convert_to_tensor(inputs)
    n = x.ndim - 2
    pool_size = conv_utils.to_tuple(pool_size, n)
    strides = conv_utils.to_tuple(pool_size if strides is None else strides, n)
    spatial, _ = _spatial(x, data_format)
    pads = conv_utils.paddings(spatial, pool_size, strides, padding)
    begin = [p[0] for p in pads]
    end = [p[1] for p in pads]
    return x, list(pool_size), list(strides), begin, end


def max_pool(
    inputs, pool_size, strides=None, padding="valid", data_format=None
):
    x, kernel, strides, begin, end = _setup(
        inputs, pool_size, strides, padding, data_format
    )
    data = _to_channels_first(x, data_format)
    node = ovops.max_pool(
        data,
        strides,
        [1] * len(kernel),
        begin,
        end,
        kernel,
        "floor",
        "explicit",
    )
    return _from_channels_first(node.output(0), x.ndim, data_format)


def average_pool(
    inputs, pool_size, strides=None, padding="valid", data_format=None
):
    x, kernel, strides, begin, end = _setup(
        inputs, pool_size, strides, padding, data_format
    )
    if x.dtype == "bool" or "int" in x.dtype:
        x = cast(x, config.floatx())
    data = _to_channels_first(x, data_format)
    # Padded positions count neither in the sum nor in the divisor.
    node = ovops.avg_pool(
        data, strides, begin, end, kernel, True, "floor", "explicit"
    )
    return _from_channels_first(node.output(0), x.ndim, data_format)


def _adaptive_pool(inputs, output_size, data_format, reduce):
    x = convert_to_tensor(inputs)
    n = x.ndim - 2
    output_size = conv_utils.to_tuple(output_size, n)
    if reduce == "mean" and (x.dtype == "bool" or "int" in x.dtype):
        x = cast(x, config.floatx())
    channels_first = (
        conv_utils.data_format_or_default(data_format) == "channels_first"
    )
    first = 2 if channels_first else 1
    reducer = ovops.reduce_mean if reduce == "mean" else ovops.reduce_max
    data = x.output
    shape = list(x.shape)
    # Max and mean over a rectangle factor into one pass per axis.
    for axis, out in zip(range(first, first + n), output_size, strict=True):
        parts = []
        for start, end in conv_utils.adaptive_bins(shape[axis], out):
            piece = ovops.slice(
                data,
                int_const([start]),
                int_const([end]),
                int_const([1]),
                int_const([axis]),
            )
            parts.append(reducer(piece, int_const([axis]), True).output(0))
        data = ovops.concat(parts, axis).output(0)
        shape[axis] = out
    return wrap(data)


def adaptive_max_pool(inputs, output_size, data_format=None):
    return _adaptive_pool(inputs, output_size, data_format, "max")


def adaptive_average_pool(inputs, output_size, data_format=None):
    return _adaptive_pool(inputs, output_size, data_format, "mean")


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):  # noqa: A002
    x = convert_to_tensor(input)
    kernel_size = conv_utils.to_tuple(kernel_size, 2)
    dilation = conv_utils.to_tuple(dilation, 2)
    padding = conv_utils.to_tuple(padding, 2)
    stride = conv_utils.to_tuple(stride, 2)
    data = x.output
    if any(padding):
        zero = const(False if x.dtype == "bool" else 0, x.dtype)
        data = ovops.pad(
            data,
            int_const([0, 0, *padding]),
            int_const([0, 0, *padding]),
            "constant",
            zero,
        ).output(0)
    sizes = [s + 2 * p for s, p in zip(x.shape[2:], padding, strict=True)]
    out_spatial = [
        (s - conv_utils.window_span(k, d)) // st + 1
        for s, k, d, st in zip(
            sizes, kernel_size, dilation, stride, strict=True
        )
    ]
    taps = []
    for tap in np.ndindex(*kernel_size):
        starts = [t * d for t, d in zip(tap, dilation, strict=True)]
        stops = [
            b + (o - 1) * st + 1
            for b, o, st in zip(starts, out_spatial, stride, strict=True)
        ]
        piece = ovops.slice(
            data,
            int_const(starts),
            int_const(stops),
            int_const(list(stride)),
            int_const([2, 3]),
        )
        taps.append(ovops.unsqueeze(piece, int_const([2])).output(0))
    # (N, C, taps, oh, ow) -> (N, C * taps, oh * ow), channel-major.
    out = ovops.concat(taps, 2)
    # 0 copies the (possibly dynamic) batch size.
    shape = [0, -1, out_spatial[0] * out_spatial[1]]
    return wrap(ovops.reshape(out, int_const(shape), True))
