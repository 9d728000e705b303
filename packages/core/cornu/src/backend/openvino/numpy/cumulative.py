"""Cumulative sums and products, diff and trapezoid on the OpenVINO backend.

OpenVINO has `CumSum` but no cumulative product: `cumprod` is an
inclusive Hillis-Steele scan (log2(n) multiplies of the tensor by itself
shifted along the axis), exact for integers.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = ["cumsum", "cumprod", "diff", "trapezoid"]


def _flat_axis(x, axis):
    """`x`'s output and the scanned axis (`x` flattened when None)."""
    data = x.output
    if axis is None:
        data = ovops.reshape(data, int_const([-1]), False).output(0)
        length = None if None in x.shape else x.size
        return data, 0, length
    axis = int(axis) % max(x.ndim, 1)
    return data, axis, x.shape[axis]


def cumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    dtype = dtype or reduction_dtypes.cumulative_dtype(x.dtype)
    x = cast(x, dtype)
    data, axis, _ = _flat_axis(x, axis)
    return wrap(ovops.cumsum(data, np.int64(axis)))


def scan_product(data, axis, length, dtype):
    """The inclusive cumulative product of `data` (an output) along
    `axis`, whose static size is `length`."""
    one = const(True if dtype == "bool" else 1, dtype)
    combine = ovops.logical_and if dtype == "bool" else ovops.multiply
    rank = len(data.get_partial_shape())
    shift = 1
    while shift < (length or 0):
        pads_begin = [0] * rank
        pads_begin[axis] = shift
        padded = ovops.pad(
            data, int_const(pads_begin), int_const([0] * rank), "constant", one
        )
        earlier = ovops.slice(
            padded,
            int_const([0]),
            int_const([-shift]),
            int_const([1]),
            int_const([axis]),
        )
        data = combine(data, earlier).output(0)
        shift *= 2
    return data


def cumprod(x, axis=None, dtype=None):
    given = axis
    x = convert_to_tensor(x)
    dtype = dtype or reduction_dtypes.cumulative_dtype(x.dtype)
    x = cast(x, dtype)
    data, axis, length = _flat_axis(x, axis)
    if length is None:
        raise ValueError(
            "cumprod on the openvino backend needs a static size along the "
            f"scanned axis. Received a tensor of shape {x.shape} with "
            f"axis={given}. Give the model a fixed size there."
        )
    return wrap(scan_product(data, axis, length, dtype))


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


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = convert_to_tensor(y)
    floatx = config.floatx()
    dtype = reduction_dtypes.float_dtype(y.dtype, floatx)
    axis = int(axis) % y.ndim
    if x is not None:
        x = convert_to_tensor(x)
        x_dtype = reduction_dtypes.float_dtype(x.dtype, floatx)
        dtype = reduction_dtypes.promote_float(dtype, x_dtype)
        x = cast(x, dtype)
        if x.ndim == 1:
            width = diff(x).output
            shape = [1] * y.ndim
            shape[axis] = -1
            width = ovops.reshape(width, int_const(shape), False).output(0)
        else:
            width = diff(x, axis=axis).output
    else:
        width = const(dx, dtype)
    y = cast(y, dtype)
    pair = ovops.add(
        diff_slice(y, axis, 1, None).output, diff_slice(y, axis, 0, -1).output
    )
    terms = ovops.multiply(ovops.multiply(pair, width), const(0.5, dtype))
    return wrap(ovops.reduce_sum(terms, int_const([axis]), False))


def diff_slice(x, axis, start, stop):
    """`x[start:stop]` along `axis` (an output; `stop` None: the end)."""
    stop = np.iinfo(np.int64).max if stop is None else stop
    node = ovops.slice(
        x.output,
        int_const([start]),
        int_const([stop]),
        int_const([1]),
        int_const([axis]),
    )
    return wrap(node)
