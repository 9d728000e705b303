"""Random rectangles and their masks, shared by `CutMix` and
`RandomErasing`."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


def crop_bounds(batch_size: int, length: int, ratio: Any, seed: Any):
    """Start and end (floats) of a window of `ratio * length` pixels at a
    random position along an axis of `length` pixels."""
    crop = ratio * float(length)
    start = base.uniform((batch_size,), seed=seed) * (float(length) - crop)
    return start, start + crop


def box_mask(
    shape: tuple, x0: Any, x1: Any, y0: Any, y1: Any, data_format: str
) -> Any:
    """Boolean mask of `shape` (a batch of images), true inside each
    image's box `[x0, x1) x [y0, y1)` (pixel indices)."""
    if data_format == "channels_last":
        _, height, width, _ = shape
        rows = ops.reshape(
            ops.arange(height, dtype="float32"), (1, height, 1, 1)
        )
        cols = ops.reshape(ops.arange(width, dtype="float32"), (1, 1, width, 1))
    else:
        _, _, height, width = shape
        rows = ops.reshape(
            ops.arange(height, dtype="float32"), (1, 1, height, 1)
        )
        cols = ops.reshape(ops.arange(width, dtype="float32"), (1, 1, 1, width))

    def per_image(v):
        return ops.reshape(v, (-1, 1, 1, 1))

    mask = (
        (cols >= per_image(x0))
        & (cols < per_image(x1))
        & (rows >= per_image(y0))
        & (rows < per_image(y1))
    )
    return ops.broadcast_to(mask, shape)
