"""Convolutions (`cornu.ops.nn`) on the OpenVINO backend.

cornu's kernels are `(*window, in_channels / groups, out_channels)`;
OpenVINO wants channels-first data and `(out, in, *window)` kernels
(grouped: `(groups, out / groups, in / groups, *window)`), so the layouts
are transposed around each node (OpenVINO's CPU plugin folds the kernel
transposes, which are constants, when the model is compiled).
"""

import openvino.opset15 as ovops

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = ["conv", "depthwise_conv", "separable_conv", "conv_transpose"]


def _to_channels_first(x, data_format):
    if conv_utils.data_format_or_default(data_format) == "channels_first":
        return x.output
    n = x.ndim
    return ovops.transpose(
        x.output, int_const([0, n - 1, *range(1, n - 1)])
    ).output(0)


def _from_channels_first(out, ndim, data_format):
    if conv_utils.data_format_or_default(data_format) == "channels_first":
        return wrap(out)
    order = [0, *range(2, ndim), 1]
    return wrap(ovops.transpose(out, int_const(order)))


def _promote(inputs, kernel):
    x = convert_to_tensor(inputs)
    w = convert_to_tensor(kernel)
    dtype = result_type(x.dtype, w.dtype)
    return convert_to_tensor(x, dtype), convert_to_tensor(w, dtype)


def _spatial(x, data_format):
    if conv_utils.data_format_or_default(data_format) == "channels_first":
        return x.shape[2:], x.shape[1]
    return x.shape[1:-1], x.shape[-1]


def conv(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    x, w = _promote(inputs, kernel)
    n = x.ndim - 2
    strides = conv_utils.to_tuple(strides, n)
    dilation = conv_utils.to_tuple(dilation_rate, n)
    spatial, channels = _spatial(x, data_format)
    window = w.shape[:-2]
    in_group, out_channels = w.shape[-2:]
    groups = channels // in_group
    pads = conv_utils.paddings(spatial, window, strides, padding, dilation)
    begin = [p[0] for p in pads]
    end = [p[1] for p in pads]
    data = _to_channels_first(x, data_format)
    # (*window, in, out) -> (out, in, *window)
    order = [n + 1, n, *range(n)]
    kernel_cf = ovops.transpose(w.output, int_const(order))
    if groups == 1:
        node = ovops.convolution(
            data, kernel_cf, list(strides), begin, end, list(dilation)
        )
    else:
        shape = [groups, out_channels // groups, in_group, *window]
        kernel_g = ovops.reshape(kernel_cf, int_const(shape), False)
        node = ovops.group_convolution(
            data, kernel_g, list(strides), begin, end, list(dilation)
        )
    return _from_channels_first(node.output(0), x.ndim, data_format)


def depthwise_conv(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    w = convert_to_tensor(kernel)
    shape = [*w.shape[:-2], 1, w.shape[-2] * w.shape[-1]]
    w = wrap(ovops.reshape(w.output, int_const(shape), False))
    return conv(inputs, w, strides, padding, data_format, dilation_rate)


separable_conv = conv_utils.make_separable_conv(depthwise_conv, conv)


def conv_transpose(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    output_padding=None,
    data_format=None,
    dilation_rate=1,
):
    x, w = _promote(inputs, kernel)
    n = x.ndim - 2
    strides = conv_utils.to_tuple(strides, n)
    dilation = conv_utils.to_tuple(dilation_rate, n)
    spatial, _ = _spatial(x, data_format)
    window = w.shape[:-2]
    if output_padding is not None:
        output_padding = conv_utils.to_tuple(output_padding, n)
    else:
        output_padding = (None,) * n
    begin, end, extra = [], [], []
    for size, k, st, d, op in zip(
        spatial, window, strides, dilation, output_padding, strict=True
    ):
        span = conv_utils.window_span(k, d)
        left, _ = conv_utils.conv_transpose_padding(k, st, padding, op, d)
        length = conv_utils.conv_transpose_output_length(
            size, k, st, padding, op, d
        )
        crop = span - 1 - left
        right = (size - 1) * st + span - crop - length
        begin.append(crop)
        end.append(max(right, 0))
        extra.append(max(-right, 0))
    data = _to_channels_first(x, data_format)
    # cornu's transpose kernel is (*window, out, in) -> (in, out, *window)
    order = [n + 1, n, *range(n)]
    kernel_cf = ovops.transpose(w.output, int_const(order))
    node = ovops.convolution_backprop_data(
        data,
        kernel_cf,
        list(strides),
        pads_begin=begin,
        pads_end=end,
        dilations=list(dilation),
        output_padding=extra,
    )
    return _from_channels_first(node.output(0), x.ndim, data_format)
