"""Reductions over axes on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes

__all__ = [
    "sum",
    "mean",
    "max",
    "min",
    "amax",
    "amin",
    "prod",
    "all",
    "any",
    "argmax",
    "argmin",
    "argpartition",
    "count_nonzero",
    "ptp",
]


def reduce(fn, x, axis, keepdims):
    """`fn` (an opset reduction) of tensor `x` over `axis`."""
    axes = normalize_axes(axis, x.ndim)
    if not axes:
        return x
    return wrap(fn(x.output, int_const(axes), keepdims))


def sum(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    x = convert_to_tensor(x)
    x = cast(x, reduction_dtypes.sum_dtype(x.dtype))
    return reduce(ovops.reduce_sum, x, axis, keepdims)


def mean(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    dtype = reduction_dtypes.mean_dtype(x.dtype)
    compute = "float64" if dtype == "float64" else "float32"
    out = reduce(ovops.reduce_mean, cast(x, compute), axis, keepdims)
    return cast(out, dtype)


def _extreme(fn, x, axis, keepdims, initial, pick):
    x = convert_to_tensor(x)
    if x.dtype == "bool":
        fn = ovops.reduce_logical_or if pick is ovops.maximum else None
        fn = fn or ovops.reduce_logical_and
    out = reduce(fn, x, axis, keepdims)
    if x.dtype != "bool" and "int" not in x.dtype and out is not x:
        out = _float_extreme(x, out, axis, keepdims, pick is ovops.maximum)
    if initial is not None:
        out = wrap(pick(out.output, const(initial, x.dtype)))
    return out


def _float_extreme(x, out, axis, keepdims, is_max):
    """Fixes OpenVINO's float ReduceMax/ReduceMin: a NaN in the slice
    gives NaN (as in NumPy), and a max over only -inf is -inf (OpenVINO's
    reference kernel gives the lowest finite float)."""
    nan = reduce(
        ovops.reduce_logical_or, wrap(ovops.is_nan(x.output)), axis, keepdims
    )
    result = ovops.select(nan.output, const(np.nan, x.dtype), out.output)
    if is_max:
        low = ovops.equal(x.output, const(-np.inf, x.dtype))
        low = reduce(ovops.reduce_logical_and, wrap(low), axis, keepdims)
        result = ovops.select(low.output, const(-np.inf, x.dtype), result)
    return wrap(result)


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    return _extreme(ovops.reduce_max, x, axis, keepdims, initial, ovops.maximum)


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    return _extreme(ovops.reduce_min, x, axis, keepdims, initial, ovops.minimum)


def amax(x, axis=None, keepdims=False):
    return max(x, axis=axis, keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    return min(x, axis=axis, keepdims=keepdims)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        dtype = reduction_dtypes.sum_dtype(x.dtype)
    return reduce(ovops.reduce_prod, cast(x, dtype), axis, keepdims)


def all(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    x = cast(convert_to_tensor(x), "bool")
    return reduce(ovops.reduce_logical_and, x, axis, keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    x = cast(convert_to_tensor(x), "bool")
    return reduce(ovops.reduce_logical_or, x, axis, keepdims)


def _arg(x, axis, keepdims, mode):
    x = convert_to_tensor(x)
    if x.dtype == "bool":
        x = cast(x, "int32")
    data, ndim, flat = x.output, x.ndim, axis is None
    if flat:
        data = ovops.reshape(data, int_const([-1]), False)
        axis = 0
    else:
        axis = int(axis) % ndim
    node = ovops.topk(
        data, ovops.constant(np.int64(1)), axis, mode, "index", "i32", True
    )
    out = ovops.squeeze(node.output(1), int_const([axis]))
    if keepdims:
        if flat:
            out = ovops.reshape(out, int_const([1] * ndim), False)
        else:
            out = ovops.unsqueeze(out, int_const([axis]))
    return wrap(out)


def argmax(x, axis=None, keepdims=False):
    return _arg(x, axis, keepdims, "max")


def argmin(x, axis=None, keepdims=False):
    return _arg(x, axis, keepdims, "min")


def argpartition(x, kth, axis=-1):
    from cornu.src.backend.openvino.numpy.sorting import argsort

    # A stable full sort is one valid partition around every `kth`.
    del kth
    return argsort(x, axis=axis)


def count_nonzero(x, axis=None):
    x = convert_to_tensor(x)
    nonzero = ovops.convert(ovops.not_equal(x.output, const(0, x.dtype)), "i32")
    axes = normalize_axes(axis, x.ndim)
    if not axes:
        return wrap(nonzero)
    return wrap(ovops.reduce_sum(nonzero, int_const(axes), False))


def ptp(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    high = max(x, axis=axis, keepdims=keepdims)
    low = min(x, axis=axis, keepdims=keepdims)
    return wrap(ovops.subtract(high.output, low.output))
