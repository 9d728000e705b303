"""Array creation on the OpenVINO backend: constants built from NumPy
values (shapes are static on this backend)."""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import wrap

__all__ = [
    "ones",
    "zeros",
    "empty",
    "full",
    "full_like",
    "ones_like",
    "zeros_like",
    "array",
    "arange",
    "linspace",
    "meshgrid",
]


def _dtype(dtype):
    return standardize_dtype(dtype or config.floatx())


def _shape(shape):
    if isinstance(shape, int) or np.ndim(shape) == 0:
        return (int(shape),)
    return tuple(int(s) for s in shape)


def ones(shape, dtype=None):
    return from_numpy(np.ones(_shape(shape), dtype=_dtype(dtype)))


def zeros(shape, dtype=None):
    return from_numpy(np.zeros(_shape(shape), dtype=_dtype(dtype)))


def empty(shape, dtype=None):
    return zeros(shape, dtype=dtype)


def full(shape, fill_value, dtype=None):
    fill = convert_to_tensor(fill_value, _dtype(dtype))
    return wrap(ovops.broadcast(fill.output, np.asarray(_shape(shape))))


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    return full(x.shape, fill_value, dtype or x.dtype)


def ones_like(x, dtype=None):
    x = convert_to_tensor(x)
    return ones(x.shape, dtype or x.dtype)


def zeros_like(x, dtype=None):
    x = convert_to_tensor(x)
    return zeros(x.shape, dtype or x.dtype)


def array(x, dtype=None):
    return convert_to_tensor(x, dtype=dtype)


def _number(x):
    if hasattr(x, "numpy"):
        return x.numpy().item()
    return x


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    start, stop, step = _number(start), _number(stop), _number(step)
    return from_numpy(np.arange(start, stop, step, dtype=_dtype(dtype)))


def linspace(
    start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0
):
    start = np.asarray(
        _number(start) if not hasattr(start, "numpy") else start.numpy()
    )
    stop = np.asarray(stop.numpy() if hasattr(stop, "numpy") else stop)
    out = np.linspace(
        start,
        stop,
        num,
        endpoint=endpoint,
        retstep=retstep,
        dtype=_dtype(dtype),
        axis=axis,
    )
    if retstep:
        return from_numpy(out[0]), from_numpy(np.asarray(out[1]))
    return from_numpy(out)


def meshgrid(*x, indexing="xy"):
    tensors = [convert_to_tensor(t) for t in x]
    sizes = [t.shape[0] for t in tensors]
    ndim = len(tensors)
    out = []
    for i, t in enumerate(tensors):
        shape = [1] * ndim
        shape[i] = sizes[i]
        if indexing == "xy" and ndim >= 2 and i < 2:
            shape[i], shape[1 - i] = 1, 1
            shape[1 - i] = sizes[i]
        full_shape = list(sizes)
        if indexing == "xy" and ndim >= 2:
            full_shape[0], full_shape[1] = full_shape[1], full_shape[0]
        node = ovops.reshape(t.output, np.asarray(shape, np.int64), False)
        out.append(
            wrap(ovops.broadcast(node, np.asarray(full_shape, np.int64)))
        )
    return out
