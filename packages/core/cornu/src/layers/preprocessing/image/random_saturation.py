"""`RandomSaturation`: scales images' colour saturation."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config as backend_config
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.ops.image import color


@cornu_export("cornu.layers.RandomSaturation")
class RandomSaturation(base.BaseImagePreprocessingLayer):
    """Randomly changes the saturation of RGB images during training.

    A value `s` is drawn per image from the `factor` range and the HSV
    saturation is multiplied by `s / (1 - s)` (clipped to `[0, 1]`):
    `s = 0` gives grayscale, `s = 0.5` no change, `s = 1` full
    saturation. Inference (`training=False`) leaves images unchanged.

    cornu follows Keras 3's documentation where its 3.15 code differs: a
    single float `f` draws from `[0, f]` (Keras draws from `[-f, f]`) and
    the saturation is clipped to `[0, 1]` (Keras clips to
    `value_range`).

    Args:
        factor: A float `f` or a pair `(lower, upper)`, in `[0, 1]`.
        value_range: The range of the input values, e.g. `(0, 255)`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        seed: Int seed, for reproducible draws.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.RandomSaturation((0.0, 0.0), value_range=(0, 1))
    >>> x = cornu.ops.convert_to_tensor([[[[0.2, 0.4, 0.8]]]])
    >>> out = cornu.ops.convert_to_numpy(layer(x))
    >>> [round(v, 4) for v in out.ravel().tolist()]
    [0.8, 0.8, 0.8]
    """

    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        factor: Any,
        value_range: Any = (0, 255),
        data_format: str | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.value_range = base.check_value_range(
            "RandomSaturation", value_range
        )
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        factor = base.uniform(
            (self._batch_size(data),),
            minval=self.factor[0],
            maxval=self.factor[1],
            seed=self._seed(seed),
        )
        return {"factor": factor / (1.0 - factor + backend_config.epsilon())}

    def transform_images(
        self, images: Any, transformation: Any = None, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training:
            return images
        factor = self._per_image(transformation["factor"], images.dtype)
        hsv = color.rgb_to_hsv(images, data_format=self.data_format)
        axis = self._channel_axis
        h, s, v = ops.split(hsv, 3, axis=axis)
        s = ops.clip(s * factor, 0.0, 1.0)
        hsv = ops.concatenate([h, s, v], axis=axis)
        return color.hsv_to_rgb(hsv, data_format=self.data_format)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "factor": self.factor,
                "value_range": self.value_range,
                "seed": self.seed,
            }
        )
        return config

    @classmethod
    def from_config(cls, config: dict) -> RandomSaturation:
        """Rebuilds the layer; reads Keras 3's files too.

        Keras 3.15 stores a single float `f` as `factor=[-f, f]`; that
        pair is read back as `f` (cornu's `[0, f]`, as Keras documents).
        """
        factor = config.get("factor")
        if (
            isinstance(factor, (list, tuple))
            and len(factor) == 2
            and not isinstance(factor[0], bool)
            and isinstance(factor[0], (int, float))
            and factor[0] < 0
            and factor[0] == -factor[1]
        ):
            config = {**config, "factor": factor[1]}
        return super().from_config(config)
