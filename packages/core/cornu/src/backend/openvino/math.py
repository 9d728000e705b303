"""`cornu.ops.math` on the OpenVINO backend (a subset; the rest is in
the backend's `UNSUPPORTED` map)."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import run_node
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes

__all__ = ["erf", "rsqrt", "logsumexp", "top_k"]


def erf(x):
    return wrap(ovops.erf(as_float(x).output))


def rsqrt(x):
    x = as_float(x)
    return wrap(ovops.divide(const(1.0, x.dtype), ovops.sqrt(x.output)))


def logsumexp(x, axis=None, keepdims=False):
    x = as_float(x)
    reduced = normalize_axes(axis, x.ndim)
    if any(x.shape[a] == 0 for a in reduced):
        # The log of an empty sum: -inf, as in NumPy.
        shape = [
            1 if i in reduced else d
            for i, d in enumerate(x.shape)
            if keepdims or i not in reduced
        ]
        return from_numpy(np.full(shape, -np.inf, dtype=x.dtype))
    axes = int_const(reduced)
    high = ovops.reduce_max(x.output, axes, True)
    # A row of -inf keeps -inf (not nan): shift by 0 there.
    finite = ovops.is_finite(high)
    shift = ovops.select(finite, high, const(0.0, x.dtype))
    total = ovops.reduce_sum(
        ovops.exp(ovops.subtract(x.output, shift)), axes, True
    )
    out = ovops.add(ovops.log(total), shift)
    if not keepdims:
        out = ovops.squeeze(out, axes)
    return wrap(out)


def top_k(x, k, sorted=True):  # noqa: A002 - Keras's name
    x = convert_to_tensor(x)
    # Stable: ties keep the lower index first, as in Keras.
    node = ovops.topk(
        x.output,
        ovops.constant(np.int64(k)),
        x.ndim - 1,
        "max",
        "value",
        "i32",
        True,
    )
    values, indices = run_node(node)
    return values, indices
