"""Attention and depth/space rearrangements on the OpenVINO backend.

Composed of this backend's numpy-API ops (each builds OpenVINO nodes);
`polar` needs complex dtypes and is listed in `UNSUPPORTED`.
"""

import math

import numpy as np

from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.numpy.promotion import as_float

__all__ = ["dot_product_attention", "depth_to_space", "space_to_depth"]


def _to_4d(x):
    if x is None:
        return None
    x = convert_to_tensor(x)
    return xnp.reshape(x, (1,) * (4 - x.ndim) + x.shape)


def dot_product_attention(
    query,
    key,
    value,
    bias=None,
    mask=None,
    scale=None,
    is_causal=False,
    flash_attention=None,
    attn_logits_soft_cap=None,
):
    if flash_attention:
        raise ValueError(
            "`dot_product_attention(..., flash_attention=True)`: the "
            "openvino backend has no fused attention kernel in cornu. Pass "
            "flash_attention=None or False (or call "
            "`cornu.config.disable_flash_attention()`)."
        )
    query = as_float(query)
    key = cast(convert_to_tensor(key), query.dtype)
    value = cast(convert_to_tensor(value), query.dtype)
    rank = query.ndim
    q, k, v = query, key, value
    if rank == 3:
        q, k, v = (xnp.expand_dims(t, 0) for t in (q, k, v))
    num_heads, num_kv_heads = q.shape[2], k.shape[2]
    if num_kv_heads != num_heads:
        groups = num_heads // num_kv_heads
        k = xnp.repeat(k, groups, axis=2)
        v = xnp.repeat(v, groups, axis=2)
    if scale is None:
        scale = 1.0 / math.sqrt(q.shape[-1])
    # Softmax statistics in float32 at least, as the fused kernels do.
    compute = "float64" if q.dtype == "float64" else "float32"
    logits = cast(xnp.einsum("btnh,bsnh->bnts", q, k), compute)
    logits = xnp.multiply(logits, np.asarray(scale, compute))
    if attn_logits_soft_cap is not None:
        cap = np.asarray(attn_logits_soft_cap, compute)
        logits = xnp.multiply(cap, xnp.tanh(xnp.divide(logits, cap)))
    if bias is not None:
        logits = xnp.add(logits, cast(_to_4d(bias), compute))
    keep = _to_4d(mask)
    if keep is not None:
        keep = cast(keep, "bool")
    if is_causal:
        t, s = logits.shape[-2:]
        causal = convert_to_tensor(np.tril(np.ones((t, s), dtype=bool)))
        keep = causal if keep is None else xnp.logical_and(keep, causal)
    if keep is not None:
        large_negative = np.asarray(-0.7 * np.finfo(compute).max, compute)
        logits = xnp.where(keep, logits, large_negative)
    logits = xnp.subtract(logits, xnp.max(logits, axis=-1, keepdims=True))
    probs = xnp.exp(logits)
    probs = xnp.divide(probs, xnp.sum(probs, axis=-1, keepdims=True))
    probs = cast(probs, q.dtype)
    out = xnp.einsum("bnts,bsnh->btnh", probs, v)
    return out if rank == 4 else xnp.squeeze(out, 0)


def _channels_last(x, data_format, fn):
    if data_format == "channels_first":
        out = fn(xnp.transpose(x, (0, 2, 3, 1)))
        return xnp.transpose(out, (0, 3, 1, 2))
    return fn(x)


def depth_to_space(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    b = block_size

    def fn(x):
        n, h, w, c = x.shape
        x = xnp.reshape(x, (n, h, w, b, b, c // (b * b)))
        x = xnp.transpose(x, (0, 1, 3, 2, 4, 5))
        return xnp.reshape(x, (n, h * b, w * b, c // (b * b)))

    return _channels_last(x, data_format, fn)


def space_to_depth(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    b = block_size

    def fn(x):
        n, h, w, c = x.shape
        x = xnp.reshape(x, (n, h // b, b, w // b, b, c))
        x = xnp.transpose(x, (0, 1, 3, 2, 4, 5))
        return xnp.reshape(x, (n, h // b, w // b, b * b * c))

    return _channels_last(x, data_format, fn)
