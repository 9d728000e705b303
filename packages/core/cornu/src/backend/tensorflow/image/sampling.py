"""Coordinate sampling (`map_coordinates`) and the warps built on it,
on the TensorFlow backend (shared code:
`common/array_api/image_sampling.py`, bound to this backend's numpy-API
ops). Neighbours are read with `tf.gather_nd`."""

import numpy as np
import tensorflow as tf

from cornu.src.backend.common.array_api import image_sampling
from cornu.src.backend.tensorflow import numpy as xnp
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.image import _utils
from cornu.src.backend.tensorflow.image import filters
from cornu.src.backend.tensorflow.nn.activations import scalar

__all__ = [
    "map_coordinates",
    "affine_transform",
    "perspective_transform",
    "elastic_transform",
]


def _gather(x, indices, batch_dims):
    index = tf.stack(indices, axis=-1)
    return tf.gather_nd(x, index, batch_dims=batch_dims)


def _solve(a, b):
    return tf.linalg.solve(a, b[..., None])[..., 0]


def _normal_noise(x, seed, sigma):
    if seed is None:
        # An unseeded call draws a fresh field each time.
        seed = int(np.random.default_rng().integers(2**31 - 1))
    shape = tf.concat([tf.shape(x)[:3], [2]], axis=0)
    noise = tf.random.stateless_normal(
        shape, tf.constant([int(seed), 0], tf.int64), dtype=x.dtype
    )
    return noise * scalar(sigma, x.dtype)


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
