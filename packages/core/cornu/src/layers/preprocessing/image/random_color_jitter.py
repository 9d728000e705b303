"""`RandomColorJitter`: random brightness, contrast, saturation, hue."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image import random_brightness
from cornu.src.layers.preprocessing.image import random_contrast
from cornu.src.layers.preprocessing.image import random_hue
from cornu.src.layers.preprocessing.image import random_saturation

_STEPS = (
    ("brightness_factor", "random_brightness"),
    ("contrast_factor", "random_contrast"),
    ("saturation_factor", "random_saturation"),
    ("hue_factor", "random_hue"),
)


@cornu_export("cornu.layers.RandomColorJitter")
class RandomColorJitter(base.BaseImagePreprocessingLayer):
    """Randomly jitters the colours of RGB images during training.

    Applies, in this order and for each factor given, `RandomBrightness`,
    `RandomContrast`, `RandomSaturation` and `RandomHue` with that factor
    (see those layers). Inference (`training=False`) leaves images
    unchanged.

    Args:
        value_range: The range of the input values, e.g. `(0, 255)`.
        brightness_factor: `RandomBrightness`'s factor, or `None` (skip).
        contrast_factor: `RandomContrast`'s factor, or `None`.
        saturation_factor: `RandomSaturation`'s factor, or `None`.
        hue_factor: `RandomHue`'s factor, or `None`.
        seed: Int seed, for reproducible draws.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomColorJitter(
    ...     value_range=(0, 1), brightness_factor=0.2, hue_factor=0.1,
    ...     seed=1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 4, 4, 3)) * 0.5))
    (2, 4, 4, 3)
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        value_range: Any = (0, 255),
        brightness_factor: Any = None,
        contrast_factor: Any = None,
        saturation_factor: Any = None,
        hue_factor: Any = None,
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self.value_range = base.check_value_range(
            "RandomColorJitter", value_range
        )
        self.brightness_factor = brightness_factor
        self.contrast_factor = contrast_factor
        self.saturation_factor = saturation_factor
        self.hue_factor = hue_factor
        self._make_generator(seed)
        common = {
            "value_range": self.value_range,
            "seed": seed,
            "data_format": self.data_format,
            "dtype": self.dtype_policy,
        }
        self.random_brightness = self.random_contrast = None
        self.random_saturation = self.random_hue = None
        if brightness_factor is not None:
            self.random_brightness = random_brightness.RandomBrightness(
                brightness_factor, **common
            )
        if contrast_factor is not None:
            self.random_contrast = random_contrast.RandomContrast(
                contrast_factor, **common
            )
        if saturation_factor is not None:
            self.random_saturation = random_saturation.RandomSaturation(
                saturation_factor, **common
            )
        if hue_factor is not None:
            self.random_hue = random_hue.RandomHue(hue_factor, **common)

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        for factor_name, layer_name in _STEPS:
            if getattr(self, factor_name) is None:
                continue
            layer = getattr(self, layer_name)
            step = layer.get_random_transformation(
                images, training=True, seed=self.generator
            )
            images = layer.transform_images(images, step, training=True)
        return images

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "value_range": self.value_range,
                "brightness_factor": self.brightness_factor,
                "contrast_factor": self.contrast_factor,
                "saturation_factor": self.saturation_factor,
                "hue_factor": self.hue_factor,
                "seed": self.seed,
            }
        )
        return config
