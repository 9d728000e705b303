"""`RandomGaussianBlur`: blurs random images with a Gaussian kernel."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.layers.preprocessing.image import blur_utils


def _kernel_size(value: Any) -> tuple:
    pair = tuple(value) if isinstance(value, (tuple, list)) else (value, value)
    if len(pair) != 2 or not all(
        isinstance(v, int) and not isinstance(v, bool) and v > 0 and v % 2 == 1
        for v in pair
    ):
        raise ValueError(
            "RandomGaussianBlur expects `kernel_size` to be an odd positive "
            "int or a pair of them (height, width). Received: "
            f"kernel_size={value!r}."
        )
    return pair


@cornu_export("cornu.layers.RandomGaussianBlur")
class RandomGaussianBlur(base.BaseImagePreprocessingLayer):
    """Randomly blurs images with a Gaussian kernel during training.

    Each image is blurred with probability `p`, itself drawn from the
    `factor` range; the kernel's standard deviations (one for the height,
    one for the width, shared by the batch) are drawn from `sigma`. The
    blur pads with zeros; the result is clipped to `value_range`.
    Inference (`training=False`) leaves images unchanged.

    Args:
        factor: A float `f` (probability in `[0, f]`) or a pair
            `(lower, upper)`, in `[0, 1]`. Default 1: always blur.
        kernel_size: Odd int or pair of odd ints `(height, width)`.
        sigma: A float `s` (standard deviations in `[0, s]`) or a pair
            `(lower, upper)`, in `[0, 1]`.
        value_range: The range of the input values, e.g. `(0, 255)`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible blurs.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomGaussianBlur(
    ...     factor=(1.0, 1.0), sigma=(0.8, 1.0), seed=1)
    >>> x = cornu.ops.ones((1, 5, 5, 1)) * 100
    >>> y = cornu.ops.convert_to_numpy(layer(x))
    >>> round(float(y[0, 2, 2, 0]), 3), bool(y[0, 0, 0, 0] < 99.0)
    (100.0, True)
    """

    _USE_BASE_FACTOR = False

    def __init__(
        self,
        factor: Any = 1.0,
        kernel_size: Any = 3,
        sigma: Any = 1.0,
        value_range: Any = (0, 255),
        data_format: str | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = "RandomGaussianBlur"
        self.factor = base.factor_range(owner, "factor", factor, 0, 1)
        self.kernel_size = _kernel_size(kernel_size)
        self.sigma = base.factor_range(owner, "sigma", sigma, 0, 1)
        self.value_range = base.check_value_range(owner, value_range)
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        batch_size = self._batch_size(data)
        seed = self._seed(seed)
        probability = base.uniform(
            (batch_size,),
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=seed,
        )
        threshold = base.uniform((batch_size,), seed=seed)
        blur_factor = (
            base.uniform(
                (2,),
                minval=self.sigma[0],
                maxval=self.sigma[1],
                seed=seed,
            )
            + 1e-6
        )
        return {
            "should_apply_blur": threshold < probability,
            "blur_factor": blur_factor,
        }

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training or transformation is None:
            return images
        sigma = transformation["blur_factor"]
        blurred = blur_utils.gaussian_blur(
            images, self.kernel_size, (sigma[0], sigma[1]), self.data_format
        )
        apply = ops.reshape(transformation["should_apply_blur"], (-1, 1, 1, 1))
        images = ops.where(apply, blurred, images)
        return ops.clip(images, self.value_range[0], self.value_range[1])

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "kernel_size": self.kernel_size,
                "sigma": self.sigma,
                "value_range": self.value_range,
                "seed": self.seed,
            }
        )
        return config
