"""`RandomBrightness`: adds a random offset to images."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.RandomBrightness")
class RandomBrightness(base.BaseImagePreprocessingLayer):
    """Randomly changes the brightness of images during training.

    Each image gets `delta * (value_range[1] - value_range[0])` added to
    all its pixels, with `delta` drawn uniformly from the `factor` range;
    the result is clipped to `value_range`. Inference (`training=False`)
    leaves images unchanged (but casts them to the compute dtype).

    Args:
        factor: A float `f` (`delta` in `[-f, f]`) or a pair
            `(lower, upper)`, in `[-1, 1]`.
        value_range: The range of the input values, e.g. `(0, 255)`
            (default) or `(0, 1)`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, `data_format`,
            ...).

    Example:

    >>> layer = cornu.layers.RandomBrightness((0.1, 0.1), value_range=(0, 1))
    >>> x = cornu.ops.convert_to_tensor([[[[0.2], [0.95]]]])
    >>> out = cornu.ops.convert_to_numpy(layer(x))
    >>> [round(v, 4) for v in out.ravel().tolist()]
    [0.3, 1.0]
    """

    def __init__(
        self,
        factor: Any,
        value_range: Any = (0, 255),
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(factor=factor, **kwargs)
        self.value_range = base.check_value_range(
            "RandomBrightness", value_range
        )
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        shape = (self._batch_size(data), 1, 1, 1)
        if not training:
            return {"rgb_delta": ops.zeros(shape)}
        delta = base.uniform(
            shape,
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=self._seed(seed),
        )
        span = self.value_range[1] - self.value_range[0]
        return {"rgb_delta": delta * span}

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        images = images + ops.cast(transformation["rgb_delta"], images.dtype)
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
