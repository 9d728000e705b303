"""trace and slogdet on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = ["trace", "slogdet"]


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    x = cast(x, reduction_dtypes.trace_dtype(x.dtype))
    a1, a2 = int(axis1) % x.ndim, int(axis2) % x.ndim
    # Keep the chosen diagonal by a constant mask, then sum both axes
    # (no Gather: the other axes may be dynamic).
    keep = np.eye(x.shape[a1], x.shape[a2], int(offset), dtype=bool)
    if a1 > a2:
        keep = keep.T
    shape = [1] * x.ndim
    shape[a1], shape[a2] = x.shape[a1], x.shape[a2]
    keep = keep.reshape(shape)
    kept = ovops.select(keep, x.output, const(0, x.dtype))
    return wrap(ovops.reduce_sum(kept, int_const([a1, a2]), False))


def slogdet(x):
    # LU with partial pivoting, unrolled into graph nodes by the linalg
    # module (imported here: it imports this package).
    from cornu.src.backend.openvino.linalg import eliminate

    x = convert_to_tensor(x)
    dtype = reduction_dtypes.float_dtype(x.dtype, config.floatx())
    compute = "float64" if dtype == "float64" else "float32"
    a = cast(x, compute)
    n = a.shape[-1]
    batch = list(a.shape[:-2])
    if n == 0:
        ones = np.ones(batch, dtype)
        return from_numpy(ones), from_numpy(np.zeros(batch, dtype))
    reduced, _, swaps = eliminate(a, n)
    # The diagonal as a masked sum (no Gather: float64 Gathers fail eagerly).
    eye = np.eye(n, dtype=bool)
    kept = ovops.select(eye, reduced.output, const(0, compute))
    last = int_const([len(batch) + 1])
    diagonal = ovops.reduce_sum(kept, last, False)
    rows = int_const([len(batch)])
    signs = ovops.reduce_prod(ovops.sign(diagonal), rows, False)
    sign = ovops.multiply(swaps.output, signs)
    logabsdet = ovops.reduce_sum(
        ovops.log(ovops.absolute(diagonal)), rows, False
    )
    return cast(wrap(sign), dtype), cast(wrap(logabsdet), dtype)
