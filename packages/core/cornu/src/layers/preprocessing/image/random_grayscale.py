"""`RandomGrayscale`: turns random images to grayscale."""

from __future__ import annotations

import numbers
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.ops.image import color


@cornu_export("cornu.layers.RandomGrayscale")
class RandomGrayscale(base.BaseImagePreprocessingLayer):
    """Randomly converts RGB images to grayscale during training.

    Each image is replaced, with probability `factor`, by its luma
    (`0.2989 R + 0.587 G + 0.114 B`) repeated on the three channels.
    Inference (`training=False`) leaves images unchanged.

    Args:
        factor: Float in `[0, 1]`, the probability of conversion.
            Default 0.5.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomGrayscale(factor=1.0)
    >>> x = cornu.ops.convert_to_tensor([[[[1.0, 0.0, 0.0]]]])
    >>> y = cornu.ops.convert_to_numpy(layer(x)).ravel()
    >>> [round(float(v), 4) for v in y]
    [0.2989, 0.2989, 0.2989]
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        factor: float = 0.5,
        data_format: str | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        if (
            isinstance(factor, bool)
            or not isinstance(factor, numbers.Real)
            or not 0 <= factor <= 1
        ):
            raise ValueError(
                "RandomGrayscale expects `factor` to be a number in [0, 1], "
                f"the probability of conversion. Received: factor={factor!r}."
            )
        self.factor = factor
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        draws = base.uniform((self._batch_size(data),), seed=self._seed(seed))
        return self._per_image(draws < self.factor)

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        if transformation is None:
            transformation = self.get_random_transformation(images)
        gray = color.rgb_to_grayscale(images, data_format=self.data_format)
        gray = ops.broadcast_to(gray, ops.shape(images))
        return ops.where(transformation, gray, images)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"factor": self.factor})
        return config
