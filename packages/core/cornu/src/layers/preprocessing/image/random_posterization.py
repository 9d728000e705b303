"""`RandomPosterization`: keeps only the high bits of pixel values."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.random import random


@cornu_export("cornu.layers.RandomPosterization")
class RandomPosterization(base.BaseImagePreprocessingLayer):
    """Randomly reduces the number of bits per channel during training.

    Values are mapped to `[0, 255]`, cast to uint8, and only their `b`
    high bits are kept (`b` drawn per image from `[lower, upper)`, or
    `lower` when both are equal), then mapped back to `value_range`.
    Inference (`training=False`) leaves images unchanged.

    Args:
        factor: An int `f` (bits in `[1, f)`) or a pair `(lower, upper)`,
            in `[1, 8]`.
        value_range: The range of the input values, e.g. `(0, 255)`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomPosterization((2, 2))
    >>> x = cornu.ops.convert_to_tensor([[[[200.0, 100.0, 63.0]]]])
    >>> cornu.ops.convert_to_numpy(layer(x)).ravel().tolist()
    [192.0, 64.0, 0.0]
    """

    _USE_BASE_FACTOR = False
    _FACTOR_BOUNDS = (1, 8)
    _MAX_FACTOR = 8

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
            "RandomPosterization", value_range
        )
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        batch_size = self._batch_size(data)
        lower, upper = (int(v) for v in self.factor)
        if lower != upper:
            bits = random.randint(
                (batch_size,),
                lower,
                upper,
                seed=self._seed(seed),
                dtype="int32",
            )
        else:
            bits = ops.full((batch_size,), lower, dtype="int32")
        return {"shift_factor": ops.cast(self._MAX_FACTOR - bits, "uint8")}

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        dtype = images.dtype
        shift = self._per_image(transformation["shift_factor"])
        images = self._transform_value_range(
            images, self.value_range, (0, 255), dtype=dtype
        )
        images = ops.cast(images, "uint8")
        images = ops.left_shift(ops.right_shift(images, shift), shift)
        return self._transform_value_range(
            ops.cast(images, dtype), (0, 255), self.value_range, dtype=dtype
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
