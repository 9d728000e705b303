"""TensorFlow-compatible string hashes in plain Python.

Keras 3's `Hashing`, `HashedCrossing` and the lookup layers' extra OOV
buckets hash with TensorFlow's kernels; these functions reproduce them
bit for bit, so that cornu assigns the same bins without TensorFlow:

- `fingerprint64`: TensorFlow's `Fingerprint64`, which is FarmHash's
  `farmhashna::Hash64` (used by `tf.strings.to_hash_bucket_fast`).
- `siphash`: SipHash-2-4 keyed with two 64-bit words (used by
  `tf.strings.to_hash_bucket_strong`, i.e. a `salt`).
- `fingerprint_cat64`: TensorFlow's `FingerprintCat64`, which combines
  the per-feature fingerprints in `tf.sparse.cross_hashed`.

`Hashing` hashes integers through their decimal text (`tf.as_string`);
`tf.sparse.cross_hashed` uses an integer feature's own 64-bit value.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_MASK = (1 << 64) - 1
_K0 = 0xC3A5C85C97CB3127
_K1 = 0xB492B66FBE98F273
_K2 = 0x9AE16A3B2F90404F
_CAT_MUL = 0xC6A4A7935BD1E995
# `tf.sparse.cross_hashed`'s key when none is given.
DEFAULT_CROSS_HASH_KEY = 0xDECAFCAFFE


def _fetch64(s: bytes, i: int) -> int:
    return int.from_bytes(s[i : i + 8], "little")


def _fetch32(s: bytes, i: int) -> int:
    return int.from_bytes(s[i : i + 4], "little")


def _rotate(value: int, shift: int) -> int:
    # A right rotation of a 64-bit word.
    return ((value >> shift) | (value << (64 - shift))) & _MASK


def _shift_mix(value: int) -> int:
    return value ^ (value >> 47)


def _hash_len16(u: int, v: int, mul: int) -> int:
    a = ((u ^ v) * mul) & _MASK
    a ^= a >> 47
    b = ((v ^ a) * mul) & _MASK
    b ^= b >> 47
    return (b * mul) & _MASK


def _hash_len0to16(s: bytes) -> int:
    n = len(s)
    if n >= 8:
        mul = (_K2 + n * 2) & _MASK
        a = (_fetch64(s, 0) + _K2) & _MASK
        b = _fetch64(s, n - 8)
        c = (_rotate(b, 37) * mul + a) & _MASK
        d = ((_rotate(a, 25) + b) * mul) & _MASK
        return _hash_len16(c, d, mul)
    if n >= 4:
        mul = (_K2 + n * 2) & _MASK
        a = _fetch32(s, 0)
        return _hash_len16((n + (a << 3)) & _MASK, _fetch32(s, n - 4), mul)
    if n > 0:
        y = (s[0] + (s[n >> 1] << 8)) & 0xFFFFFFFF
        z = (n + (s[n - 1] << 2)) & 0xFFFFFFFF
        return (_shift_mix(((y * _K2) ^ (z * _K0)) & _MASK) * _K2) & _MASK
    return _K2


def _hash_len17to32(s: bytes) -> int:
    n = len(s)
    mul = (_K2 + n * 2) & _MASK
    a = (_fetch64(s, 0) * _K1) & _MASK
    b = _fetch64(s, 8)
    c = (_fetch64(s, n - 8) * mul) & _MASK
    d = (_fetch64(s, n - 16) * _K2) & _MASK
    return _hash_len16(
        (_rotate((a + b) & _MASK, 43) + _rotate(c, 30) + d) & _MASK,
        (a + _rotate((b + _K2) & _MASK, 18) + c) & _MASK,
        mul,
    )


def _hash_len33to64(s: bytes) -> int:
    n = len(s)
    mul = (_K2 + n * 2) & _MASK
    a = (_fetch64(s, 0) * _K2) & _MASK
    b = _fetch64(s, 8)
    c = (_fetch64(s, n - 8) * mul) & _MASK
    d = (_fetch64(s, n - 16) * _K2) & _MASK
    y = (_rotate((a + b) & _MASK, 43) + _rotate(c, 30) + d) & _MASK
    z = _hash_len16(y, (a + _rotate((b + _K2) & _MASK, 18) + c) & _MASK, mul)
    e = (_fetch64(s, 16) * mul) & _MASK
    f = _fetch64(s, 24)
    g = ((y + _fetch64(s, n - 32)) * mul) & _MASK
    h = ((z + _fetch64(s, n - 24)) * mul) & _MASK
    return _hash_len16(
        (_rotate((e + f) & _MASK, 43) + _rotate(g, 30) + h) & _MASK,
        (e + _rotate((f + a) & _MASK, 18) + g) & _MASK,
        mul,
    )


def _weak_hash32(s: bytes, i: int, a: int, b: int) -> tuple:
    w, x = _fetch64(s, i), _fetch64(s, i + 8)
    y, z = _fetch64(s, i + 16), _fetch64(s, i + 24)
    a = (a + w) & _MASK
    b = _rotate((b + a + z) & _MASK, 21)
    c = a
    a = (a + x + y) & _MASK
    b = (b + _rotate(a, 44)) & _MASK
    return (a + z) & _MASK, (b + c) & _MASK


def _hash_long(s: bytes) -> int:
    n = len(s)
    x = 81
    y = (81 * _K1 + 113) & _MASK
    z = (_shift_mix((y * _K2 + 113) & _MASK) * _K2) & _MASK
    v = (0, 0)
    w = (0, 0)
    x = (x * _K2 + _fetch64(s, 0)) & _MASK
    end = ((n - 1) // 64) * 64
    last64 = end + ((n - 1) & 63) - 63
    i = 0
    while True:
        x = _rotate((x + y + v[0] + _fetch64(s, i + 8)) & _MASK, 37) * _K1
        x &= _MASK
        y = _rotate((y + v[1] + _fetch64(s, i + 48)) & _MASK, 42) * _K1
        y &= _MASK
        x ^= w[1]
        y = (y + v[0] + _fetch64(s, i + 40)) & _MASK
        z = (_rotate((z + w[0]) & _MASK, 33) * _K1) & _MASK
        v = _weak_hash32(s, i, (v[1] * _K1) & _MASK, (x + w[0]) & _MASK)
        w = _weak_hash32(
            s, i + 32, (z + w[1]) & _MASK, (y + _fetch64(s, i + 16)) & _MASK
        )
        z, x = x, z
        i += 64
        if i == end:
            break
    mul = (_K1 + ((z & 0xFF) << 1)) & _MASK
    i = last64
    w0 = (w[0] + ((n - 1) & 63)) & _MASK
    v0 = (v[0] + w0) & _MASK
    w0 = (w0 + v0) & _MASK
    v, w = (v0, v[1]), (w0, w[1])
    x = _rotate((x + y + v[0] + _fetch64(s, i + 8)) & _MASK, 37) * mul
    x &= _MASK
    y = _rotate((y + v[1] + _fetch64(s, i + 48)) & _MASK, 42) * mul
    y &= _MASK
    x ^= (w[1] * 9) & _MASK
    y = (y + v[0] * 9 + _fetch64(s, i + 40)) & _MASK
    z = (_rotate((z + w[0]) & _MASK, 33) * mul) & _MASK
    v = _weak_hash32(s, i, (v[1] * mul) & _MASK, (x + w[0]) & _MASK)
    w = _weak_hash32(
        s, i + 32, (z + w[1]) & _MASK, (y + _fetch64(s, i + 16)) & _MASK
    )
    z, x = x, z
    return _hash_len16(
        (_hash_len16(v[0], w[0], mul) + _shift_mix(y) * _K0 + z) & _MASK,
        (_hash_len16(v[1], w[1], mul) + x) & _MASK,
        mul,
    )


def fingerprint64(data: bytes) -> int:
    """TensorFlow's `Fingerprint64` (FarmHash `farmhashna::Hash64`) of
    `data`, as an unsigned 64-bit Python int."""
    n = len(data)
    if n <= 16:
        return _hash_len0to16(data)
    if n <= 32:
        return _hash_len17to32(data)
    if n <= 64:
        return _hash_len33to64(data)
    return _hash_long(data)


def fingerprint_cat64(first: int, second: int) -> int:
    """TensorFlow's `FingerprintCat64`: combines two fingerprints."""
    result = first ^ _CAT_MUL
    result ^= (_shift_mix((second * _CAT_MUL) & _MASK) * _CAT_MUL) & _MASK
    result = (result * _CAT_MUL) & _MASK
    result = (_shift_mix(result) * _CAT_MUL) & _MASK
    return _shift_mix(result)


def _sip_round(v0: int, v1: int, v2: int, v3: int) -> tuple:
    v0 = (v0 + v1) & _MASK
    v1 = ((v1 << 13) | (v1 >> 51)) & _MASK
    v1 ^= v0
    v0 = ((v0 << 32) | (v0 >> 32)) & _MASK
    v2 = (v2 + v3) & _MASK
    v3 = ((v3 << 16) | (v3 >> 48)) & _MASK
    v3 ^= v2
    v0 = (v0 + v3) & _MASK
    v3 = ((v3 << 21) | (v3 >> 43)) & _MASK
    v3 ^= v0
    v2 = (v2 + v1) & _MASK
    v1 = ((v1 << 17) | (v1 >> 47)) & _MASK
    v1 ^= v2
    v2 = ((v2 << 32) | (v2 >> 32)) & _MASK
    return v0, v1, v2, v3


def siphash(key: Any, data: bytes) -> int:
    """SipHash-2-4 of `data` keyed with two 64-bit words `key`."""
    k0, k1 = int(key[0]) & _MASK, int(key[1]) & _MASK
    v0 = k0 ^ 0x736F6D6570736575
    v1 = k1 ^ 0x646F72616E646F6D
    v2 = k0 ^ 0x6C7967656E657261
    v3 = k1 ^ 0x7465646279746573
    n = len(data)
    full = n - n % 8
    for i in range(0, full, 8):
        m = _fetch64(data, i)
        v3 ^= m
        v0, v1, v2, v3 = _sip_round(v0, v1, v2, v3)
        v0, v1, v2, v3 = _sip_round(v0, v1, v2, v3)
        v0 ^= m
    last = ((n & 0xFF) << 56) | int.from_bytes(data[full:], "little")
    v3 ^= last
    v0, v1, v2, v3 = _sip_round(v0, v1, v2, v3)
    v0, v1, v2, v3 = _sip_round(v0, v1, v2, v3)
    v0 ^= last
    v2 ^= 0xFF
    for _ in range(4):
        v0, v1, v2, v3 = _sip_round(v0, v1, v2, v3)
    return v0 ^ v1 ^ v2 ^ v3


def as_hash_bytes(value: Any) -> bytes:
    """The bytes TensorFlow hashes for one value: UTF-8 text, or an
    integer's decimal digits (`tf.as_string`); floats are first truncated
    to integers, as Keras's `Hashing` does."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (float, np.floating)):
        value = int(value)
    return str(int(value)).encode("ascii")


def hash_to_buckets(values: Any, num_buckets: int, key: Any = None) -> Any:
    """`tf.strings.to_hash_bucket_fast` (or `_strong` when `key` is given)
    of every value of the NumPy array `values`: an int64 array of the
    same shape."""
    flat = np.asarray(values, dtype=object).reshape(-1)
    out = np.empty(flat.shape, dtype=np.int64)
    cache: dict = {}
    for i, value in enumerate(flat):
        data = as_hash_bytes(value)
        bucket = cache.get(data)
        if bucket is None:
            digest = fingerprint64(data) if key is None else siphash(key, data)
            bucket = cache[data] = digest % num_buckets
        out[i] = bucket
    return out.reshape(np.shape(values))


def cross_hash(columns: list, num_buckets: int) -> Any:
    """`tf.sparse.cross_hashed` of equally long 1-D columns (one value
    per row and column), with TensorFlow's default key: an int64 array
    with one bin per row."""
    rows = len(columns[0])
    out = np.empty((rows,), dtype=np.int64)
    for row in range(rows):
        digest = DEFAULT_CROSS_HASH_KEY
        for column in columns:
            value = column[row]
            if isinstance(value, (str, bytes)):
                feature = fingerprint64(as_hash_bytes(value))
            else:
                feature = int(value) & _MASK
            digest = fingerprint_cat64(digest, feature)
        out[row] = (
            digest % num_buckets
            if num_buckets > 0
            else digest % ((1 << 63) - 1)
        )
    return out
