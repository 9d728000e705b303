"""Attention, `polar` and depth/space rearrangements on JAX.

`dot_product_attention` calls `jax.nn.dot_product_attention` (XLA, or
cuDNN's flash kernel when `flash_attention=True`), and computes the
attention itself only for `attn_logits_soft_cap`, `flash_attention=False`
or float64 inputs (jax's softmax there is always float32).

Code shared with the other backend lives in
`common/array_api/nn_attention.py`.
"""

import functools

import jax
import jax.numpy as jnp

from cornu.src.backend.common.array_api import nn_attention
from cornu.src.backend.jax.core import convert_to_tensor

__all__ = [
    "dot_product_attention",
    "polar",
    "depth_to_space",
    "space_to_depth",
]

_ops = nn_attention.make(jnp, convert_to_tensor=convert_to_tensor)
depth_to_space = _ops.depth_to_space
space_to_depth = _ops.space_to_depth
_float = _ops.to_float


def _to_4d(m):
    if m is None:
        return None
    m = convert_to_tensor(m)
    return m.reshape((1,) * (4 - m.ndim) + m.shape)


@functools.partial(jax.jit,
                   static_argnames=("scale", "is_causal", "soft_cap"))
def _manual(q, k, v, bias, mask, scale, is_causal, soft_cap):
    num_heads, num_kv_heads = q.shape[2], k.shape[2]
    if num_kv_heads != num_heads:
        groups = num_heads // num_kv_heads
        k = jnp.repeat(k, groups, axis=2)
        v = jnp.repeat(v, groups, axis=2)
    if scale is None:
        scale = 1.0 / jnp.sqrt(q.shape[-1])
    compute = jnp.promote_types(q.dtype, jnp.float32)
    logits = jnp.einsum("btnh,bsnh->bnts", q, k).astype(compute) * scale
    if soft_cap is not None:
        logits = soft_cap * jnp.tanh(logits / soft_cap)
    if bias is not None:
        logits = logits + bias.astype(compute)
    keep = None if mask is None else mask.astype(bool)
    if is_causal:
        t, s = logits.shape[-2:]
        causal = jnp.tril(jnp.ones((t, s), dtype=bool))
        keep = causal if keep is None else keep & causal
    if keep is not None:
        large_negative = -0.7 * jnp.finfo(compute).max
        logits = jnp.where(keep, logits, large_negative)
    probs = jax.nn.softmax(logits, axis=-1).astype(q.dtype)
    return jnp.einsum("bnts,bsnh->btnh", probs, v)


def dot_product_attention(query, key, value, bias=None, mask=None,
                          scale=None, is_causal=False, flash_attention=None,
                          attn_logits_soft_cap=None):
    query = _float(query)
    key = convert_to_tensor(key).astype(query.dtype)
    value = convert_to_tensor(value).astype(query.dtype)
    rank = query.ndim
    if rank == 3:
        query, key, value = query[None], key[None], value[None]
    bias, mask = _to_4d(bias), _to_4d(mask)
    # `jax.nn.dot_product_attention` always takes the softmax in float32,
    # which would cost float64 inputs half their precision (and their
    # gradients agree with the other backends only to ~1e-6).
    exact = query.dtype == jnp.float64 and not flash_attention
    # `jax.nn.dot_product_attention` needs value heads as wide as the
    # query/key heads (MultiHeadAttention's `value_dim` may differ).
    exact = exact or (
        value.shape[-1] != query.shape[-1] and not flash_attention
    )
    if flash_attention is False or attn_logits_soft_cap is not None or exact:
        if flash_attention and attn_logits_soft_cap is not None:
            raise ValueError(
                "`dot_product_attention`: no fused kernel supports "
                "`attn_logits_soft_cap`. Received: flash_attention=True, "
                f"attn_logits_soft_cap={attn_logits_soft_cap}. Pass "
                "flash_attention=None to use the soft cap."
            )
        out = _manual(query, key, value, bias, mask, scale=scale,
                      is_causal=is_causal, soft_cap=attn_logits_soft_cap)
    else:
        if bias is not None:
            bias = bias.astype(query.dtype)
        if mask is not None:
            mask = mask.astype(bool)
        try:
            out = jax.nn.dot_product_attention(
                query, key, value, bias=bias, mask=mask, scale=scale,
                is_causal=is_causal,
                implementation="cudnn" if flash_attention else None,
            )
        except (RuntimeError, ValueError, NotImplementedError) as e:
            if not flash_attention:
                raise
            raise ValueError(
                "`dot_product_attention(..., flash_attention=True)`: the "
                "flash kernel (cuDNN) cannot run these inputs on this "
                f"device ({e}). It needs an NVIDIA GPU and float16/bfloat16 "
                "inputs. Pass flash_attention=None to fall back to XLA."
            ) from None
    return out if rank == 4 else out[0]


def polar(abs_, angle):
    abs_ = _float(abs_)
    angle = convert_to_tensor(angle).astype(abs_.dtype)
    return jax.lax.complex(abs_ * jnp.cos(angle), abs_ * jnp.sin(angle))
