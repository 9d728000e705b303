"""Helpers shared by the OpenVINO backend's image families."""

from cornu.src.backend.common import conv_utils
from cornu.src.backend.common import image_utils
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor


def data_format(value):
    return conv_utils.data_format_or_default(value)


def dtype_name(x):
    return convert_to_tensor(x).dtype


def to_compute(x):
    """`x` as a tensor in the float dtype image ops compute in."""
    x = convert_to_tensor(x)
    return cast(x, image_utils.compute_dtype(x.dtype))


def cast_back(x, dtype):
    """Casts a float result to `dtype`, rounding (half away from zero)
    and saturating for integer dtypes."""
    if image_utils.is_int_like(dtype):
        low, high = image_utils.int_range(dtype)
        rounded = xnp.multiply(
            xnp.sign(x), xnp.floor(xnp.add(xnp.absolute(x), 0.5))
        )
        x = xnp.clip(rounded, low, high)
    return cast(x, dtype)


def to_nhwc(images, fmt):
    """A 4-D channels-last tensor of 3-D/4-D images, and whether to drop
    the batch axis afterwards."""
    unbatched = images.ndim == 3
    if unbatched:
        images = xnp.expand_dims(images, 0)
    if fmt == "channels_first":
        images = xnp.transpose(images, (0, 2, 3, 1))
    return images, unbatched


def from_nhwc(images, fmt, unbatched):
    if fmt == "channels_first":
        images = xnp.transpose(images, (0, 3, 1, 2))
    return images[0] if unbatched else images


def contract(x, axis, weights):
    """`x` with `axis` replaced by its contraction with `weights`
    (`(x.shape[axis], new_size)`, a NumPy array or a tensor): one
    `MatMul` node."""
    weights = cast(convert_to_tensor(weights), x.dtype)
    out = xnp.tensordot(x, weights, axes=([axis], [0]))
    return xnp.moveaxis(out, -1, axis)
