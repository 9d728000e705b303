"""sort and argsort (OpenVINO's `TopK`) and searchsorted on OpenVINO."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import run_node
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import promoted

__all__ = ["sort", "argsort", "searchsorted"]


def _sorted(x, axis):
    x = convert_to_tensor(x)
    original = x.dtype
    if original == "bool":
        x = cast(x, "int32")
    data = x.output
    if axis is None:
        data = ovops.reshape(data, int_const([-1]), False).output(0)
        axis, size = 0, int(np.prod(x.shape))
    else:
        axis = int(axis) % x.ndim
        size = x.shape[axis]
    node = ovops.topk(
        data,
        ovops.constant(np.int64(size)),
        axis,
        "min",
        "value",
        "i32",
        True,
    )
    values, indices = run_node(node)
    return cast(values, original), indices


def sort(x, axis=-1):
    return _sorted(x, axis)[0]


def argsort(x, axis=-1):
    return _sorted(x, axis)[1]


def search_outputs(sorted_sequence, values, right):
    """int32 insertion points of `values` into the 1-D `sorted_sequence`
    (both tensors, cast to their promoted dtype), as an output."""
    sequence, values = promoted(sorted_sequence, values)
    if sequence.dtype == "bool":
        sequence, values = cast(sequence, "int32"), cast(values, "int32")
    node = ovops.search_sorted(sequence.output, values.output, right)
    return ovops.convert(node, "i32").output(0)


def searchsorted(sorted_sequence, values, side="left"):
    return wrap(search_outputs(sorted_sequence, values, side == "right"))
