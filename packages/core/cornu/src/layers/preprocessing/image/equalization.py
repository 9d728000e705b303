"""`Equalization`: histogram equalization of images."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.Equalization")
class Equalization(base.BaseImagePreprocessingLayer):
    """Equalizes the histogram of each channel of each image in training.

    Values are mapped to `[0, 255]` and binned into `bins` bins
    (`int(x * (bins - 1) / 255)`); with `cdf` the cumulative histogram and
    `cdf_min` its first non-zero entry, a value in bin `i` becomes
    `round((cdf[i] - cdf_min) * 255 / (cdf[-1] - cdf_min))`, mapped back
    to `value_range`. Channels whose values fill at most one bin are left
    unchanged. Inference (`training=False`) leaves images unchanged, as in
    Keras 3.

    Each image gets its own histogram (Keras 3.15 pools the histogram
    over the whole batch, so an image's result depends on the others).

    Args:
        value_range: The range of the input values, e.g. `(0, 255)`.
        bins: Int, the number of histogram bins. Default 256.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.Equalization()
    >>> x = cornu.ops.convert_to_tensor([[[[10.0], [20.0], [20.0], [30.0]]]])
    >>> cornu.ops.convert_to_numpy(layer(x)).ravel().tolist()
    [0.0, 170.0, 170.0, 255.0]
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        value_range: Any = (0, 255),
        bins: int = 256,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        if isinstance(bins, bool) or not isinstance(bins, int) or bins < 2:
            raise ValueError(
                "Equalization expects `bins` to be an int >= 2. Received: "
                f"bins={bins!r}."
            )
        self.bins = bins
        self.value_range = base.check_value_range("Equalization", value_range)

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        dtype = images.dtype
        channels_first = self.data_format == "channels_first"
        x = images if channels_first else ops.transpose(images, (0, 3, 1, 2))
        batch, channels, height, width = ops.shape(x)
        x = self._transform_value_range(
            ops.reshape(x, (batch, channels, height * width)),
            self.value_range,
            (0, 255),
            dtype="float32",
        )
        bins = self.bins
        index = ops.clip(
            ops.cast(x * ((bins - 1) / 255.0), "int32"), 0, bins - 1
        )
        rows = batch * channels
        offsets = ops.reshape(
            ops.arange(rows, dtype="int32") * bins, (batch, channels, 1)
        )
        flat = ops.reshape(index + offsets, (-1,))
        hist = ops.segment_sum(
            ops.ones_like(flat, dtype="float32"),
            flat,
            num_segments=rows * bins,
        )
        hist = ops.reshape(hist, (batch, channels, bins))
        cdf = ops.cumsum(hist, axis=-1)
        total = cdf[..., -1:]
        cdf_min = ops.min(
            ops.where(cdf > 0, cdf, total), axis=-1, keepdims=True
        )
        denominator = total - cdf_min
        denominator = ops.where(denominator == 0, 1.0, denominator)
        table = ops.clip(
            ops.round((cdf - cdf_min) * 255.0 / denominator), 0, 255
        )
        lookup = ops.clip(
            ops.cast(x / 255.0 * (bins - 1), "int32"), 0, bins - 1
        )
        # A flat 1-D gather (`take_along_axis` compiles very slowly on
        # XLA for these shapes).
        equalized = ops.reshape(
            ops.take(ops.reshape(table, (-1,)), lookup + offsets),
            (batch, channels, height * width),
        )
        used = ops.sum(ops.cast(hist > 0, "int32"), axis=-1, keepdims=True)
        equalized = ops.where(used <= 1, x, equalized)
        equalized = self._transform_value_range(
            equalized, (0, 255), self.value_range, dtype="float32"
        )
        out = ops.reshape(
            ops.cast(equalized, dtype), (batch, channels, height, width)
        )
        return out if channels_first else ops.transpose(out, (0, 2, 3, 1))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"bins": self.bins, "value_range": self.value_range})
        return config
