"""`Bidirectional`: runs a recurrent layer forwards and backwards."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.layer import Layer
from cornu.src.saving import serialization_lib

_MERGE_MODES = ("sum", "mul", "ave", "concat", None)


@cornu_export("cornu.layers.Bidirectional")
class Bidirectional(Layer):
    """Bidirectional wrapper for RNNs.

    Makes two copies of `layer` from its config: `forward_layer` (named
    `forward_<name>`) and, unless `backward_layer` is given,
    `backward_layer` (named `backward_<name>`, with `go_backwards=True`).
    The backward outputs are reversed back into time order before the
    two are merged. With `return_sequences`, masked steps output zeros
    in both directions (`zero_output_for_mask`), as in Keras.

    Args:
        layer: A recurrent layer (`LSTM`, `GRU`, `SimpleRNN`, `RNN`, or
            a layer with `go_backwards`, `return_sequences`,
            `return_state` and `stateful` attributes). It is copied, not
            used itself.
        merge_mode: How to combine the two outputs: `"concat"`
            (default), `"sum"`, `"mul"`, `"ave"`, or `None` (return
            both, as a list).
        weights: Optional initial weights: the forward layer's, then the
            backward layer's (Keras keeps them as `initial_weights` on
            the copies).
        backward_layer: Optional layer for the backward direction; it
            must have `go_backwards` opposite to `layer`'s and the same
            `stateful`, `return_sequences` and `return_state`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        sequences: A `(batch, timesteps, features)` tensor.
        initial_state: Optional list: the forward layer's initial
            states, then the backward layer's.
        mask: Optional boolean `(batch, timesteps)` mask.
        training: Whether dropout is active.

    Example:

    >>> layer = cornu.layers.Bidirectional(
    ...     cornu.layers.LSTM(4, return_sequences=True), merge_mode="sum")
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 7, 3))))
    (2, 7, 4)
    >>> layer.forward_layer.name, layer.backward_layer.go_backwards
    ('forward_lstm', True)
    """

    def __init__(
        self,
        layer: Layer,
        merge_mode: str | None = "concat",
        weights: list | None = None,
        backward_layer: Layer | None = None,
        **kwargs: Any,
    ) -> None:
        if not isinstance(layer, Layer):
            raise ValueError(
                "Bidirectional expects `layer` to be a `cornu.layers.Layer` "
                f"instance. Received: layer={layer!r}. Wrap a recurrent "
                "layer, e.g. `Bidirectional(LSTM(8))`."
            )
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError(
                "Bidirectional expects `backward_layer` to be a "
                "`cornu.layers.Layer` instance or None. Received: "
                f"backward_layer={backward_layer!r}."
            )
        if merge_mode not in _MERGE_MODES:
            raise ValueError(
                "Bidirectional expects `merge_mode` to be one of "
                f"{_MERGE_MODES}. Received: merge_mode={merge_mode!r}."
            )
        super().__init__(**kwargs)
        self.forward_layer = _copy(layer, "forward_")
        if backward_layer is None:
            self.backward_layer = _copy(layer, "backward_", go_backwards=True)
        else:
            self.backward_layer = backward_layer
        if hasattr(layer, "use_cudnn"):
            self.forward_layer.use_cudnn = layer.use_cudnn
            self.backward_layer.use_cudnn = layer.use_cudnn
        self._verify_layer_config()
        for direction in (self.forward_layer, self.backward_layer):
            if getattr(direction, "zero_output_for_mask", None) is not None:
                direction.zero_output_for_mask = direction.return_sequences
        self.merge_mode = merge_mode
        if weights:
            half = len(weights) // 2
            self.forward_layer.initial_weights = weights[:half]
            self.backward_layer.initial_weights = weights[half:]
        self.stateful = layer.stateful
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self.input_spec = layer.input_spec

    def _verify_layer_config(self) -> None:
        forward, backward = self.forward_layer, self.backward_layer
        if forward.go_backwards == backward.go_backwards:
            raise ValueError(
                "Bidirectional expects the forward and backward layers to "
                "have different `go_backwards` values. Received: "
                f"forward_layer.go_backwards={forward.go_backwards}, "
                f"backward_layer.go_backwards={backward.go_backwards}. "
                "Pass a `backward_layer` built with `go_backwards=True`."
            )
        for name in ("stateful", "return_sequences", "return_state"):
            if getattr(forward, name) != getattr(backward, name):
                raise ValueError(
                    "Bidirectional expects the forward and backward layers "
                    f"to have the same `{name}`. Received: "
                    f"{getattr(forward, name)!r} for the forward layer and "
                    f"{getattr(backward, name)!r} for the backward layer."
                )

    def build(
        self, sequences_shape: tuple, initial_state_shape: Any = None
    ) -> None:
        for direction in (self.forward_layer, self.backward_layer):
            if not direction.built:
                direction.build(sequences_shape)

    def compute_output_shape(
        self, sequences_shape: tuple, initial_state_shape: Any = None
    ) -> Any:
        output_shape = self.forward_layer.compute_output_shape(sequences_shape)
        state_shapes = ()
        if self.return_state:
            output_shape, state_shapes = output_shape[0], output_shape[1:]
        output_shape = tuple(output_shape)
        if self.merge_mode == "concat":
            output_shape = output_shape[:-1] + (output_shape[-1] * 2,)
            outputs = (output_shape,)
        elif self.merge_mode is None:
            outputs = (output_shape, output_shape)
        else:
            outputs = (output_shape,)
        if self.return_state:
            return outputs + tuple(state_shapes) + tuple(state_shapes)
        return outputs[0] if len(outputs) == 1 else list(outputs)

    def call(
        self,
        sequences: Any,
        initial_state: Any = None,
        mask: Any = None,
        training: bool | None = None,
    ) -> Any:
        kwargs = {}
        spec = self.forward_layer._call_spec
        if spec.has_training:
            kwargs["training"] = training
        if spec.has_mask:
            kwargs["mask"] = mask
        forward_state = backward_state = None
        if initial_state is not None:
            half = len(initial_state) // 2
            forward_state = initial_state[:half]
            backward_state = initial_state[half:]
        y = self.forward_layer(sequences, initial_state=forward_state, **kwargs)
        y_rev = self.backward_layer(
            sequences, initial_state=backward_state, **kwargs
        )
        states = ()
        if self.return_state:
            states = tuple(y[1:]) + tuple(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        y = ops.cast(y, self.compute_dtype)
        y_rev = ops.cast(y_rev, self.compute_dtype)
        if self.return_sequences:
            y_rev = ops.flip(y_rev, axis=1)
        if self.merge_mode == "concat":
            output = (ops.concatenate([y, y_rev], axis=-1),)
        elif self.merge_mode == "sum":
            output = (y + y_rev,)
        elif self.merge_mode == "ave":
            output = ((y + y_rev) / 2,)
        elif self.merge_mode == "mul":
            output = (y * y_rev,)
        else:
            output = (y, y_rev)
        if self.return_state:
            return output + states
        return output[0] if len(output) == 1 else list(output)

    def compute_mask(self, inputs: Any, mask: Any) -> Any:
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if self.return_sequences:
            output_mask = [mask, mask] if self.merge_mode is None else mask
        else:
            output_mask = [None, None] if self.merge_mode is None else None
        if self.return_state:
            outputs = (
                output_mask if isinstance(output_mask, list) else [output_mask]
            )
            states = self.forward_layer.compute_output_shape((None, None, 1))[
                1:
            ]
            return outputs + [None] * (2 * len(states))
        return output_mask

    def reset_states(self) -> None:
        """Alias of `reset_state`."""
        self.reset_state()

    def reset_state(self) -> None:
        """Zeroes the states of both (stateful) directions."""
        if not self.stateful:
            raise AttributeError(
                f"Bidirectional layer {self.name!r} is not stateful: "
                "reset_state() needs a wrapped layer with stateful=True."
            )
        self.forward_layer.reset_state()
        self.backward_layer.reset_state()

    @property
    def states(self) -> tuple | None:
        """The forward then backward state variables (stateful only)."""
        forward = getattr(self.forward_layer, "states", None)
        backward = getattr(self.backward_layer, "states", None)
        if forward and backward:
            return tuple(forward) + tuple(backward)
        return None

    def get_config(self) -> dict:
        config = {
            "merge_mode": self.merge_mode,
            "layer": serialization_lib.serialize_keras_object(
                self.forward_layer
            ),
            "backward_layer": serialization_lib.serialize_keras_object(
                self.backward_layer
            ),
        }
        return {**super().get_config(), **config}

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> Bidirectional:
        config = dict(config)
        config["layer"] = serialization_lib.deserialize_keras_object(
            config["layer"], custom_objects=custom_objects
        )
        backward = config.pop("backward_layer", None)
        if backward is not None:
            config["backward_layer"] = (
                serialization_lib.deserialize_keras_object(
                    backward, custom_objects=custom_objects
                )
            )
        return cls(**config)


def _copy(layer: Layer, prefix: str, **overrides: Any) -> Layer:
    """A new layer from `layer`'s config, named `<prefix><name>`."""
    config = serialization_lib.serialize_keras_object(layer)
    inner = dict(config["config"])
    inner.update(overrides)
    name = layer.name
    inner["name"] = prefix + (
        name[len(prefix) :] if name.startswith(prefix) else name
    )
    config = {**config, "config": inner}
    return serialization_lib.deserialize_keras_object(config)
