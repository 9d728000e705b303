"""Coordinate sampling (`map_coordinates`) and the warps built on it,
on the JAX backend (shared code: `common/array_api/image_sampling.py`).

The public ops run under `jax.jit` (`_utils.compiled`).
"""

import jax
import jax.numpy as jnp
import numpy as np

from cornu.src.backend.common.array_api import image_sampling
from cornu.src.backend.jax.core import convert_to_tensor
from cornu.src.backend.jax.image import _utils
from cornu.src.backend.jax.image import filters

__all__ = [
    "map_coordinates",
    "affine_transform",
    "perspective_transform",
    "elastic_transform",
]


def _normal_noise(x, key, sigma):
    """The field drawn from `key` (traced: the compiled op takes the
    PRNG key in place of the seed)."""
    return jax.random.normal(key, (*x.shape[:3], 2), x.dtype) * sigma


_ops = image_sampling.make(
    jnp,
    convert_to_tensor=convert_to_tensor,
    utils=_utils,
    gaussian_blur=filters.gaussian_blur,
    normal_noise=_normal_noise,
)
map_coordinates = _utils.compiled("order", "fill_mode", "fill_value")(
    _ops.map_coordinates
)
affine_transform = _utils.compiled(
    "interpolation", "fill_mode", "fill_value", "data_format"
)(_ops.affine_transform)
perspective_transform = _utils.compiled(
    "interpolation", "fill_value", "data_format"
)(_ops.perspective_transform)
_elastic = _utils.compiled(
    "alpha", "sigma", "interpolation", "fill_mode", "fill_value", "data_format"
)(_ops.elastic_transform)


def elastic_transform(
    images,
    alpha=20.0,
    sigma=5.0,
    interpolation="bilinear",
    fill_mode="reflect",
    fill_value=0.0,
    seed=None,
    data_format=None,
):
    if seed is None:
        # An unseeded call draws a fresh field each time.
        seed = int(np.random.default_rng().integers(2**31 - 1))
    key = jax.random.PRNGKey(int(seed))
    return _elastic(
        images,
        alpha,
        sigma,
        interpolation,
        fill_mode,
        fill_value,
        key,
        data_format,
    )
