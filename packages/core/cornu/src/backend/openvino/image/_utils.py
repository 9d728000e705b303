"""Helpers shared by the OpenVINO backend's image families (the generic
ones: `common/array_api/image_tensors.py`)."""

import numpy as np

from cornu.src.backend.common.array_api import image_tensors
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor


def dtype_name(x):
    return convert_to_tensor(x).dtype


def like(x, values, dtype=None):
    """`values` (a tensor, NumPy array or Python values) as a tensor of
    `dtype` (default: `x`'s)."""
    if isinstance(values, (list, tuple)):
        values = np.asarray(values)
    return cast(convert_to_tensor(values), dtype or x.dtype)


def contract(x, axis, weights):
    """`x` with `axis` replaced by its contraction with `weights`
    (`(x.shape[axis], new_size)`, a NumPy array or a tensor): one
    `MatMul` node."""
    out = xnp.tensordot(x, like(x, weights), axes=([axis], [0]))
    return xnp.moveaxis(out, -1, axis)


_base = image_tensors.make(
    xnp, convert_to_tensor, dtype_name=dtype_name, cast=cast, like=like
)
data_format = _base.data_format
to_compute = _base.to_compute
cast_back = _base.cast_back
to_nhwc = _base.to_nhwc
from_nhwc = _base.from_nhwc
