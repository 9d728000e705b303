"""`RandomInvert`: inverts random images."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.RandomInvert")
class RandomInvert(base.BaseImagePreprocessingLayer):
    """Randomly inverts images during training: `x -> value_range[1] - x`.

    Each image is inverted with probability `p`, drawn from the `factor`
    range. Inference (`training=False`) leaves images unchanged.

    Args:
        factor: A float `f` (probability in `[0, f]`) or a pair
            `(lower, upper)`, in `[0, 1]`. Default 1.
        value_range: The range of the input values, e.g. `(0, 255)`.
        seed: Int seed, for reproducible draws.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomInvert((1.0, 1.0), value_range=(0, 1))
    >>> x = cornu.ops.convert_to_tensor([[[[0.25]]]])
    >>> cornu.ops.convert_to_numpy(layer(x)).ravel().tolist()
    [0.75]
    """

    _USE_BASE_FACTOR = False
    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        factor: Any = 1.0,
        value_range: Any = (0, 255),
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self._set_factor(factor)
        self.value_range = base.check_value_range("RandomInvert", value_range)
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        batch_size = self._batch_size(data)
        seed = self._seed(seed)
        probability = base.uniform(
            (batch_size,),
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=seed,
        )
        threshold = base.uniform((batch_size,), seed=seed)
        return {"apply_inversion": threshold < probability}

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training or transformation is None:
            return images
        apply = self._per_image(transformation["apply_inversion"])
        return ops.where(apply, self.value_range[1] - images, images)

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
