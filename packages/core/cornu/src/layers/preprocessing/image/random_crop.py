"""`RandomCrop`: crops a random window of images."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image.bounding_boxes import box_transforms
from cornu.src.ops.image import resize as resize_lib


@cornu_export("cornu.layers.RandomCrop")
class RandomCrop(base.BaseImagePreprocessingLayer):
    """Randomly crops a `(height, width)` window of images in training.

    In training, one window position is drawn per call (shared by the
    batch). At inference, and in training when the input is smaller than
    the target, the largest centred window with the target aspect ratio
    is cropped and resized to `(height, width)`, as Keras 3 documents
    (Keras 3.15's code returns inference inputs uncropped, which breaks
    the output shape; cornu follows the documentation).

    Args:
        height: Int, the output height.
        width: Int, the output width.
        seed: Int seed, for reproducible crops.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        name: The layer's name.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> layer = cornu.layers.RandomCrop(2, 2, seed=1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((3, 5, 5, 1))))
    (3, 2, 2, 1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((3, 5, 5, 1)), training=False))
    (3, 2, 2, 1)
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        height: int,
        width: int,
        seed: int | None = None,
        data_format: str | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name, data_format=data_format, **kwargs)
        for arg, value in (("height", height), ("width", width)):
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or (value <= 0)
            ):
                raise ValueError(
                    f"RandomCrop expects `{arg}` to be a positive int. "
                    f"Received: {arg}={value!r}."
                )
        self.height = height
        self.width = width
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        height, width = self._height_width(data)
        size = {"input_height": height, "input_width": width}
        if not (training and height >= self.height and width >= self.width):
            # No random crop: the images are resized (cropped to the
            # aspect ratio).
            return {"top": None, "left": None, **size}
        seed = self._seed(seed)
        top = base.uniform((), 0, float(height - self.height + 1), seed=seed)
        left = base.uniform((), 0, float(width - self.width + 1), seed=seed)
        top = ops.minimum(ops.cast(top, "int32"), height - self.height)
        left = ops.minimum(ops.cast(left, "int32"), width - self.width)
        return {"top": top, "left": left, **size}

    @staticmethod
    def _offsets(transformation: Any) -> Any:
        """`(top, left)`, or None when the images are resized; also
        accepts a `(top, left)` pair (Keras's transformation)."""
        if transformation is None:
            return None
        if isinstance(transformation, dict):
            if transformation["top"] is None:
                return None
            return transformation["top"], transformation["left"]
        return tuple(transformation)

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        return self._crop(images, transformation, "bilinear")

    def transform_segmentation_masks(
        self,
        segmentation_masks: Any,
        transformation: Any,
        training: bool = True,
    ) -> Any:
        return self._crop(segmentation_masks, transformation, "nearest")

    def _crop(self, images: Any, transformation: Any, interpolation: str):
        offsets = self._offsets(transformation)
        if offsets is None:
            return resize_lib.resize(
                images,
                (self.height, self.width),
                interpolation=interpolation,
                crop_to_aspect_ratio=True,
                data_format=self.data_format,
            )
        top, left = offsets
        h_axis, w_axis = (
            (1, 2) if self.data_format == "channels_last" else (2, 3)
        )
        rows = top + ops.arange(self.height, dtype="int32")
        cols = left + ops.arange(self.width, dtype="int32")
        images = ops.take(images, rows, axis=h_axis)
        return ops.take(images, cols, axis=w_axis)

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        height = transformation["input_height"]
        width = transformation["input_width"]
        xyxy = self._boxes_to_xyxy(bounding_boxes, height, width)
        offsets = self._offsets(transformation)
        if offsets is None:
            xyxy["boxes"] = box_transforms.resize_boxes(
                xyxy["boxes"],
                (height, width),
                (self.height, self.width),
                crop_to_aspect_ratio=True,
            )
        else:
            xyxy["boxes"] = box_transforms.crop_boxes(xyxy["boxes"], *offsets)
        return self._boxes_from_xyxy(xyxy, self.height, self.width)

    def _compute_image_shape(self, shape: tuple) -> tuple:
        shape = list(shape)
        h, w = self._spatial_axes
        shape[h], shape[w] = self.height, self.width
        return tuple(shape)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {"height": self.height, "width": self.width, "seed": self.seed}
        )
        return config
