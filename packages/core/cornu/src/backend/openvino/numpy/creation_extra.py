"""geomspace, logspace, vander and empty_like on the OpenVINO backend.

`geomspace`/`logspace` depend only on their (concrete) end points and
length, so they are graph constants built with NumPy's formulas.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.openvino.core import convert_to_numpy
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.creation import zeros
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = ["geomspace", "logspace", "vander", "empty_like"]


def _value(x):
    return np.asarray(convert_to_numpy(x))


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    dtype = standardize_dtype(dtype or config.floatx())
    out = np.geomspace(
        _value(start), _value(stop), num, endpoint=endpoint, axis=axis
    )
    return from_numpy(out.astype(dtype))


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    dtype = standardize_dtype(dtype or config.floatx())
    out = np.logspace(
        _value(start),
        _value(stop),
        num,
        endpoint=endpoint,
        base=_value(base),
        axis=axis,
    )
    return from_numpy(out.astype(dtype))


def vander(x, N=None, increasing=False):  # noqa: N803 - Keras's name
    x = convert_to_tensor(x)
    n = x.shape[0] if N is None else int(N)
    powers = np.arange(n)
    if not increasing:
        powers = powers[::-1]
    if x.dtype == "bool":
        x = convert_to_tensor(x, "int32")
    column = ovops.unsqueeze(x.output, int_const([1]))
    exponents = const(np.asarray(powers).reshape(1, -1), x.dtype)
    out = ovops.power(column, exponents)
    if n and x.dtype not in ("float16", "bfloat16", "float32", "float64"):
        out = ovops.select(
            np.asarray(powers == 0).reshape(1, -1),
            np.asarray(1, x.dtype),
            out,
        )
    return wrap(out)


def empty_like(x, dtype=None):
    x = convert_to_tensor(x)
    return zeros(x.shape, dtype or x.dtype)
