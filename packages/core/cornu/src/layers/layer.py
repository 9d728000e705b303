"""The `Layer` base class: state, lazy build, calls, masks, config.

A layer owns variables (created with `add_weight`, usually in `build`),
tracks the sub-layers and variables assigned to its attributes (also in
lists and dicts), builds itself on the first call from the input shapes,
and runs either eagerly on tensors or symbolically on `KerasTensor`s
(recording a graph node, which is how Functional models are made).

The backend supplies the first base class (`backend/<name>/layer.py`): on
torch a layer is a `torch.nn.Module` whose parameters are its variables.
"""

from __future__ import annotations

import functools
import math
import warnings
from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src import ops
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import global_state
from cornu.src.backend.common import masking
from cornu.src.backend.common.autocast_scope import AutocastScope
from cornu.src.backend.common.name_scope import current_path
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.backend.common.stateless_scope import StatelessScope
from cornu.src.backend.common.symbolic_scope import SymbolicScope
from cornu.src.dtype_policies import dtype_policy as dtype_policies
from cornu.src.layers import call_spec as call_spec_lib
from cornu.src.layers import layer_config
from cornu.src.layers import layer_shapes
from cornu.src.layers import tracking
from cornu.src.layers.input_spec import assert_input_compatibility
from cornu.src.layers.layer_state_io import LayerStateIO
from cornu.src.ops import node as node_lib
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.keras_tensor import any_symbolic
from cornu.src.ops.operation import Operation
from cornu.src.ops.operation_utils import shape_of

BackendLayer = backend.load_integration("layer").BackendLayer


@cornu_export(["cornu.Layer", "cornu.layers.Layer"])
class Layer(BackendLayer, LayerStateIO, Operation):
    """Base class of all layers.

    Subclasses create their state in `build(input_shape)` with
    `add_weight` (or in `__init__` when the shapes are known) and compute
    in `call(inputs, ...)` with `cornu.ops`. `call` may take `training`
    and `mask` arguments: they are filled in from the enclosing call and
    the inputs' masks when not given.

    Args:
        activity_regularizer: Optional regularizer of the layer's output;
            its value divided by the batch size is added to `losses` on
            each call (as in Keras 3).
        trainable: Whether the layer's variables are trained.
        dtype: The dtype policy: a dtype name, `"mixed_float16"`,
            `"mixed_bfloat16"`, or a `DTypePolicy`. Defaults to the global
            policy (`cornu.config.floatx()`).
        autocast: Whether floating inputs (and variables, when reading them
            inside `call`) are cast to the compute dtype.
        name: The layer's name; unique per session when omitted.
        **kwargs: `input_shape` or `input_dim` (for the first layer of a
            `Sequential` model).

    Example:

    >>> class Scale(cornu.layers.Layer):
    ...     def build(self, input_shape):
    ...         self.w = self.add_weight(shape=(input_shape[-1],),
    ...                                  initializer="ones")
    ...     def call(self, x):
    ...         return x * self.w
    >>> layer = Scale()
    >>> y = layer(cornu.ops.ones((2, 3)))
    >>> [w.path for w in layer.weights], layer.count_params()
    (['scale/variable'], 3)
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Layer:
        obj = object.__new__(cls)
        object.__setattr__(obj, "_tracked_attrs", [])
        object.__setattr__(obj, "_fast_call", None)
        obj._initialize_backend()
        obj._auto_config = layer_config.capture_init_args(cls, args, kwargs)
        return obj

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "build" in cls.__dict__:
            cls.build = _wrap_build(cls.__dict__["build"])
        cls._call_spec = call_spec_lib.CallSignature(cls.call)

    def __init__(
        self,
        *,
        activity_regularizer: Any = None,
        trainable: bool = True,
        dtype: Any = None,
        autocast: bool = True,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        input_dim = kwargs.pop("input_dim", None)
        if input_dim is not None:
            input_shape = (input_dim,)
        else:
            input_shape = kwargs.pop("input_shape", None)
        if kwargs:
            raise ValueError(
                f"Unrecognized keyword arguments passed to "
                f"{type(self).__name__}: {kwargs}. Check the spelling; "
                "layers accept `input_shape`/`input_dim` besides their own "
                "arguments."
            )
        Operation.__init__(self, name=name)
        self._input_shape_arg = (
            tuple(input_shape) if input_shape is not None else None
        )
        self.built = False
        self._fully_built = False
        self._trainable = bool(trainable)
        self._dtype_policy = dtype_policies.get(dtype)
        self.autocast = bool(autocast)
        self.activity_regularizer = layer_config.get_regularizer(
            activity_regularizer
        )
        self._variable_list: list = []
        self._losses: list = []
        self._build_shapes: dict | None = None
        self._parent_path: str | None = None
        self.input_spec = None
        if not hasattr(self, "supports_masking"):
            self.supports_masking = (
                type(self).compute_mask is not Layer.compute_mask
            )

    # ----------------------------------------------------------- tracking
    def __setattr__(self, name: str, value: Any) -> None:
        if name == "__dict__":
            # A whole-state copy (e.g. `torch.export` cloning a module):
            # the tracking lists arrive inside the new dict.
            object.__setattr__(self, name, value)
            return
        if tracking.is_trackable(value) and name not in self._tracked_attrs:
            self._tracked_attrs.append(name)
        # Any change of state may change what a call must check; not
        # torch's `Module.training` (set by `train()`/`eval()`), which
        # no cornu call reads: `training` is the call's argument.
        if name != "training":
            object.__setattr__(self, "_fast_call", None)
        self._backend_setattr(name, value)

    def __delattr__(self, name: str) -> None:
        if name in self._tracked_attrs:
            self._tracked_attrs.remove(name)
        self._backend_delattr(name)

    def _own_weights(self) -> list:
        """This layer's weights (not its sub-layers'), in creation order:
        those made by `add_weight`, then those assigned to attributes."""
        return tracking.unique(
            self._variable_list + tracking.variables_in(self)
        )

    def _own_variables(self) -> list:
        """This layer's weights plus the state of its seed generators."""
        return tracking.unique(
            self._own_weights() + tracking.seed_states_in(self)
        )

    def _tracked_sublayers_in_containers(self) -> list:
        return tracking.sublayers_in_containers(self)

    @property
    def _layers(self) -> list:
        """Direct sub-layers, in attribute-assignment order."""
        return tracking.sublayers_in(self)

    def _flatten_layers(
        self, include_self: bool = True, recursive: bool = True
    ) -> list:
        layers = [self] if include_self else []
        seen = {id(self)}
        stack = list(reversed(self._layers))
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            layers.append(layer)
            if recursive:
                stack.extend(reversed(layer._layers))
        return layers

    # ---------------------------------------------------------- variables
    def add_weight(
        self,
        shape: Any = None,
        initializer: Any = None,
        dtype: Any = None,
        trainable: bool = True,
        autocast: bool = True,
        regularizer: Any = None,
        constraint: Any = None,
        aggregation: str = "none",
        overwrite_with_gradient: bool = False,
        name: str | None = None,
    ) -> Any:
        """Creates a variable owned by this layer.

        Args:
            shape: The shape; defaults to `()` (a scalar).
            initializer: An initializer object, name or callable. Defaults
                to `"glorot_uniform"` for floating dtypes and `"zeros"`
                otherwise.
            dtype: Defaults to the layer's variable dtype.
            trainable: Whether optimizers update it.
            autocast: Whether it is read in the compute dtype inside
                `call` under a mixed-precision policy.
            regularizer: Optional regularizer; its penalty joins `losses`.
            constraint: Optional constraint applied after each update.
            aggregation: How replicas combine it.
            overwrite_with_gradient: Whether optimizers overwrite it with
                its gradient instead of applying an update.
            name: The variable's name (its path adds the layer's name).

        Returns:
            The new `cornu.Variable`.
        """
        shape = () if shape is None else shape
        dtype = dtype or self.variable_dtype
        initializer = layer_config.get_initializer(initializer, dtype)
        with name_scope(self.name, caller=self):
            variable = backend.Variable(
                initializer=initializer,
                shape=shape,
                dtype=dtype,
                trainable=trainable,
                autocast=autocast,
                aggregation=aggregation,
                name=name or "variable",
            )
        variable.regularizer = layer_config.get_regularizer(regularizer)
        variable.constraint = layer_config.get_constraint(constraint)
        variable.overwrite_with_gradient = overwrite_with_gradient
        variable._created_trainable = bool(trainable)
        self._variable_list.append(variable)
        self._sync_backend_tracking()
        return variable

    def add_variable(self, *args: Any, **kwargs: Any) -> Any:
        """Alias of `add_weight`."""
        return self.add_weight(*args, **kwargs)

    @property
    def trainable(self) -> bool:
        """Whether the layer's variables are trained; setting it sets
        every sub-layer (freezing a model freezes all its layers)."""
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        # As in Keras, only variables created trainable follow the layer:
        # non-trainable state (BatchNormalization's moving statistics)
        # stays non-trainable when a model is unfrozen or loaded with
        # `"trainable": true` in its config.
        value = bool(value)
        for layer in self._flatten_layers():
            layer._trainable = value
            for variable in layer._own_weights():
                if not hasattr(variable, "_created_trainable"):
                    variable._created_trainable = variable.trainable
                if variable._created_trainable:
                    variable.trainable = value

    @property
    def variables(self) -> list:
        """All variables of the layer and its sub-layers."""
        return tracking.unique(
            [
                v
                for layer in self._flatten_layers()
                for v in layer._own_variables()
            ]
        )

    @property
    def weights(self) -> list:
        """The trainable and non-trainable weights of the layer and its
        sub-layers (`variables` without seed-generator state)."""
        return tracking.unique(
            [
                v
                for layer in self._flatten_layers()
                for v in layer._own_weights()
            ]
        )

    @property
    def trainable_variables(self) -> list:
        if not self.trainable:
            return []
        return [
            v
            for layer in self._flatten_layers()
            if layer.trainable
            for v in layer._own_weights()
            if v.trainable
        ]

    @property
    def non_trainable_variables(self) -> list:
        trainable = {id(v) for v in self.trainable_variables}
        return [v for v in self.variables if id(v) not in trainable]

    @property
    def trainable_weights(self) -> list:
        return self.trainable_variables

    @property
    def non_trainable_weights(self) -> list:
        trainable = {id(v) for v in self.trainable_variables}
        return [v for v in self.weights if id(v) not in trainable]

    def get_weights(self) -> list:
        """The values of `weights`, as NumPy arrays."""
        return [v.numpy() for v in self.weights]

    def set_weights(self, weights: list) -> None:
        """Sets `weights` from a list of arrays (same order and shapes)."""
        variables = self.weights
        if len(weights) != len(variables):
            raise ValueError(
                f"Layer {self.name!r} expects {len(variables)} weight "
                f"arrays, but received {len(weights)}. Provided weights: "
                f"{[np.shape(w) for w in weights]}; expected shapes: "
                f"{[v.shape for v in variables]}."
            )
        for variable, value in zip(variables, weights, strict=True):
            if tuple(np.shape(value)) != variable.shape:
                raise ValueError(
                    f"Layer {self.name!r}: weight {variable.path!r} has "
                    f"shape {variable.shape}, but the received value has "
                    f"shape {tuple(np.shape(value))}."
                )
            variable.assign(value)

    def count_params(self) -> int:
        """The number of scalars in the layer's weights."""
        if not self.built:
            raise ValueError(
                f"You tried to call `count_params` on layer {self.name!r}, "
                "but the layer isn't built. Build it first, e.g. "
                "`layer.build(input_shape)` or by calling it on data."
            )
        return int(sum(math.prod(v.shape) for v in self.weights))

    # ------------------------------------------------------------- dtypes
    @property
    def dtype_policy(self) -> Any:
        return self._dtype_policy

    @dtype_policy.setter
    def dtype_policy(self, value: Any) -> None:
        self._dtype_policy = dtype_policies.get(value)

    @property
    def dtype(self) -> str:
        """The dtype of the layer's weights (`variable_dtype`)."""
        return self._dtype_policy.variable_dtype

    @property
    def compute_dtype(self) -> str:
        return self._dtype_policy.compute_dtype

    @property
    def variable_dtype(self) -> str:
        return self._dtype_policy.variable_dtype

    @property
    def input_dtype(self) -> str:
        """The dtype floating inputs are cast to."""
        return self._dtype_policy.compute_dtype

    # -------------------------------------------------------------- build
    def build(self, input_shape: Any = None) -> None:
        """Creates the layer's state from the input shape(s); called once,
        automatically, on the first call."""
        if input_shape is not None and self._build_shapes is None:
            # Recorded for `get_build_config`, as a subclass's own `build`
            # is: a layer without one (e.g. a subclassed model whose
            # sublayers build on the first call) is rebuilt from it on load.
            self._build_shapes = {"input_shape": input_shape}
        self.built = True
        self._post_build()

    def _maybe_build(self, spec: call_spec_lib.BoundCall) -> None:
        if self.built:
            return
        shapes = spec.build_shapes(self.build)
        if shapes is None:
            self.build()
        else:
            self.build(**shapes)

    def build_from_config(self, config: dict) -> None:
        """Builds the layer from `get_build_config()`'s output.

        A layer without its own `build` whose sublayers are not built yet
        (typically a subclassed model that creates them in `__init__` and
        builds them on the first call) is built by calling it on symbolic
        inputs of the recorded shape, as Keras 3 does.
        """
        if not config:
            return
        if "input_shape" in config:
            shapes = {
                "input_shape": layer_shapes.as_shapes(config["input_shape"])
            }
        elif "shapes_dict" in config:
            shapes = {
                k: layer_shapes.as_shapes(v)
                for k, v in config["shapes_dict"].items()
            }
        else:
            return
        if (
            type(self).build is Layer.build
            and "input_shape" in shapes
            and any(
                not layer.built
                for layer in self._flatten_layers(include_self=False)
            )
        ):
            self._build_by_symbolic_call(shapes["input_shape"])
        elif "input_shape" in shapes:  # `build`'s one argument, any name
            self.build(shapes["input_shape"])
        else:
            self.build(**shapes)
        self.built = True

    def _build_by_symbolic_call(self, input_shape: Any) -> None:
        inputs = tree.map_shape_structure(
            lambda shape: KerasTensor(shape, self.input_dtype), input_shape
        )
        spec = call_spec_lib.BoundCall(self._call_spec, (inputs,), {})
        try:
            # No node: this call is not part of any graph.
            self._symbolic_outputs(spec, (inputs,), {})
        except Exception as e:  # noqa: BLE001 - reported, as Keras does
            warnings.warn(
                f"Layer {self.name!r} ({type(self).__name__}) had a build "
                f"config (input shape {input_shape}) but could not be built "
                "by calling it on symbolic inputs of that shape: "
                f"{type(e).__name__}: {e}. Give the class a "
                "`build(input_shape)` method that creates its sublayers' "
                "weights, or override `build_from_config(config)`.",
                stacklevel=3,
            )

    def get_build_config(self) -> dict | None:
        """The input shapes the layer was built with, for saving."""
        if self._build_shapes is None:
            return None
        if len(self._build_shapes) == 1:
            return {"input_shape": next(iter(self._build_shapes.values()))}
        return {"shapes_dict": dict(self._build_shapes)}

    # --------------------------------------------------------------- call
    def call(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f"Layer {type(self).__name__} does not have a `call()` method "
            "implemented. Define `call(self, inputs, ...)`."
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        fast = self._fast_call
        if fast is not None and len(args) == 1 and not kwargs:
            # Hot path: the same kind of input as the last call, which
            # passed every check (see `_enable_fast_call`).
            x = args[0]
            if (
                type(x) is fast[0]
                and x.shape == fast[1]
                and x.dtype == fast[2]
            ):
                run_graph = fast[3]
                if run_graph is None:
                    outputs = self.call(x)
                    if self.supports_masking:
                        mask = masking.get_keras_mask(x)
                        if mask is not None:
                            self._set_output_masks(args, outputs)
                    return outputs
                if (
                    global_state.get("call_context") is None
                    and masking.get_keras_mask(x) is None
                ):
                    return self._fast_entry_call(run_graph, x)
        spec = call_spec_lib.BoundCall(self._call_spec, args, kwargs)
        if any_symbolic(args, kwargs):
            return self._symbolic_call(spec, args, kwargs)
        args, kwargs = self._convert_inputs(args, kwargs)
        spec.args, spec.kwargs = args, kwargs
        return self._eager_call(spec, args, kwargs)

    def _convert_inputs(self, args, kwargs):
        """NumPy arrays become tensors; floating inputs are cast to the
        compute dtype when `autocast` is on."""
        dtype = self.compute_dtype if self.autocast else None
        return layer_config.convert_inputs(args, kwargs, dtype)

    def _eager_call(self, spec, args, kwargs):
        context = global_state.get("call_context")
        entry = context is None
        if entry:
            context = self._open_entry_context()
        try:
            kwargs = self._fill_training_and_mask(spec, args, kwargs, context)
            if not self._fully_built:
                with name_scope(self.name, caller=self):
                    self._parent_path = self._parent_path or current_path()
                    outputs = self._run_call(spec, args, kwargs)
                self._fully_built = True
                self._sync_backend_tracking()
            else:
                outputs = self._run_call(spec, args, kwargs)
        finally:
            if entry:
                global_state.set("call_context", None)
        if self.activity_regularizer is not None:
            for output in tree.flatten(outputs):
                self.add_loss(self._activity_loss(output))
        if self.supports_masking:
            self._set_output_masks(args, outputs)
        self._enable_fast_call(args, kwargs)
        # For `summary()` of subclassed models, whose layers are not in
        # a graph: the output shape seen last, batch size unknown.
        object.__setattr__(
            self, "_last_output_shape", layer_shapes.batchless_shapes(outputs)
        )
        return outputs

    def _enable_fast_call(self, args: tuple, kwargs: dict) -> None:
        """After a full call: lets later calls on the same kind of input
        skip the checks, when nothing in them depends on the call.

        A layer whose `call` takes `training` or `mask` qualifies only as
        a model whose graph takes the input as it is
        (`_fast_graph_runner`): its hot path then opens the call context
        itself, so the flag and masks still reach its layers."""
        if not (
            len(args) == 1
            and not kwargs
            and self.activity_regularizer is None
            and not self._losses
            and not (
                self.autocast and self.compute_dtype != self.variable_dtype
            )
            and type(self).__call__ is Layer.__call__
            and backend.core.is_tensor(args[0])
        ):
            return
        x = args[0]
        run_graph = None
        if self._call_spec.has_training or self._call_spec.has_mask:
            run_graph = self._fast_graph_runner(x)
            if run_graph is None:
                return
        elif type(self).compute_mask is not Layer.compute_mask:
            return  # a mask made from the values (Masking, Embedding)
        object.__setattr__(
            self, "_fast_call", (type(x), x.shape, x.dtype, run_graph)
        )

    def _fast_graph_runner(self, x: Any) -> Any:
        """For models: a function `(model, x)` running the model's graph
        on `x`, when a call on `x` needs no conversion of it; `None`
        otherwise, and for every other layer."""
        return None

    def _open_entry_context(self) -> _CallContext:
        """At the entry of a call (no outer call): drops the losses of
        the previous call (losses describe the last call; only layers
        that added some are visited) and opens the call context."""
        for layer in self.__dict__.get("_loss_holders", ()):
            layer._losses.clear()
        context = _CallContext(self)
        global_state.set("call_context", context)
        return context

    def _fast_entry_call(self, run_graph: Any, x: Any) -> Any:
        """A model's call on its hot path: what `_eager_call` does at the
        entry of a call with no `training` flag and no mask, where the
        last call showed that the checks and conversions leave `x` as it
        is."""
        self._open_entry_context()
        try:
            return run_graph(self, x)
        finally:
            global_state.set("call_context", None)

    def _run_call(self, spec, args, kwargs):
        if self.input_spec is not None and args:
            assert_input_compatibility(self.input_spec, args[0], self.name)
        self._maybe_build(spec)
        if self.autocast and self.compute_dtype != self.variable_dtype:
            with AutocastScope(self.compute_dtype):
                return self.call(*args, **kwargs)
        return self.call(*args, **kwargs)

    def _fill_training_and_mask(self, spec, args, kwargs, context):
        if not self._call_spec.has_training and "training" in kwargs:
            # `call` takes no `training`: the flag still reaches the
            # layers called inside it, as in Keras.
            kwargs = dict(kwargs)
            training = kwargs.pop("training")
            if training is not None and context.training is None:
                context.training = training
        if self._call_spec.has_training:
            training = kwargs.get("training")
            if training is None:
                training = context.training
            if training is None:
                training = self._call_spec.training_default
            if training is not None:
                kwargs = {**kwargs, "training": training}
            if context.training is None:
                context.training = training
        if self._call_spec.has_mask and kwargs.get("mask") is None and args:
            x = args[0]
            if not tree.is_nested(x):  # one tensor
                mask = masking.get_keras_mask(x)
                if mask is not None:
                    kwargs = {**kwargs, "mask": mask}
                return kwargs
            mask = tree.map_structure(masking.get_keras_mask, x)
            if any(m is not None for m in tree.flatten(mask)):
                kwargs = {**kwargs, "mask": mask}
        return kwargs

    def _set_output_masks(self, args, outputs):
        if not args:
            return
        x = args[0]
        if tree.is_nested(x):
            previous = tree.map_structure(masking.get_keras_mask, x)
            if all(m is None for m in tree.flatten(previous)):
                previous = None
        else:
            previous = masking.get_keras_mask(x)
        masks = self.compute_mask(args[0], previous)
        if masks is None:
            return
        flat_outputs = tree.flatten(outputs)
        flat_masks = (
            [masks] * len(flat_outputs)
            if not isinstance(masks, (list, tuple, dict))
            else tree.flatten(masks)
        )
        for output, mask in zip(flat_outputs, flat_masks, strict=False):
            if mask is not None and masking.get_keras_mask(output) is None:
                masking.set_keras_mask(output, mask)

    def _symbolic_call(self, spec, args, kwargs):
        outputs = self._symbolic_outputs(spec, args, kwargs)
        node_lib.Node(self, call_args=args, call_kwargs=kwargs, outputs=outputs)
        if self.supports_masking:
            self._set_output_masks(args, outputs)
        return outputs

    def _symbolic_outputs(self, spec, args, kwargs):
        """Builds the layer if needed and runs `call` on symbolic inputs;
        records no node."""
        context = global_state.get("call_context") or _CallContext(self)
        if self.input_spec is not None and args:
            assert_input_compatibility(self.input_spec, args[0], self.name)
        dtype = self.compute_dtype if self.autocast else None
        # Sublayers first built inside `call` get their paths under this
        # layer's name, as on an eager first call.
        with name_scope(self.name, caller=self):
            self._parent_path = self._parent_path or current_path()
            self._maybe_build(spec)
            # The node records the arguments as given: `training` and
            # masks are filled in again when the graph runs on data.
            filled = self._fill_training_and_mask(spec, args, kwargs, context)
            with SymbolicScope():
                outputs = self.compute_output_spec(
                    *tree.map_structure(
                        lambda x: layer_shapes.detached(x, dtype), args
                    ),
                    **filled,
                )
        return tree.map_structure(layer_shapes.fresh_symbolic, outputs)

    def compute_output_spec(self, *args: Any, **kwargs: Any) -> Any:
        """Output KerasTensor(s) for symbolic inputs. By default runs
        `call` on detached copies of the inputs (cornu's ops all have
        shape rules), or uses `compute_output_shape` when the layer
        defines it."""
        if type(self).compute_output_shape is not Layer.compute_output_shape:
            first = args[0] if args else next(iter(kwargs.values()))
            shapes = self.compute_output_shape(
                tree.map_structure(shape_of, first)
            )
            return layer_shapes.specs_from_shapes(shapes, self.compute_dtype)
        detached_args = tree.map_structure(layer_shapes.detached, args)
        detached_kwargs = tree.map_structure(layer_shapes.detached, kwargs)
        return self.call(*detached_args, **detached_kwargs)

    def compute_output_shape(self, *args: Any, **kwargs: Any) -> Any:
        """The output shape(s) for input shape(s); by default found by a
        symbolic call."""
        inputs = tuple(
            tree.map_shape_structure(
                lambda shape: KerasTensor(shape, self.compute_dtype), arg
            )
            for arg in args
        )
        if not self.built:
            with name_scope(self.name, caller=self):
                self._maybe_build(
                    call_spec_lib.BoundCall(self._call_spec, inputs, kwargs)
                )
        outputs = self.compute_output_spec(*inputs, **kwargs)
        return tree.map_structure(lambda t: t.shape, outputs)

    def compute_mask(self, inputs: Any, previous_mask: Any) -> Any:
        """The mask of the output; by default the input's mask."""
        return previous_mask

    # ------------------------------------------------------------- losses
    def _activity_loss(self, output: Any) -> Any:
        """The activity regularizer's penalty of `output`, divided by the
        batch size (Keras 3's normalization: the penalty does not grow
        with the batch; 0 for an empty batch)."""
        loss = self.activity_regularizer(output)
        if len(output.shape) == 0:
            return loss
        batch_size = ops.cast(ops.shape(output)[0], loss.dtype)
        return ops.divide_no_nan(loss, batch_size)

    def add_loss(self, loss: Any) -> None:
        """Adds a scalar loss tensor (e.g. a penalty) to `losses`."""
        scope = _stateless_scope()
        if scope is not None and scope.collect_losses:
            scope.add_loss(loss)
            return
        if isinstance(loss, KerasTensor):
            return  # symbolic calls record no values
        self._losses.append(loss)
        context = global_state.get("call_context")
        if context is not None:
            holders = context.entry.__dict__.setdefault("_loss_holders", [])
            if self not in holders:
                holders.append(self)

    @property
    def losses(self) -> list:
        """Losses added during the last call, plus weight penalties."""
        out = []
        for layer in self._flatten_layers():
            out.extend(layer._losses)
        for variable in self.trainable_weights:
            if variable.regularizer is not None:
                out.append(variable.regularizer(variable))
        return out

    def _clear_losses(self) -> None:
        for layer in self._flatten_layers():
            layer._losses.clear()

    # -------------------------------------------------- stateless (for JAX)
    def stateless_call(
        self,
        trainable_variables: list,
        non_trainable_variables: list,
        *args: Any,
        return_losses: bool = False,
        **kwargs: Any,
    ) -> tuple:
        """Calls the layer as a pure function of the given variable values.

        Args:
            trainable_variables: Values for `self.trainable_variables`.
            non_trainable_variables: Values for
                `self.non_trainable_variables`.
            *args: Call arguments.
            return_losses: Also return the losses added by the call.
            **kwargs: Call keyword arguments.

        Returns:
            `(outputs, non_trainable_variables)`, plus `losses` when
            `return_losses`; the layer's own variables are not changed.
        """
        if not self.built:
            raise ValueError(
                f"To call stateless_call, layer {self.name!r} must be "
                "built (i.e. its variables must have been already "
                "created). Call it once on data, or call `build`."
            )
        expected = (
            (
                "trainable_variables",
                self.trainable_variables,
                trainable_variables,
            ),
            (
                "non_trainable_variables",
                self.non_trainable_variables,
                non_trainable_variables,
            ),
        )
        for label, variables, values in expected:
            if len(values) != len(variables):
                raise ValueError(
                    f"stateless_call of layer {self.name!r} expects "
                    f"{len(variables)} {label}, received {len(values)}."
                )
        mapping = list(zip(expected[0][1], trainable_variables, strict=True))
        mapping += list(
            zip(expected[1][1], non_trainable_variables, strict=True)
        )
        with StatelessScope(
            state_mapping=mapping, collect_losses=return_losses
        ) as scope:
            outputs = self(*args, **kwargs)
        new_values = []
        for variable in expected[1][1]:
            value = scope.get_current_value(variable)
            new_values.append(value if value is not None else variable.value)
        if return_losses:
            return outputs, new_values, list(scope.losses)
        return outputs, new_values

    # -------------------------------------------------------------- graph
    @property
    def input(self) -> Any:
        """The symbolic input of the layer's first call in a graph."""
        args = self._node_attribute("call_args", "input")
        return args[0] if args else []  # an InputLayer has no input

    @property
    def output(self) -> Any:
        """The symbolic output of the layer's first call in a graph."""
        outputs = self._node_attribute("outputs", "output")
        return outputs[0] if len(outputs) == 1 else outputs

    def _node_attribute(self, attr: str, label: str) -> Any:
        if not self._inbound_nodes:
            raise AttributeError(
                f"The layer {self.name!r} has never been called and thus "
                f"has no defined {label}. Call it on a `cornu.Input`."
            )
        return getattr(self._inbound_nodes[0], attr)

    @property
    def path(self) -> str:
        """The layer's name prefixed by the names of enclosing layers."""
        parent = self._parent_path
        return f"{parent}/{self.name}" if parent else self.name

    # ------------------------------------------------------------- config
    def get_config(self) -> dict:
        """The constructor arguments, to rebuild the layer with
        `from_config`. Layers with arguments of their own override it;
        simple subclasses get their `__init__` arguments recorded
        automatically."""
        config = {
            "name": self.name,
            "trainable": self.trainable,
            "dtype": layer_config.serialize_dtype_policy(self.dtype_policy),
        }
        if self.activity_regularizer is not None:
            config["activity_regularizer"] = layer_config.serialize(
                self.activity_regularizer
            )
        if type(self).get_config is not Layer.get_config:
            return config
        if self._auto_config is None:
            raise NotImplementedError(
                f"Layer {type(self).__name__} has constructor arguments "
                "that cannot be saved automatically. Implement "
                "`get_config()` returning them (and `from_config` if "
                "they need deserializing)."
            )
        return {**self._auto_config, **config}

    @classmethod
    def from_config(cls, config: dict) -> Layer:
        """Creates a layer from `get_config()`'s output."""
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = layer_config.deserialize_dtype_policy(
                config["dtype"]
            )
        try:
            return cls(**config)
        except Exception as e:
            if getattr(e, "is_deserialization_error", False):
                raise  # a nested object's error, which names it already
            raise TypeError(
                f"Error when deserializing class '{cls.__name__}' using "
                f"config={config}. Exception encountered: {e}"
            ) from e

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"

    def __str__(self) -> str:
        return self.__repr__()

    def _post_build(self) -> None:
        self._sync_backend_tracking()


class _CallContext:
    """What an outer layer's call passes down: the `training` flag."""

    def __init__(self, entry: Any = None) -> None:
        self.entry = entry
        self.training = None


def _stateless_scope() -> StatelessScope | None:
    return global_state.get("stateless_scope")


def _wrap_build(build):
    """Makes a subclass's `build` mark the layer built, record its input
    shapes and create variables under the layer's name scope, however it
    is called (directly, or by the first call)."""

    @functools.wraps(build)
    def wrapper(self, *args, **kwargs):
        if self.__dict__.get("_in_build"):
            return build(self, *args, **kwargs)  # `super().build(...)`
        object.__setattr__(self, "_in_build", True)
        try:
            with name_scope(self.name, caller=self):
                if self._parent_path is None:
                    self._parent_path = current_path().rpartition("/")[0]
                result = build(self, *args, **kwargs)
        finally:
            object.__setattr__(self, "_in_build", False)
        self._build_shapes = call_spec_lib.bound_shapes(build, args, kwargs)
        self.built = True
        self._post_build()
        return result

    return wrapper


__all__ = ["Layer"]
Layer._call_spec = call_spec_lib.CallSignature(Layer.call)
