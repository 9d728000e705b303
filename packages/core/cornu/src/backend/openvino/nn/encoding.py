"""Encoding ops (`one_hot`, `multi_hot`) on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = ["one_hot", "multi_hot"]


def one_hot(x, num_classes, axis=-1, dtype="float32", sparse=False):
    x = cast(convert_to_tensor(x), "int64")
    # Out-of-range and negative labels give all-zero rows (as in Keras).
    classes = np.arange(int(num_classes), dtype=np.int64)
    expanded = ovops.unsqueeze(x.output, int_const([x.ndim]))
    hits = ovops.equal(expanded, classes)
    out = cast(wrap(hits), dtype)
    if axis != -1:
        ndim = out.ndim
        axis = int(axis) % ndim
        order = list(range(ndim - 1))
        order.insert(axis, ndim - 1)
        out = wrap(ovops.transpose(out.output, int_const(order)))
    return out


def multi_hot(x, num_classes, axis=-1, dtype="float32", sparse=False):
    x = convert_to_tensor(x)
    reduction_axis = 1 if x.ndim > 1 else 0
    hot = one_hot(x, num_classes, axis=axis, dtype=dtype)
    axes = int_const([reduction_axis])
    if hot.dtype == "bool":
        return wrap(ovops.reduce_logical_or(hot.output, axes, False))
    return wrap(ovops.reduce_max(hot.output, axes, False))
