"""Cropping, padding and patch extraction on the PyTorch backend (shared
code: `common/array_api/image_patches.py`, bound to this backend's
numpy-API ops)."""

from cornu.src.backend.common.array_api import image_patches
from cornu.src.backend.torch import numpy as xnp
from cornu.src.backend.torch.core import convert_to_tensor
from cornu.src.backend.torch.image import _utils

__all__ = [
    "crop_images",
    "pad_images",
    "extract_patches",
    "extract_patches_3d",
    "reconstruct_patches",
    "reconstruct_patches_3d",
]

_ops = image_patches.make(
    xnp, convert_to_tensor=convert_to_tensor, utils=_utils
)
crop_images = _ops.crop_images
pad_images = _ops.pad_images
extract_patches = _ops.extract_patches
extract_patches_3d = _ops.extract_patches_3d
reconstruct_patches = _ops.reconstruct_patches
reconstruct_patches_3d = _ops.reconstruct_patches_3d
