"""Masks, einsum equations and checks shared by the multi-head attention
layers.

`MultiHeadAttention` and `GroupQueryAttention` combine the masks of their
inputs (`query_mask` `[B, T]`, `value_mask`/`key_mask` `[B, S]`), an
explicit `attention_mask` `[B, T, S]`, a causal mask and a sliding-window
band into one boolean `[B, T, S]` mask (True = may attend), as Keras 3
does; the equation builders give Keras 3's projection layouts, so kernels
have the same shapes and saved weights transfer.
"""

from __future__ import annotations

import string
from typing import Any

from cornu.src import ops
from cornu.src.backend.common import masking


def causal_mask(query: Any, value: Any) -> Any:
    """A `(1, T, S)` boolean mask, True where key index <= query index."""
    rows = ops.shape(query)[1]
    cols = ops.shape(value)[1]
    row_index = ops.reshape(ops.arange(rows, dtype="int32"), (1, rows, 1))
    col_index = ops.reshape(ops.arange(cols, dtype="int32"), (1, 1, cols))
    return ops.greater_equal(row_index, col_index)


def sliding_window_mask(query: Any, value: Any, window: int) -> Any:
    """A `(1, T, S)` boolean band, True where `|i - j| < window`."""
    rows = ops.shape(query)[1]
    cols = ops.shape(value)[1]
    row_index = ops.reshape(ops.arange(rows, dtype="int32"), (1, rows, 1))
    col_index = ops.reshape(ops.arange(cols, dtype="int32"), (1, 1, cols))
    return ops.less(ops.abs(ops.subtract(row_index, col_index)), window)


def merged_attention_mask(
    query: Any,
    value: Any,
    query_mask: Any = None,
    value_mask: Any = None,
    key_mask: Any = None,
    attention_mask: Any = None,
    use_causal_mask: bool = False,
    sliding_window: int | None = None,
) -> Any:
    """The logical AND of every mask given, or None when there is none."""
    parts = []
    if query_mask is not None:
        parts.append(ops.expand_dims(ops.cast(query_mask, "bool"), -1))
    if value_mask is not None:
        parts.append(ops.expand_dims(ops.cast(value_mask, "bool"), -2))
    if key_mask is not None:
        parts.append(ops.expand_dims(ops.cast(key_mask, "bool"), -2))
    if use_causal_mask:
        parts.append(causal_mask(query, value))
    if sliding_window is not None:
        parts.append(sliding_window_mask(query, value, sliding_window))
    if attention_mask is not None:
        parts.insert(0, ops.cast(attention_mask, "bool"))
    if not parts:
        return None
    merged = parts[0]
    for part in parts[1:]:
        merged = ops.logical_and(merged, part)
    return merged


def resolve_masks(
    query: Any,
    value: Any,
    key: Any,
    query_mask: Any,
    value_mask: Any,
    key_mask: Any,
    attention_mask: Any,
    use_causal_mask: bool,
    sliding_window: int | None,
) -> tuple:
    """`(key, attention_mask, causal_only)` for an attention call.

    `key` defaults to `value`; masks not passed are read from the tensors
    (Keras masks). When causal masking is the only mask, it runs as the
    backend's causal kernel (`is_causal=True`, `causal_only`) without a
    [T, S] mask tensor; otherwise every mask is merged into one.
    """
    if key is None:
        key = value
    elif key_mask is None:
        key_mask = masking.get_keras_mask(key)
    if query_mask is None:
        query_mask = masking.get_keras_mask(query)
    if value_mask is None:
        value_mask = masking.get_keras_mask(value)
    causal_only = (
        use_causal_mask
        and query_mask is None
        and value_mask is None
        and key_mask is None
        and attention_mask is None
        and sliding_window is None
    )
    if not causal_only:
        attention_mask = merged_attention_mask(
            query,
            value,
            query_mask=query_mask,
            value_mask=value_mask,
            key_mask=key_mask,
            attention_mask=attention_mask,
            use_causal_mask=use_causal_mask,
            sliding_window=sliding_window,
        )
    return key, attention_mask, causal_only


def expand_mask(mask: Any, rank: int, num_attention_axes: int) -> Any:
    """Inserts axes into `mask` (from the heads axis on) until it has
    `rank` axes, so it broadcasts against the attention scores
    `(<batch dims>, heads, <query axes>, <key axes>)`."""
    axis = -2 * num_attention_axes - 1
    for _ in range(rank - len(mask.shape)):
        mask = ops.expand_dims(mask, axis=axis)
    return mask


def check_positive_window(owner: str, sliding_window: Any) -> None:
    """Raises unless `sliding_window` is None or a positive int."""
    if sliding_window is not None and (
        not isinstance(sliding_window, int)
        or isinstance(sliding_window, bool)
        or sliding_window <= 0
    ):
        raise ValueError(
            f"{owner}: `sliding_window` must be `None` or a positive "
            f"integer. Received: sliding_window={sliding_window!r}. Pass "
            "the band half-width plus one, e.g. `sliding_window=128`."
        )


def projection_equation(
    free_dims: int, bound_dims: int, output_dims: int
) -> tuple[str, str, int]:
    """`(equation, bias_axes, output_rank)` of a projection that keeps
    `free_dims` leading axes, contracts `bound_dims` and adds
    `output_dims` new ones (Keras 3's layout: `abc,cde->abde`)."""
    letters = string.ascii_lowercase
    free = letters[:free_dims]
    bound = letters[free_dims : free_dims + bound_dims]
    new = letters[free_dims + bound_dims : free_dims + bound_dims + output_dims]
    equation = f"{free}{bound},{bound}{new}->{free}{new}"
    return equation, new, len(free) + len(new)


def attention_equations(
    rank: int, attention_axes: tuple
) -> tuple[str, str, int]:
    """`(dot_product_equation, combine_equation, scores_rank)` for
    projected tensors of `rank` axes `(batch, <axes>, heads, channels)`.

    The dot product takes `(key, query)` to the scores
    `(<batch dims incl. heads>, <query attention axes>, <key attention
    axes>)`; the combination takes `(scores, value)` back to the query's
    layout.
    """
    letters = string.ascii_lowercase
    target = letters[:rank]
    batch_dims = [
        i for i in range(rank) if i not in attention_axes and i != rank - 1
    ]
    source = list(target)
    offset = rank
    for i in attention_axes:
        source[i] = letters[offset]
        offset += 1
    source = "".join(source)
    product = "".join(
        [target[i] for i in batch_dims]
        + [target[i] for i in attention_axes]
        + [source[i] for i in attention_axes]
    )
    return (
        f"{source},{target}->{product}",
        f"{product},{source}->{target}",
        len(product),
    )


def check_flash_and_dropout(owner: str, flash: Any, dropout: float) -> None:
    """Flash kernels have no attention dropout: refuse the combination."""
    if flash and dropout > 0.0:
        raise ValueError(
            f"{owner}: dropout is not supported when flash attention is "
            f"enabled. Received: dropout={dropout}, flash_attention=True. "
            "Set dropout=0.0 to use flash attention, or pass "
            "flash_attention=False to keep the dropout."
        )


def check_flash_and_scores(owner: str, flash: Any) -> None:
    """Flash kernels never form the score matrix: refuse returning it."""
    if flash:
        raise ValueError(
            f"{owner}: returning attention scores is not supported when "
            "flash attention is enabled (flash kernels never form the score "
            "matrix). Received: return_attention_scores=True with "
            "flash_attention=True. Pass flash_attention=False (or call "
            "`cornu.config.disable_flash_attention()`)."
        )


def sublayer_kwargs(layer: Any) -> dict:
    """Arguments shared by the projections of an attention layer; each
    gets its own copy of the initializers (a stateless initializer
    instance would give every projection the same values)."""
    kernel = layer._kernel_initializer
    bias = layer._bias_initializer
    return dict(
        kernel_initializer=type(kernel).from_config(kernel.get_config()),
        bias_initializer=type(bias).from_config(bias.get_config()),
        kernel_regularizer=layer._kernel_regularizer,
        bias_regularizer=layer._bias_regularizer,
        activity_regularizer=layer._activity_regularizer,
        kernel_constraint=layer._kernel_constraint,
        bias_constraint=layer._bias_constraint,
        dtype=layer.dtype_policy,
    )


def check_positive_int(name: str, value: Any, allow_none: bool = False) -> None:
    """MultiHeadAttention's check of `num_heads`/`key_dim`/`value_dim`."""
    if allow_none and value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        expected = "a positive integer" + (" or `None`" if allow_none else "")
        raise ValueError(
            f"MultiHeadAttention: `{name}` must be {expected}. Received: "
            f"{name}={value!r}. Example: MultiHeadAttention(num_heads=4, "
            "key_dim=16)."
        )


def check_key_value_shapes(value_shape: tuple, key_shape: tuple) -> None:
    """Raises unless `key` and `value` differ only in their last axis."""
    if tuple(value_shape[1:-1]) != tuple(key_shape[1:-1]):
        raise ValueError(
            "MultiHeadAttention: all dimensions of `value` and `key`, "
            f"except the last one, must be equal. Received: value_shape="
            f"{tuple(value_shape)} and key_shape={tuple(key_shape)}. Pass "
            "a key with the value's sequence length."
        )
