"""`CutMix`: pastes a random box of another image of the batch."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image import mix_utils
from cornu.src.random import random


@cornu_export("cornu.layers.CutMix")
class CutMix(base.BaseImagePreprocessingLayer):
    """CutMix augmentation (Yun et al., 2019), active during training.

    Each image of a batch gets a box pasted from another image of the
    batch (a random permutation). The box's side ratios are
    `sqrt(1 - w)` with `w ~ Beta(a, a)` and `a` drawn from the `factor`
    range; labels are mixed in proportion to the areas:
    `l * (1 - area) + l_other * area`. Pass `{"images": ..., "labels":
    ...}` to mix labels too. Inference (`training=False`) leaves inputs
    unchanged.

    Args:
        factor: A float `f` (`a` in `[0, f]`) or a pair, in `[0, 1]`.
        seed: Int seed, for reproducible draws.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.CutMix(seed=1)
    >>> images = cornu.ops.ones((4, 8, 8, 3))
    >>> labels = cornu.ops.one_hot(cornu.ops.arange(4), 4)
    >>> out = layer({"images": images, "labels": labels}, training=True)
    >>> cornu.ops.shape(out["images"]), cornu.ops.shape(out["labels"])
    ((4, 8, 8, 3), (4, 4))
    >>> sums = cornu.ops.convert_to_numpy(out["labels"]).sum(axis=1)
    >>> [round(float(s), 4) for s in sums]
    [1.0, 1.0, 1.0, 1.0]
    """

    _USE_BASE_FACTOR = False
    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        factor: Any = 1.0,
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        self._set_factor(factor)
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        images = self._images_of(data)
        shape = tuple(ops.shape(images))
        if len(shape) == 3:
            return None
        batch_size = shape[0]
        height, width = self._height_width(images)
        seed = self._seed(seed)
        alpha = (
            base.uniform((), self.factor[0], self.factor[1], seed=seed) + 1e-6
        )
        weight = random.beta((batch_size,), alpha, alpha, seed=seed)
        ratio = ops.sqrt(1.0 - ops.cast(weight, "float32"))
        x0, x1 = mix_utils.crop_bounds(batch_size, width, ratio, seed)
        y0, y1 = mix_utils.crop_bounds(batch_size, height, ratio, seed)
        mask = mix_utils.box_mask(shape, x0, x1, y0, y1, self.data_format)
        area = ops.sum(ops.cast(mask, "float32"), axis=(1, 2, 3)) / float(
            ops.size(mask) // batch_size
        )
        permutation = random.shuffle(
            ops.arange(batch_size, dtype="int32"), seed=seed
        )
        return {
            "permutation_order": permutation,
            "batch_masks": mask,
            "mix_weight": 1.0 - area,
        }

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training or transformation is None:
            return images
        others = ops.take(images, transformation["permutation_order"], axis=0)
        return ops.where(transformation["batch_masks"], others, images)

    def transform_labels(
        self, labels: Any, transformation: Any, training: bool = True
    ) -> Any:
        if not training or transformation is None:
            return labels
        labels = ops.cast(labels, self.compute_dtype)
        others = ops.take(labels, transformation["permutation_order"], axis=0)
        weight = ops.cast(
            ops.reshape(transformation["mix_weight"], (-1, 1)), labels.dtype
        )
        return weight * labels + (1.0 - weight) * others

    def transform_segmentation_masks(
        self,
        segmentation_masks: Any,
        transformation: Any,
        training: bool = True,
    ) -> Any:
        """The patch of the other mask is pasted as in the images."""
        return self.transform_images(
            segmentation_masks, transformation, training
        )

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        raise NotImplementedError(
            "CutMix does not support bounding boxes (as in Keras): pasted "
            "patches would cut boxes in ways a box list cannot express. "
            "Pass a dict without a 'bounding_boxes' key."
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"factor": self.factor, "seed": self.seed})
        return config
