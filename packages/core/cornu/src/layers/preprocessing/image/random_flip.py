"""`RandomFlip`: flips images horizontally and/or vertically."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)

HORIZONTAL = "horizontal"
VERTICAL = "vertical"
HORIZONTAL_AND_VERTICAL = "horizontal_and_vertical"


@cornu_export("cornu.layers.RandomFlip")
class RandomFlip(base.BaseImagePreprocessingLayer):
    """Randomly flips images during training.

    Each image is flipped with probability 1/2 (with `mode=
    "horizontal_and_vertical"`, one draw decides both flips). Inference
    (`training=False`) leaves images unchanged. Labels are unchanged;
    segmentation masks are flipped with their images.

    Args:
        mode: `"horizontal"` (left-right), `"vertical"` (up-down) or
            `"horizontal_and_vertical"` (default).
        seed: Int seed, for reproducible flips.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> layer = cornu.layers.RandomFlip("horizontal", seed=1)
    >>> x = cornu.ops.reshape(cornu.ops.arange(6.0), (1, 2, 3, 1))
    >>> y = cornu.ops.convert_to_numpy(layer(x, training=True))[0, ..., 0]
    >>> y.tolist() in ([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]],
    ...                [[2.0, 1.0, 0.0], [5.0, 4.0, 3.0]])
    True
    >>> out = layer(x, training=False)
    >>> cornu.ops.convert_to_numpy(out)[0, 0, :, 0].tolist()
    [0.0, 1.0, 2.0]
    """

    _USE_BASE_FACTOR = False
    _GEOMETRIC = True

    def __init__(
        self,
        mode: str = HORIZONTAL_AND_VERTICAL,
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        base.check_choice(
            "RandomFlip",
            "mode",
            mode,
            (HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL),
        )
        self.mode = mode
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        images = self._images_of(data)
        shape = ops.shape(images)
        flips_shape = (1, 1, 1) if len(shape) == 3 else (shape[0], 1, 1, 1)
        draws = base.uniform(flips_shape, seed=self._seed(seed))
        return {"flips": ops.less_equal(draws, 0.5), "input_shape": shape}

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        if transformation is None:
            return images
        flips = transformation["flips"]
        height_axis, width_axis = self._spatial_axes
        if self.mode in (HORIZONTAL, HORIZONTAL_AND_VERTICAL):
            images = ops.where(flips, ops.flip(images, width_axis), images)
        if self.mode in (VERTICAL, HORIZONTAL_AND_VERTICAL):
            images = ops.where(flips, ops.flip(images, height_axis), images)
        return images

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if training:
            return self._transform_images(images, transformation, "nearest")
        return images

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        if not training or transformation is None:
            return bounding_boxes
        shape = transformation["input_shape"]
        h_axis, w_axis = self._spatial_axes
        height, width = shape[h_axis], shape[w_axis]
        xyxy = self._boxes_to_xyxy(bounding_boxes, height, width)
        x1, y1, x2, y2 = ops.split(xyxy["boxes"], 4, axis=-1)
        flips = ops.reshape(transformation["flips"], (-1, 1, 1))
        if self.mode in (HORIZONTAL, HORIZONTAL_AND_VERTICAL):
            x1, x2 = (
                ops.where(flips, width - x2, x1),
                ops.where(flips, width - x1, x2),
            )
        if self.mode in (VERTICAL, HORIZONTAL_AND_VERTICAL):
            y1, y2 = (
                ops.where(flips, height - y2, y1),
                ops.where(flips, height - y1, y2),
            )
        xyxy["boxes"] = ops.concatenate([x1, y1, x2, y2], axis=-1)
        return self._boxes_from_xyxy(xyxy, height, width)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"seed": self.seed, "mode": self.mode})
        return config
