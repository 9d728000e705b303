"""`RandomErasing`: fills a random box of images."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image import mix_utils
from cornu.src.random import random


def _check_fill_value(fill_value: Any) -> None:
    if fill_value is None or base._is_number(fill_value):
        return
    if (
        isinstance(fill_value, (tuple, list))
        and len(fill_value) == 3
        and all(base._is_number(v) for v in fill_value)
    ):
        return
    raise ValueError(
        "RandomErasing expects `fill_value` to be None (Gaussian noise), "
        "a number, or a list of three numbers (one per channel). "
        f"Received: fill_value={fill_value!r}."
    )


@cornu_export("cornu.layers.RandomErasing")
class RandomErasing(base.BaseImagePreprocessingLayer):
    """Random Erasing (Zhong et al., 2020), active during training.

    Each image is erased with probability `p` (drawn from the `factor`
    range): a box whose width and height are `sqrt(s) * size`, with `s`
    drawn from `scale` (separately for each side), at a random position,
    is filled with `fill_value`, clipped to `value_range`. Inference
    (`training=False`) leaves images unchanged.

    Args:
        factor: A float `f` (probability in `[0, f]`) or a pair, in
            `[0, 1]`. Default 1.
        scale: A float or a pair `(lower, upper)` in `[0, 1]`: the range
            of each side's squared fraction.
        fill_value: `None` (default: Gaussian noise times
            `value_range[1]`), a number, or three numbers (one per
            channel).
        value_range: The range of the input values, e.g. `(0, 255)`.
        seed: Int seed, for reproducible draws.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomErasing(
    ...     factor=(1.0, 1.0), scale=(0.25, 0.25), fill_value=0.0, seed=1)
    >>> out = layer(cornu.ops.ones((1, 8, 8, 1)))
    >>> int((cornu.ops.convert_to_numpy(out) == 0).sum())
    16
    """

    _USE_BASE_FACTOR = False
    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        factor: Any = 1.0,
        scale: Any = (0.02, 0.33),
        fill_value: Any = None,
        value_range: Any = (0, 255),
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self._set_factor(factor)
        self.scale = base.factor_range("RandomErasing", "scale", scale, 0, 1)
        _check_fill_value(fill_value)
        self.fill_value = fill_value
        self.value_range = base.check_value_range("RandomErasing", value_range)
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        images = self._images_of(data)
        shape = tuple(ops.shape(images))
        batch_size = shape[0]
        height, width = self._height_width(images)
        seed = self._seed(seed)
        ratio = ops.sqrt(
            base.uniform(
                (batch_size, 2), self.scale[0], self.scale[1], seed=seed
            )
        )
        x0, x1 = mix_utils.crop_bounds(batch_size, width, ratio[:, 0], seed)
        y0, y1 = mix_utils.crop_bounds(batch_size, height, ratio[:, 1], seed)
        mask = mix_utils.box_mask(shape, x0, x1, y0, y1, self.data_format)
        probability = base.uniform(
            (batch_size,), self.factor[0], self.factor[1], seed=seed
        )
        threshold = base.uniform((batch_size,), seed=seed)
        if self.fill_value is None:
            fill = random.normal(shape, seed=seed) * self.value_range[1]
        elif isinstance(self.fill_value, (tuple, list)):
            per_channel = ops.convert_to_tensor(
                self.fill_value, dtype="float32"
            )
            if self.data_format == "channels_first":
                per_channel = ops.reshape(per_channel, (3, 1, 1))
            fill = ops.broadcast_to(per_channel, shape)
        else:
            fill = ops.full(shape, float(self.fill_value))
        fill = ops.clip(fill, self.value_range[0], self.value_range[1])
        return {
            "apply_erasing": threshold < probability,
            "batch_masks": mask,
            "fill_value": fill,
        }

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training or transformation is None:
            return images
        fill = ops.cast(transformation["fill_value"], images.dtype)
        erased = ops.where(transformation["batch_masks"], fill, images)
        apply = self._per_image(transformation["apply_erasing"])
        return ops.where(apply, erased, images)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "scale": self.scale,
                "fill_value": self.fill_value,
                "value_range": self.value_range,
                "seed": self.seed,
            }
        )
        return config
