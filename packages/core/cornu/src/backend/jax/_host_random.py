"""Eager `uniform`/`normal`/`truncated_normal` without a compile per shape.

Called outside a trace, `jax.random.uniform(key, shape)` compiles a new
XLA program for every new shape (0.3-1 s each on a CPU: the threefry
hash), which is most of the time a model takes to create its weights.
Here the threefry bits are hashed on the host with NumPy and only the
float transform runs in XLA, on fixed-size chunks, so one small program
per (distribution, dtype) serves every shape.

The values are bit-identical to `jax.random`'s: with
`jax_threefry_partitionable=True` (the default; otherwise `jax.random`
is used), the bits of element `i` (row-major) are
`threefry2x32(key, (i >> 32, i & 0xffffffff))`, independent of the
shape; the unit floats `[0, 1)` are built from them by the same bit
tricks; the rest (scaling, `erf_inv`, clipping) is the very formula of
`jax.random`, compiled by XLA for the same device. `random_test.py`
checks eager against traced draws.
"""

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from cornu.src.backend.jax import core

# Elements per compiled call: every draw is cut into chunks of this size
# (the last one zero-padded), so the chunk program compiles once.
_CHUNK = 1 << 16
# Above this many elements the host hash (~0.1 s per million) costs more
# than compiling `jax.random`'s program, which is then used instead.
_MAX_HOST_SIZE = 1 << 22
_UNIT_BITS = {
    "float32": (np.uint32, 9, 0x3F800000),
    "float64": (np.uint64, 12, 0x3FF0000000000000),
}
_ROTATIONS = ((13, 15, 26, 6), (17, 29, 16, 24))


def usable(seed, shape, dtype, *scalars):
    """Whether the host path applies: eager, a concrete seed, a float32 or
    float64 result of at most `_MAX_HOST_SIZE` elements and plain Python
    numbers for the distribution's parameters (which then cast to `dtype`
    exactly as `jax.random` casts them)."""
    if dtype not in _UNIT_BITS or isinstance(seed, jax.core.Tracer):
        return False
    if not all(
        isinstance(s, (int, float)) and not isinstance(s, bool) for s in scalars
    ):
        return False
    if not 0 < int(np.prod(shape)) <= _MAX_HOST_SIZE:
        return False
    return _partitionable() and core.trace_free()


def _partitionable():
    # The element-wise counters reproduced here are those of
    # `jax_threefry_partitionable=True` (the default); with the old
    # scheme the bits differ, so `jax.random` is used.
    return bool(getattr(jax.config, "jax_threefry_partitionable", False))


def _rotate_left(x, bits):
    return (x << np.uint32(bits)) | (x >> np.uint32(32 - bits))


def _threefry2x32(k1, k2, x0, x1):
    """The Threefry-2x32 hash (20 rounds) of the counter pairs `(x0, x1)`
    under the key `(k1, k2)`, in place on uint32 arrays."""
    keys = (k1, k2, np.uint32(k1 ^ k2 ^ np.uint32(0x1BD11BDA)))
    x0 += keys[0]
    x1 += keys[1]
    for block in range(5):
        for bits in _ROTATIONS[block % 2]:
            x0 += x1
            x1 = _rotate_left(x1, bits)
            x1 ^= x0
        x0 += keys[(block + 1) % 3]
        x1 += keys[(block + 2) % 3] + np.uint32(block + 1)
    return x0, x1


def _unit_floats(seed, size, dtype):
    """`size` floats in `[0, 1)`, bit-identical to the ones `jax.random`
    draws from the key `seed` before scaling them."""
    k1, k2 = (np.uint32(v) for v in np.asarray(seed).astype(np.uint32))
    index = np.arange(size, dtype=np.uint64)
    with np.errstate(over="ignore"):
        x0, x1 = _threefry2x32(
            k1,
            k2,
            (index >> np.uint64(32)).astype(np.uint32),
            index.astype(np.uint32),
        )
    uint, shift, one = _UNIT_BITS[dtype]
    if uint is np.uint32:
        bits = x0 ^ x1
    else:
        bits = (x0.astype(np.uint64) << np.uint64(32)) | x1
    bits = (bits >> uint(shift)) | uint(one)
    return bits.view(dtype) - np.array(1.0, dtype)


@partial(jax.jit, static_argnums=(1,))
def _transform(unit, kind, low, high):
    """`jax.random`'s steps after the unit floats, for one chunk."""
    dtype = unit.dtype
    if kind == "uniform":
        low, high = low.astype(dtype), high.astype(dtype)
        return lax.max(low, unit * (high - low) + low)
    sqrt2 = np.array(np.sqrt(2), dtype)
    if kind == "normal":
        low = np.nextafter(np.array(-1.0, dtype), np.array(0.0, dtype))
        high = np.array(1.0, dtype)
        return sqrt2 * lax.erf_inv(lax.max(low, unit * (high - low) + low))
    lower, upper = low.astype(dtype), high.astype(dtype)
    a, b = lax.erf(lower / sqrt2), lax.erf(upper / sqrt2)
    out = sqrt2 * lax.erf_inv(lax.max(a, unit * (b - a) + a))
    return jnp.clip(
        out,
        lax.nextafter(lower, np.array(np.inf, dtype)),
        lax.nextafter(upper, np.array(-np.inf, dtype)),
    )


def sample(kind, seed, shape, dtype, low=0.0, high=0.0):
    """A NumPy array of `shape` and `dtype`: `jax.random.uniform` in
    `[low, high)` (`kind="uniform"`), `jax.random.normal` (`"normal"`) or
    `jax.random.truncated_normal` on `[low, high]` (`"truncated_normal"`)
    for the threefry key `seed`. Check `usable(...)` first."""
    size = int(np.prod(shape))
    unit = _unit_floats(seed, size, dtype)
    chunks = -(-size // _CHUNK)
    padded = np.zeros(chunks * _CHUNK, dtype)
    padded[:size] = unit
    low, high = np.float64(low), np.float64(high)
    out = [
        np.asarray(_transform(padded[i : i + _CHUNK], kind, low, high))
        for i in range(0, padded.size, _CHUNK)
    ]
    return np.concatenate(out)[:size].reshape(shape)
