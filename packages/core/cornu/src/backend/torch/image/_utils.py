"""Helpers shared by the PyTorch backend's image families (the generic
ones: `common/array_api/image_tensors.py`).

New tensors (weights, grids, noise) are created on the input's device.
"""

import torch

from cornu.src.backend.common.array_api import image_tensors
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.torch import numpy as xnp
from cornu.src.backend.torch.core import convert_to_tensor
from cornu.src.backend.torch.core import to_torch_dtype


def dtype_name(x):
    return standardize_dtype(x.dtype)


def cast(x, dtype):
    return x.to(to_torch_dtype(dtype))


def like(x, values, dtype=None):
    """A constant (NumPy array, tensor or Python values) of `dtype`
    (default: `x`'s) on `x`'s device."""
    dtype = x.dtype if dtype is None else to_torch_dtype(dtype)
    return torch.as_tensor(values, dtype=dtype, device=x.device)


_base = image_tensors.make(
    xnp, convert_to_tensor, dtype_name=dtype_name, cast=cast, like=like
)
data_format = _base.data_format
to_compute = _base.to_compute
cast_back = _base.cast_back
to_nhwc = _base.to_nhwc
from_nhwc = _base.from_nhwc


def pad_axis(x, axis, before, after, mode="constant", value=0.0):
    """Pads one axis: zeros/`value`, or `"reflect"` (mirror without
    repeating the edge)."""
    if before == 0 and after == 0:
        return x
    n = x.shape[axis]
    if mode == "reflect":
        index = list(range(before, 0, -1)) + list(range(n))
        index += list(range(n - 2, n - 2 - after, -1))
        index = torch.as_tensor(index, dtype=torch.long, device=x.device)
        return torch.index_select(x, axis, index)
    parts = []
    for count in (before, after):
        shape = list(x.shape)
        shape[axis] = count
        parts.append(torch.full(shape, value, dtype=x.dtype, device=x.device))
    return torch.cat([parts[0], x, parts[1]], dim=axis)
