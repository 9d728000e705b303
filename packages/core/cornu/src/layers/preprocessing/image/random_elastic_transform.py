"""`RandomElasticTransform`: random elastic deformations of images."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image import blur_utils
from cornu.src.ops.image import geometry
from cornu.src.random import random

_FILL_MODES = ("reflect", "wrap", "constant", "nearest", "mirror")


@cornu_export("cornu.layers.RandomElasticTransform")
class RandomElasticTransform(base.BaseImagePreprocessingLayer):
    """Randomly deforms images with smooth displacement fields.

    Each image is deformed with probability `p` (drawn from the `factor`
    range). A distortion `d` drawn from `scale` sets the field's strength
    `alpha = 0.1 * d * max(height, width)` and smoothness
    `sigma = 0.05 * d * min(height, width)` (as Keras 3): Gaussian noise
    times `sigma`, blurred by a Gaussian of standard deviation `sigma`
    (window of about `6 * sigma` pixels for the largest `d`), scaled by
    `alpha`, displaces every output pixel's sampling point. The result is
    clipped to `value_range`. Inference (`training=False`) leaves images
    unchanged.

    Args:
        factor: A float `f` (probability in `[0, f]`) or a pair
            `(lower, upper)`, in `[0, 1]`. Default 1: always deform.
        scale: A float `s` (distortion in `[0, s]`) or a pair, in
            `[0, 1]`.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"`,
            `"nearest"` or `"mirror"`.
        fill_value: The value of `fill_mode="constant"`.
        value_range: The range of the input values, e.g. `(0, 255)`.
        seed: Int seed, for reproducible deformations.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomElasticTransform(seed=1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 16, 16, 3))))
    (2, 16, 16, 3)
    """

    _USE_BASE_FACTOR = False
    _GEOMETRIC = True

    def __init__(
        self,
        factor: Any = 1.0,
        scale: Any = 1.0,
        interpolation: str = "bilinear",
        fill_mode: str = "reflect",
        fill_value: float = 0.0,
        value_range: Any = (0, 255),
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = "RandomElasticTransform"
        self.factor = base.factor_range(owner, "factor", factor, 0, 1)
        self.scale = base.factor_range(owner, "scale", scale, 0, 1)
        base.check_choice(
            owner, "interpolation", interpolation, base.INTERPOLATIONS
        )
        base.check_choice(owner, "fill_mode", fill_mode, _FILL_MODES)
        self.interpolation = interpolation
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.value_range = base.check_value_range(owner, value_range)
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training or self.scale[1] == 0 or self.factor[1] == 0:
            return None
        batch_size = self._batch_size(data)
        height, width = self._height_width(data)
        seed = self._seed(seed)
        probability = base.uniform(
            (batch_size,),
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=seed,
        )
        threshold = base.uniform((batch_size,), seed=seed)
        distortion = base.uniform(
            (), minval=self.scale[0], maxval=self.scale[1], seed=seed
        )
        sigma = ops.maximum(0.05 * min(height, width) * distortion, 1e-3)
        alpha = 0.1 * max(height, width) * distortion
        size = int(6 * 0.05 * min(height, width) * self.scale[1]) | 1
        noise = random.normal((batch_size, height, width, 2), seed=seed)
        noise = blur_utils.gaussian_blur(
            noise * sigma, (size, size), (sigma, sigma), "channels_last"
        )
        return {
            "apply_transform": threshold < probability,
            "distortion_factor": distortion,
            "displacement": alpha * noise,
        }

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        if transformation is None:
            return images
        channels_first = self.data_format == "channels_first"
        x = ops.transpose(images, (0, 2, 3, 1)) if channels_first else images
        batch, height, width, channels = ops.shape(x)
        shift = ops.cast(transformation["displacement"], "float32")
        full = (batch, height, width, channels)

        def grid(n, axis):
            shape = [1, 1, 1, 1]
            shape[axis] = n
            values = ops.reshape(ops.arange(n, dtype="float32"), shape)
            return ops.broadcast_to(values, full)

        rows = grid(height, 1) + shift[..., 1:2]
        cols = grid(width, 2) + shift[..., 0:1]
        coordinates = ops.stack(
            [grid(batch, 0), rows, cols, grid(channels, 3)], axis=0
        )
        warped = geometry.map_coordinates(
            ops.cast(x, "float32"),
            coordinates,
            order=0 if interpolation == "nearest" else 1,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
        )
        warped = ops.cast(warped, images.dtype)
        if channels_first:
            warped = ops.transpose(warped, (0, 3, 1, 2))
        apply = ops.reshape(transformation["apply_transform"], (-1, 1, 1, 1))
        out = ops.where(apply, warped, images)
        return ops.clip(out, self.value_range[0], self.value_range[1])

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "scale": self.scale,
                "interpolation": self.interpolation,
                "fill_mode": self.fill_mode,
                "fill_value": self.fill_value,
                "value_range": self.value_range,
                "seed": self.seed,
            }
        )
        return config
