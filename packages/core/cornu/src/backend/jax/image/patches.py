"""Cropping, padding and patch extraction on the JAX backend (shared
code: `common/array_api/image_patches.py`), each op under `jax.jit`."""

import jax.numpy as jnp

from cornu.src.backend.common.array_api import image_patches
from cornu.src.backend.jax.core import convert_to_tensor
from cornu.src.backend.jax.image import _utils

__all__ = [
    "crop_images",
    "pad_images",
    "extract_patches",
    "extract_patches_3d",
    "reconstruct_patches",
    "reconstruct_patches_3d",
]


def _add_at(out, index, values):
    return out.at[index].add(values)


_PATCH_ARGS = ("size", "strides", "dilation_rate", "padding", "data_format")
_RECONSTRUCT_ARGS = _PATCH_ARGS + ("output_size", "reduction")
_ops = image_patches.make(
    jnp, convert_to_tensor=convert_to_tensor, utils=_utils, add_at=_add_at
)
crop_images = _utils.compiled(
    "top_cropping",
    "left_cropping",
    "target_height",
    "target_width",
    "data_format",
)(_ops.crop_images)
pad_images = _utils.compiled(
    "top_padding",
    "left_padding",
    "bottom_padding",
    "right_padding",
    "data_format",
)(_ops.pad_images)
extract_patches = _utils.compiled(*_PATCH_ARGS)(_ops.extract_patches)
extract_patches_3d = _utils.compiled(*_PATCH_ARGS)(_ops.extract_patches_3d)
reconstruct_patches = _utils.compiled(*_RECONSTRUCT_ARGS)(
    _ops.reconstruct_patches
)
reconstruct_patches_3d = _utils.compiled(*_RECONSTRUCT_ARGS)(
    _ops.reconstruct_patches_3d
)
