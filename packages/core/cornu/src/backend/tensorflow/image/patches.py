"""Cropping, padding and patch extraction on the TensorFlow backend
(shared code: `common/array_api/image_patches.py`, bound to this
backend's numpy-API ops); patches are added back with one
`tf.tensor_scatter_nd_add`."""

import tensorflow as tf

from cornu.src.backend.common.array_api import image_patches
from cornu.src.backend.tensorflow import numpy as xnp
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils

__all__ = [
    "crop_images",
    "pad_images",
    "extract_patches",
    "extract_patches_3d",
    "reconstruct_patches",
    "reconstruct_patches_3d",
]


def _scatter_add(updates, indices, padded):
    shape = tf.concat([padded, tf.shape(updates)[-2:]], axis=0)
    zeros = tf.zeros(shape, updates.dtype)
    return tf.tensor_scatter_nd_add(zeros, indices, updates)


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
