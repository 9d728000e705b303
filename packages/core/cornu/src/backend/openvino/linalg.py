"""`cornu.ops.linalg` on the OpenVINO backend (a subset).

OpenVINO's opset has no matrix decompositions. `qr` (which the
`Orthogonal` initializer needs to create weights) is computed on the
host with NumPy for concrete tensors, and refused inside a `predict`
trace; `inv` uses OpenVINO's `Inverse` op. The rest is listed in the
backend's `UNSUPPORTED` map.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.openvino.core import convert_to_numpy
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float

__all__ = ["qr", "inv", "norm"]


def qr(x, mode="reduced"):
    x = as_float(x)
    if x.is_symbolic:
        raise unsupported(
            "openvino",
            "linalg.qr",
            "OpenVINO has no QR decomposition op, so it cannot run inside "
            "a compiled `predict` graph (cornu computes it on the host for "
            "concrete tensors only). Use the jax, torch or tensorflow "
            "backend for this model.",
        )
    value = convert_to_numpy(x)
    work = value.astype(np.float64 if value.dtype == np.float64 else np.float32)
    q, r = np.linalg.qr(work, mode=mode)
    return from_numpy(q.astype(value.dtype)), from_numpy(r.astype(value.dtype))


def inv(a):
    a = as_float(a)
    return wrap(ovops.inverse(a.output, False))


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    from cornu.src.backend.openvino import numpy as xnp

    x = as_float(x)
    if isinstance(axis, int):
        axis = (axis,)
    if ord is None or (ord == 2 and axis is not None and len(axis) == 1):
        squared = xnp.sum(xnp.multiply(x, x), axis=axis, keepdims=keepdims)
        return xnp.sqrt(squared)
    if axis is not None and len(axis) == 1:
        a = xnp.absolute(x)
        if ord == np.inf:
            return xnp.max(a, axis=axis, keepdims=keepdims)
        if ord == -np.inf:
            return xnp.min(a, axis=axis, keepdims=keepdims)
        if ord == 0:
            nonzero = xnp.where(xnp.not_equal(x, 0), 1.0, 0.0)
            return xnp.sum(nonzero, axis=axis, keepdims=keepdims)
        powered = xnp.power(a, float(ord))
        total = xnp.sum(powered, axis=axis, keepdims=keepdims)
        return xnp.power(total, 1.0 / float(ord))
    if ord == "fro":
        squared = xnp.sum(xnp.multiply(x, x), axis=axis, keepdims=keepdims)
        return xnp.sqrt(squared)
    raise unsupported(
        "openvino",
        "linalg.norm",
        f"ord={ord!r} over two axes (a matrix norm other than 'fro') is not "
        "implemented yet in cornu's openvino backend. Use the numpy, jax, "
        "torch or tensorflow backend for it.",
    )
