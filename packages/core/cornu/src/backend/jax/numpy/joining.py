"""Joining and splitting on the JAX backend.

Code shared with the other backend lives in
`common/array_api/joining.py`.
"""

import jax.numpy as jnp

from cornu.src.backend.common.array_api import joining
from cornu.src.backend.jax.core import convert_to_tensor

__all__ = [
    "concatenate",
    "stack",
    "hstack",
    "vstack",
    "append",
    "split",
    "array_split",
    "hsplit",
    "vsplit",
]

_ops = joining.make(jnp, convert_to_tensor=convert_to_tensor)
concatenate = _ops.concatenate
stack = _ops.stack
hstack = _ops.hstack
vstack = _ops.vstack
append = _ops.append
array_split = _ops.array_split
hsplit = _ops.hsplit
vsplit = _ops.vsplit


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    if isinstance(indices_or_sections, int):
        return jnp.split(x, indices_or_sections, axis=axis)
    indices = [int(i) for i in indices_or_sections]
    size = x.shape[axis]
    pairs = zip([0, *indices], [*indices, size], strict=True)
    if all(0 <= a <= b <= size for a, b in pairs):
        # One split, whose gradient is one concatenation (slices would
        # give a pad and an add per piece).
        return jnp.split(x, indices, axis=axis)
    # Slicing keeps NumPy's semantics for unsorted or out-of-range indices.
    bounds = [0] + indices + [size]
    head = (slice(None),) * (axis % x.ndim)
    return [x[head + (slice(a, b),)] for a, b in zip(
        bounds[:-1], bounds[1:], strict=True
    )]
