"""`RandomContrast`: scales images' deviation from their mean."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.RandomContrast")
class RandomContrast(base.BaseImagePreprocessingLayer):
    """Randomly adjusts the contrast of images during training.

    Each channel of each image becomes `(x - mean) * c + mean`, where
    `mean` is the channel's mean over the image and `c` is drawn from
    `[1 - lower, 1 + upper]`; the result is clipped to `value_range`.
    As in Keras 3, a single float `f` gives `(lower, upper) = (0, f)`.
    Inference (`training=False`) leaves images unchanged.

    Args:
        factor: A float `f` or a pair `(lower, upper)`, in `[0, 1]`.
        value_range: The range of the input values, e.g. `(0, 255)`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, `data_format`,
            ...).

    Example:

    >>> layer = cornu.layers.RandomContrast(0.5, value_range=(0, 1), seed=1)
    >>> x = cornu.ops.convert_to_tensor([[[[0.2], [0.6]]]])
    >>> out = cornu.ops.convert_to_numpy(layer(x))
    >>> round(float(out.mean()), 4)  # the mean is kept
    0.4
    >>> bool(out.max() - out.min() >= 0.4)  # contrast in [1, 1.5]
    True
    """

    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        factor: Any,
        value_range: Any = (0, 255),
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(factor=factor, **kwargs)
        self.value_range = base.check_value_range("RandomContrast", value_range)
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        shape = (self._batch_size(data), 1, 1, 1)
        if not training:
            return {"contrast_factor": ops.zeros(shape)}
        factor = base.uniform(
            shape,
            minval=1.0 - self.factor[0],
            maxval=1.0 + self.factor[1],
            seed=self._seed(seed),
        )
        return {"contrast_factor": factor}

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        factor = ops.cast(transformation["contrast_factor"], images.dtype)
        mean = ops.mean(images, axis=self._spatial_axes, keepdims=True)
        images = (images - mean) * factor + mean
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
