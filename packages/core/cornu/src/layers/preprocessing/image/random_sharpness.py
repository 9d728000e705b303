"""`RandomSharpness`: sharpens or blurs images by random amounts."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.RandomSharpness")
class RandomSharpness(base.BaseImagePreprocessingLayer):
    """Randomly changes the sharpness of images during training.

    Each image becomes `x + (1 - 2 f) * (smooth(x) - x)`, where `smooth`
    is the 3x3 filter `[[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13` (zero
    padding) and `f` is drawn from the `factor` range: `f = 0.5` leaves
    the image unchanged, smaller values blur, larger ones sharpen. The
    result is clipped to `value_range`. Inference (`training=False`)
    leaves images unchanged.

    Args:
        factor: A float `f` (draws in `[0, f]`) or a pair
            `(lower, upper)`, in `[0, 1]`.
        value_range: The range of the input values, e.g. `(0, 255)`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomSharpness((0.5, 0.5))
    >>> x = cornu.ops.ones((1, 3, 3, 1)) * 7.0
    >>> cornu.ops.convert_to_numpy(layer(x))[0, 1, 1, 0].tolist()
    7.0
    """

    _USE_BASE_FACTOR = False
    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        factor: Any,
        value_range: Any = (0, 255),
        data_format: str | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self._set_factor(factor)
        self.value_range = base.check_value_range(
            "RandomSharpness", value_range
        )
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        factor = base.uniform(
            (self._batch_size(data),),
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
        dtype = images.dtype
        sharpness = self._per_image(transformation["factor"] * 2.0, dtype)
        channels = ops.shape(images)[self._channel_axis]
        a, b = 1.0 / 13.0, 5.0 / 13.0
        kernel = ops.convert_to_tensor(
            [[a, a, a], [a, b, a], [a, a, a]], dtype=dtype
        )
        kernel = ops.tile(
            ops.reshape(kernel, (3, 3, 1, 1)), (1, 1, channels, 1)
        )
        smooth = ops.depthwise_conv(
            images,
            kernel,
            strides=1,
            padding="same",
            data_format=self.data_format,
        )
        images = images + (1.0 - sharpness) * (smooth - images)
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
