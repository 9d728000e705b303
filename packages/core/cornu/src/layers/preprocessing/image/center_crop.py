"""`CenterCrop`: crops the central window of images."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image.bounding_boxes import box_transforms
from cornu.src.ops.image import resize as resize_lib


@cornu_export("cornu.layers.CenterCrop")
class CenterCrop(base.BaseImagePreprocessingLayer):
    """Crops the central `(height, width)` window of images.

    An image smaller than the target in a dimension is instead resized to
    it, after cropping the largest centred window with the target aspect
    ratio (so it is not distorted). Applied in training and inference
    alike; the output has the layer's compute dtype.

    Args:
        height: Int, the output height.
        width: Int, the output width.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> x = cornu.ops.reshape(cornu.ops.arange(16.0), (4, 4, 1))
    >>> out = cornu.layers.CenterCrop(2, 2)(x)
    >>> cornu.ops.convert_to_numpy(out)[..., 0].tolist()
    [[5.0, 6.0], [9.0, 10.0]]
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        height: int,
        width: int,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        for name, value in (("height", height), ("width", width)):
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or (value <= 0)
            ):
                raise ValueError(
                    f"CenterCrop expects `{name}` to be a positive int. "
                    f"Received: {name}={value!r}."
                )
        self.height = height
        self.width = width

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        return {"input_shape": ops.shape(self._images_of(data))}

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        return self._crop(images, "bilinear")

    def transform_segmentation_masks(
        self,
        segmentation_masks: Any,
        transformation: Any,
        training: bool = True,
    ) -> Any:
        return self._crop(segmentation_masks, "nearest")

    def _crop(self, images: Any, interpolation: str) -> Any:
        height, width = self._height_width(images)
        if height >= self.height and width >= self.width:
            top = (height - self.height) // 2
            left = (width - self.width) // 2
            rows = slice(top, top + self.height)
            cols = slice(left, left + self.width)
            if self.data_format == "channels_last":
                return images[:, rows, cols, :]
            return images[:, :, rows, cols]
        return resize_lib.resize(
            images,
            (self.height, self.width),
            interpolation=interpolation,
            crop_to_aspect_ratio=True,
            data_format=self.data_format,
        )

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        shape = transformation["input_shape"]
        h_axis, w_axis = self._spatial_axes
        height, width = shape[h_axis], shape[w_axis]
        xyxy = self._boxes_to_xyxy(bounding_boxes, height, width)
        if height >= self.height and width >= self.width:
            xyxy["boxes"] = box_transforms.crop_boxes(
                xyxy["boxes"],
                (height - self.height) // 2,
                (width - self.width) // 2,
            )
        else:
            xyxy["boxes"] = box_transforms.resize_boxes(
                xyxy["boxes"],
                (height, width),
                (self.height, self.width),
                crop_to_aspect_ratio=True,
            )
        return self._boxes_from_xyxy(xyxy, self.height, self.width)

    def _compute_image_shape(self, shape: tuple) -> tuple:
        shape = list(shape)
        h, w = self._spatial_axes
        shape[h], shape[w] = self.height, self.width
        return tuple(shape)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"height": self.height, "width": self.width})
        return config
