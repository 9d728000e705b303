"""Dtype and layout helpers every backend's image families share.

Written once against an array namespace `xp` with the NumPy names
(`numpy`, `jax.numpy`, or a backend's own numpy-API ops module); each
backend's image `_utils` module binds them with `make(...)`, passing its
own `dtype_name`, `cast` and `like` where the NumPy spellings do not
apply to its tensors.
"""

import types

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common import image_utils
from cornu.src.backend.common.dtypes import standardize_dtype


def make(xp, convert_to_tensor, dtype_name=None, cast=None, like=None):
    """The helpers bound to `xp` and the backend's `convert_to_tensor`.

    Args:
        xp: the array namespace.
        convert_to_tensor: the backend's `convert_to_tensor`.
        dtype_name: `dtype_name(x)`: the cornu dtype name of a tensor
            (default: of `x.dtype`).
        cast: `cast(x, dtype)`: `x` as `dtype` (default: `x.astype`).
        like: `like(x, values, dtype=None)`: `values` (a tensor, NumPy
            array or Python values) as a tensor of `dtype` (default:
            `x`'s), placed like `x` (default: `xp.asarray`).
    """
    if dtype_name is None:

        def dtype_name(x):
            return standardize_dtype(x.dtype)

    if cast is None:

        def cast(x, dtype):
            return x.astype(dtype)

    if like is None:

        def like(x, values, dtype=None):
            return xp.asarray(values, dtype=dtype or x.dtype)

    def data_format(value):
        return conv_utils.data_format_or_default(value)

    def to_compute(x):
        """`x` as a tensor in the float dtype image ops compute in."""
        x = convert_to_tensor(x)
        return cast(x, image_utils.compute_dtype(dtype_name(x)))

    def cast_back(x, dtype):
        """Casts a float result to `dtype`, rounding (half away from
        zero) and saturating for integer dtypes."""
        if image_utils.is_int_like(dtype):
            low, high = image_utils.int_range(dtype)
            x = xp.sign(x) * xp.floor(xp.absolute(x) + 0.5)
            x = xp.clip(x, low, high)
        return cast(x, dtype)

    def to_nhwc(images, fmt):
        """A 4-D channels-last tensor of 3-D/4-D images, and whether to
        drop the batch axis afterwards."""
        unbatched = images.ndim == 3
        if unbatched:
            images = xp.expand_dims(images, 0)
        if fmt == "channels_first":
            images = xp.transpose(images, (0, 2, 3, 1))
        return images, unbatched

    def from_nhwc(images, fmt, unbatched):
        if fmt == "channels_first":
            images = xp.transpose(images, (0, 3, 1, 2))
        return images[0] if unbatched else images

    return types.SimpleNamespace(
        dtype_name=dtype_name,
        cast=cast,
        like=like,
        data_format=data_format,
        to_compute=to_compute,
        cast_back=cast_back,
        to_nhwc=to_nhwc,
        from_nhwc=from_nhwc,
    )
