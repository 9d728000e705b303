"""`Solarization`: inverts pixels above a random threshold."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.Solarization")
class Solarization(base.BaseImagePreprocessingLayer):
    """Solarizes images during training: inverts the bright pixels.

    Values are mapped to `[0, 255]`; an addition `a` (drawn from
    `addition_factor * 255`) is added and the result clipped to
    `[0, 255]`; values at or above a threshold `t` (drawn from
    `threshold_factor * 255`) become `255 - x`. The result is mapped back
    to `value_range`. Inference (`training=False`) leaves images
    unchanged. Both ends of a factor pair are multiplied by 255 (Keras
    3.15 scales only the upper end).

    Args:
        addition_factor: A float `f` (in `[0, f]`) or a pair, in `[0, 1]`.
        threshold_factor: A float `f` (in `[0, f]`) or a pair, in
            `[0, 1]`. With the default 0 every pixel is inverted.
        value_range: The range of the input values, e.g. `(0, 255)`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, `data_format`,
            ...).

    Example:

    >>> layer = cornu.layers.Solarization(threshold_factor=(0.5, 0.5))
    >>> x = cornu.ops.convert_to_tensor([[[[100.0, 200.0]]]])
    >>> cornu.ops.convert_to_numpy(layer(x)).ravel().tolist()
    [100.0, 55.0]
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        addition_factor: Any = 0.0,
        threshold_factor: Any = 0.0,
        value_range: Any = (0, 255),
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        owner = "Solarization"
        self.addition_factor = base.factor_range(
            owner, "addition_factor", addition_factor, 0, 1, symmetric=False
        )
        self.threshold_factor = base.factor_range(
            owner,
            "threshold_factor",
            threshold_factor,
            0,
            1,
            symmetric=False,
        )
        self.value_range = base.check_value_range(owner, value_range)
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        shape = (self._batch_size(data), 1, 1, 1)
        seed = self._seed(seed)
        additions = base.uniform(
            shape,
            minval=self.addition_factor[0] * 255.0,
            maxval=self.addition_factor[1] * 255.0,
            seed=seed,
        )
        thresholds = base.uniform(
            shape,
            minval=self.threshold_factor[0] * 255.0,
            maxval=self.threshold_factor[1] * 255.0,
            seed=seed,
        )
        return {"additions": additions, "thresholds": thresholds}

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training or transformation is None:
            return images
        dtype = images.dtype
        x = self._transform_value_range(
            images, self.value_range, (0, 255), dtype=dtype
        )
        x = ops.clip(x + ops.cast(transformation["additions"], dtype), 0, 255)
        thresholds = ops.cast(transformation["thresholds"], dtype)
        x = ops.where(x < thresholds, x, 255.0 - x)
        return self._transform_value_range(
            x, (0, 255), self.value_range, dtype=dtype
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "value_range": self.value_range,
                "addition_factor": self.addition_factor,
                "threshold_factor": self.threshold_factor,
                "seed": self.seed,
            }
        )
        return config
