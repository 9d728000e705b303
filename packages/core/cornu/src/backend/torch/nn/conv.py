"""conv ops (`cornu.ops.nn`) on the PyTorch backend (`torch.nn.functional`).

Torch convolves channels-first tensors with `(out, in / groups, *window)`
weights; inputs and kernels are permuted to that layout and back.
Asymmetric `"same"` padding is applied with `F.pad` first. Integer
tensors, which torch's conv kernels reject, are convolved in float64 and
cast back (exact below 2**53).
"""

import torch
import torch.nn.functional as F

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.torch.core import convert_to_tensor
from cornu.src.backend.torch.core import to_torch_dtype

__all__ = [
    "conv",
    "conv_transpose",
    "depthwise_conv",
    "separable_conv",
]

_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_CONV_TRANSPOSE = {
    1: F.conv_transpose1d,
    2: F.conv_transpose2d,
    3: F.conv_transpose3d,
}


def to_channels_first(x, data_format):
    if conv_utils.data_format_or_default(data_format) == "channels_last":
        return torch.movedim(x, -1, 1)
    return x


def from_channels_first(x, data_format):
    if conv_utils.data_format_or_default(data_format) == "channels_last":
        return torch.movedim(x, 1, -1)
    return x


def pad_spatial(x, pads, value=0.0):
    """Pads the trailing spatial dims of a channels-first tensor."""
    if not any(left or right for left, right in pads):
        return x
    flat = [p for pair in reversed(pads) for p in pair]
    return F.pad(x, flat, value=value)


def _promote(inputs, kernel):
    x = convert_to_tensor(inputs)
    w = convert_to_tensor(kernel)
    dtype = to_torch_dtype(result_type(x.dtype, w.dtype))
    return x.to(dtype), w.to(device=x.device, dtype=dtype)


def _compute_dtype(dtype):
    if dtype.is_floating_point or dtype.is_complex:
        return dtype
    return torch.float64


def conv(
    inputs,
    kernel,
    strides=1,
    padding="valid",
    data_format=None,
    dilation_rate=1,
):
    x, w = _promote(inputs, kernel)
    dtype = x.dtype
    n = x.ndim - 2
    strides = conv_utils.to_tuple(strides, n)
    dilation = conv_utils.to_tuple(dilation_rate, n)
    x = to_channels_first(x, data_format).to(_compute_dtype(dtype))
    window = tuple(w.shape[:-2])
    pads = conv_utils.paddings(
        tuple(x.shape[2:]), window, strides, padding, dilation
    )
    # (*window, in / groups, out) -> (out, in / groups, *window).
    weight = torch.permute(w, (n + 1, n, *range(n))).to(x.dtype)
    symmetric = all(left == right for left, right in pads)
    if not symmetric:
        x = pad_spatial(x, pads)
    out = _CONV[n](
        x,
        weight,
        stride=strides,
        padding=tuple(left for left, _ in pads) if symmetric else 0,
        dilation=dilation,
        groups=x.shape[1] // w.shape[-2],
    )
    return from_channels_first(_cast_back(out, dtype), data_format)


def _cast_back(x, dtype):
    if x.dtype == dtype:
        return x
    if not (dtype.is_floating_point or dtype.is_complex):
        x = torch.round(x)
    return x.to(dtype)


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
    dtype = x.dtype
    n = x.ndim - 2
    strides = conv_utils.to_tuple(strides, n)
    dilation = conv_utils.to_tuple(dilation_rate, n)
    out_pads = (
        (None,) * n
        if output_padding is None
        else conv_utils.to_tuple(output_padding, n)
    )
    x = to_channels_first(x, data_format).to(_compute_dtype(dtype))
    window = tuple(w.shape[:-2])
    # (*window, out, in) -> torch's (in, out, *window).
    weight = torch.permute(w, (n + 1, n, *range(n))).to(x.dtype)
    # The full scatter output, (size - 1) * stride + span per dim, then
    # cropped on the left and cut or zero-extended on the right as Keras
    # sizes it (torch's symmetric `padding` cannot express every case).
    out = _CONV_TRANSPOSE[n](x, weight, stride=strides, dilation=dilation)
    for axis, (size, k, s, p, d) in enumerate(
        zip(x.shape[2:], window, strides, out_pads, dilation, strict=True),
        start=2,
    ):
        left, _ = conv_utils.conv_transpose_padding(k, s, padding, p, d)
        crop = conv_utils.window_span(k, d) - 1 - left
        length = conv_utils.conv_transpose_output_length(
            size, k, s, padding, p, d
        )
        extra = crop + length - out.shape[axis]
        if extra > 0:
            pads = [(0, 0)] * n
            pads[axis - 2] = (0, extra)
            out = pad_spatial(out, pads)
        out = torch.narrow(out, axis, crop, length)
    return from_channels_first(_cast_back(out, dtype), data_format)
