"""`RandomTranslation`: shifts images by random offsets."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.RandomTranslation")
class RandomTranslation(base.BaseImagePreprocessingLayer):
    """Randomly translates images during training.

    Each image is shifted by `height_factor * height` pixels vertically
    and `width_factor * width` horizontally (values drawn uniformly from
    the factors' ranges; positive moves the content down / right). Points
    that come from outside the input are filled according to
    `fill_mode`. Inference (`training=False`) leaves images unchanged.

    Args:
        height_factor: A float `f` (shifts in `[-f, f]` of the height) or a
            pair `(lower, upper)`, in `[-1, 1]`.
        width_factor: The same for the width.
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"` or
            `"nearest"`.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        seed: Int seed, for reproducible shifts.
        fill_value: The value of `fill_mode="constant"`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> layer = cornu.layers.RandomTranslation((0.5, 0.5), 0.0,
    ...                                        fill_mode="constant")
    >>> x = cornu.ops.reshape(cornu.ops.arange(1.0, 5.0), (4, 1, 1))
    >>> cornu.ops.convert_to_numpy(layer(x)).ravel().tolist()
    [0.0, 0.0, 1.0, 2.0]
    """

    _USE_BASE_FACTOR = False
    _GEOMETRIC = True

    def __init__(
        self,
        height_factor: Any,
        width_factor: Any,
        fill_mode: str = "reflect",
        interpolation: str = "bilinear",
        seed: int | None = None,
        fill_value: float = 0.0,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = "RandomTranslation"
        self.height_factor = height_factor
        self.height_lower, self.height_upper = base.factor_range(
            owner, "height_factor", height_factor, -1.0, 1.0
        )
        self.width_factor = width_factor
        self.width_lower, self.width_upper = base.factor_range(
            owner, "width_factor", width_factor, -1.0, 1.0
        )
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
        batch_size = self._batch_size(data)
        height, width = self._height_width(data)
        seed = self._seed(seed)
        dy = base.uniform(
            (batch_size, 1),
            minval=self.height_lower,
            maxval=self.height_upper,
            seed=seed,
        ) * float(height)
        dx = base.uniform(
            (batch_size, 1),
            minval=self.width_lower,
            maxval=self.width_upper,
            seed=seed,
        ) * float(width)
        translations = ops.cast(ops.concatenate([dx, dy], axis=1), "float32")
        return {
            "translations": translations,
            "input_shape": ops.shape(self._images_of(data)),
        }

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        if transformation is None:
            return images
        matrix = self._translation_matrix(transformation)
        return self._apply_affine(images, matrix, interpolation)

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        if not training or transformation is None:
            return bounding_boxes
        shape = transformation["input_shape"]
        h_axis, w_axis = self._spatial_axes
        return self._boxes_by_sampling_transform(
            bounding_boxes,
            self._translation_matrix(transformation),
            shape[h_axis],
            shape[w_axis],
        )

    @staticmethod
    def _translation_matrix(transformation: Any) -> Any:
        """`(batch, 8)` output-to-input maps shifting by the
        translations (in pixels)."""
        t = transformation["translations"]
        ones = ops.ones_like(t[:, 0])
        zeros = ops.zeros_like(t[:, 0])
        return ops.stack(
            [ones, zeros, -t[:, 0], zeros, ones, -t[:, 1], zeros, zeros],
            axis=1,
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "height_factor": self.height_factor,
                "width_factor": self.width_factor,
                "fill_mode": self.fill_mode,
                "interpolation": self.interpolation,
                "seed": self.seed,
                "fill_value": self.fill_value,
            }
        )
        return config
