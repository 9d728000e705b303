"""The augmentation layers that `RandAugment` and `AugMix` choose from,
built with one shared magnitude `factor` (as in Keras 3)."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.layers.preprocessing.image import auto_contrast
from cornu.src.layers.preprocessing.image import equalization
from cornu.src.layers.preprocessing.image import random_brightness
from cornu.src.layers.preprocessing.image import random_color_degeneration
from cornu.src.layers.preprocessing.image import random_contrast
from cornu.src.layers.preprocessing.image import random_posterization
from cornu.src.layers.preprocessing.image import random_rotation
from cornu.src.layers.preprocessing.image import random_sharpness
from cornu.src.layers.preprocessing.image import random_shear
from cornu.src.layers.preprocessing.image import random_translation
from cornu.src.layers.preprocessing.image import solarization

GEOMETRY_AND_TONE = (
    "random_shear",
    "random_translation",
    "random_rotation",
    "random_posterization",
    "solarization",
    "auto_contrast",
    "equalization",
)
COLOR = (
    "random_brightness",
    "random_color_degeneration",
    "random_contrast",
    "random_sharpness",
)


def build(
    owner: Any,
    names: tuple,
    factor: tuple,
    value_range: list,
    interpolation: str,
    seed: Any,
    data_format: str,
    dtype: Any = None,
) -> None:
    """Sets `owner.<name>` to each named layer."""
    f = factor
    common = {"seed": seed, "data_format": data_format, "dtype": dtype}
    tone = {"value_range": value_range, **common}
    makers = {
        "random_shear": lambda: random_shear.RandomShear(
            x_factor=f, y_factor=f, interpolation=interpolation, **common
        ),
        "random_translation": lambda: random_translation.RandomTranslation(
            height_factor=f,
            width_factor=f,
            interpolation=interpolation,
            **common,
        ),
        "random_rotation": lambda: random_rotation.RandomRotation(
            factor=f, interpolation=interpolation, **common
        ),
        "random_posterization": lambda: (
            random_posterization.RandomPosterization(
                factor=max(1, int(8 * f[1])), **tone
            )
        ),
        "solarization": lambda: solarization.Solarization(
            addition_factor=f, threshold_factor=f, **tone
        ),
        "auto_contrast": lambda: auto_contrast.AutoContrast(
            value_range=value_range, data_format=data_format, dtype=dtype
        ),
        "equalization": lambda: equalization.Equalization(
            value_range=value_range, data_format=data_format, dtype=dtype
        ),
        "random_brightness": lambda: random_brightness.RandomBrightness(
            factor=f, **tone
        ),
        "random_color_degeneration": lambda: (
            random_color_degeneration.RandomColorDegeneration(factor=f, **tone)
        ),
        "random_contrast": lambda: random_contrast.RandomContrast(
            factor=f, **tone
        ),
        "random_sharpness": lambda: random_sharpness.RandomSharpness(
            factor=f, **tone
        ),
    }
    for name in names:
        setattr(owner, name, makers[name]())


def apply_one_of(
    owner: Any, names: tuple, index: Any, images: Any, generator: Any
) -> Any:
    """Applies the layer `names[index]` (a scalar int tensor; an index
    past the end leaves the images unchanged) to a batch of images. Every
    candidate is computed and one is selected, which works under jit."""
    out = images
    for k, name in enumerate(names):
        layer = getattr(owner, name)
        step = layer.get_random_transformation(
            images, training=True, seed=generator
        )
        candidate = ops.cast(
            layer.transform_images(images, step, training=True),
            images.dtype,
        )
        out = ops.where(index == k, candidate, out)
    return out
