"""`RandomHue`: rotates images' hue."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.ops.image import color


@cornu_export("cornu.layers.RandomHue")
class RandomHue(base.BaseImagePreprocessingLayer):
    """Randomly shifts the hue of RGB images during training.

    Each image's HSV hue (in `[0, 1)`) is shifted by `±f / 2`, with `f`
    drawn from the `factor` range and a random sign, wrapping around.
    Inference (`training=False`) leaves images unchanged.

    Args:
        factor: A float `f` (shift sizes in `[0, f]`) or a pair
            `(lower, upper)`, in `[0, 1]`.
        value_range: The range of the input values, e.g. `(0, 255)`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomHue(0.5, value_range=(0, 1), seed=1)
    >>> x = cornu.ops.convert_to_tensor([[[[0.5, 0.5, 0.5]]]])
    >>> out = cornu.ops.convert_to_numpy(layer(x))  # gray has no hue
    >>> [round(v, 4) for v in out.ravel().tolist()]
    [0.5, 0.5, 0.5]
    """

    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        factor: Any,
        value_range: Any = (0, 255),
        data_format: str | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = base.check_value_range("RandomHue", value_range)
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        batch_size = self._batch_size(data)
        seed = self._seed(seed)
        invert = base.uniform((batch_size,), seed=seed)
        sign = ops.where(invert > 0.5, -1.0, 1.0)
        factor = base.uniform(
            (batch_size,),
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=seed,
        )
        return {"factor": sign * factor * 0.5}

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        dtype = images.dtype
        images = self._transform_value_range(
            images, self.value_range, (0, 1), dtype=dtype
        )
        shift = self._per_image(transformation["factor"], dtype)
        hsv = color.rgb_to_hsv(images, data_format=self.data_format)
        axis = self._channel_axis
        h, s, v = ops.split(hsv, 3, axis=axis)
        h = h + shift
        h = ops.where(h > 1.0, h - 1.0, h)
        h = ops.where(h < 0.0, h + 1.0, h)
        images = color.hsv_to_rgb(
            ops.concatenate([h, s, v], axis=axis),
            data_format=self.data_format,
        )
        images = ops.clip(images, 0.0, 1.0)
        return self._transform_value_range(
            images, (0, 1), self.value_range, dtype=dtype
        )

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
