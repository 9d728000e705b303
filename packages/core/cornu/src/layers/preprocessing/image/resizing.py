"""`Resizing`: resizes images to a fixed size."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image.bounding_boxes import box_transforms
from cornu.src.ops.image import resize as resize_lib


@cornu_export("cornu.layers.Resizing")
class Resizing(base.BaseImagePreprocessingLayer):
    """Resizes images to `(height, width)`.

    Works on one image (rank 3) or a batch (rank 4), in training and
    inference alike. Integer images keep their dtype (values are rounded
    and clipped); float images are resized in their own dtype.

    Args:
        height: Int, the output height.
        width: Int, the output width.
        interpolation: `"bilinear"` (default), `"nearest"`, `"bicubic"`,
            `"lanczos3"` or `"lanczos5"`.
        crop_to_aspect_ratio: If `True`, crop the largest centred window
            with the target aspect ratio first, so the image is not
            distorted.
        pad_to_aspect_ratio: If `True`, pad the image evenly (with
            `fill_value`) to the target aspect ratio first.
        fill_mode: How the padding of `pad_to_aspect_ratio` is filled;
            only `"constant"`.
        fill_value: The padding value of `pad_to_aspect_ratio`.
        antialias: Whether to low-pass filter when downsampling.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> layer = cornu.layers.Resizing(2, 3)
    >>> cornu.ops.shape(layer(cornu.ops.ones((4, 8, 8, 3))))
    (4, 2, 3, 3)
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        height: int,
        width: int,
        interpolation: str = "bilinear",
        crop_to_aspect_ratio: bool = False,
        pad_to_aspect_ratio: bool = False,
        fill_mode: str = "constant",
        fill_value: float = 0.0,
        antialias: bool = False,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = type(self).__name__
        for name, value in (("height", height), ("width", width)):
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or (value <= 0)
            ):
                raise ValueError(
                    f"{owner} expects `{name}` to be a positive int. "
                    f"Received: {name}={value!r}."
                )
        base.check_choice(
            owner,
            "interpolation",
            interpolation,
            ("bilinear", "nearest", "bicubic", "lanczos3", "lanczos5"),
        )
        base.check_choice(owner, "fill_mode", fill_mode, ("constant",))
        if crop_to_aspect_ratio and pad_to_aspect_ratio:
            raise ValueError(
                f"{owner} accepts only one of `crop_to_aspect_ratio` and "
                "`pad_to_aspect_ratio`. Received: crop_to_aspect_ratio=True,"
                " pad_to_aspect_ratio=True."
            )
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.antialias = bool(antialias)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        return self._height_width(data)

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        return resize_lib.resize(
            images,
            size=(self.height, self.width),
            interpolation=interpolation,
            antialias=self.antialias,
            crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio,
            fill_mode=self.fill_mode,
            fill_value=self.fill_value,
            data_format=self.data_format,
        )

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        return self._transform_images(
            images, transformation, self.interpolation
        )

    def transform_segmentation_masks(
        self,
        segmentation_masks: Any,
        transformation: Any,
        training: bool = True,
    ) -> Any:
        return self._transform_images(
            segmentation_masks, transformation, "nearest"
        )

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        height, width = transformation
        xyxy = self._boxes_to_xyxy(bounding_boxes, height, width)
        xyxy["boxes"] = box_transforms.resize_boxes(
            xyxy["boxes"],
            (height, width),
            (self.height, self.width),
            crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio,
        )
        return self._boxes_from_xyxy(xyxy, self.height, self.width)

    def _compute_image_shape(self, shape: tuple) -> tuple:
        shape = list(shape)
        h, w = self._spatial_axes
        shape[h], shape[w] = self.height, self.width
        return tuple(shape)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "height": self.height,
                "width": self.width,
                "interpolation": self.interpolation,
                "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
                "pad_to_aspect_ratio": self.pad_to_aspect_ratio,
                "fill_mode": self.fill_mode,
                "fill_value": self.fill_value,
                "antialias": self.antialias,
            }
        )
        return config
