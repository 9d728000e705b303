"""`ActivityRegularization`: adds an L1/L2 penalty of its input to the
losses."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.layers.layer import Layer
from cornu.src.regularizers import regularizers


@cornu_export("cornu.layers.ActivityRegularization")
class ActivityRegularization(Layer):
    """Passes its input through and adds
    `(l1 * sum(|x|) + l2 * sum(x**2)) / batch_size` to the layer's
    `losses` (the batch size is the first axis's length; as in Keras 3,
    the penalty does not grow with the batch).

    Args:
        l1: L1 regularization factor (non-negative float).
        l2: L2 regularization factor (non-negative float).
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.ActivityRegularization(l1=0.5)
    >>> y = layer(cornu.ops.convert_to_tensor([[1.0, -2.0], [0.0, 3.0]]))
    >>> [float(cornu.ops.convert_to_numpy(v)) for v in layer.losses]
    [1.5]
    """

    def __init__(self, l1: float = 0.0, l2: float = 0.0, **kwargs: Any):
        super().__init__(
            activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs
        )
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2
        self.built = True

    def call(self, inputs: Any) -> Any:
        return inputs

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return tuple(input_shape)

    def get_config(self) -> dict:
        config = super().get_config()
        config.pop("activity_regularizer", None)
        config.update({"l1": self.l1, "l2": self.l2})
        return config
