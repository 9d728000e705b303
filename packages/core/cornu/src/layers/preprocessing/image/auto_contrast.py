"""`AutoContrast`: stretches each channel to the full value range."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.AutoContrast")
class AutoContrast(base.BaseImagePreprocessingLayer):
    """Maximises the contrast of each channel of each image.

    Each channel is mapped linearly so that its minimum becomes
    `value_range[0]` and its maximum `value_range[1]`; constant channels
    are left unchanged. Applied in training and inference alike (as in
    Keras 3).

    Args:
        value_range: The range of the input values, e.g. `(0, 255)`.
        **kwargs: Base layer arguments (`name`, `dtype`, `data_format`,
            ...).

    Example:

    >>> layer = cornu.layers.AutoContrast(value_range=(0, 1))
    >>> x = cornu.ops.convert_to_tensor([[[[0.25], [0.5], [0.75]]]])
    >>> cornu.ops.convert_to_numpy(layer(x)).ravel().tolist()
    [0.0, 0.5, 1.0]
    """

    _USE_BASE_FACTOR = False

    def __init__(self, value_range: Any = (0, 255), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.value_range = base.check_value_range("AutoContrast", value_range)

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        dtype = images.dtype
        x = self._transform_value_range(
            images, self.value_range, (0, 255), dtype=dtype
        )
        axes = self._spatial_axes
        low = ops.min(x, axis=axes, keepdims=True)
        high = ops.max(x, axis=axes, keepdims=True)
        span = high - low
        constant = span == 0
        scale = 255.0 / ops.where(constant, 1.0, span)
        x = ops.clip((x - low) * scale, 0.0, 255.0)
        x = self._transform_value_range(
            x, (0, 255), self.value_range, dtype=dtype
        )
        return ops.where(constant, images, x)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"value_range": self.value_range})
        return config
