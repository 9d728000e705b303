"""Helpers shared by the JAX backend's image families: the generic ones
of `common/array_api/image_tensors.py` bound to `jax.numpy`, and
`compiled`."""

import functools
import inspect

import jax
import jax.numpy as jnp

from cornu.src.backend.common.array_api import image_tensors
from cornu.src.backend.jax.core import convert_to_tensor

_base = image_tensors.make(jnp, convert_to_tensor)
dtype_name = _base.dtype_name
cast = _base.cast
like = _base.like
data_format = _base.data_format
to_compute = _base.to_compute
cast_back = _base.cast_back
to_nhwc = _base.to_nhwc
from_nhwc = _base.from_nhwc


def _hashable(value):
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    return value


def compiled(*static_argnames):
    """Runs an image op under `jax.jit`, the named arguments static.

    Eager JAX compiles every primitive for every new shape; these ops
    chain dozens of primitives, so one compiled function per call
    signature is much faster. Array arguments are converted first and
    `data_format=None` is resolved before tracing (the config may change
    between calls).
    """

    def wrap(fn):
        signature = inspect.signature(fn)
        jitted = jax.jit(fn, static_argnames=static_argnames)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            arguments = dict(bound.arguments)
            if "data_format" in arguments:
                arguments["data_format"] = data_format(arguments["data_format"])
            for name, value in arguments.items():
                if name in static_argnames:
                    arguments[name] = _hashable(value)
                else:
                    arguments[name] = convert_to_tensor(value)
            return jitted(**arguments)

        return call

    return wrap
