"""Array creation on the JAX backend.

The public ops resolve dtypes (Keras's rules) before calling these.

Code shared with the other backend lives in
`common/array_api/creation.py`.
"""

import jax
import jax.numpy as jnp
import numpy as np

from cornu.src.backend import config
from cornu.src.backend.common.array_api import creation
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.jax import core
from cornu.src.backend.jax.core import convert_to_tensor

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
    "logspace",
    "meshgrid",
]

_ops = creation.make(jnp, convert_to_tensor=convert_to_tensor)


def _host_shape(shape):
    """`shape` as a tuple of Python ints, or None when it is anything
    else (left to `jnp`, which also raises the errors)."""
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)):
        return None
    for dim in shape:
        if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)):
            return None
        if dim < 0:
            return None
    return tuple(int(dim) for dim in shape)


def _filled(make, shape, dtype):
    # Eagerly, `jnp.zeros(shape)` compiles one XLA program per new shape
    # (tens of ms each: every bias and optimizer slot of a new model);
    # NumPy's array, copied to the device, compiles nothing.
    host_shape = _host_shape(shape)
    if host_shape is None or not core.trace_free():
        return None
    try:
        dtype = jnp.dtype(standardize_dtype(dtype or config.floatx()))
    except (TypeError, ValueError):
        return None
    return jax.device_put(make(host_shape, dtype=dtype))


def zeros(shape, dtype=None):
    out = _filled(np.zeros, shape, dtype)
    return _ops.zeros(shape, dtype=dtype) if out is None else out


def ones(shape, dtype=None):
    out = _filled(np.ones, shape, dtype)
    return _ops.ones(shape, dtype=dtype) if out is None else out


empty = _ops.empty
full = _ops.full
full_like = _ops.full_like
ones_like = _ops.ones_like
zeros_like = _ops.zeros_like
array = _ops.array
arange = _ops.arange
linspace = _ops.linspace
logspace = _ops.logspace
meshgrid = _ops.meshgrid
