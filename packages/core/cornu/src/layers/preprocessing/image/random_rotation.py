"""`RandomRotation`: rotates images by random angles."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.RandomRotation")
class RandomRotation(base.BaseImagePreprocessingLayer):
    """Randomly rotates images about their centre during training.

    Each image is rotated by an angle drawn uniformly from
    `factor * 360` degrees (positive is counter-clockwise); pixels that
    come from outside the input are filled according to `fill_mode`.
    Inference (`training=False`) leaves images unchanged.

    Args:
        factor: A float `f` (angles in `[-f * 360, f * 360]` degrees) or
            a pair `(lower, upper)` of fractions of a full turn, in
            `[-1, 1]`.
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"` or
            `"nearest"`: how points outside the input are filled.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        seed: Int seed, for reproducible rotations.
        fill_value: The value of `fill_mode="constant"`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> layer = cornu.layers.RandomRotation(0.1, seed=1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 8, 8, 3))))
    (2, 8, 8, 3)
    """

    _GEOMETRIC = True

    def __init__(
        self,
        factor: Any,
        fill_mode: str = "reflect",
        interpolation: str = "bilinear",
        seed: int | None = None,
        fill_value: float = 0.0,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        base.check_choice(
            "RandomRotation", "fill_mode", fill_mode, base.FILL_MODES
        )
        base.check_choice(
            "RandomRotation",
            "interpolation",
            interpolation,
            base.INTERPOLATIONS,
        )
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        batch_size = self._batch_size(data)
        height, width = self._height_width(data)
        angle = base.uniform(
            (batch_size,),
            minval=self.factor[0] * 360.0,
            maxval=self.factor[1] * 360.0,
            seed=self._seed(seed),
        )
        zeros = ops.zeros((batch_size,))
        matrix = self._compute_affine_matrix(
            center_x=0.5,
            center_y=0.5,
            angle=angle,
            translate_x=zeros,
            translate_y=zeros,
            scale=ops.ones((batch_size,)),
            shear_x=zeros,
            shear_y=zeros,
            height=height,
            width=width,
        )
        return {
            "angle": angle,
            "rotation_matrix": matrix,
            "image_height": height,
            "image_width": width,
            "batch_size": batch_size,
        }

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        if transformation is None:
            return images
        return self._apply_affine(
            images, transformation["rotation_matrix"], interpolation
        )

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        if not training or transformation is None:
            return bounding_boxes
        return self._boxes_by_sampling_transform(
            bounding_boxes,
            transformation["rotation_matrix"],
            transformation["image_height"],
            transformation["image_width"],
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "fill_mode": self.fill_mode,
                "fill_value": self.fill_value,
                "interpolation": self.interpolation,
                "seed": self.seed,
            }
        )
        return config
