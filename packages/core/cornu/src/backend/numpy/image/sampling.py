"""Coordinate sampling (`map_coordinates`) and the warps built on it,
on the NumPy backend (shared code: `common/array_api/image_sampling.py`).
"""

import numpy as np

from cornu.src.backend.common.array_api import image_sampling
from cornu.src.backend.numpy.core import convert_to_tensor
from cornu.src.backend.numpy.image import _utils
from cornu.src.backend.numpy.image import filters

__all__ = [
    "map_coordinates",
    "affine_transform",
    "perspective_transform",
    "elastic_transform",
]


def _normal_noise(x, seed, sigma):
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((*x.shape[:3], 2)) * sigma
    return noise.astype(x.dtype)


_ops = image_sampling.make(
    np,
    convert_to_tensor=convert_to_tensor,
    utils=_utils,
    gaussian_blur=filters.gaussian_blur,
    normal_noise=_normal_noise,
)
map_coordinates = _ops.map_coordinates
affine_transform = _ops.affine_transform
perspective_transform = _ops.perspective_transform
elastic_transform = _ops.elastic_transform
