"""Cropping, padding and patch extraction on the OpenVINO backend
(shared code: `common/array_api/image_patches.py`, bound to this
backend's numpy-API ops): slices are `StridedSlice` nodes, padding is
`Pad`, and reconstruction adds each patch tap back at its place with one
`ScatterNDUpdate(reduction="sum")` whose indices come from the static
geometry."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common.array_api import image_patches
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.image import _utils

__all__ = [
    "crop_images",
    "pad_images",
    "extract_patches",
    "extract_patches_3d",
    "reconstruct_patches",
    "reconstruct_patches_3d",
]


def _scatter_add(updates, indices, padded):
    zeros = np.zeros((*padded, *updates.shape[-2:]), dtype=updates.dtype)
    node = ovops.scatter_nd_update(
        ovops.constant(zeros), ovops.constant(indices), updates.output, "sum"
    )
    return wrap(node)


_ops = image_patches.make(
    xnp,
    convert_to_tensor=convert_to_tensor,
    utils=_utils,
    scatter_add=_scatter_add,
)
crop_images = _ops.crop_images
pad_images = _ops.pad_images
extract_patches = _ops.extract_patches
extract_patches_3d = _ops.extract_patches_3d
reconstruct_patches = _ops.reconstruct_patches
reconstruct_patches_3d = _ops.reconstruct_patches_3d
