"""`RandomPerspective`: random perspective warps of images."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image.bounding_boxes import box_transforms
from cornu.src.ops.image import geometry


@cornu_export("cornu.layers.RandomPerspective")
class RandomPerspective(base.BaseImagePreprocessingLayer):
    """Randomly warps images with perspective transforms in training.

    Each image is warped with probability `p` (drawn from the `factor`
    range): the image corners `(x, y)` move to `(x, y) * (1 + d)`, with
    each `d` drawn from `[-scale / 2, scale / 2]`, and the projective map
    between the two quadrilaterals is applied. Points from outside the
    input get `fill_value`. Inference (`training=False`) leaves images
    unchanged.

    Args:
        factor: A float `f` (probability in `[0, f]`) or a pair
            `(lower, upper)`, in `[0, 1]`. Default 1: always warp.
        scale: Float in `[0, 1]`, the strength of the distortion.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        fill_value: The value of points outside the input.
        seed: Int seed, for reproducible warps.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> layer = cornu.layers.RandomPerspective(scale=0.2, seed=1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 8, 8, 3))))
    (2, 8, 8, 3)
    """

    _USE_BASE_FACTOR = False
    _GEOMETRIC = True

    def __init__(
        self,
        factor: Any = 1.0,
        scale: float = 1.0,
        interpolation: str = "bilinear",
        fill_value: float = 0.0,
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = "RandomPerspective"
        self.factor = base.factor_range(owner, "factor", factor, 0, 1)
        if not base._is_number(scale) or not 0.0 <= scale <= 1.0:
            raise ValueError(
                f"{owner} expects `scale` to be a number in [0, 1]. "
                f"Received: scale={scale!r}."
            )
        base.check_choice(
            owner, "interpolation", interpolation, base.INTERPOLATIONS
        )
        self.scale = scale
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
        seed = self._seed(seed)
        probability = base.uniform(
            (batch_size,),
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=seed,
        )
        threshold = base.uniform((batch_size,), seed=seed)
        distortion = base.uniform(
            (batch_size, 4, 2),
            minval=-0.5 * self.scale,
            maxval=0.5 * self.scale,
            seed=seed,
        )
        corners = [
            [0.0, 0.0],
            [width - 1.0, 0.0],
            [0.0, height - 1.0],
            [width - 1.0, height - 1.0],
        ]
        start = ops.zeros((batch_size, 4, 2)) + ops.convert_to_tensor(
            corners, dtype="float32"
        )
        return {
            "apply_perspective": threshold < probability,
            "start_points": start,
            "end_points": start + start * distortion,
            "input_shape": ops.shape(self._images_of(data)),
        }

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        if transformation is None:
            return images
        warped = geometry.perspective_transform(
            images,
            transformation["start_points"],
            transformation["end_points"],
            interpolation=interpolation,
            fill_value=self.fill_value,
            data_format=self.data_format,
        )
        apply = ops.reshape(transformation["apply_perspective"], (-1, 1, 1, 1))
        return ops.where(apply, warped, images)

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        if not training or transformation is None:
            return bounding_boxes
        shape = transformation["input_shape"]
        h_axis, w_axis = self._spatial_axes
        # The image samples the input at the map taking end points to
        # start points, so pixels move from start to end points.
        forward = box_transforms.homography(
            transformation["start_points"], transformation["end_points"]
        )
        return self._boxes_by_forward_map(
            bounding_boxes,
            forward,
            shape[h_axis],
            shape[w_axis],
            apply=transformation["apply_perspective"],
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "scale": self.scale,
                "interpolation": self.interpolation,
                "fill_value": self.fill_value,
                "seed": self.seed,
            }
        )
        return config
