"""Normalization ops (`cornu.ops.nn`) on the OpenVINO backend."""

import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const

__all__ = [
    "moments",
    "batch_normalization",
    "normalize",
    "rms_normalization",
    "layer_normalization",
]


def _axes(axis, ndim):
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    return sorted(int(a) % ndim for a in axes)


def _param(v, x, axes):
    """`v` (None, a number or a tensor over `axes`) broadcastable to x."""
    if v is None:
        return None
    v = convert_to_tensor(v, x.dtype)
    if v.ndim not in (0, x.ndim):
        shape = [1] * x.ndim
        for a in axes:
            shape[a] = x.shape[a]
        return ovops.reshape(v.output, int_const(shape), False).output(0)
    return v.output


def _half(x):
    return x.dtype in ("float16", "bfloat16")


def moments(x, axes, keepdims=False, synchronized=False):
    x = as_float(x)
    dtype = x.dtype
    work = cast(x, "float32") if _half(x) else x
    axes_out = int_const(_axes(axes, x.ndim))
    mean = ovops.reduce_mean(work.output, axes_out, True)
    centred = ovops.subtract(work.output, mean)
    variance = ovops.reduce_mean(
        ovops.multiply(centred, centred), axes_out, keepdims
    )
    if not keepdims:
        mean = ovops.squeeze(mean, axes_out)
    return cast(wrap(mean), dtype), cast(wrap(variance), dtype)


def batch_normalization(
    x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3
):
    x = as_float(x)
    axes = [int(axis) % x.ndim]
    mean = _param(mean, x, axes)
    variance = _param(variance, x, axes)
    inv = ovops.divide(
        const(1.0, x.dtype),
        ovops.sqrt(ovops.add(variance, const(epsilon, x.dtype))),
    )
    if scale is not None:
        inv = ovops.multiply(inv, _param(scale, x, axes))
    res = ovops.negative(ovops.multiply(mean, inv))
    if offset is not None:
        res = ovops.add(res, _param(offset, x, axes))
    return wrap(ovops.add(ovops.multiply(x.output, inv), res))


def _upcast(fn):
    def wrapper(x, *args, **kwargs):
        x = as_float(x)
        if not _half(x):
            return fn(x, *args, **kwargs)
        return cast(fn(cast(x, "float32"), *args, **kwargs), x.dtype)

    return wrapper


@_upcast
def normalize(x, axis=-1, order=2, epsilon=None):
    if epsilon is None:
        epsilon = config.epsilon()
    axes = int_const(_axes(axis, x.ndim))
    data = x.output
    if order == 2:
        total = ovops.reduce_sum(ovops.multiply(data, data), axes, True)
        inv = ovops.divide(const(1.0, x.dtype), ovops.sqrt(total))
        inv = ovops.minimum(inv, const(1.0 / epsilon, x.dtype))
        return wrap(ovops.multiply(data, inv))
    powered = ovops.power(ovops.absolute(data), const(order, x.dtype))
    norm = ovops.power(
        ovops.reduce_sum(powered, axes, True), const(1.0 / order, x.dtype)
    )
    norm = ovops.maximum(norm, const(epsilon, x.dtype))
    return wrap(ovops.divide(data, norm))


@_upcast
def rms_normalization(x, scale=1, axis=-1, epsilon=None):
    if epsilon is None:
        epsilon = config.epsilon()
    axes = _axes(axis, x.ndim)
    data = x.output
    ms = ovops.reduce_mean(ovops.multiply(data, data), int_const(axes), True)
    out = ovops.divide(data, ovops.sqrt(ovops.add(ms, const(epsilon, x.dtype))))
    return wrap(ovops.multiply(out, _param(scale, x, axes)))


@_upcast
def layer_normalization(
    x, gamma=None, beta=None, axis=-1, epsilon=None, rms_scaling=False
):
    if epsilon is None:
        epsilon = config.epsilon()
    axes = _axes(axis, x.ndim)
    gamma, beta = _param(gamma, x, axes), _param(beta, x, axes)
    eps = const(epsilon, x.dtype)
    data = x.output
    axes_out = int_const(axes)
    mean = ovops.reduce_mean(data, axes_out, True)
    centred = ovops.subtract(data, mean)
    variance = ovops.reduce_mean(
        ovops.multiply(centred, centred), axes_out, True
    )
    denominator = ovops.sqrt(ovops.add(variance, eps))
    if rms_scaling:
        # Keras's rms_scaling: divide by the standard deviation, no
        # centering and no beta.
        out = ovops.divide(data, denominator)
        return wrap(out if gamma is None else ovops.multiply(out, gamma))
    out = ovops.divide(centred, denominator)
    if gamma is not None:
        out = ovops.multiply(out, gamma)
    if beta is not None:
        out = ovops.add(out, beta)
    return wrap(out)
