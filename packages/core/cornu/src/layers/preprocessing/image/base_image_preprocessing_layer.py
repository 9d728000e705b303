"""`BaseImagePreprocessingLayer`: what the image preprocessing and
augmentation layers share.

A layer draws one random *transformation* per call
(`get_random_transformation`), then applies it to the images and, when the
input is a dict, to the labels, bounding boxes and segmentation masks of
the same samples (`transform_images`, `transform_labels`, ...). Inputs are
one image (rank 3) or a batch (rank 4); a single image is handled as a
batch of one. Random layers change their inputs only when called with
`training=True` (the default of a direct call, as in Keras; `fit` passes
`True`, `predict` and `evaluate` pass `False`).
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from cornu.src import ops
from cornu.src.layers.layer import Layer
from cornu.src.layers.preprocessing.image.bounding_boxes import box_transforms
from cornu.src.layers.preprocessing.image.bounding_boxes import converters
from cornu.src.layers.preprocessing.image.bounding_boxes import validation
from cornu.src.ops.image import geometry
from cornu.src.ops.nn import conv_utils
from cornu.src.random import random
from cornu.src.random import seed_generator

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("nearest", "bilinear")
_DICT_KEYS = ("images", "labels", "bounding_boxes", "segmentation_masks")


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def factor_range(
    owner: str,
    name: str,
    value: Any,
    low: float,
    high: float,
    low_open: bool = False,
    symmetric: bool = True,
) -> tuple:
    """A `(lower, upper)` pair from a number or a pair of numbers.

    A number `f` gives `(max(-|f|, low), |f|)` (`(0, f)` when not
    `symmetric`); a pair is sorted. Each value must lie in `[low, high]`
    (`(low, high]` with `low_open`).
    """

    def ok(v):
        if not _is_number(v):
            return False
        return (v > low if low_open else v >= low) and v <= high

    bracket = "(" if low_open else "["
    message = (
        f"{owner} expects `{name}` to be a number or a pair of numbers in "
        f"{bracket}{low}, {high}]. Received: {name}={value!r}."
    )
    if isinstance(value, (tuple, list)):
        if len(value) != 2 or not all(ok(v) for v in value):
            raise ValueError(message)
        lower, upper = sorted(value)
        return (lower, upper)
    if not ok(value):
        raise ValueError(message)
    if not symmetric:
        return (0, value)
    value = abs(value)
    return (max(-value, low), value)


def uniform(
    shape: Any, minval: Any = 0.0, maxval: Any = 1.0, seed: Any = None
) -> Any:
    """Uniform float32 draws in `[minval, maxval)`; `minval == maxval`
    (a fixed factor) gives that value."""
    draws = random.uniform(shape, seed=seed)
    return minval + (maxval - minval) * draws


def check_value_range(owner: str, value_range: Any) -> list:
    """`value_range` as a sorted list of two numbers."""
    if (
        not isinstance(value_range, (tuple, list))
        or len(value_range) != 2
        or not all(_is_number(v) for v in value_range)
    ):
        raise ValueError(
            f"{owner} expects `value_range` to be a tuple or list of two "
            f"numbers, the range of the input pixel values, e.g. (0, 255) "
            f"or (0, 1). Received: value_range={value_range!r}."
        )
    return sorted(value_range)


def check_choice(owner: str, name: str, value: Any, choices: tuple) -> None:
    if value not in choices:
        raise ValueError(
            f"{owner} expects `{name}` to be one of {choices}. Received: "
            f"{name}={value!r}."
        )


class BaseImagePreprocessingLayer(Layer):
    """Base class of the image preprocessing layers.

    Subclasses override `get_random_transformation` (draws the random
    parameters of one call, for a batch of images) and `transform_images`
    (or `_transform_images` for geometric layers, which are then also
    applied to segmentation masks with nearest interpolation), and, when
    they affect them, `transform_labels` and `transform_bounding_boxes`.

    Args:
        factor: For subclasses that use the shared factor: a number `f`
            (the range `[-f, f]`, clipped to `_FACTOR_BOUNDS`) or a pair
            `(lower, upper)`. Stored as `self.factor = (lower, upper)`.
        bounding_box_format: The format of `"bounding_boxes"` inputs, e.g.
            `"xyxy"`; needed only when bounding boxes are passed.
        data_format: `"channels_last"` (default:
            `cornu.config.image_data_format()`) or `"channels_first"`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).
    """

    _USE_BASE_FACTOR = True
    _FACTOR_BOUNDS = (-1, 1)
    _GEOMETRIC = False

    def __init__(
        self,
        factor: Any = None,
        bounding_box_format: str | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.bounding_box_format = bounding_box_format
        self.data_format = conv_utils.standardize_data_format(
            data_format, type(self).__name__
        )
        if self._USE_BASE_FACTOR:
            self._set_factor(0.0 if factor is None else factor)
        elif factor is not None:
            raise ValueError(
                f"{type(self).__name__} does not take a `factor` argument. "
                f"Received: factor={factor!r}."
            )
        self.built = True

    def _set_factor(self, factor: Any) -> None:
        low, high = self._FACTOR_BOUNDS
        self.factor = factor_range(
            type(self).__name__, "factor", factor, low, high
        )

    def _make_generator(self, seed: Any) -> None:
        self.seed = seed
        self.generator = seed_generator.SeedGenerator(seed)

    # ---- helpers for subclasses -----------------------------------------

    @staticmethod
    def _images_of(data: Any) -> Any:
        return data["images"] if isinstance(data, dict) else data

    def _batch_size(self, data: Any) -> Any:
        shape = ops.shape(self._images_of(data))
        return 1 if len(shape) == 3 else shape[0]

    def _height_width(self, data: Any) -> tuple:
        shape = ops.shape(self._images_of(data))
        if self.data_format == "channels_last":
            return shape[-3], shape[-2]
        return shape[-2], shape[-1]

    @property
    def _spatial_axes(self) -> tuple:
        return (-3, -2) if self.data_format == "channels_last" else (-2, -1)

    @property
    def _channel_axis(self) -> int:
        return -1 if self.data_format == "channels_last" else -3

    @staticmethod
    def _per_image(values: Any, dtype: Any = None) -> Any:
        """`(batch,)` values reshaped to broadcast over images."""
        values = ops.reshape(values, (-1, 1, 1, 1))
        return values if dtype is None else ops.cast(values, dtype)

    def _seed(self, seed: Any) -> Any:
        return self.generator if seed is None else seed

    # ---- the transformation API (Keras 3's names) -----------------------

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        """The random parameters of one call on `data` (images, or a dict
        with an `"images"` key); `None` when there are none."""
        return None

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        raise NotImplementedError(
            f"{type(self).__name__} must override `transform_images` or "
            "`_transform_images`."
        )

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        """Applies `transformation` to a batch of images."""
        images = ops.cast(images, self.compute_dtype)
        if training:
            images = self._transform_images(
                images, transformation, self.interpolation
            )
        return images

    def transform_labels(
        self, labels: Any, transformation: Any, training: bool = True
    ) -> Any:
        """Applies `transformation` to a batch of labels (by default
        unchanged)."""
        return labels

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        """Applies `transformation` to a batch of bounding boxes (a dict
        with `"boxes"` `(batch, N, 4)` in `bounding_box_format` and
        `"labels"`). Layers that do not move pixels return them
        unchanged; geometric layers move them with the images."""
        if not self._GEOMETRIC:
            return bounding_boxes
        raise NotImplementedError(
            f"{type(self).__name__} does not support bounding boxes (as in "
            "Keras). Pass a dict without a 'bounding_boxes' key."
        )

    def transform_segmentation_masks(
        self,
        segmentation_masks: Any,
        transformation: Any,
        training: bool = True,
    ) -> Any:
        """Applies `transformation` to a batch of segmentation masks:
        geometric layers move them (nearest interpolation); the others
        leave them unchanged."""
        if training and self._GEOMETRIC and transformation is not None:
            return self._transform_images(
                segmentation_masks, transformation, "nearest"
            )
        return segmentation_masks

    def transform_single_image(
        self, image: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.expand_dims(image, 0)
        out = self.transform_images(images, transformation, training=training)
        return ops.squeeze(out, 0)

    def transform_single_label(
        self, label: Any, transformation: Any, training: bool = True
    ) -> Any:
        labels = ops.expand_dims(label, 0)
        out = self.transform_labels(labels, transformation, training=training)
        return ops.squeeze(out, 0)

    def transform_single_bounding_box(
        self, bounding_box: Any, transformation: Any, training: bool = True
    ) -> Any:
        boxes = {k: ops.expand_dims(v, 0) for k, v in bounding_box.items()}
        out = self.transform_bounding_boxes(
            boxes, transformation, training=training
        )
        return {k: ops.squeeze(v, 0) for k, v in out.items()}

    def transform_single_segmentation_mask(
        self, segmentation_mask: Any, transformation: Any, training: bool = True
    ) -> Any:
        masks = ops.expand_dims(segmentation_mask, 0)
        out = self.transform_segmentation_masks(
            masks, transformation, training=training
        )
        return ops.squeeze(out, 0)

    # ---- call -----------------------------------------------------------

    def _is_batched(self, images: Any) -> bool:
        rank = len(ops.shape(images))
        if rank not in (3, 4):
            raise ValueError(
                f"{type(self).__name__} expects images of rank 3 (one "
                "image) or 4 (a batch of images). Received: images.shape="
                f"{tuple(ops.shape(images))}."
            )
        return rank == 4

    def call(self, data: Any, training: bool = True) -> Any:
        if not isinstance(data, dict):
            images = ops.convert_to_tensor(data)
            batched = self._is_batched(images)
            if not batched:
                images = ops.expand_dims(images, 0)
            transformation = self.get_random_transformation(
                images, training=training
            )
            out = self.transform_images(
                images, transformation, training=training
            )
            return out if batched else ops.squeeze(out, 0)
        return self._call_on_dict(dict(data), training)

    def _call_on_dict(self, data: dict, training: bool) -> dict:
        unknown = sorted(set(data) - set(_DICT_KEYS))
        if "images" not in data or unknown:
            raise ValueError(
                f"{type(self).__name__} expects a dict with an 'images' key "
                f"and optionally {_DICT_KEYS[1:]}. Received keys: "
                f"{sorted(data)}."
            )
        images = ops.convert_to_tensor(data["images"])
        batched = self._is_batched(images)

        def batch(x):
            return x if batched else ops.expand_dims(x, 0)

        def unbatch(x):
            return x if batched else ops.squeeze(x, 0)

        data["images"] = batch(images)
        if "labels" in data:
            data["labels"] = batch(ops.convert_to_tensor(data["labels"]))
        if "segmentation_masks" in data:
            data["segmentation_masks"] = batch(
                ops.convert_to_tensor(data["segmentation_masks"])
            )
        if "bounding_boxes" in data:
            if not self.bounding_box_format:
                raise ValueError(
                    "You passed an input with a 'bounding_boxes' key, but "
                    "no bounding box format. Pass a `bounding_box_format` "
                    f"argument to your {type(self).__name__} layer, e.g. "
                    "`bounding_box_format='xyxy'`."
                )
            boxes = validation.densify_bounding_boxes(
                type(self).__name__, data["bounding_boxes"], batched
            )
            data["bounding_boxes"] = {k: batch(v) for k, v in boxes.items()}
        transformation = self.get_random_transformation(data, training=training)
        out = {}
        out["images"] = unbatch(
            self.transform_images(data["images"], transformation, training)
        )
        if "labels" in data:
            out["labels"] = unbatch(
                self.transform_labels(data["labels"], transformation, training)
            )
        if "bounding_boxes" in data:
            boxes = self.transform_bounding_boxes(
                data["bounding_boxes"], transformation, training
            )
            out["bounding_boxes"] = {k: unbatch(v) for k, v in boxes.items()}
        if "segmentation_masks" in data:
            out["segmentation_masks"] = unbatch(
                self.transform_segmentation_masks(
                    data["segmentation_masks"], transformation, training
                )
            )
        return out

    def _compute_image_shape(self, shape: tuple) -> tuple:
        return tuple(shape)

    def compute_output_shape(self, input_shape: Any) -> Any:
        if isinstance(input_shape, dict):
            out = dict(input_shape)
            out["images"] = self._compute_image_shape(input_shape["images"])
            if "segmentation_masks" in out:
                out["segmentation_masks"] = self._compute_image_shape(
                    input_shape["segmentation_masks"]
                )
            return out
        return self._compute_image_shape(input_shape)

    def get_config(self) -> dict:
        config = super().get_config()
        config["data_format"] = self.data_format
        if self.bounding_box_format is not None:
            config["bounding_box_format"] = self.bounding_box_format
        return config

    # ---- bounding boxes -------------------------------------------------

    def _boxes_to_xyxy(self, bounding_boxes: dict, height: Any, width: Any):
        """`bounding_boxes` in pixel `"xyxy"` (a new dict)."""
        return converters.convert_format(
            bounding_boxes,
            source=self.bounding_box_format,
            target="xyxy",
            height=height,
            width=width,
        )

    def _boxes_from_xyxy(
        self, bounding_boxes: dict, height: Any, width: Any
    ) -> dict:
        """Pixel `"xyxy"` boxes clipped to a `height` x `width` image
        (boxes left without area get the label -1, as in Keras) and
        converted back to `bounding_box_format`."""
        clipped = converters.clip_to_image_size(
            bounding_boxes, height=height, width=width
        )
        return converters.convert_format(
            clipped,
            source="xyxy",
            target=self.bounding_box_format,
            height=height,
            width=width,
        )

    def _boxes_by_sampling_transform(
        self,
        bounding_boxes: dict,
        transform: Any,
        height: Any,
        width: Any,
        apply: Any = None,
    ) -> dict:
        """Moves boxes with images warped by `affine_transform(images,
        transform)` (`(batch, 8)` output-to-input maps); where `apply`
        (`(batch,)` bools) is False, boxes are left in place."""
        forward = box_transforms.forward_from_sampling(transform)
        return self._boxes_by_forward_map(
            bounding_boxes, forward, height, width, apply
        )

    def _boxes_by_forward_map(
        self,
        bounding_boxes: dict,
        forward: Any,
        height: Any,
        width: Any,
        apply: Any = None,
    ) -> dict:
        """Moves boxes by `(batch, 3, 3)` maps from input to output pixel
        indices (see `bounding_boxes/box_transforms.py`)."""
        xyxy = self._boxes_to_xyxy(bounding_boxes, height, width)
        moved = box_transforms.move_boxes(xyxy["boxes"], forward)
        if apply is not None:
            apply = ops.reshape(apply, (-1, 1, 1))
            moved = ops.where(apply, moved, xyxy["boxes"])
        xyxy["boxes"] = moved
        return self._boxes_from_xyxy(xyxy, height, width)

    # ---- shared math ----------------------------------------------------

    def _transform_value_range(
        self,
        images: Any,
        original_range: Any,
        target_range: Any,
        dtype: str = "float32",
    ) -> Any:
        """Maps values linearly from `original_range` to `target_range`."""
        if tuple(original_range) == tuple(target_range):
            return images
        images = ops.cast(images, dtype)
        lo, hi = (float(v) for v in original_range)
        new_lo, new_hi = (float(v) for v in target_range)
        return (images - lo) / (hi - lo) * (new_hi - new_lo) + new_lo

    def _compute_affine_matrix(
        self,
        center_x: Any,
        center_y: Any,
        angle: Any,
        translate_x: Any,
        translate_y: Any,
        scale: Any,
        shear_x: Any,
        shear_y: Any,
        height: Any,
        width: Any,
    ) -> Any:
        """`(batch, 8)` output-to-input transforms: a rotation by `angle`
        degrees and shears (degrees) about the centre `(center_x,
        center_y)` (fractions of the size), scaled, then translated (in
        pixels)."""
        radians = math.pi / 180.0
        angle = ops.cast(angle, "float32") * radians
        cos, sin = ops.cos(angle), ops.sin(angle)
        tan_x = ops.tan(ops.cast(shear_x, "float32") * radians)
        tan_y = ops.tan(ops.cast(shear_y, "float32") * radians)
        cx = center_x * (float(width) - 1.0)
        cy = center_y * (float(height) - 1.0)
        a0 = scale * (cos + tan_x * sin)
        a1 = scale * (tan_x * cos - sin)
        b0 = scale * (tan_y * cos + sin)
        b1 = scale * (cos - tan_y * sin)
        a2 = translate_x + cx - cx * a0 - cy * a1
        b2 = translate_y + cy - cx * b0 - cy * b1
        zeros = ops.zeros_like(a0)
        return ops.stack([a0, a1, a2, b0, b1, b2, zeros, zeros], axis=1)

    def _apply_affine(
        self, images: Any, transform: Any, interpolation: str
    ) -> Any:
        """`affine_transform` with this layer's fill mode and value."""
        return geometry.affine_transform(
            images,
            ops.cast(transform, "float32"),
            interpolation=interpolation,
            fill_mode=getattr(self, "fill_mode", "constant"),
            fill_value=self.fill_value,
            data_format=self.data_format,
        )
