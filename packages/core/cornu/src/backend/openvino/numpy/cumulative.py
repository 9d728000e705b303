"""Cumulative sums and products on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = ["cumsum", "diff"]


def cumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    dtype = dtype or reduction_dtypes.cumulative_dtype(x.dtype)
    x = cast(x, dtype)
    data = x.output
    if axis is None:
        data = ovops.reshape(data, int_const([-1]), False).output(0)
        axis = 0
    return wrap(ovops.cumsum(data, np.int64(int(axis) % max(x.ndim, 1))))


def diff(a, n=1, axis=-1):
    from cornu.src.backend.openvino.numpy.indexing import get_item

    x = convert_to_tensor(a)
    axis = int(axis) % x.ndim
    for _ in range(n):
        head = [slice(None)] * x.ndim
        tail = [slice(None)] * x.ndim
        head[axis] = slice(1, None)
        tail[axis] = slice(None, -1)
        upper = get_item(x, tuple(head))
        lower = get_item(x, tuple(tail))
        if x.dtype == "bool":
            x = wrap(ovops.not_equal(upper.output, lower.output))
        else:
            x = wrap(ovops.subtract(upper.output, lower.output))
    return x
