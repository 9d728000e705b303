"""`Rescaling`: multiplies inputs by `scale` and adds `offset`."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.layers.layer import Layer
from cornu.src.saving import serialization_lib


@cornu_export("cornu.layers.Rescaling")
class Rescaling(Layer):
    """Rescales inputs to a new range: `inputs * scale + offset`.

    For instance, `Rescaling(1 / 255)` maps `[0, 255]` to `[0, 1]`, and
    `Rescaling(1 / 127.5, offset=-1)` maps it to `[-1, 1]`. The output has
    the layer's compute dtype (integer images become floats).

    Args:
        scale: Float, or a list/array of one float per channel (last axis
            for `"channels_last"`; the channel axis of images for
            `cornu.config.image_data_format() == "channels_first"`).
        offset: Float (or per-channel values) added after scaling.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.Rescaling(1 / 255)
    >>> x = cornu.ops.convert_to_tensor([[0, 51, 255]], dtype="uint8")
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(layer(x))[0].tolist()]
    [0.0, 0.2, 1.0]
    """

    def __init__(self, scale: Any, offset: Any = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset
        self.supports_masking = True
        self.built = True

    def call(self, inputs: Any) -> Any:
        dtype = self.compute_dtype
        scale = ops.cast(self.scale, dtype)
        offset = ops.cast(self.offset, dtype)
        scale_rank = len(ops.shape(scale))
        if scale_rank > 0 and config.image_data_format() == "channels_first":
            scale = ops.reshape(
                scale, tuple(ops.shape(scale)) + (1,) * (3 - scale_rank)
            )
        return ops.cast(inputs, dtype) * scale + offset

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        config_ = super().get_config()
        config_["scale"] = serialization_lib.serialize_keras_object(self.scale)
        config_["offset"] = serialization_lib.serialize_keras_object(
            self.offset
        )
        return config_

    @classmethod
    def from_config(cls, config_: dict) -> Rescaling:
        config_ = dict(config_)
        for key in ("scale", "offset"):
            config_[key] = serialization_lib.deserialize_keras_object(
                config_[key]
            )
        return super().from_config(config_)
