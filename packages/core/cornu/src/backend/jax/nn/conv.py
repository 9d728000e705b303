"""conv ops (`cornu.ops.nn`) on the JAX backend (`lax.conv_general_dilated`)."""

import jax.numpy as jnp
from jax import lax

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.jax.core import convert_to_tensor

__all__ = [
    "conv",
    "conv_transpose",
    "depthwise_conv",
    "separable_conv",
]

_SPATIAL = {1: "W", 2: "HW", 3: "DHW"}


def dimension_numbers(n, data_format, kernel_spec="IO"):
    """lax dimension numbers for an N-D conv with a `(*window, I, O)`
    kernel (or `(*window, O, I)` with `kernel_spec="OI"`)."""
    spatial = _SPATIAL[n]
    if conv_utils.data_format_or_default(data_format) == "channels_last":
        layout = f"N{spatial}C"
    else:
        layout = f"NC{spatial}"
    return (layout, spatial + kernel_spec, layout)


def spatial_shape(x, data_format):
    if conv_utils.data_format_or_default(data_format) == "channels_last":
        return x.shape[1:-1]
    return x.shape[2:]


def _promote(inputs, kernel):
    x = convert_to_tensor(inputs)
    w = convert_to_tensor(kernel)
    dtype = result_type(x.dtype, w.dtype)
    return x.astype(dtype), w.astype(dtype)


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
    pads = conv_utils.paddings(
        spatial_shape(x, data_format),
        w.shape[:-2],
        strides,
        padding,
        dilation,
    )
    channels_last = dimension_numbers(n, data_format)[0].endswith("C")
    channels = x.shape[-1] if channels_last else x.shape[1]
    return lax.conv_general_dilated(
        x,
        w,
        window_strides=strides,
        padding=pads,
        rhs_dilation=dilation,
        dimension_numbers=dimension_numbers(n, data_format),
        feature_group_count=channels // w.shape[-2],
    )


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
    window = w.shape[:-2]
    pads = [
        conv_utils.conv_transpose_padding(k, s, padding, p, d)
        for k, s, p, d in zip(window, strides, out_pads, dilation, strict=True)
    ]
    # The transpose of a strided conv: correlate the stride-dilated input
    # with the spatially flipped kernel, read as (*window, O, I).
    flipped = jnp.flip(w, axis=tuple(range(n)))
    return lax.conv_general_dilated(
        x,
        flipped,
        window_strides=(1,) * n,
        padding=pads,
        lhs_dilation=strides,
        rhs_dilation=dilation,
        dimension_numbers=dimension_numbers(n, data_format, "OI"),
    )
