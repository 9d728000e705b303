"""`MaxNumBoundingBoxes`: pads or truncates bounding boxes to a count."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.MaxNumBoundingBoxes")
class MaxNumBoundingBoxes(base.BaseImagePreprocessingLayer):
    """Gives every sample exactly `max_number` bounding boxes.

    Takes a dict `{"images": ..., "bounding_boxes": {"boxes": (batch, n,
    4), "labels": (batch, n)}}`: boxes and labels past `max_number` are
    dropped, missing ones are filled with `fill_value`. Images and other
    entries are unchanged. Applied in training and inference alike.

    Args:
        max_number: Int, the number of boxes per sample.
        fill_value: Int, the value of padded boxes and labels. Default -1.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.MaxNumBoundingBoxes(3)
    >>> boxes = {"boxes": cornu.ops.ones((2, 1, 4)),
    ...          "labels": cornu.ops.ones((2, 1))}
    >>> out = layer({"images": cornu.ops.ones((2, 4, 4, 3)),
    ...              "bounding_boxes": boxes})
    >>> cornu.ops.convert_to_numpy(out["bounding_boxes"]["labels"]).tolist()
    [[1.0, -1.0, -1.0], [1.0, -1.0, -1.0]]
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self, max_number: int, fill_value: int = -1, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        if (
            isinstance(max_number, bool)
            or not isinstance(max_number, int)
            or (max_number < 1)
        ):
            raise ValueError(
                "MaxNumBoundingBoxes expects `max_number` to be a positive "
                f"int. Received: max_number={max_number!r}."
            )
        self.max_number = int(max_number)
        self.fill_value = int(fill_value)
        # Boxes need no format to be padded.
        self.bounding_box_format = self.bounding_box_format or "xyxy"

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        return images

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        out = dict(bounding_boxes)
        for key, trailing in (("boxes", 1), ("labels", 0)):
            value = bounding_boxes[key][:, : self.max_number]
            missing = self.max_number - ops.shape(value)[1]
            if missing > 0:
                pads = [(0, 0), (0, missing)] + [(0, 0)] * trailing
                value = ops.pad(value, pads, constant_values=self.fill_value)
            out[key] = value
        return out

    def get_config(self) -> dict:
        config = super().get_config()
        config.pop("bounding_box_format", None)
        config.update(
            {"max_number": self.max_number, "fill_value": self.fill_value}
        )
        return config
