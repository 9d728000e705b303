"""eye, tri, tril and triu on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = [
    "eye",
    "identity",
    "tri",
    "tril",
    "triu",
    "diag",
    "diagflat",
    "diagonal",
]


def _dtype(dtype):
    return standardize_dtype(dtype or config.floatx())


def eye(N, M=None, k=0, dtype=None):  # noqa: N803 - Keras's names
    return from_numpy(
        np.eye(
            int(N), None if M is None else int(M), int(k), dtype=_dtype(dtype)
        )
    )


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):  # noqa: N803 - Keras's names
    return from_numpy(
        np.tri(
            int(N), None if M is None else int(M), int(k), dtype=_dtype(dtype)
        )
    )


def _masked(x, k, lower):
    x = convert_to_tensor(x)
    rows, cols = x.shape[-2], x.shape[-1]
    keep = np.tri(rows, cols, k, dtype=bool)
    if not lower:
        keep = ~np.tri(rows, cols, k - 1, dtype=bool)
    zero = const(0, x.dtype) if x.dtype != "bool" else const(False, "bool")
    return wrap(ovops.select(keep, x.output, zero))


def tril(x, k=0):
    return _masked(x, int(k), lower=True)


def triu(x, k=0):
    return _masked(x, int(k), lower=False)


def diagonal(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    a1, a2 = int(axis1) % x.ndim, int(axis2) % x.ndim
    rest = [i for i in range(x.ndim) if i not in (a1, a2)]
    data = ovops.transpose(x.output, int_const([*rest, a1, a2]))
    rows, cols = x.shape[a1], x.shape[a2]
    outer = [x.shape[i] for i in rest]
    data = ovops.reshape(data, int_const([*outer, rows * cols]), False)
    offset = int(offset)
    start_row, start_col = max(-offset, 0), max(offset, 0)
    length = max(min(rows - start_row, cols - start_col), 0)
    index = np.asarray(
        [(start_row + i) * cols + start_col + i for i in range(length)],
        np.int64,
    )
    return wrap(ovops.gather(data, int_const(index), np.int64(len(outer))))


def diag(x, k=0):
    x = convert_to_tensor(x)
    k = int(k)
    if x.ndim == 2:
        return diagonal(x, k)
    n = x.shape[0]
    m = n + abs(k)
    rows, cols = np.indices((m, m))
    keep = (cols - rows) == k
    index = np.clip(rows if k >= 0 else cols, 0, max(n - 1, 0))
    picked = ovops.gather(x.output, int_const(index), np.int64(0))
    zero = const(0, x.dtype) if x.dtype != "bool" else const(False, "bool")
    return wrap(ovops.select(keep, picked, zero))


def diagflat(x, k=0):
    x = convert_to_tensor(x)
    flat = wrap(ovops.reshape(x.output, int_const([-1]), False))
    return diag(flat, k)
