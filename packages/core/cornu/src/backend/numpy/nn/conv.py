"""conv ops (`cornu.ops.nn`) on the NumPy backend.

Convolutions loop over the kernel's taps (at most a few dozen) and do one
`einsum` per tap over a strided view of the padded input: no im2col copy,
so memory stays at the size of the output.
"""

import numpy as np

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.numpy.core import convert_to_tensor

__all__ = [
    "conv",
    "conv_transpose",
    "depthwise_conv",
    "separable_conv",
]


def to_channels_last(x, data_format):
    if conv_utils.data_format_or_default(data_format) == "channels_first":
        return np.moveaxis(x, 1, -1)
    return x


def from_channels_last(x, data_format):
    if conv_utils.data_format_or_default(data_format) == "channels_first":
        return np.moveaxis(x, -1, 1)
    return x


def tap_slices(tap, dilation, strides, out_spatial):
    """Slices of the (padded) input read by one kernel tap."""
    return tuple(
        slice(t * d, t * d + (o - 1) * s + 1, s)
        for t, d, s, o in zip(tap, dilation, strides, out_spatial, strict=True)
    )


def _promote(inputs, kernel):
    x = convert_to_tensor(inputs)
    w = convert_to_tensor(kernel)
    dtype = result_type(x.dtype, w.dtype)
    return x.astype(dtype, copy=False), w.astype(dtype, copy=False)


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
    x = to_channels_last(x, data_format)
    window = w.shape[:-2]
    pads = conv_utils.paddings(
        x.shape[1:-1], window, strides, padding, dilation
    )
    x = np.pad(x, [(0, 0), *pads, (0, 0)])
    in_group, out_channels = w.shape[-2:]
    groups = x.shape[-1] // in_group
    out_spatial = tuple(
        (p - conv_utils.window_span(k, d)) // s + 1
        for p, k, d, s in zip(
            x.shape[1:-1], window, dilation, strides, strict=True
        )
    )
    x = x.reshape(*x.shape[:-1], groups, in_group)
    w = w.reshape(*window, in_group, groups, out_channels // groups)
    out = np.zeros(
        (x.shape[0], *out_spatial, groups, out_channels // groups), x.dtype
    )
    for tap in np.ndindex(*window):
        patch = x[
            (slice(None),) + tap_slices(tap, dilation, strides, out_spatial)
        ]
        out += np.einsum("...gi,igo->...go", patch, w[tap])
    out = out.reshape(*out.shape[:-2], out_channels)
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
    # (*window, channels, multiplier) is a grouped conv with one group per
    # channel: output channel c * multiplier + m.
    w = w.reshape(*w.shape[:-2], 1, w.shape[-2] * w.shape[-1])
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
    out_pads = (
        (None,) * n
        if output_padding is None
        else conv_utils.to_tuple(output_padding, n)
    )
    x = to_channels_last(x, data_format)
    window = w.shape[:-2]
    in_spatial = x.shape[1:-1]
    # Scatter every input position through the kernel into the full
    # output of size (size - 1) * stride + span, then crop it.
    full = tuple(
        (s - 1) * st + conv_utils.window_span(k, d)
        for s, st, k, d in zip(
            in_spatial, strides, window, dilation, strict=True
        )
    )
    out = np.zeros((x.shape[0], *full, w.shape[-2]), x.dtype)
    for tap in np.ndindex(*window):
        contribution = np.einsum("...i,oi->...o", x, w[tap])
        out[
            (slice(None),) + tap_slices(tap, dilation, strides, in_spatial)
        ] += contribution
    crops = []
    for s, k, st, p, d in zip(
        in_spatial, window, strides, out_pads, dilation, strict=True
    ):
        left, _ = conv_utils.conv_transpose_padding(k, st, padding, p, d)
        length = conv_utils.conv_transpose_output_length(
            s, k, st, padding, p, d
        )
        crops.append((conv_utils.window_span(k, d) - 1 - left, length))
    extra = [
        max(c + size - f, 0) for (c, size), f in zip(crops, full, strict=True)
    ]
    out = np.pad(out, [(0, 0), *[(0, e) for e in extra], (0, 0)])
    out = out[(slice(None),) + tuple(slice(c, c + size) for c, size in crops)]
    return from_channels_last(out, data_format)
