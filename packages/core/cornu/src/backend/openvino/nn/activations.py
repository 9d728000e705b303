"""Activation functions (`cornu.ops.nn`) on the OpenVINO backend."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes

__all__ = [
    "relu",
    "relu6",
    "sigmoid",
    "softplus",
    "softsign",
    "silu",
    "log_sigmoid",
    "leaky_relu",
    "hard_sigmoid",
    "hard_silu",
    "elu",
    "selu",
    "gelu",
    "celu",
    "tanh_shrink",
    "hard_tanh",
    "hard_shrink",
    "threshold",
    "softmax",
    "log_softmax",
    "sparse_sigmoid",
    "soft_shrink",
    "sparse_plus",
    "squareplus",
    "glu",
    "sparsemax",
]

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _unary(fn):
    def op(x):
        return wrap(fn(as_float(x).output))

    return op


sigmoid = _unary(ovops.sigmoid)


def relu(x):
    x = convert_to_tensor(x)
    if x.dtype == "bool" or x.dtype.startswith("u"):
        return x
    # OpenVINO's `Relu` (not `Maximum`): the CPU plugin fuses it into a
    # preceding convolution or matmul.
    return wrap(ovops.relu(x.output))


def relu6(x):
    x = convert_to_tensor(x)
    out = ovops.maximum(x.output, const(0, x.dtype))
    return wrap(ovops.minimum(out, const(6, x.dtype)))


def silu(x):
    x = as_float(x).output
    return wrap(ovops.multiply(x, ovops.sigmoid(x)))


def softplus(x):
    return wrap(ovops.softplus(as_float(x).output))


def softsign(x):
    x = as_float(x).output
    one = const(1.0, _dtype(x))
    return wrap(ovops.divide(x, ovops.add(one, ovops.absolute(x))))


def _dtype(output):
    from cornu.src.backend.openvino.core import dtype_name

    return dtype_name(output.get_element_type())


def log_sigmoid(x):
    x = as_float(x).output
    return wrap(ovops.negative(ovops.softplus(ovops.negative(x))))


def leaky_relu(x, negative_slope=0.2):
    x = as_float(x).output
    scaled = ovops.multiply(x, const(negative_slope, _dtype(x)))
    return wrap(
        ovops.maximum(x, scaled)
        if negative_slope <= 1
        else ovops.minimum(x, scaled)
    )


def hard_sigmoid(x):
    x = as_float(x).output
    dtype = _dtype(x)
    out = ovops.add(ovops.divide(x, const(6.0, dtype)), const(0.5, dtype))
    return wrap(ovops.clamp(out, 0.0, 1.0))


def hard_silu(x):
    x = as_float(x)
    return wrap(ovops.multiply(x.output, hard_sigmoid(x).output))


def elu(x, alpha=1.0):
    x = as_float(x).output
    dtype = _dtype(x)
    zero = const(0.0, dtype)
    negative = ovops.multiply(
        const(alpha, dtype),
        ovops.subtract(ovops.exp(ovops.minimum(x, zero)), const(1.0, dtype)),
    )
    return wrap(ovops.select(ovops.greater(x, zero), x, negative))


def selu(x):
    x = as_float(x)
    out = elu(x, _SELU_ALPHA).output
    return wrap(ovops.multiply(out, const(_SELU_SCALE, x.dtype)))


def gelu(x, approximate=True):
    x = as_float(x).output
    mode = "tanh" if approximate else "erf"
    return wrap(ovops.gelu(x, mode))


def celu(x, alpha=1.0):
    x = as_float(x).output
    dtype = _dtype(x)
    zero = const(0.0, dtype)
    a = const(alpha, dtype)
    negative = ovops.multiply(
        a,
        ovops.subtract(
            ovops.exp(ovops.divide(ovops.minimum(x, zero), a)),
            const(1.0, dtype),
        ),
    )
    return wrap(ovops.add(ovops.maximum(x, zero), negative))


def tanh_shrink(x):
    x = as_float(x).output
    return wrap(ovops.subtract(x, ovops.tanh(x)))


def hard_tanh(x):
    return wrap(ovops.clamp(as_float(x).output, -1.0, 1.0))


def hard_shrink(x, threshold=0.5):
    x = as_float(x).output
    dtype = _dtype(x)
    keep = ovops.greater(ovops.absolute(x), const(threshold, dtype))
    return wrap(ovops.select(keep, x, const(0.0, dtype)))


def threshold(x, threshold, default_value):
    x = as_float(x).output
    dtype = _dtype(x)
    keep = ovops.greater(x, const(threshold, dtype))
    return wrap(ovops.select(keep, x, const(default_value, dtype)))


def _axes(x, axis):
    return normalize_axes(axis, len(x.get_partial_shape()))


def softmax(x, axis=-1):
    x = as_float(x).output
    axes = _axes(x, axis)
    if len(axes) == 1:
        return wrap(ovops.softmax(x, axes[0]))
    shifted = ovops.subtract(x, ovops.reduce_max(x, int_const(axes), True))
    e = ovops.exp(shifted)
    return wrap(ovops.divide(e, ovops.reduce_sum(e, int_const(axes), True)))


def log_softmax(x, axis=-1):
    x = as_float(x).output
    axes = _axes(x, axis)
    if len(axes) == 1:
        return wrap(ovops.log_softmax(x, axes[0]))
    shifted = ovops.subtract(x, ovops.reduce_max(x, int_const(axes), True))
    total = ovops.reduce_sum(ovops.exp(shifted), int_const(axes), True)
    return wrap(ovops.subtract(shifted, ovops.log(total)))


def sparse_sigmoid(x):
    x = as_float(x).output
    dtype = _dtype(x)
    half = ovops.multiply(const(0.5, dtype), ovops.add(x, const(1.0, dtype)))
    return wrap(ovops.clamp(half, 0.0, 1.0))


def soft_shrink(x, threshold=0.5):
    x = as_float(x).output
    dtype = _dtype(x)
    t = const(threshold, dtype)
    shrunk = ovops.select(
        ovops.greater(x, t),
        ovops.subtract(x, t),
        ovops.select(
            ovops.less(x, ovops.negative(t)), ovops.add(x, t), const(0, dtype)
        ),
    )
    return wrap(shrunk)


def sparse_plus(x):
    x = as_float(x).output
    dtype = _dtype(x)
    one = const(1.0, dtype)
    shifted = ovops.add(x, one)
    mid = ovops.multiply(const(0.25, dtype), ovops.multiply(shifted, shifted))
    upper = ovops.select(ovops.greater_equal(x, one), x, mid)
    low = ovops.less_equal(x, ovops.negative(one))
    return wrap(ovops.select(low, const(0.0, dtype), upper))


def squareplus(x, b=4):
    x = as_float(x).output
    dtype = _dtype(x)
    root = ovops.sqrt(ovops.add(ovops.multiply(x, x), const(b, dtype)))
    return wrap(ovops.multiply(ovops.add(x, root), const(0.5, dtype)))


def glu(x, axis=-1):
    x = as_float(x)
    axis = int(axis) % x.ndim
    if x.shape[axis] % 2:
        raise ValueError(
            "glu expects the size of `axis` to be even, to split it into "
            f"two halves. Received: shape={x.shape}, axis={axis}."
        )
    parts = ovops.split(x.output, ovops.constant(np.int64(axis)), 2)
    return wrap(ovops.multiply(parts.output(0), ovops.sigmoid(parts.output(1))))


def sparsemax(x, axis=-1):
    x = as_float(x)
    dtype = x.dtype
    compute = "float64" if dtype == "float64" else "float32"
    axis = int(axis) % x.ndim
    n = x.shape[axis]
    order = [i for i in range(x.ndim) if i != axis] + [axis]
    back = list(np.argsort(order))
    z = ovops.transpose(cast(x, compute).output, int_const(order))
    last = x.ndim - 1
    ordered = ovops.topk(
        z, ovops.constant(np.int64(n)), last, "max", "value", "i32", True
    ).output(0)
    total = ovops.cumsum(ordered, np.int64(last))
    k = const(np.arange(1, n + 1), compute)
    # The support: the sorted entries with 1 + k * z_k > sum(z_1..z_k).
    support = ovops.greater(
        ovops.add(const(1, compute), ovops.multiply(k, ordered)), total
    )
    size = ovops.reduce_sum(
        ovops.convert(support, "i64"), int_const([last]), True
    )
    picked = ovops.gather_elements(
        total, ovops.subtract(size, const(1, "int64")), last
    )
    tau = ovops.divide(
        ovops.subtract(picked, const(1, compute)),
        ovops.convert(size, picked.get_output_element_type(0)),
    )
    out = ovops.maximum(ovops.subtract(z, tau), const(0, compute))
    out = ovops.transpose(out, int_const(back))
    return cast(wrap(out), dtype)
