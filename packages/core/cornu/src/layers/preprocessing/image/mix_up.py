"""`MixUp`: blends images (and labels) with others of the batch."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.random import random


@cornu_export("cornu.layers.MixUp")
class MixUp(base.BaseImagePreprocessingLayer):
    """MixUp augmentation (Zhang et al., 2018), active during training.

    Each sample becomes `w * x + (1 - w) * x_other`, with `x_other` from a
    random permutation of the batch and `w ~ Beta(alpha, alpha)` per
    sample; labels are mixed with the same weights (pass
    `{"images": ..., "labels": ...}`). Inference (`training=False`) leaves
    inputs unchanged.

    Args:
        alpha: Float > 0, the Beta distribution's parameter.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, ...), and
            `bounding_box_format`: with a dict input, each image keeps its
            boxes and gains those of the image mixed into it.

    Example:

    >>> layer = cornu.layers.MixUp(seed=1)
    >>> images = cornu.ops.ones((4, 8, 8, 3))
    >>> labels = cornu.ops.one_hot(cornu.ops.arange(4), 4)
    >>> out = layer({"images": images, "labels": labels}, training=True)
    >>> sums = cornu.ops.convert_to_numpy(out["labels"]).sum(axis=1)
    >>> [round(float(s), 4) for s in sums]
    [1.0, 1.0, 1.0, 1.0]
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        alpha: float = 0.2,
        data_format: str | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        if not base._is_number(alpha) or alpha <= 0:
            raise ValueError(
                f"MixUp expects `alpha` to be a positive number. Received: "
                f"alpha={alpha!r}."
            )
        self.alpha = alpha
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        batch_size = self._batch_size(data)
        seed = self._seed(seed)
        permutation = random.shuffle(
            ops.arange(batch_size, dtype="int32"), seed=seed
        )
        weight = random.beta((batch_size,), self.alpha, self.alpha, seed=seed)
        return {"mix_weight": weight, "permutation_order": permutation}

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        weight = self._per_image(transformation["mix_weight"], images.dtype)
        others = ops.take(images, transformation["permutation_order"], axis=0)
        return weight * images + (1.0 - weight) * others

    def transform_labels(
        self, labels: Any, transformation: Any, training: bool = True
    ) -> Any:
        if not training:
            return labels
        labels = ops.cast(labels, self.compute_dtype)
        weight = ops.cast(
            ops.reshape(transformation["mix_weight"], (-1, 1)), labels.dtype
        )
        others = ops.take(labels, transformation["permutation_order"], axis=0)
        return weight * labels + (1.0 - weight) * others

    def transform_segmentation_masks(
        self,
        segmentation_masks: Any,
        transformation: Any,
        training: bool = True,
    ) -> Any:
        """Masks are mixed as the images are (soft masks, as in Keras)."""
        return self.transform_images(
            segmentation_masks, transformation, training
        )

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        """Each image keeps its boxes and gains those of the image mixed
        into it (appended along the box axis). Keras appends the labels
        along the batch axis instead, which breaks their pairing with the
        boxes; here they follow their boxes."""
        if not training:
            return bounding_boxes
        order = transformation["permutation_order"]
        out = dict(bounding_boxes)
        for key in ("boxes", "labels"):
            value = bounding_boxes[key]
            others = ops.take(value, order, axis=0)
            out[key] = ops.concatenate([value, others], axis=1)
        return out

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"alpha": self.alpha, "seed": self.seed})
        return config
