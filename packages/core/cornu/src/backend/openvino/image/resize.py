"""Resizing and scale-and-translate resampling on the OpenVINO backend.

Separable resampling, written once in `common/array_api/image_resize.py`
against an array namespace: here the namespace is this backend's
numpy-API ops, so each resized axis becomes a contraction (`MatMul`)
with a constant `(in_size, out_size)` weight matrix, or a `Gather` for
nearest-neighbour. `scale_and_translate` builds its weight matrices from
graph nodes, since `scale` and `translation` may be graph inputs.
"""

import math

import numpy as np

from cornu.src.backend.common import image_utils
from cornu.src.backend.common.array_api import image_resize
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.image import _utils

__all__ = ["resize", "scale_and_translate"]

_ops = image_resize.make(xnp, convert_to_tensor=convert_to_tensor, utils=_utils)
resize = _ops.resize


def _kernel(family, x):
    """`image_utils.kernel_values` as graph nodes (`x >= 0`)."""
    if family == "triangle":
        return xnp.maximum(1.0 - x, 0.0)
    if family == "keys_cubic":
        near = ((1.5 * x - 2.5) * x) * x + 1.0
        far = ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
        return xnp.where(
            xnp.greater_equal(x, 2.0),
            0.0,
            xnp.where(xnp.greater_equal(x, 1.0), far, near),
        )
    radius = 3.0 if family == "lanczos3" else 5.0
    away = xnp.greater(x, 1e-3)
    safe = xnp.where(away, x, 1.0)
    y = radius * xnp.sin(math.pi * safe) * xnp.sin(math.pi * safe / radius)
    y = xnp.where(away, y / (math.pi**2 * safe * safe), 1.0)
    return xnp.where(xnp.greater(x, radius), 0.0, y)


def _weights(in_size, out_size, scale, translation, family, antialias):
    """`image_utils.resample_weights` with `scale` and `translation` as
    0-d tensors: an `(in_size, out_size)` tensor."""
    dtype = scale.dtype
    inv = 1.0 / scale
    kernel_scale = xnp.maximum(inv, 1.0) if antialias else 1.0
    grid = convert_to_tensor(np.arange(out_size, dtype=dtype) + 0.5)
    sample = grid * inv - translation * inv - 0.5
    source = convert_to_tensor(np.arange(in_size, dtype=dtype)[:, None])
    dist = xnp.absolute(xnp.expand_dims(sample, 0) - source)
    w = _kernel(family, dist / kernel_scale)
    total = xnp.sum(w, axis=0, keepdims=True)
    eps = 1000.0 * image_utils.float_eps("float32")
    safe_total = xnp.where(xnp.not_equal(total, 0.0), total, 1.0)
    w = xnp.where(xnp.greater(xnp.absolute(total), eps), w / safe_total, 0.0)
    inside = xnp.logical_and(
        xnp.greater_equal(sample, -0.5), xnp.less_equal(sample, in_size - 0.5)
    )
    return xnp.where(xnp.expand_dims(inside, 0), w, 0.0)


def scale_and_translate(
    images,
    output_shape,
    scale,
    translation,
    spatial_dims,
    method,
    antialias=True,
):
    images = convert_to_tensor(images)
    dtype = _utils.dtype_name(images)
    x = _utils.to_compute(images)
    scale = cast(convert_to_tensor(scale), x.dtype)
    translation = cast(convert_to_tensor(translation), x.dtype)
    family = image_utils.SCALE_METHODS[method]
    for i, axis in enumerate(spatial_dims):
        axis = axis % x.ndim
        weights = _weights(
            x.shape[axis],
            int(output_shape[axis]),
            scale[i],
            translation[i],
            family,
            antialias,
        )
        x = _utils.contract(x, axis, weights)
    if image_utils.is_int_like(dtype):
        return cast(x, "float32")
    return cast(x, dtype)
