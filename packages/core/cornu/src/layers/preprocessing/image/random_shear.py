"""`RandomShear`: shears images by random amounts."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.RandomShear")
class RandomShear(base.BaseImagePreprocessingLayer):
    """Randomly shears images along the x and y axes during training.

    Each output pixel `(x, y)` samples the input at
    `(x + s_x * y, y + s_y * x)`, with shear amounts `s_x`, `s_y` drawn
    from the factors' ranges and a random sign per image. Inference
    (`training=False`) leaves images unchanged.

    Args:
        x_factor: A float `f` (`s_x` in `[-f, f]`) or a pair
            `(lower, upper)`, each in `[-1, 1]`. Default 0: no x shear.
        y_factor: The same for the y axis.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"` or
            `"nearest"`.
        fill_value: The value of `fill_mode="constant"`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible shears.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> layer = cornu.layers.RandomShear(x_factor=0.2, seed=1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 8, 8, 3))))
    (2, 8, 8, 3)
    """

    _USE_BASE_FACTOR = False
    _GEOMETRIC = True

    def __init__(
        self,
        x_factor: Any = 0.0,
        y_factor: Any = 0.0,
        interpolation: str = "bilinear",
        fill_mode: str = "reflect",
        fill_value: float = 0.0,
        data_format: str | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = "RandomShear"
        # Pairs may hold negative shears, so that `get_config()` (which
        # stores the `(lower, upper)` pairs) round-trips; Keras 3 rejects
        # them in `from_config`.
        self.x_factor = base.factor_range(owner, "x_factor", x_factor, -1, 1)
        self.y_factor = base.factor_range(owner, "y_factor", y_factor, -1, 1)
        base.check_choice(owner, "fill_mode", fill_mode, base.FILL_MODES)
        base.check_choice(
            owner, "interpolation", interpolation, base.INTERPOLATIONS
        )
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.interpolation = interpolation
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        shape = (self._batch_size(data), 1)
        seed = self._seed(seed)
        invert = base.uniform(shape, seed=seed)
        sign = ops.where(invert > 0.5, -1.0, 1.0)
        shear_y = base.uniform(
            shape,
            minval=self.y_factor[0],
            maxval=self.y_factor[1],
            seed=seed,
        )
        shear_x = base.uniform(
            shape,
            minval=self.x_factor[0],
            maxval=self.x_factor[1],
            seed=seed,
        )
        factor = ops.concatenate([shear_x, shear_y], axis=1) * sign
        return {
            "shear_factor": factor,
            "input_shape": ops.shape(self._images_of(data)),
        }

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        if transformation is None:
            return images
        matrix = self._shear_matrix(transformation)
        return self._apply_affine(images, matrix, interpolation)

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        # Boxes move exactly as the pixels do (Keras shears boxes about
        # the image corner in relative coordinates instead, which does
        # not follow its images).
        if not training or transformation is None:
            return bounding_boxes
        shape = transformation["input_shape"]
        h_axis, w_axis = self._spatial_axes
        return self._boxes_by_sampling_transform(
            bounding_boxes,
            self._shear_matrix(transformation),
            shape[h_axis],
            shape[w_axis],
        )

    @staticmethod
    def _shear_matrix(transformation: Any) -> Any:
        """`(batch, 8)` output-to-input shear maps."""
        s = ops.cast(transformation["shear_factor"], "float32")
        ones = ops.ones_like(s[:, 0])
        zeros = ops.zeros_like(s[:, 0])
        return ops.stack(
            [ones, s[:, 0], zeros, s[:, 1], ones, zeros, zeros, zeros],
            axis=1,
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "x_factor": _written_factor(self.x_factor),
                "y_factor": _written_factor(self.y_factor),
                "interpolation": self.interpolation,
                "fill_mode": self.fill_mode,
                "fill_value": self.fill_value,
                "seed": self.seed,
            }
        )
        return config


def _written_factor(factor: tuple) -> Any:
    """A symmetric range `(-f, f)` as the float `f` (what Keras 3.15
    reads: it refuses a pair with a negative bound, even one it wrote)."""
    lower, upper = factor
    return upper if lower == -upper else factor
