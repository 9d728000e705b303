"""Window arithmetic shared by every backend's conv and pooling ops.

Pure Python on ints; the public ops (`ops/nn/conv_utils.py`) build their
shape rules and errors on top of it, and the backends use it to turn
`"same"` padding, transposed convolutions and adaptive bins into explicit
paddings and index ranges, so that all backends agree to the element.
"""

from __future__ import annotations

from typing import Any

from cornu.src.backend import config


def data_format_or_default(data_format: str | None) -> str:
    """`None` -> `image_data_format()`; the public ops check the rest."""
    if data_format is None:
        return config.image_data_format()
    return data_format.lower()


def to_tuple(value: Any, n: int) -> tuple:
    """An int, or a sequence of `n` ints, as a tuple of `n` ints."""
    if isinstance(value, (tuple, list)):
        return tuple(int(v) for v in value)
    return (int(value),) * n


def window_span(window: int, dilation: int) -> int:
    """Extent of a window of `window` taps spaced `dilation` apart."""
    return (window - 1) * dilation + 1


def same_padding(size: int, window: int, stride: int) -> tuple[int, int]:
    """`(left, right)` padding of `"same"` along one dim.

    The output has `ceil(size / stride)` positions; an odd total puts the
    extra element on the right (as TensorFlow and Keras do). `window` is
    the dilated span.
    """
    out = -(-size // stride)
    total = max((out - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def paddings(
    spatial: tuple,
    window: tuple,
    strides: tuple,
    padding: str,
    dilation: tuple | None = None,
) -> list[tuple[int, int]]:
    """Per-dim `(left, right)` paddings for `"valid"` or `"same"`."""
    dilation = dilation or (1,) * len(window)
    if padding == "valid":
        return [(0, 0)] * len(window)
    return [
        same_padding(s, window_span(k, d), st)
        for s, k, st, d in zip(spatial, window, strides, dilation, strict=True)
    ]


def conv_transpose_output_length(
    size: int,
    window: int,
    stride: int,
    padding: str,
    output_padding: int | None,
    dilation: int,
) -> int:
    """Output size of a transposed convolution along one dim (Keras 3)."""
    span = window_span(window, dilation)
    if output_padding is None:
        if padding == "valid":
            return size * stride + max(span - stride, 0)
        return size * stride
    pad = span // 2 if padding == "same" else 0
    return (size - 1) * stride + span - 2 * pad + output_padding


def conv_transpose_padding(
    window: int,
    stride: int,
    padding: str,
    output_padding: int | None,
    dilation: int,
) -> tuple[int, int]:
    """`(left, right)` padding of the stride-dilated input that a
    transposed convolution correlates with the flipped kernel.

    Equivalently: the full scatter output `(size - 1) * stride + span` is
    cropped by `span - 1 - left` on the left, and cut (or zero-extended)
    to `conv_transpose_output_length` on the right.
    """
    span = window_span(window, dilation)
    if padding == "valid":
        if output_padding is None:
            output_padding = max(span, stride) - span
        return span - 1, span - 1 + output_padding
    if output_padding is None:
        total = stride + span - 2
    else:
        total = span + span % 2 - 2 + output_padding
    left = min(total // 2 + total % 2, span - 1)
    return left, total - left


def adaptive_bins(size: int, out: int) -> list[tuple[int, int]]:
    """`[start, end)` of each adaptive-pooling bin along one dim:
    `floor(i * size / out)` to `ceil((i + 1) * size / out)` (as PyTorch
    and Keras 3)."""
    return [(i * size // out, -(-(i + 1) * size // out)) for i in range(out)]


def make_separable_conv(depthwise_conv: Any, conv: Any) -> Any:
    """A backend's `separable_conv` from its `depthwise_conv` and `conv`:
    the depthwise step, then a 1x1 pointwise convolution."""

    def separable_conv(
        inputs,
        depthwise_kernel,
        pointwise_kernel,
        strides=1,
        padding="valid",
        data_format=None,
        dilation_rate=1,
    ):
        depthwise = depthwise_conv(
            inputs,
            depthwise_kernel,
            strides,
            padding,
            data_format,
            dilation_rate,
        )
        return conv(depthwise, pointwise_kernel, 1, "valid", data_format, 1)

    return separable_conv
