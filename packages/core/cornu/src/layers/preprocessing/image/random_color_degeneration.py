"""`RandomColorDegeneration`: blends images with their grayscale."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.ops.image import color


@cornu_export("cornu.layers.RandomColorDegeneration")
class RandomColorDegeneration(base.BaseImagePreprocessingLayer):
    """Randomly degrades the colour of RGB images during training.

    Each image becomes `x + f * (gray(x) - x)`, with `f` drawn from the
    `factor` range (0: unchanged, 1: grayscale, negative: more colourful),
    clipped to `value_range`. Inference (`training=False`) leaves images
    unchanged.

    Args:
        factor: A float `f` (draws in `[-f, f]`, as Keras 3) or a pair
            `(lower, upper)`, in `[-1, 1]`.
        value_range: The range of the input values, e.g. `(0, 255)`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomColorDegeneration((1.0, 1.0))
    >>> x = cornu.ops.convert_to_tensor([[[[10.0, 10.0, 10.0]]]])
    >>> cornu.ops.convert_to_numpy(layer(x)).ravel().round(2).tolist()
    [10.0, 10.0, 10.0]
    """

    def __init__(
        self,
        factor: Any,
        value_range: Any = (0, 255),
        data_format: str | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = base.check_value_range(
            "RandomColorDegeneration", value_range
        )
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        factor = base.uniform(
            (self._batch_size(data), 1, 1, 1),
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=self._seed(seed),
        )
        return {"factor": factor}

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        factor = ops.cast(transformation["factor"], images.dtype)
        gray = color.rgb_to_grayscale(images, data_format=self.data_format)
        images = images + factor * (gray - images)
        return ops.clip(images, self.value_range[0], self.value_range[1])

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "value_range": self.value_range,
                "seed": self.seed,
            }
        )
        return config
