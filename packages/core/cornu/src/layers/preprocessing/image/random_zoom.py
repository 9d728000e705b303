"""`RandomZoom`: zooms images in or out by random factors."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


@cornu_export("cornu.layers.RandomZoom")
class RandomZoom(base.BaseImagePreprocessingLayer):
    """Randomly zooms images about their centre during training.

    Each image's sampling grid is scaled by `1 + z`, with `z` drawn from
    the factor's range: a positive `z` zooms *out* (the content shrinks),
    a negative one zooms in, as in Keras 3. Points that come from outside
    the input are filled according to `fill_mode`. Inference
    (`training=False`) leaves images unchanged.

    Args:
        height_factor: A float `f` (`z` in `[-f, f]`) or a pair
            `(lower, upper)`, each in `(-1, 1]`.
        width_factor: The same for the width; `None` (default) uses the
            height's draw, keeping the aspect ratio.
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"` or
            `"nearest"`.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        seed: Int seed, for reproducible zooms.
        fill_value: The value of `fill_mode="constant"`.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...) and
            `bounding_box_format` (e.g. `"xyxy"`): with a dict input
            `{"images", "bounding_boxes", ...}` the boxes move with
            the images, are clipped to the output image, and boxes
            left without area get the label -1.

    Example:

    >>> layer = cornu.layers.RandomZoom((-0.5, -0.5), seed=1)
    >>> x = cornu.ops.reshape(cornu.ops.arange(5.0), (1, 5, 1))
    >>> out = layer(x, training=True)
    >>> cornu.ops.convert_to_numpy(out).ravel().tolist()
    [1.0, 1.5, 2.0, 2.5, 3.0]
    """

    _USE_BASE_FACTOR = False
    _GEOMETRIC = True

    def __init__(
        self,
        height_factor: Any,
        width_factor: Any = None,
        fill_mode: str = "reflect",
        interpolation: str = "bilinear",
        seed: int | None = None,
        fill_value: float = 0.0,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = "RandomZoom"
        self.height_factor = height_factor
        self.height_lower, self.height_upper = base.factor_range(
            owner, "height_factor", height_factor, -1.0, 1.0, low_open=True
        )
        self.width_factor = width_factor
        if width_factor is not None:
            self.width_lower, self.width_upper = base.factor_range(
                owner,
                "width_factor",
                width_factor,
                -1.0,
                1.0,
                low_open=True,
            )
        base.check_choice(owner, "fill_mode", fill_mode, base.FILL_MODES)
        base.check_choice(
            owner, "interpolation", interpolation, base.INTERPOLATIONS
        )
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.interpolation = interpolation
        self._make_generator(seed)

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        shape = (self._batch_size(data), 1)
        seed = self._seed(seed)
        height_zoom = base.uniform(
            shape,
            minval=1.0 + self.height_lower,
            maxval=1.0 + self.height_upper,
            seed=seed,
        )
        if self.width_factor is not None:
            width_zoom = base.uniform(
                shape,
                minval=1.0 + self.width_lower,
                maxval=1.0 + self.width_upper,
                seed=seed,
            )
        else:
            width_zoom = height_zoom
        return {
            "height_zoom": height_zoom,
            "width_zoom": width_zoom,
            "input_shape": ops.shape(self._images_of(data)),
        }

    def _transform_images(
        self, images: Any, transformation: Any, interpolation: str
    ) -> Any:
        if transformation is None:
            return images
        height, width = self._height_width(images)
        matrix = self._zoom_matrix(transformation, height, width)
        return self._apply_affine(images, matrix, interpolation)

    def transform_bounding_boxes(
        self, bounding_boxes: Any, transformation: Any, training: bool = True
    ) -> Any:
        if not training or transformation is None:
            return bounding_boxes
        shape = transformation["input_shape"]
        h_axis, w_axis = self._spatial_axes
        height, width = shape[h_axis], shape[w_axis]
        matrix = self._zoom_matrix(transformation, height, width)
        return self._boxes_by_sampling_transform(
            bounding_boxes, matrix, height, width
        )

    def _zoom_matrix(self, transformation: Any, height: Any, width: Any):
        """`(batch, 8)` output-to-input maps zooming about the centre."""
        zx = ops.cast(transformation["width_zoom"][:, 0], "float32")
        zy = ops.cast(transformation["height_zoom"][:, 0], "float32")
        zeros = ops.zeros_like(zx)
        return ops.stack(
            [
                zx,
                zeros,
                (float(width) - 1.0) / 2.0 * (1.0 - zx),
                zeros,
                zy,
                (float(height) - 1.0) / 2.0 * (1.0 - zy),
                zeros,
                zeros,
            ],
            axis=1,
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "height_factor": self.height_factor,
                "width_factor": self.width_factor,
                "fill_mode": self.fill_mode,
                "interpolation": self.interpolation,
                "seed": self.seed,
                "fill_value": self.fill_value,
            }
        )
        return config
