"""Coordinate sampling (`map_coordinates`) and the warps built on it,
on the OpenVINO backend (shared code:
`common/array_api/image_sampling.py`, bound to this backend's numpy-API
ops). Each neighbour is one `GatherND` node; index arithmetic and
weights are elementwise nodes, so the warps run inside `predict` too.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import image_utils
from cornu.src.backend.common.array_api import image_sampling
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.image import _utils
from cornu.src.backend.openvino.image import filters

__all__ = [
    "map_coordinates",
    "affine_transform",
    "perspective_transform",
    "elastic_transform",
]


def _gather(x, indices, batch_dims):
    index = xnp.stack(indices, axis=-1)
    return wrap(ovops.gather_nd(x.output, index.output, batch_dims))


def _solve(a, b):
    from cornu.src.backend.openvino import linalg

    return linalg.solve(a, b)


def _normal_noise(x, seed, sigma):
    # Like this backend's `random` ops: the field is drawn on the host
    # with NumPy (the same numbers as the numpy backend for one seed)
    # and enters the graph as a constant.
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((*x.shape[:3], 2)) * float(sigma)
    return noise.astype(x.dtype)


_ops = image_sampling.make(
    xnp,
    convert_to_tensor=convert_to_tensor,
    utils=_utils,
    gaussian_blur=filters.gaussian_blur,
    normal_noise=_normal_noise,
    gather=_gather,
    solve=_solve,
    index_dtype="int32",
    param_dtype=image_utils.compute_dtype,
)
map_coordinates = _ops.map_coordinates
affine_transform = _ops.affine_transform
perspective_transform = _ops.perspective_transform
elastic_transform = _ops.elastic_transform
