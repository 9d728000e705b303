"""`ContrastLimitedAdaptiveHistogramEqualization` (CLAHE): histogram
equalization per tile, with a clip limit and bilinear blending between
neighbouring tiles."""

from __future__ import annotations

import numbers
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)

_BINS = 256
_NAME = "ContrastLimitedAdaptiveHistogramEqualization"


def _symmetric_indices(size: int, padded: int) -> list:
    """Source indices of NumPy's `"symmetric"` padding of `size` entries
    to `padded` entries at the end (the edge entry repeated, then the
    axis mirrored, as often as needed)."""
    period = 2 * size
    indices = []
    for i in range(padded):
        k = i % period
        indices.append(k if k < size else period - 1 - k)
    return indices


def _check_tile_grid_size(value: Any) -> tuple:
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(
            isinstance(v, int) and not isinstance(v, bool) and v > 0
            for v in value
        )
    ):
        raise ValueError(
            f"{_NAME} expects `tile_grid_size` to be a tuple of 2 positive "
            "ints (the number of tiles along the height and the width), "
            f"e.g. (8, 8). Received: tile_grid_size={value!r}."
        )
    return tuple(value)


def _check_clip_limit(value: Any) -> float:
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise ValueError(
            f"{_NAME} expects `clip_limit` to be a number (values <= 0 "
            f"turn the clipping off), e.g. 4.0. Received: clip_limit="
            f"{value!r}."
        )
    return value


@cornu_export("cornu.layers.ContrastLimitedAdaptiveHistogramEqualization")
class ContrastLimitedAdaptiveHistogramEqualization(
    base.BaseImagePreprocessingLayer
):
    """Contrast Limited Adaptive Histogram Equalization (CLAHE).

    Each image is padded at the bottom and right (NumPy's `"symmetric"`
    mode) to a whole number of tiles, `tile_grid_size` tiles of
    `ceil(height / grid_h) x ceil(width / grid_w)` pixels. Values mapped to
    `[0, 255]` are binned into 256 bins (`int(x)`) per tile and channel;
    with `clip_limit > 0` each bin is clipped to
    `clip_limit * tile_pixels / 256` and the clipped excess is spread
    evenly over all bins. A tile's mapping is
    `(cdf - cdf[0]) * 255 / (tile_pixels - cdf[0])` (clipped to
    `[0, 255]`; `cdf[0]` is the count of bin 0, so a tile's lowest value
    maps to 0 only when it lies in bin 0, as in Keras 3). A pixel
    `(y, x)` takes the bilinear blend of the mappings of the four tiles
    around it, at tile coordinates `(y / tile_h - 0.5, x / tile_w - 0.5)`
    (edge tiles repeated), of its own value. The result is mapped back
    to `value_range` and cast to the input's dtype. Applied in training
    and inference alike, as in Keras 3.

    Args:
        value_range: The range of the input values, e.g. `(0, 255)`
            (default) or `(0, 1)`.
        clip_limit: Float, the contrast limit (relative to a flat
            histogram). Default 4.0; a value <= 0 turns the clipping off.
        tile_grid_size: Tuple of 2 ints `(grid_h, grid_w)`, the number of
            tiles along the height and the width. Default `(8, 8)`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.ContrastLimitedAdaptiveHistogramEqualization(
    ...     tile_grid_size=(1, 1), clip_limit=0)
    >>> x = cornu.ops.convert_to_tensor([[[[10.0], [20.0], [20.0], [30.0]]]])
    >>> cornu.ops.convert_to_numpy(layer(x)).ravel().tolist()
    [63.75, 191.25, 191.25, 255.0]
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        value_range: Any = (0, 255),
        clip_limit: float = 4.0,
        tile_grid_size: Any = (8, 8),
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.value_range = base.check_value_range(_NAME, value_range)
        self.clip_limit = _check_clip_limit(clip_limit)
        self.tile_grid_size = _check_tile_grid_size(tile_grid_size)

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.convert_to_tensor(images)
        dtype = images.dtype
        channels_first = self.data_format == "channels_first"
        x = images if channels_first else ops.transpose(images, (0, 3, 1, 2))
        x = self._transform_value_range(
            ops.cast(x, "float32"), self.value_range, (0, 255)
        )
        x = self._clahe(x)
        x = self._transform_value_range(x, (0, 255), self.value_range)
        x = ops.cast(x, dtype)
        return x if channels_first else ops.transpose(x, (0, 2, 3, 1))

    def _clahe(self, x: Any) -> Any:
        """CLAHE of `(batch, channels, height, width)` float32 values in
        `[0, 255]`."""
        _, channels, height, width = ops.shape(x)
        grid_h, grid_w = self.tile_grid_size
        tile_h = -(-height // grid_h)
        tile_w = -(-width // grid_w)
        padded_h, padded_w = tile_h * grid_h, tile_w * grid_w
        if padded_h != height:
            rows = _symmetric_indices(height, padded_h)
            x = ops.take(x, ops.convert_to_tensor(rows, "int32"), axis=2)
        if padded_w != width:
            cols = _symmetric_indices(width, padded_w)
            x = ops.take(x, ops.convert_to_tensor(cols, "int32"), axis=3)
        values = ops.cast(ops.clip(x, 0, 255), "int32")
        table = self._tile_mappings(values, channels, tile_h, tile_w)

        # Tile coordinates of each pixel row and column; the mapping
        # table has one repeated edge tile on each side (hence the +1).
        def corners(size, tile, grid):
            # Keras 3's rounding: (i - tile / 2) / tile + 1.
            position = (ops.arange(size, dtype="float32") - tile / 2.0) / tile
            position = position + 1.0
            low = ops.floor(position)
            weight = position - low
            low = ops.clip(low, 0, grid + 1)
            high = ops.clip(low + 1, 0, grid + 1)
            return ops.cast(low, "int32"), ops.cast(high, "int32"), weight

        y0, y1, wy = corners(padded_h, tile_h, grid_h)
        x0, x1, wx = corners(padded_w, tile_w, grid_w)
        stride_x = _BINS
        stride_y = stride_x * (grid_w + 2)
        stride_image = stride_y * (grid_h + 2)
        planes = ops.arange(ops.shape(values)[0] * channels, dtype="int32")
        base_index = (
            ops.reshape(planes * stride_image, (-1, channels, 1, 1)) + values
        )
        y0 = ops.reshape(y0 * stride_y, (-1, 1))
        y1 = ops.reshape(y1 * stride_y, (-1, 1))
        wy = ops.reshape(wy, (-1, 1))
        x0, x1 = x0 * stride_x, x1 * stride_x

        def look_up(row, col):
            return ops.take(table, base_index + row + col)

        top = look_up(y0, x0) * (1.0 - wx) + look_up(y0, x1) * wx
        bottom = look_up(y1, x0) * (1.0 - wx) + look_up(y1, x1) * wx
        out = top * (1.0 - wy) + bottom * wy
        return out[:, :, :height, :width]

    def _tile_mappings(
        self, values: Any, channels: int, tile_h: int, tile_w: int
    ) -> Any:
        """The flat table of the tiles' value mappings: index
        `(((image * channels + channel) * (grid_h + 2) + tile_row)
        * (grid_w + 2) + tile_col) * 256 + value`, edge tiles repeated."""
        grid_h, grid_w = self.tile_grid_size
        tiles = ops.reshape(
            values, (-1, channels, grid_h, tile_h, grid_w, tile_w)
        )
        tiles = ops.reshape(
            ops.transpose(tiles, (0, 1, 2, 4, 3, 5)),
            (-1, tile_h * tile_w),
        )
        count = ops.shape(tiles)[0]
        offsets = ops.reshape(ops.arange(count, dtype="int32") * _BINS, (-1, 1))
        flat = ops.reshape(tiles + offsets, (-1,))
        hist = ops.segment_sum(
            ops.ones_like(flat, dtype="float32"),
            flat,
            num_segments=count * _BINS,
        )
        hist = ops.reshape(hist, (-1, _BINS))
        pixels = float(tile_h * tile_w)
        if self.clip_limit > 0:
            limit = self.clip_limit * pixels / _BINS
            clipped = ops.clip(hist, 0.0, limit)
            excess = ops.sum(hist - clipped, axis=-1, keepdims=True)
            hist = clipped + excess / _BINS
        cdf = ops.cumsum(hist, axis=-1)
        first = cdf[:, :1]
        denominator = pixels - first
        denominator = ops.where(denominator == 0, 1.0, denominator)
        mapping = ops.clip((cdf - first) * 255.0 / denominator, 0.0, 255.0)
        mapping = ops.reshape(mapping, (-1, channels, grid_h, grid_w, _BINS))
        mapping = ops.concatenate(
            [mapping[:, :, :1], mapping, mapping[:, :, -1:]], axis=2
        )
        mapping = ops.concatenate(
            [mapping[:, :, :, :1], mapping, mapping[:, :, :, -1:]], axis=3
        )
        return ops.reshape(mapping, (-1,))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "value_range": self.value_range,
                "clip_limit": self.clip_limit,
                "tile_grid_size": self.tile_grid_size,
            }
        )
        return config
