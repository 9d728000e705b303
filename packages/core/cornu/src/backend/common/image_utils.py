"""Framework-free arithmetic shared by every backend's `image` ops.

Pure Python (and NumPy on static shapes): crop and pad boxes, resize
weights for static scales, Gaussian taps, the Sobel taps and the spline
boundary rules, so that every backend computes the same numbers.
Conventions follow Keras 3 (whose resize matches `jax.image.resize`:
half-pixel centres, optional antialiasing when downsampling).
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from cornu.src.backend.common import dtypes

RESIZE_INTERPOLATIONS = (
    "bilinear",
    "nearest",
    "lanczos3",
    "lanczos5",
    "bicubic",
)
# `scale_and_translate` method names -> kernel family.
SCALE_METHODS = {
    "linear": "triangle",
    "bilinear": "triangle",
    "trilinear": "triangle",
    "triangle": "triangle",
    "cubic": "keys_cubic",
    "bicubic": "keys_cubic",
    "tricubic": "keys_cubic",
    "lanczos3": "lanczos3",
    "lanczos5": "lanczos5",
}
INTERPOLATION_ORDERS = {"nearest": 0, "bilinear": 1}
FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")
# Sobel taps: d/dy (rows) and d/dx (columns), applied as correlations.
SOBEL_DY = ((-1.0, -2.0, -1.0), (0.0, 0.0, 0.0), (1.0, 2.0, 1.0))
SOBEL_DX = ((-1.0, 0.0, 1.0), (-2.0, 0.0, 2.0), (-1.0, 0.0, 1.0))


def compute_dtype(dtype: str) -> str:
    """The float dtype image ops compute in: float64 stays, everything
    else (ints, bool, half floats) computes in float32."""
    return "float64" if dtype == "float64" else "float32"


def spatial_axes(ndim: int, data_format: str) -> tuple[int, int]:
    """(height axis, width axis) as non-negative axes."""
    if data_format == "channels_last":
        return ndim - 3, ndim - 2
    return ndim - 2, ndim - 1


def crop_box(
    height: int, width: int, target_height: int, target_width: int
) -> tuple[int, int, int, int]:
    """(top, left, crop height, crop width): the largest centred window
    of the target aspect ratio (`resize(crop_to_aspect_ratio=True)`)."""
    crop_h = int(float(width * target_height) / target_width)
    crop_h = max(min(height, crop_h), 1)
    crop_w = int(float(height * target_width) / target_height)
    crop_w = max(min(width, crop_w), 1)
    top = int(float(height - crop_h) / 2)
    left = int(float(width - crop_w) / 2)
    return top, left, crop_h, crop_w


def aspect_padding(
    height: int, width: int, target_height: int, target_width: int
) -> tuple[int, int]:
    """(rows, columns) added on each side to reach the target aspect
    ratio (`resize(pad_to_aspect_ratio=True)`); one of them is 0."""
    pad_h = max(height, int(float(width * target_height) / target_width))
    pad_w = max(width, int(float(height * target_width) / target_height))
    rows = int(float(pad_h - height) / 2)
    cols = int(float(pad_w - width) / 2)
    if rows > 0:
        return rows, 0
    return 0, cols


def gaussian_taps(size: int, sigma: float) -> np.ndarray:
    """Normalised 1-D Gaussian of `size` taps centred on the middle."""
    x = np.arange(size, dtype=np.float64) - (size - 1) / 2.0
    taps = np.exp(-0.5 * (x / float(sigma)) ** 2)
    return taps / taps.sum()


def same_pads(size: int) -> tuple[int, int]:
    """(before, after) zero padding keeping the size for a window of
    `size` taps (the extra tap of an even window goes after)."""
    return (size - 1) // 2, size // 2


def elastic_kernel_size(sigma: float) -> int:
    """Odd window of the displacement blur: about 6 sigma (Keras 3)."""
    return int(6 * float(sigma)) | 1


def kernel_values(family: str, x, xp=np):
    """A resampling kernel evaluated at distances `x >= 0` (an array of
    the namespace `xp`: NumPy by default, or a backend's numpy-API ops
    for traced weights)."""
    if family == "triangle":
        return xp.maximum(1.0 - x, 0.0)
    if family == "keys_cubic":
        near = ((1.5 * x - 2.5) * x) * x + 1.0
        far = ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
        return xp.where(x >= 2.0, 0.0, xp.where(x >= 1.0, far, near))
    radius = 3.0 if family == "lanczos3" else 5.0
    away = x > 1e-3
    safe = xp.where(away, x, 1.0)
    y = radius * xp.sin(math.pi * safe) * xp.sin(math.pi * safe / radius)
    y = xp.where(away, y / (math.pi**2 * (safe * safe)), 1.0)
    return xp.where(x > radius, 0.0, y)


def resample_weights(
    in_size: int,
    out_size: int,
    scale,
    translation,
    family: str,
    antialias: bool,
    xp=np,
    dtype: str = "float64",
):
    """`(in_size, out_size)` weights: output sample `j` is
    `sum_i w[i, j] * input[i]`, in `dtype`.

    Output pixel `j` has centre `j + 0.5`; it samples the input at
    `(j + 0.5 - translation) / scale - 0.5`. When downsampling with
    `antialias`, the kernel is widened by `1 / scale`. Columns are
    normalised, and samples that fall outside the input get 0.

    `scale` and `translation` are Python floats (NumPy weights), or 0-d
    tensors of the namespace `xp` (a backend's numpy-API ops) when the
    weights must be traced.
    """
    inv = 1.0 / scale
    kernel_scale = xp.maximum(inv, 1.0) if antialias else 1.0
    sample = (xp.arange(out_size, dtype=dtype) + 0.5) * inv
    sample = sample - translation * inv - 0.5
    source = xp.arange(in_size, dtype=dtype)
    dist = xp.absolute(xp.expand_dims(sample, 0) - xp.expand_dims(source, 1))
    w = kernel_values(family, dist / kernel_scale, xp)
    total = xp.sum(w, axis=0, keepdims=True)
    eps = 1000.0 * float_eps("float32")
    safe_total = xp.where(xp.not_equal(total, 0.0), total, 1.0)
    w = xp.where(xp.absolute(total) > eps, w / safe_total, 0.0)
    inside = xp.logical_and(sample >= -0.5, sample <= in_size - 0.5)
    return xp.where(xp.expand_dims(inside, 0), w, 0.0)


def nearest_indices(in_size: int, out_size: int) -> np.ndarray:
    """Source index of each output pixel for `"nearest"` resizing."""
    centres = (np.arange(out_size, dtype=np.float64) + 0.5) * in_size
    return np.floor(centres / out_size).astype(np.int64)


_EPS = {
    "float16": 2.0**-10,
    "bfloat16": 2.0**-7,
    "float32": 2.0**-23,
    "float64": 2.0**-52,
}


def float_eps(dtype: str) -> float:
    """Machine epsilon of a float dtype (bfloat16 included)."""
    return _EPS[dtype]


def is_int_like(dtype: str) -> bool:
    """Whether results must be rounded before casting back to `dtype`."""
    return dtype == "bool" or dtypes.is_int_dtype(dtype)


def int_range(dtype: str) -> tuple[float, float]:
    """The representable range of an integer (or bool) dtype."""
    if dtype == "bool":
        return 0.0, 1.0
    info = np.iinfo(dtype)
    return float(info.min), float(info.max)


def ssim_constants(max_val: float, k1: float, k2: float) -> tuple:
    """(c1, c2) of the SSIM formula."""
    return (k1 * max_val) ** 2, (k2 * max_val) ** 2


def patch_geometry(
    spatial: tuple, size: tuple, strides: tuple, dilation: tuple, padding: str
) -> tuple[list, list]:
    """Per-dim (before, after) paddings and output sizes of patch
    extraction (a convolution with a `size` window)."""
    pads, outs = [], []
    for n, k, s, d in zip(spatial, size, strides, dilation, strict=True):
        span = (k - 1) * d + 1
        if padding == "same":
            out = -(-n // s)
            total = max((out - 1) * s + span - n, 0)
            pads.append((total // 2, total - total // 2))
        else:
            out = (n - span) // s + 1
            pads.append((0, 0))
        outs.append(max(out, 0))
    return pads, outs


def prod(values) -> int:
    return math.prod(values)


def tap_slices(
    size: tuple, strides: tuple, dilation: tuple, grid: tuple
) -> list[tuple]:
    """For each tap of a patch (row-major over `size`), the slices of
    the padded input it reads across the `grid` of patches."""
    taps = []
    for offset in itertools.product(*(range(k) for k in size)):
        taps.append(
            tuple(
                slice(o * d, o * d + (g - 1) * s + 1, s)
                for o, d, s, g in zip(
                    offset, dilation, strides, grid, strict=True
                )
            )
        )
    return taps


def overlap_count(
    output_size: tuple,
    size: tuple,
    strides: tuple,
    dilation: tuple,
    padding: str,
) -> np.ndarray:
    """How many patches cover each pixel of an image of `output_size`
    (the divisor of `reconstruct_patches(reduction="mean")`)."""
    pads, grid = patch_geometry(output_size, size, strides, dilation, padding)
    padded = [n + a + b for n, (a, b) in zip(output_size, pads, strict=True)]
    count = np.zeros(padded)
    for index in tap_slices(size, strides, dilation, tuple(grid)):
        count[index] += 1
    crop = tuple(
        slice(a, a + n) for n, (a, _) in zip(output_size, pads, strict=True)
    )
    return count[crop]


def tap_positions(
    size: tuple, strides: tuple, dilation: tuple, grid: tuple
) -> np.ndarray:
    """`(taps, *grid, n)` int64: where each tap of each patch lands in
    the padded image (taps row-major over `size`), for scatter-adds."""
    ranges = [np.arange(g) * s for g, s in zip(grid, strides, strict=True)]
    base = np.stack(np.meshgrid(*ranges, indexing="ij"), axis=-1)
    base = base.reshape(*grid, len(size))
    offsets = itertools.product(*(range(k) for k in size))
    return np.stack(
        [base + np.asarray(o) * np.asarray(dilation) for o in offsets]
    ).astype(np.int64)


def banded(n_in: int, taps, pads: tuple) -> np.ndarray:
    """The `(n_in, n_out)` matrix whose contraction along an axis of
    size `n_in` correlates it with the 1-D `taps` after zero padding
    `pads` (before, after)."""
    n_out = n_in + pads[0] + pads[1] - len(taps) + 1
    band = np.zeros((n_in, max(n_out, 0)))
    for i in range(n_out):
        for t, w in enumerate(taps):
            j = i + t - pads[0]
            if 0 <= j < n_in:
                band[j, i] = w
    return band
