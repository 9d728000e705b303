"""Gradient clipping used by `Optimizer` (`clipnorm`, `global_clipnorm`,
`clipvalue`), written with `cornu.ops` so it runs in any scope."""

from __future__ import annotations

from typing import Any

from cornu.src import ops


def clip_by_norm(value: Any, clip_norm: float) -> Any:
    """`value` rescaled so that its L2 norm is at most `clip_norm`.

    A zero tensor is returned unchanged (no division by zero).
    """
    l2sum = ops.sum(ops.square(value), keepdims=True)
    positive = l2sum > 0
    # Take the square root of ones where the sum is 0, so that no NaN
    # enters (or, under autodiff, leaves) the computation.
    safe = ops.where(positive, l2sum, ops.ones_like(l2sum))
    l2norm = ops.where(positive, ops.sqrt(safe), l2sum)
    return ops.divide(
        ops.multiply(value, clip_norm), ops.maximum(l2norm, clip_norm)
    )


def global_norm(values: list) -> Any:
    """The L2 norm of all tensors of `values` together (`None`s skipped)."""
    squares = [ops.sum(ops.square(v)) for v in values if v is not None]
    return ops.sqrt(ops.sum(ops.stack(squares)))


def clip_by_global_norm(values: list, clip_norm: float) -> list:
    """`values` scaled together so that their global norm is at most
    `clip_norm`; a non-finite norm makes every value NaN (as in Keras)."""
    norm = global_norm(values)
    scale = clip_norm * ops.minimum(ops.divide(1.0, norm), 1.0 / clip_norm)
    scale = ops.where(ops.isfinite(norm), scale, float("nan"))
    return [
        None if v is None else ops.multiply(v, ops.cast(scale, v.dtype))
        for v in values
    ]
