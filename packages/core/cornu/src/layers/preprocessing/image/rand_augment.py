"""`RandAugment`: applies random augmentations from a fixed list."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import augment_ops
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.random import random


@cornu_export("cornu.layers.RandAugment")
class RandAugment(base.BaseImagePreprocessingLayer):
    """RandAugment (Cubuk et al., 2020), active during training.

    Applies `num_ops` augmentations in a row, each chosen uniformly (once
    per batch) from: shear, translation, rotation, brightness, colour
    degeneration, contrast, sharpness, posterization, solarization,
    auto-contrast and equalization, all with magnitude `factor`.
    Inference (`training=False`) leaves images unchanged. With a dict
    input, the shear, translation and rotation steps move segmentation
    masks and bounding boxes (`bounding_box_format` argument) too.

    Args:
        value_range: The range of the input values, e.g. `(0, 255)`.
        num_ops: Int, the number of augmentations applied.
        factor: A float `f` (magnitudes in `[0, f]`) or a pair, in
            `[0, 1]`.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        seed: Int seed, for reproducible draws.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandAugment(seed=1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 8, 8, 3)) * 100))
    (2, 8, 8, 3)
    """

    _USE_BASE_FACTOR = False
    _FACTOR_BOUNDS = (0, 1)
    _AUGMENT_LAYERS = (
        "random_shear",
        "random_translation",
        "random_rotation",
        "random_brightness",
        "random_color_degeneration",
        "random_contrast",
        "random_sharpness",
        "random_posterization",
        "solarization",
        "auto_contrast",
        "equalization",
    )

    def __init__(
        self,
        value_range: Any = (0, 255),
        num_ops: int = 2,
        factor: Any = 0.5,
        interpolation: str = "bilinear",
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = "RandAugment"
        self.value_range = base.check_value_range(owner, value_range)
        if (
            isinstance(num_ops, bool)
            or not isinstance(num_ops, int)
            or (num_ops < 0)
        ):
            raise ValueError(
                f"{owner} expects `num_ops` to be a non-negative int. "
                f"Received: num_ops={num_ops!r}."
            )
        self.num_ops = num_ops
        self._set_factor(factor)
        base.check_choice(
            owner, "interpolation", interpolation, base.INTERPOLATIONS
        )
        self.interpolation = interpolation
        self._make_generator(seed)
        augment_ops.build(
            self,
            self._AUGMENT_LAYERS,
            self.factor,
            self.value_range,
            interpolation,
            seed,
            self.data_format,
            self.dtype_policy,
        )

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training or self.num_ops == 0:
            return None
        seed = self._seed(seed)
        indices = random.randint(
            (self.num_ops,), 0, len(self._AUGMENT_LAYERS), seed=seed
        )
        # Every candidate's parameters, per step, drawn up front so that
        # images, boxes and masks see the same ones (they depend only on
        # the batch shape, which the candidates keep).
        images = self._images_of(data)
        transforms = [
            {
                name: getattr(self, name).get_random_transformation(
                    images, training=True, seed=seed
                )
                for name in self._AUGMENT_LAYERS
            }
            for _ in range(self.num_ops)
        ]
        return {"layer_idxes": indices, "transforms": transforms}

    def _apply_chosen(self, values: Any, transformation: Any, apply) -> Any:
        """Runs `apply(layer, values, step_transformation)` for every
        candidate of every step and keeps the chosen one's result
        (`values` is a tensor or a dict of tensors)."""

        def select(keep, candidate, chosen):
            if isinstance(chosen, dict):
                return {
                    k: ops.where(keep, candidate[k], v)
                    for k, v in chosen.items()
                }
            return ops.where(keep, candidate, chosen)

        for i in range(self.num_ops):
            index = transformation["layer_idxes"][i]
            chosen = values
            for k, name in enumerate(self._AUGMENT_LAYERS):
                step = transformation["transforms"][i][name]
                candidate = apply(getattr(self, name), values, step)
                chosen = select(index == k, candidate, chosen)
            values = chosen
        return values

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training or transformation is None:
            return images
        return self._apply_chosen(
            images,
            transformation,
            lambda layer, x, t: ops.cast(
                layer.transform_images(x, t, training=True), x.dtype
            ),
        )

    def transform_segmentation_masks(
        self,
        segmentation_masks: Any,
        transformation: Any,
        training: bool = True,
    ) -> Any:
        """Geometric steps move the masks; the others leave them."""
        if not training or transformation is None:
            return segmentation_masks
        return self._apply_chosen(
            segmentation_masks,
            transformation,
            lambda layer, x, t: ops.cast(
                layer.transform_segmentation_masks(x, t, training=True),
                x.dtype,
            ),
        )

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        """Geometric steps move the boxes (as in Keras); the others
        leave them."""
        if not training or transformation is None:
            return bounding_boxes

        def apply(layer, boxes, step):
            layer.bounding_box_format = self.bounding_box_format
            moved = layer.transform_bounding_boxes(dict(boxes), step, True)
            return {k: ops.cast(moved[k], v.dtype) for k, v in boxes.items()}

        values = {
            "boxes": bounding_boxes["boxes"],
            "labels": bounding_boxes["labels"],
        }
        return dict(
            bounding_boxes, **self._apply_chosen(values, transformation, apply)
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "value_range": self.value_range,
                "num_ops": self.num_ops,
                "factor": self.factor,
                "interpolation": self.interpolation,
                "seed": self.seed,
            }
        )
        return config
