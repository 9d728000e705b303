"""Cropping, padding and patch extraction on the NumPy backend (shared
code: `common/array_api/image_patches.py`)."""

import numpy as np

from cornu.src.backend.common.array_api import image_patches
from cornu.src.backend.numpy.core import convert_to_tensor
from cornu.src.backend.numpy.image import _utils

__all__ = [
    "crop_images",
    "pad_images",
    "extract_patches",
    "extract_patches_3d",
    "reconstruct_patches",
    "reconstruct_patches_3d",
]

_ops = image_patches.make(np, convert_to_tensor=convert_to_tensor, utils=_utils)
crop_images = _ops.crop_images
pad_images = _ops.pad_images
extract_patches = _ops.extract_patches
extract_patches_3d = _ops.extract_patches_3d
reconstruct_patches = _ops.reconstruct_patches
reconstruct_patches_3d = _ops.reconstruct_patches_3d
