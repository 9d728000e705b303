"""`Pipeline`: applies a list of preprocessing layers in order."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.backend.common import masking
from cornu.src.layers.preprocessing import preprocessing_utils
from cornu.src.saving import serialization_lib


@cornu_export("cornu.layers.Pipeline")
class Pipeline(preprocessing_utils.StringInputLayer):
    """Applies a sequence of layers to the input, one after the other.

    Unlike a `Sequential` model, a `Pipeline` is a plain layer: it can be
    used in a data pipeline (e.g. in a generator or `PyDataset` feeding
    `fit`) and passes its inputs to the first layer unconverted, so text
    preprocessing layers can lead it. `training` (default `True`, as in
    Keras 3) and masks are forwarded to the layers that accept them.

    Args:
        layers: A list of layers.
        name: The layer's name.

    Example:

    >>> import numpy as np
    >>> pipeline = cornu.layers.Pipeline([
    ...     cornu.layers.StringLookup(vocabulary=["a", "b"]),
    ...     cornu.layers.CategoryEncoding(num_tokens=3, output_mode="count"),
    ... ])
    >>> y = pipeline(np.array([["a", "b", "b"]]))
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[0.0, 1.0, 2.0]]
    """

    def __init__(self, layers: list, name: str | None = None) -> None:
        super().__init__(name=name)
        self._pipeline_layers = layers
        self.built = True

    @property
    def layers(self) -> list:
        return self._pipeline_layers

    def call(self, inputs: Any, training: bool = True, mask: Any = None) -> Any:
        outputs = inputs
        for layer in self._pipeline_layers:
            kwargs = {}
            if layer._call_spec.has_mask:
                kwargs["mask"] = mask
            if layer._call_spec.has_training and training is not None:
                kwargs["training"] = training
            outputs = layer(inputs, **kwargs)
            inputs = outputs
            mask = masking.get_keras_mask(outputs)
        return outputs

    @classmethod
    def from_config(cls, config: dict) -> Pipeline:
        layers = config.get("layers")
        if not isinstance(layers, (list, tuple)):
            raise ValueError(
                "`Pipeline` config must contain a `layers` key mapping to a "
                f"list of serialized layers. Received config with "
                f"layers={layers}."
            )
        config = dict(config)
        config["layers"] = [
            serialization_lib.deserialize_keras_object(x) for x in layers
        ]
        return cls(**config)

    def get_config(self) -> dict:
        return {
            "layers": serialization_lib.serialize_keras_object(
                self._pipeline_layers
            ),
            "name": self.name,
        }
