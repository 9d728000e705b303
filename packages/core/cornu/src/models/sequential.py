"""`Sequential`: a plain stack of layers, each feeding the next.

Once the input shape is known (an `Input`/`InputLayer` first, an
`input_shape=` argument on the first layer, or the first call on data),
the stack is built as a `Functional` graph and calls run through it.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import masking
from cornu.src.layers.core.input_layer import InputLayer
from cornu.src.layers.core.input_layer import standardize_shape
from cornu.src.layers.layer import Layer
from cornu.src.models import functional as functional_lib
from cornu.src.models.functional import Functional
from cornu.src.models.model import Model
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.saving import serialization_lib


@cornu_export(["cornu.Sequential", "cornu.models.Sequential"])
class Sequential(Model):
    """A linear stack of layers.

    Args:
        layers: Optional list of layers to add.
        trainable: Whether the model's variables are trained.
        name: The model's name.

    Example:

    >>> class Double(cornu.layers.Layer):
    ...     def call(self, x):
    ...         return x * 2.0
    >>> model = cornu.Sequential([cornu.Input(shape=(3,))])
    >>> model.add(Double(name="double"))
    >>> [layer.name for layer in model.layers], model.output_shape
    (['double'], (None, 3))
    >>> cornu.ops.convert_to_numpy(model(cornu.ops.ones((1, 3)))).tolist()
    [[2.0, 2.0, 2.0]]
    """

    def __init__(
        self,
        layers: list | None = None,
        trainable: bool = True,
        name: str | None = None,
    ) -> None:
        Model.__init__(self, trainable=trainable, name=name)
        object.__setattr__(self, "_functional", None)
        self._stack = []
        if layers:
            for layer in layers:
                self.add(layer, rebuild=False)
            self._maybe_rebuild()

    def add(self, layer: Any, rebuild: bool = True) -> None:
        """Adds a layer (or an `Input` tensor) on top of the stack.

        Args:
            layer: A layer, or a tensor from `cornu.Input`.
            rebuild: Whether to rebuild the graph now when the input
                shape is known.
        """
        if not self._stack:
            shape = getattr(layer, "_input_shape_arg", None)
            if shape is not None:
                self.add(InputLayer(shape=shape), rebuild=False)
        if isinstance(layer, KerasTensor) and layer._history is not None:
            if isinstance(layer._history[0], InputLayer):
                layer = layer._history[0]
        if not isinstance(layer, Layer):
            raise ValueError(
                "Only instances of `cornu.Layer` can be added to a "
                f"Sequential model. Received: {layer!r} (of type "
                f"{type(layer).__name__})."
            )
        if any(existing.name == layer.name for existing in self._stack):
            raise ValueError(
                "All layers added to a Sequential model should have unique "
                f"names. Name {layer.name!r} is already the name of a layer "
                "in this model. Update the `name` argument to pass a "
                "unique name."
            )
        if (
            isinstance(layer, InputLayer)
            and self._stack
            and isinstance(self._stack[0], InputLayer)
        ):
            raise ValueError(
                f"Sequential model {self.name!r} has already been "
                "configured to use input shape "
                f"{self._stack[0].batch_shape}. You cannot add a different "
                "Input layer to it."
            )
        self._stack.append(layer)
        self._sync_backend_tracking()
        if rebuild:
            self._maybe_rebuild()
        else:
            self._reset_build()

    def pop(self, rebuild: bool = True) -> Layer:
        """Removes the last layer and returns it.

        Args:
            rebuild: Whether to rebuild the graph of the remaining layers.

        Returns:
            The removed layer.
        """
        if not self.layers:
            raise ValueError(
                f"There are no layers in Sequential model {self.name!r} to pop."
            )
        layer = self._stack.pop()
        self._reset_build()
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _reset_build(self) -> None:
        self.built = False
        self._fully_built = False
        object.__setattr__(self, "_functional", None)
        object.__setattr__(self, "_fast_call", None)

    def _maybe_rebuild(self) -> None:
        self._reset_build()
        if isinstance(self._stack[0], InputLayer) and len(self._stack) > 1:
            self.build(self._stack[0].batch_shape)

    def build(self, input_shape: Any = None) -> None:
        try:
            input_shape = standardize_shape(input_shape)
        except (ValueError, TypeError):
            return  # not a single input tensor: run layer by layer
        if not self._stack:
            raise ValueError(
                f"Sequential model {self.name!r} cannot be built because it "
                "has no layers. Call `model.add(layer)`."
            )
        first = self._stack[0]
        if isinstance(first, InputLayer):
            if first.batch_shape != input_shape:
                raise ValueError(
                    f"Sequential model {self.name!r} has already been "
                    f"configured to use input shape {first.batch_shape}. "
                    f"You cannot build it with input_shape {input_shape}."
                )
        else:
            # Built from the first call's data: any batch size may follow.
            first = InputLayer(
                batch_shape=(None,) + input_shape[1:],
                dtype=first.compute_dtype,
            )
            self._stack.insert(0, first)
            self._sync_backend_tracking()
        x = first.output
        for layer in self._stack[1:]:
            try:
                x = layer(x)
            except NotImplementedError:
                return  # no shape inference: run layer by layer
            except TypeError as e:
                _check_single_positional(layer)
                raise e
        functional = Functional(inputs=first.output, outputs=x)
        object.__setattr__(self, "_functional", functional)

    def call(
        self, inputs: Any, training: bool | None = None, mask: Any = None
    ) -> Any:
        if self._functional is not None:
            return self._functional.call(inputs, training=training, mask=mask)
        outputs = inputs
        for layer in self.layers:
            kwargs = {}
            if layer._call_spec.has_mask and mask is not None:
                kwargs["mask"] = mask
            if layer._call_spec.has_training and training is not None:
                kwargs["training"] = training
            outputs = layer(inputs, **kwargs)
            inputs = outputs
            mask = tree.map_structure(masking.get_keras_mask, outputs)
            if all(m is None for m in tree.flatten(mask)):
                mask = None
        return outputs

    def _fast_graph_runner(self, x: Any) -> Any:
        functional = self._functional
        if functional is None or functional._fast_graph_runner(x) is None:
            return None
        return _run_functional_on_one

    def compute_output_spec(
        self, inputs: Any, training: bool | None = None, mask: Any = None
    ) -> Any:
        if self._functional is not None:
            return self._functional.compute_output_spec(inputs)
        outputs = inputs
        for layer in self.layers:
            outputs = layer.compute_output_spec(inputs)
            inputs = outputs
        return outputs

    @property
    def layers(self) -> list:
        """The stacked layers, without the `InputLayer`."""
        stack = self._stack
        if stack and isinstance(stack[0], InputLayer):
            return stack[1:]
        return stack[:]

    @layers.setter
    def layers(self, _: Any) -> None:
        raise AttributeError(
            "`Model.layers` attribute is reserved and should not be used. "
            "Please use another name."
        )

    @property
    def inputs(self) -> list:
        return self._built_functional("inputs").inputs

    @property
    def outputs(self) -> list:
        return self._built_functional("outputs").outputs

    @property
    def input(self) -> Any:
        return self._built_functional("input").input

    @property
    def output(self) -> Any:
        return self._built_functional("output").output

    @property
    def input_shape(self) -> Any:
        return self._built_functional("input_shape").input_shape

    @property
    def output_shape(self) -> Any:
        return self._built_functional("output_shape").output_shape

    def _built_functional(self, label: str) -> Functional:
        if self._functional is None:
            raise AttributeError(
                f"Sequential model {self.name!r} has no defined {label} "
                "yet: its input shape is unknown. Start it with "
                "`cornu.Input(shape=...)`, or call it on data first."
            )
        return self._functional

    def get_config(self) -> dict:
        layer_configs = [
            serialization_lib.serialize_keras_object(layer)
            for layer in self._stack
        ]
        config = {
            "name": self.name,
            "trainable": self.trainable,
            "layers": copy.deepcopy(layer_configs),
        }
        if self._functional is not None:
            config["build_input_shape"] = self._stack[0].batch_shape
        return config

    @classmethod
    def from_config(
        cls, config: Any, custom_objects: dict | None = None
    ) -> Sequential:
        if isinstance(config, dict) and "layers" in config:
            name = config.get("name")
            build_input_shape = config.get("build_input_shape")
            layer_configs = config["layers"]
            trainable = config.get("trainable", True)
        else:
            name, build_input_shape, trainable = None, None, True
            layer_configs = config
        model = cls(name=name, trainable=trainable)
        for layer_config in layer_configs:
            layer = serialization_lib.deserialize_keras_object(
                layer_config, custom_objects=custom_objects
            )
            model.add(layer)
        if model._functional is None and isinstance(
            build_input_shape, (list, tuple)
        ):
            model.build(tuple(build_input_shape))
        return model


def _run_functional_on_one(model: Sequential, x: Any) -> Any:
    """`model.call(x)` on the hot path (see `Layer._fast_graph_runner`)."""
    return functional_lib.run_graph_on_one(model._functional, x)


def _check_single_positional(layer: Layer) -> None:
    parameters = inspect.signature(layer.call).parameters.values()
    positional = [
        p.name
        for p in parameters
        if p.default is inspect.Parameter.empty
        and p.kind
        in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    if len(positional) != 1:
        raise ValueError(
            "Layers added to a Sequential model can only have a single "
            f"positional argument, the input tensor. Layer "
            f"{type(layer).__name__} has multiple positional arguments: "
            f"{positional}."
        )


__all__ = ["Sequential"]
