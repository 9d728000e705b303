"""Attention, `polar` and depth/space rearrangements on TensorFlow.

TensorFlow has no fused (flash) attention kernel: `dot_product_attention`
computes softmax(QK^T * scale + bias) V itself, in float32 at least, and
`flash_attention=True` raises.
"""

import math

import tensorflow as tf

from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.nn.activations import scalar
from cornu.src.backend.tensorflow.nn.activations import to_float

__all__ = [
    "dot_product_attention",
    "polar",
    "depth_to_space",
    "space_to_depth",
]


def _to_4d(m):
    if m is None:
        return None
    m = convert_to_tensor(m)
    for _ in range(4 - len(m.shape)):
        m = m[None]
    return m


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
    if flash_attention and attn_logits_soft_cap is not None:
        raise ValueError(
            "`dot_product_attention`: no fused kernel supports "
            "`attn_logits_soft_cap`. Received: flash_attention=True, "
            f"attn_logits_soft_cap={attn_logits_soft_cap}. Pass "
            "flash_attention=None to use the soft cap."
        )
    if flash_attention:
        raise ValueError(
            "`dot_product_attention(..., flash_attention=True)`: the "
            "tensorflow backend has no fused attention kernel. Pass "
            "flash_attention=None or False (or call "
            "`cornu.config.disable_flash_attention()`)."
        )
    q = to_float(query)
    k = tf.cast(convert_to_tensor(key), q.dtype)
    v = tf.cast(convert_to_tensor(value), q.dtype)
    rank = len(q.shape)
    if rank == 3:
        q, k, v = q[None], k[None], v[None]
    num_heads, num_kv_heads = q.shape[2], k.shape[2]
    if num_kv_heads != num_heads:
        groups = num_heads // num_kv_heads
        k = tf.repeat(k, groups, axis=2)
        v = tf.repeat(v, groups, axis=2)
    if scale is None:
        scale = 1.0 / math.sqrt(q.shape[-1])
    # Softmax statistics in float32 at least, as the fused kernels do.
    compute = tf.float64 if q.dtype == tf.float64 else tf.float32
    logits = tf.cast(tf.einsum("btnh,bsnh->bnts", q, k), compute)
    logits = logits * scalar(scale, compute)
    if attn_logits_soft_cap is not None:
        cap = scalar(attn_logits_soft_cap, compute)
        logits = cap * tf.tanh(logits / cap)
    bias, mask = _to_4d(bias), _to_4d(mask)
    if bias is not None:
        logits = logits + tf.cast(bias, compute)
    keep = None if mask is None else tf.cast(mask, tf.bool)
    if is_causal:
        t, s = logits.shape[-2], logits.shape[-1]
        causal = tf.linalg.band_part(tf.ones((t, s), tf.bool), -1, 0)
        keep = causal if keep is None else tf.logical_and(keep, causal)
    if keep is not None:
        large_negative = scalar(-0.7 * compute.max, compute)
        logits = tf.where(keep, logits, large_negative)
    probs = tf.cast(tf.nn.softmax(logits, axis=-1), q.dtype)
    out = tf.einsum("bnts,bsnh->btnh", probs, v)
    return out if rank == 4 else out[0]


def polar(abs_, angle):
    abs_ = to_float(abs_)
    angle = tf.cast(convert_to_tensor(angle), abs_.dtype)
    return tf.complex(abs_ * tf.cos(angle), abs_ * tf.sin(angle))


def _channels_last(x, data_format, fn):
    if data_format == "channels_first":
        x = tf.transpose(x, (0, 2, 3, 1))
        return tf.transpose(fn(x), (0, 3, 1, 2))
    return fn(x)


def depth_to_space(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    return _channels_last(
        x, data_format, lambda y: tf.nn.depth_to_space(y, block_size)
    )


def space_to_depth(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    return _channels_last(
        x, data_format, lambda y: tf.nn.space_to_depth(y, block_size)
    )
