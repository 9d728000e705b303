"""`TimeDistributed`: applies a layer to every time step of a sequence."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.core.wrapper import Wrapper
from cornu.src.layers.layer import Layer


@cornu_export("cornu.layers.TimeDistributed")
class TimeDistributed(Wrapper):
    """Applies `layer` to every temporal slice (axis 1) of the input.

    The same layer (the same weights) processes each of the
    `timesteps` slices `inputs[:, t]`; the outputs are stacked back
    along axis 1. The input mask, if any, passes through.

    Args:
        layer: A `cornu.layers.Layer` instance.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        inputs: A tensor of rank 3 or more, `(batch, timesteps, ...)`.
        training: Passed to the wrapped layer.
        mask: Optional `(batch, timesteps, ...)` mask; its slice at each
            step goes to the wrapped layer when it takes a mask.

    Example:

    >>> layer = cornu.layers.TimeDistributed(cornu.layers.Dense(8))
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 10, 16))))
    (2, 10, 8)
    """

    def __init__(self, layer: Layer, **kwargs: Any) -> None:
        if not isinstance(layer, Layer):
            raise ValueError(
                "TimeDistributed expects `layer` to be a "
                f"`cornu.layers.Layer` instance. Received: layer={layer!r}. "
                "Pass e.g. `TimeDistributed(Dense(8))`."
            )
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    def _child_input_shape(self, input_shape: Any) -> tuple:
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) < 3:
            raise ValueError(
                "TimeDistributed expects an input of rank 3 or more, "
                f"`(batch, timesteps, ...)`. Received: input_shape="
                f"{input_shape!r}."
            )
        return (input_shape[0], *input_shape[2:])

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        child = self.layer.compute_output_shape(
            self._child_input_shape(input_shape)
        )
        return (child[0], input_shape[1], *child[1:])

    def build(self, input_shape: tuple) -> None:
        super().build(self._child_input_shape(input_shape))

    def call(
        self, inputs: Any, training: bool | None = None, mask: Any = None
    ) -> Any:
        if mask is not None:
            _check_mask(mask, inputs)
        spec = self.layer._call_spec
        timesteps = inputs.shape[1]
        outputs = []
        for t in range(timesteps):
            kwargs = {}
            if spec.has_mask and mask is not None:
                kwargs["mask"] = mask[:, t]
            if spec.has_training:
                kwargs["training"] = training
            outputs.append(self.layer.call(inputs[:, t], **kwargs))
        return ops.stack(outputs, axis=1)


def _check_mask(mask: Any, inputs: Any) -> None:
    mask_shape, input_shape = tuple(mask.shape), tuple(inputs.shape)
    if len(mask_shape) < 2:
        raise ValueError(
            "TimeDistributed expects a mask of rank 2 or more, "
            f"`(batch_size, timesteps)`. Received a mask of shape "
            f"{mask_shape}."
        )
    for axis in (0, 1):
        want, got = input_shape[axis], mask_shape[axis]
        if want is not None and got is not None and want != got:
            raise ValueError(
                f"TimeDistributed received a mask of shape {mask_shape}, "
                f"incompatible with the input shape {input_shape}: the "
                "mask's first two axes (batch, timesteps) must match the "
                f"input's, ({input_shape[0]}, {input_shape[1]})."
            )
