"""Coordinate sampling (`map_coordinates`) and the warps built on it,
on the PyTorch backend (shared code: `common/array_api/image_sampling.py`,
bound to this backend's numpy-API ops)."""

import torch

from cornu.src.backend.common.array_api import image_sampling
from cornu.src.backend.torch import numpy as xnp
from cornu.src.backend.torch.core import convert_to_tensor
from cornu.src.backend.torch.image import _utils
from cornu.src.backend.torch.image import filters

__all__ = [
    "map_coordinates",
    "affine_transform",
    "perspective_transform",
    "elastic_transform",
]


def _gather(x, indices, batch_dims):
    if not batch_dims:
        return x[tuple(indices)]
    batch = torch.arange(x.shape[0], device=x.device).reshape(-1, 1, 1)
    return x[(batch, *indices)]


def _solve(a, b):
    return torch.linalg.solve(a, b[..., None])[..., 0]


def _normal_noise(x, seed, sigma):
    generator = None
    if seed is not None:
        generator = torch.Generator(device=x.device).manual_seed(int(seed))
    noise = torch.randn(
        (*x.shape[:3], 2), generator=generator, dtype=x.dtype, device=x.device
    )
    return noise * sigma


_ops = image_sampling.make(
    xnp,
    convert_to_tensor=convert_to_tensor,
    utils=_utils,
    gaussian_blur=filters.gaussian_blur,
    normal_noise=_normal_noise,
    gather=_gather,
    solve=_solve,
    index_dtype="int64",
    param_dtype=lambda _: "float64",
)
map_coordinates = _ops.map_coordinates
affine_transform = _ops.affine_transform
perspective_transform = _ops.perspective_transform
elastic_transform = _ops.elastic_transform
