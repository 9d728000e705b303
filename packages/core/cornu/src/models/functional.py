"""`Functional`: a `Model` defined by a graph of layer calls.

`cornu.Model(inputs, outputs)` returns one. It is a `Function` (the graph
walk and replay) and a `Model` (state, tracking, saving): its layers are
the operations of the graph, called again in order on real inputs.
Configs follow Keras 3's layout, so `get_config()`/`from_config()` round
trip, with each layer's calls saved as `inbound_nodes`.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.backend.common import masking
from cornu.src.layers import layer_config
from cornu.src.layers.core.input_layer import InputLayer
from cornu.src.layers.layer import Layer
from cornu.src.models import graph_cut
from cornu.src.models.model import Model
from cornu.src.ops import function as function_lib
from cornu.src.ops.core import tensors
from cornu.src.ops.function import Function
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.operation import Operation
from cornu.src.saving import serialization_lib


class Functional(Function, Model):
    """A `Model` made of the layer calls linking `inputs` to `outputs`.

    Made by `cornu.Model(inputs, outputs)`. Inputs and outputs may be
    single tensors, lists or dicts; layers may be shared (called several
    times) and models nested (a model is a layer).

    Args:
        inputs: `cornu.Input` tensor(s).
        outputs: Tensor(s) computed from `inputs`.
        name: The model's name.
        **kwargs: `trainable`, `dtype`.

    Example:

    >>> a = cornu.Input(shape=(2,), name="a")
    >>> b = cornu.Input(shape=(2,), name="b")
    >>> model = cornu.Model({"a": a, "b": b}, cornu.ops.add(a, b))
    >>> ones = cornu.ops.ones((1, 2))
    >>> y = model({"a": ones, "b": ones})
    >>> [layer.name for layer in model.layers]
    ['a', 'b']
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[2.0, 2.0]]
    """

    _is_functional_root = True

    def __init__(
        self, inputs: Any, outputs: Any, name: str | None = None, **kwargs
    ) -> None:
        trainable = kwargs.pop("trainable", None)
        Layer.__init__(self, name=name, **kwargs)
        flat_inputs = function_lib.flatten(inputs)
        if all(isinstance(x, KerasTensor) for x in flat_inputs) and not all(
            graph_cut.is_input_tensor(x) for x in flat_inputs
        ):
            inputs, outputs = graph_cut.clone_graph_nodes(inputs, outputs)
        self._setup_graph(inputs, outputs)
        # Tracked: the layers' variables become the model's.
        self._graph_layers = [
            op for op in self._operations if isinstance(op, Layer)
        ]
        self._sync_backend_tracking()
        if trainable is not None:
            self.trainable = trainable
        self.built = True
        self._fully_built = True
        self.output_names = [x._history[0].name for x in self._outputs]

    @property
    def layers(self) -> list:
        """The graph's layers (`InputLayer`s included), inputs first."""
        return [op for op in self._operations if isinstance(op, Layer)]

    @layers.setter
    def layers(self, _: Any) -> None:
        raise AttributeError(
            "`Model.layers` attribute is reserved and should not be used. "
            "Please use another name."
        )

    @property
    def input(self) -> Any:
        """The model's inputs, in the structure they were given."""
        return self._inputs_struct

    @property
    def output(self) -> Any:
        """The model's outputs, in the structure they were given."""
        return self._outputs_struct

    @property
    def input_shape(self) -> Any:
        shapes = function_lib._map_tensors(lambda x: x.shape, self._inputs)
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shape(self) -> Any:
        shapes = function_lib._map_tensors(lambda x: x.shape, self._outputs)
        return shapes[0] if len(shapes) == 1 else shapes

    def call(
        self, inputs: Any, training: bool | None = None, mask: Any = None
    ) -> Any:
        flat = self._standardize_inputs(inputs)
        if mask is not None:
            for x, m in zip(flat, function_lib.flatten(mask), strict=False):
                if m is not None and x is not None:
                    masking.set_keras_mask(x, m)
        self._assert_input_compatibility(flat)

        call_op = None  # no `training` to pass: each node is called
        if training is not None:

            def call_op(op, *args, **kwargs):
                if isinstance(op, Layer) and op._call_spec.has_training:
                    kwargs["training"] = training
                return op(*args, **kwargs)

        outputs = self._run_through_graph(flat, None, call_fn=call_op)
        return _unpack_singleton(outputs)

    def _fast_graph_runner(self, x: Any) -> Any:
        if len(self._inputs) != 1 or x.ndim == 0:
            return None
        try:
            (standard,) = self._standardize_inputs(x)
        except ValueError:
            return None
        return run_graph_on_one if standard is x else None

    def compute_output_spec(
        self, inputs: Any, training: bool | None = None, mask: Any = None
    ) -> Any:
        if (
            isinstance(self._inputs_struct, list)
            and len(self._inputs_struct) == 1
            and isinstance(inputs, KerasTensor)
        ):
            inputs = [inputs]
        outputs = Function.compute_output_spec(self, inputs)
        return _unpack_singleton(outputs)

    def _standardize_inputs(self, inputs: Any) -> list:
        """The call's inputs as a flat list matching `self._inputs`,
        converted to the inputs' dtypes."""
        struct = self._inputs_struct
        if (
            isinstance(struct, list)
            and len(struct) == 1
            and not isinstance(inputs, (list, tuple, dict))
        ):
            inputs = [inputs]
        elif isinstance(inputs, dict):
            keys = (
                list(struct)
                if isinstance(struct, dict)
                else [x.name for x in self._inputs]
            )
            missing = [k for k in keys if k not in inputs]
            if missing:
                raise ValueError(
                    f"Model {self.name!r} was called with a dict missing "
                    f"the inputs {missing}. Expected keys: {keys}; "
                    f"received keys: {list(inputs)}."
                )
            if isinstance(struct, dict):
                inputs = {k: inputs[k] for k in struct}
            else:
                inputs = [inputs[k] for k in keys]
        flat = function_lib.flatten(inputs)
        if len(flat) != len(self._inputs):
            raise ValueError(
                f"Model {self.name!r} expects {len(self._inputs)} input(s) "
                f"structured as {function_lib._describe(struct)}, but "
                f"received {len(flat)}: {function_lib._describe(inputs)}."
            )
        converted = []
        for x, ref in zip(flat, self._inputs, strict=True):
            if x is None:
                layer = ref._history[0]
                if isinstance(layer, InputLayer) and not layer.optional:
                    raise ValueError(
                        f"The input {ref.name!r} is not optional, but None "
                        "was passed. Please provide a valid tensor, or "
                        "create the input with `optional=True`."
                    )
                converted.append(None)
            elif ref.dtype == "string" or layer_config.is_string_array(x):
                # Strings stay NumPy arrays for the string-processing
                # layers (StringLookup, TextVectorization, ...).
                converted.append(np.asarray(x))
            else:
                x = tensors.convert_to_tensor(x, dtype=ref.dtype)
                converted.append(_adjust_rank(x, ref))
        return converted

    # ------------------------------------------------------------ config
    def get_config(self) -> dict:
        """The graph as Keras 3 writes it: `name`, `trainable`, `layers`
        (each with its `inbound_nodes`), `input_layers`,
        `output_layers`."""
        if not functional_like_constructor(type(self)):
            return Layer.get_config(self)
        reindex = {}
        for op in self._operations:
            # Keras 3 counts a nested Functional's nodes from 1.
            kept = 1 if isinstance(op, Functional) else 0
            for index in range(len(op._inbound_nodes)):
                key = function_lib.make_node_key(op, index)
                if key in self._nodes:
                    reindex[key] = kept
                    kept += 1
        layer_configs = []
        for op in self._operations:
            inbound = []
            for index, node in enumerate(op._inbound_nodes):
                if function_lib.make_node_key(op, index) in self._nodes:
                    data = serialize_node(node, self._nodes)
                    if data is not None:
                        inbound.append(data)
            _check_op_config(op)
            layer_config = serialization_lib.serialize_keras_object(op)
            layer_config["name"] = op.name
            layer_config["inbound_nodes"] = inbound
            layer_configs.append(layer_config)

        def tensor_config(x):
            op, node_index, tensor_index = x._history
            key = function_lib.make_node_key(op, node_index)
            return [op.name, reindex[key], tensor_index]

        config = {
            "name": self.name,
            "trainable": self.trainable,
            "layers": layer_configs,
            "input_layers": function_lib._map_tensors(
                tensor_config, self._inputs_struct
            ),
            "output_layers": function_lib._map_tensors(
                tensor_config, self._outputs_struct
            ),
        }
        return copy.deepcopy(config)

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> Functional:
        """Rebuilds the graph: creates the layers, then replays their
        calls (`inbound_nodes`) once the tensors they need exist."""
        config = dict(config)
        for key in ("layers", "input_layers", "output_layers"):
            if key not in config:
                raise ValueError(
                    f"A Functional config needs the key {key!r}. Received "
                    f"keys: {sorted(config)}. Pass the output of a "
                    "Functional model's `get_config()`."
                )
        # `Functional` is not public API, so the saving library cannot
        # find a nested one by name; pass it along.
        custom_objects = {"Functional": Functional, **(custom_objects or {})}
        created: dict = {}
        pending: dict = {}
        for layer_data in config.pop("layers"):
            op_class = _operation_class(layer_data)
            layer = serialization_lib.deserialize_keras_object(
                layer_data,
                custom_objects=(
                    {**custom_objects, layer_data["class_name"]: op_class}
                    if op_class is not None
                    else custom_objects
                ),
            )
            if not isinstance(layer, Operation):
                raise ValueError(
                    "Unexpected object from deserialization: expected a "
                    f"layer or operation, got {type(layer).__name__} for "
                    f"the config named {layer_data.get('name')!r}."
                )
            created[layer_data["name"]] = layer
            pending[layer_data["name"]] = list(
                layer_data.get("inbound_nodes") or []
            )
        _replay_nodes(created, pending)

        def get_tensor(layer_name, node_index, tensor_index):
            if layer_name not in created:
                raise ValueError(
                    f"The config refers to the unknown layer "
                    f"{layer_name!r}; known layers: {list(created)}."
                )
            layer = created[layer_name]
            if isinstance(layer, Functional):
                node_index -= 1
            return layer._inbound_nodes[node_index].outputs[tensor_index]

        def map_config(data):
            if (
                isinstance(data, (list, tuple))
                and len(data) == 3
                and isinstance(data[0], str)
            ):
                return get_tensor(*data)
            if isinstance(data, dict):
                return {k: map_config(v) for k, v in data.items()}
            if isinstance(data, tuple):
                return tuple(map_config(v) for v in data)
            return [map_config(v) for v in data]

        inputs = map_config(config.pop("input_layers"))
        outputs = map_config(config.pop("output_layers"))
        name = config.pop("name", None)
        trainable = config.pop("trainable", None)
        return cls(
            inputs=inputs,
            outputs=outputs,
            name=name,
            trainable=trainable,
            **config,
        )


def _replay_nodes(created: dict, pending: dict) -> None:
    """Calls each layer on its saved arguments, in rounds: a call waits
    until the nodes it reads exist (a layer shared at different depths
    has calls on both sides of other layers')."""
    while any(pending.values()):
        progressed = False
        for name, queue in pending.items():
            while queue:
                try:
                    args, kwargs = deserialize_node(queue[0], created)
                except IndexError:
                    break
                created[name](*args, **kwargs)
                queue.pop(0)
                progressed = True
        if not progressed:
            stuck = [name for name, queue in pending.items() if queue]
            raise ValueError(
                "Cannot rebuild the Functional graph from its config: the "
                f"calls of layers {stuck} refer to nodes that no layer "
                "produces. The config is inconsistent."
            )


def serialize_node(node: Any, own_nodes: set) -> dict | None:
    """`{"args", "kwargs"}` of one call, tensors as `__keras_tensor__`
    with `keras_history` counting only the model's own nodes."""
    if node.is_input:
        return None

    def convert(x):
        if not isinstance(x, KerasTensor):
            return x
        op, node_index, tensor_index = x._history
        skipped = sum(
            1
            for i in range(node_index)
            if function_lib.make_node_key(op, i) not in own_nodes
        )
        proxy = KerasTensor(
            x.shape, dtype=x.dtype, sparse=x.sparse, record_history=False
        )
        proxy._keras_history = (op.name, node_index - skipped, tensor_index)
        return proxy

    args = function_lib._map_tensors(convert, list(node.call_args))
    kwargs = function_lib._map_tensors(convert, node.call_kwargs)
    return {
        "args": serialization_lib.serialize_keras_object(args),
        "kwargs": serialization_lib.serialize_keras_object(kwargs),
    }


def deserialize_node(node_data: Any, created: dict) -> tuple:
    """`(args, kwargs)` for replaying one saved call; raises IndexError
    when a tensor it needs has not been produced yet."""
    if not node_data:
        return [], {}
    if isinstance(node_data, list):
        return _deserialize_legacy_node(node_data, created)
    args = serialization_lib.deserialize_keras_object(node_data["args"])
    kwargs = serialization_lib.deserialize_keras_object(node_data["kwargs"])

    def revive(x):
        if not isinstance(x, KerasTensor):
            return x
        history = getattr(x, "_pre_serialization_keras_history", None)
        if history is None:
            return x
        return _saved_tensor(created, *history)

    return (
        function_lib._map_tensors(revive, list(args)),
        function_lib._map_tensors(revive, kwargs or {}),
    )


def _deserialize_legacy_node(node_data: list, created: dict) -> tuple:
    """Keras 2's `[[layer_name, node_index, tensor_index, kwargs], ...]`."""
    tensors = []
    kwargs: dict = {}
    for entry in node_data:
        if len(entry) not in (3, 4):
            raise ValueError(
                "Cannot deserialize the model: an inbound node entry must "
                "be [layer_name, node_index, tensor_index(, kwargs)]. "
                f"Received: {entry!r}."
            )
        tensors.append(_saved_tensor(created, *entry[:3]))
        if len(entry) == 4:
            kwargs = entry[3]
    return [_unpack_singleton(tensors)], kwargs


def _saved_tensor(created, layer_name, node_index, tensor_index):
    layer = created.get(layer_name)
    if layer is None:
        raise ValueError(
            f"Unknown layer: {layer_name!r}. The config's inbound nodes "
            f"refer to it, but only {list(created)} are defined."
        )
    if len(layer._inbound_nodes) <= node_index:
        raise IndexError(f"Node {node_index} of {layer_name!r} not made yet.")
    return layer._inbound_nodes[node_index].outputs[tensor_index]


def _check_op_config(op: Operation) -> None:
    """Refuses to save an op whose config lacks some of its constructor
    arguments (the base `Operation.get_config` holds only the name): it
    would load as a silently different graph."""
    if isinstance(op, Layer):
        return
    config = op.get_config()
    parameters = inspect.signature(type(op).__init__).parameters.values()
    dropped = [
        p.name
        for p in parameters
        if p.name not in ("self", "name")
        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        and p.name not in config
    ]
    if dropped:
        raise NotImplementedError(
            f"Cannot save the operation {op.name!r} ({type(op).__name__}) "
            f"in a model config: its arguments {dropped} are not part of "
            "its `get_config()`. Wrap the computation in a layer (e.g. "
            "`cornu.layers.Lambda` or a `Layer` subclass with "
            "`get_config`)."
        )


# Keras 3's op classes whose cornu counterparts have another name (a
# Keras graph calling `ops.any` records a node of class "Any").
_KERAS_OP_CLASSES = {
    "Abs": "Absolute",
    "All": "AllOf",
    "AllClose": "Allclose",
    "Any": "AnyOf",
    "CDist": "Cdist",
    "Conj": "Conjugate",
}


def _operation_class(layer_data: dict) -> type | None:
    """The op class (e.g. `Add`, from `cornu.ops.add` in a graph) that a
    layer config names with an internal ops module (`cornu.src.ops...` or
    Keras's `keras.src.ops...`); found among the loaded `Operation`
    subclasses, never by importing the named module."""
    module = layer_data.get("module") or ""
    if not module.startswith(("cornu.src.ops", "keras.src.ops")):
        return None
    name = layer_data.get("class_name")
    if module.startswith("keras."):
        name = _KERAS_OP_CLASSES.get(name, name)
    found = []
    stack = list(Operation.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if (
            cls.__name__ == name
            and cls.__module__.startswith("cornu.src.ops.")
            and not issubclass(cls, Layer)
            and cls not in found
        ):
            found.append(cls)
    exact = [c for c in found if c.__module__ == module]
    if exact:
        return exact[0]
    return found[0] if len(found) == 1 else None


def functional_like_constructor(cls: type) -> bool:
    """Whether `cls.__init__` takes Functional's arguments."""
    ours = inspect.getfullargspec(Functional.__init__).args[1:]
    return inspect.getfullargspec(cls.__init__).args[1:] == ours


def run_graph_on_one(model: Functional, x: Any) -> Any:
    """`model.call(x)` for a one-tensor input that passed its checks
    with no conversion before (see `Layer._fast_graph_runner`)."""
    return _unpack_singleton(model._run_through_graph([x], None))


def _unpack_singleton(x: Any) -> Any:
    if isinstance(x, (list, tuple)) and len(x) == 1:
        return x[0]
    return x


__all__ = ["Functional"]


def _adjust_rank(x: Any, ref: KerasTensor) -> Any:
    """`x` with a trailing size-1 axis added or removed when that is all
    that separates its rank from the Input's, as Keras does (labels of
    shape `(batch,)` for an Input of shape `(1,)`, and the reverse)."""
    ndim, want = len(x.shape), len(ref.shape)
    if ndim == want + 1 and x.shape[-1] == 1:
        return ops.squeeze(x, axis=-1)
    if ndim == want - 1 and ref.shape[-1] == 1:
        return ops.expand_dims(x, axis=-1)
    return x
