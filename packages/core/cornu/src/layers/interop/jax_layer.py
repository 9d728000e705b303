"""`JaxLayer` and `FlaxLayer`: JAX functions and Flax modules as layers."""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src import backend
from cornu.src import ops
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.backend.common.variables import Variable
from cornu.src.layers.layer import Layer
from cornu.src.random import seed_generator
from cornu.src.saving import serialization_lib


class _StateMismatch(Exception):
    """A leaf of the new state where the old state has no variable."""


def _jax(owner: str) -> Any:
    return backend.load_integration("interop").jax_support(owner)


def _arguments(fn: Any, fn_name: str, allowed: set, required: set) -> list:
    """The parameter names of `fn`, checked against `allowed`/`required`."""
    parameters = inspect.signature(fn).parameters
    for name in sorted(required):
        if name not in parameters:
            raise ValueError(
                f"Missing required argument in `{fn_name}`: `{name}`. "
                f"Received a function with arguments {list(parameters)}; "
                f"it must take `{name}` (and any of {sorted(allowed)})."
            )
    names = []
    for name in parameters:
        if name not in allowed:
            raise ValueError(
                f"Unsupported argument in `{fn_name}`: `{name}`, supported "
                f"arguments are `{'`, `'.join(sorted(allowed))}`. Rename it "
                "or wrap the function in one taking these names."
            )
        names.append(name)
    return names


@cornu_export("cornu.layers.JaxLayer")
class JaxLayer(Layer):
    """Wraps a JAX function as a layer (jax backend only).

    `call_fn` computes the layer; its arguments are picked by name among
    `params` (trainable parameters, a pytree), `state` (non-trainable
    state, a pytree; `call_fn` then returns `(outputs, new_state)`),
    `rng` (a PRNG key, passed in training, `None` otherwise), `inputs`
    (required) and `training`. The arrays of `params` and `state` (given,
    or made by `init_fn` on the first call) become the layer's variables,
    so cornu optimizers train them and the layer saves them.

    Args:
        call_fn: The model function, as above.
        init_fn: Optional `init_fn(rng, inputs, training)` (any subset,
            `inputs` required) returning `params`, or `(params, state)`
            when `call_fn` takes `state`. Needed unless `params`/`state`
            are given.
        params: Optional pytree of initial trainable arrays.
        state: Optional pytree of initial non-trainable arrays.
        seed: Optional int seeding the `rng` keys of `call_fn`.
        native_serialization_platforms: Kept for Keras compatibility
            (platforms for `jax2tf` export on the TensorFlow backend).
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Raises:
        BackendNotSupportedError: On a backend other than jax.

    Example:

    >>> def call_fn(params, inputs):
    ...     return inputs @ params["w"] + params["b"]
    >>> params = {"w": cornu.ops.ones((3, 2)), "b": cornu.ops.zeros((2,))}
    >>> try:
    ...     layer = cornu.layers.JaxLayer(call_fn, params=params)
    ...     y = cornu.ops.convert_to_numpy(layer(cornu.ops.ones((1, 3))))
    ...     result = y.tolist()
    ... except cornu.errors.BackendNotSupportedError:
    ...     result = [[3.0, 3.0]]  # not the jax backend
    >>> result
    [[3.0, 3.0]]
    """

    def __init__(
        self,
        call_fn: Any,
        init_fn: Any = None,
        params: Any = None,
        state: Any = None,
        seed: int | None = None,
        native_serialization_platforms: Any = None,
        **kwargs: Any,
    ) -> None:
        _jax(type(self).__name__)
        super().__init__(**kwargs)
        self.call_fn = call_fn
        self.init_fn = init_fn
        self.seed = seed
        self.jax2tf_native_serialization_platforms = (
            native_serialization_platforms
        )
        self.params = None
        self.state = None
        self._create_variables(params, trainable=True)
        self._create_variables(state, trainable=False)
        self.call_fn_arguments = _arguments(
            call_fn,
            "call_fn",
            {"params", "state", "rng", "inputs", "training"},
            {"inputs"},
        )
        self.call_fn_has_params = "params" in self.call_fn_arguments
        self.call_fn_has_state = "state" in self.call_fn_arguments
        if "rng" in self.call_fn_arguments:
            self.seed_generator = seed_generator.SeedGenerator(seed)
        else:
            self.seed_generator = None
        if (
            init_fn is None
            and params is None
            and state is None
            and (self.call_fn_has_params or self.call_fn_has_state)
        ):
            raise ValueError(
                f"{type(self).__name__}: `init_fn`, `params` and `state` "
                "cannot all be `None` when `call_fn` takes a `params` or a "
                "`state` argument. Pass the initial `params=...`, or an "
                "`init_fn(rng, inputs)` returning them."
            )
        if init_fn is not None:
            self.init_fn_arguments = _arguments(
                init_fn, "init_fn", {"rng", "inputs", "training"}, {"inputs"}
            )
        if self.params is not None or self.state is not None:
            self.built = True

    # -------------------------------------------------------- variables
    def _create_variables(self, values: Any, trainable: bool) -> None:
        """Turns the arrays (and Python numbers) of the pytree `values`
        into variables, in place of them in `self.params`/`self.state`;
        other leaves are configuration and stay as they are."""
        support = _jax(type(self).__name__)

        def create(value):
            if (
                backend.core.is_tensor(value)
                or support.is_array(value)
                or (hasattr(value, "shape") and hasattr(value, "dtype"))
            ):
                value = backend.core.convert_to_tensor(value)
            elif isinstance(value, (bool, int, float)):
                value = backend.core.convert_to_tensor(value)
            else:
                return value
            dtype = dtypes.standardize_dtype(value.dtype)
            return self.add_weight(
                tuple(value.shape),
                initializer=lambda shape, dtype=None, v=value: ops.cast(
                    v, dtype
                ),
                dtype=None if dtypes.is_float_dtype(dtype) else dtype,
                trainable=trainable,
                name="param" if trainable else "state",
            )

        variables = support.tree_map(create, values)
        if trainable:
            self.params = variables
        else:
            self.state = variables

    def _init_rng(self) -> Any:
        """The `rng` passed to `init_fn` (override for other structures)."""
        return seed_generator.draw_seed(None)

    def _call_rng(self, training: Any) -> Any:
        """The `rng` passed to `call_fn`: a key in training, else None
        (override to pass keys at inference too)."""
        if training:
            return self.seed_generator.next()
        return None

    def _initialize_weights(self, input_shape: Any) -> None:
        inputs = tree.map_shape_structure(
            lambda shape: ops.ones([1 if d is None else d for d in shape]),
            input_shape,
        )
        values = {"rng": self._init_rng, "inputs": lambda: inputs}
        args = [
            values[name]() if name in values else True
            for name in self.init_fn_arguments
        ]
        result = self.init_fn(*args)
        if self.call_fn_has_state:
            params, state = result
        else:
            params, state = result, None
        self._create_variables(params, trainable=True)
        self._create_variables(state, trainable=False)

    def build(self, input_shape: Any) -> None:
        if (
            self.params is None
            and self.state is None
            and (self.call_fn_has_params or self.call_fn_has_state)
        ):
            self._initialize_weights(input_shape)
        self.built = True

    # ------------------------------------------------------------- call
    def call(self, inputs: Any, training: Any = False) -> Any:
        support = _jax(type(self).__name__)

        def unwrap(value):
            return value.value if isinstance(value, Variable) else value

        args = []
        for name in self.call_fn_arguments:
            if name == "params":
                args.append(support.tree_map(unwrap, self.params))
            elif name == "state":
                args.append(support.tree_map(unwrap, self.state))
            elif name == "rng":
                args.append(self._call_rng(training))
            elif name == "inputs":
                args.append(inputs)
            else:
                args.append(training)
        if not self.call_fn_has_state:
            return self.call_fn(*args)
        outputs, new_state = self.call_fn(*args)

        def assign(value, variable):
            if not isinstance(variable, Variable):
                raise _StateMismatch()
            variable.assign(value)

        try:
            support.tree_map(assign, new_state, self.state)
        except (_StateMismatch, ValueError, TypeError) as e:
            raise ValueError(
                f"{type(self).__name__} '{self.name}': structure mismatch: "
                "the state returned by `call_fn` does not match the "
                "structure of the state at initialization. Return "
                "`(outputs, new_state)` with `new_state` shaped like "
                "`state`."
            ) from e
        return outputs

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "call_fn": serialization_lib.serialize_keras_object(
                    self.call_fn
                ),
                "init_fn": serialization_lib.serialize_keras_object(
                    self.init_fn
                ),
                "native_serialization_platforms": (
                    self.jax2tf_native_serialization_platforms
                ),
            }
        )
        return config

    @classmethod
    def from_config(cls, config: dict) -> JaxLayer:
        config = dict(config)
        for key in ("call_fn", "init_fn"):
            config[key] = serialization_lib.deserialize_keras_object(
                config[key]
            )
        return super().from_config(config)


@cornu_export("cornu.layers.FlaxLayer")
class FlaxLayer(JaxLayer):
    """Wraps a Flax (linen) module as a layer (jax backend, flax needed).

    The module's `params` collection becomes trainable variables and its
    other collections (e.g. `batch_stats`) non-trainable state. `method`
    (default `__call__`) is called with `inputs` and, when it takes it,
    `training`.

    Args:
        module: A `flax.linen.Module` instance.
        method: The method to call (a name or a function); defaults to
            `__call__`.
        variables: Optional initial variables (as `module.init` returns);
            otherwise the module is initialized on the first call.
        **kwargs: Base layer arguments (`name`, `dtype`, `seed`, ...).

    Raises:
        BackendNotSupportedError: On a backend other than jax.
        ImportError: When flax is not installed.

    Example:

    >>> try:
    ...     import flax.linen
    ...     layer = cornu.layers.FlaxLayer(flax.linen.Dense(2))
    ...     out_shape = tuple(layer(cornu.ops.ones((1, 3))).shape)
    ... except (ImportError, cornu.errors.BackendNotSupportedError):
    ...     out_shape = (1, 2)  # flax missing, or not the jax backend
    >>> out_shape
    (1, 2)
    """

    def __init__(
        self,
        module: Any,
        method: Any = None,
        variables: Any = None,
        **kwargs: Any,
    ) -> None:
        linen = _jax(type(self).__name__).flax_linen()
        if not isinstance(module, linen.Module):
            raise TypeError(
                "FlaxLayer expects `module` to be a `flax.linen.Module` "
                f"instance. Received: module={module!r} of type "
                f"{type(module).__name__}."
            )
        apply_method = method if method is not None else module.__call__
        if isinstance(apply_method, str):
            apply_method = getattr(module, apply_method)
        takes_training = (
            "training" in inspect.signature(apply_method).parameters
        )
        method_arg = method

        def apply_fn(params, state, rng, inputs, training):
            kwargs = {"training": training} if takes_training else {}
            return module.apply(
                self._merge(params, state),
                inputs,
                rngs=rng,
                method=method_arg,
                mutable=list(state.keys()) if state else False,
                **kwargs,
            )

        def call_fn(params, state, rng, inputs, training):
            result = apply_fn(params, state, rng, inputs, training)
            if state:
                outputs, new_state = result
                return outputs, dict(new_state)
            return result, state

        def init_fn(rng, inputs, training):
            kwargs = {"training": training} if takes_training else {}
            full = module.init(rng, inputs, method=method_arg, **kwargs)
            return self._split(full)

        params, state = (None, None)
        if variables is not None:
            params, state = self._split(variables)
        super().__init__(
            call_fn=call_fn,
            init_fn=init_fn,
            params=params,
            state=state,
            **kwargs,
        )
        self.module = module
        self.method = method

    def _init_rng(self) -> Any:
        return {
            "params": seed_generator.draw_seed(None),
            "dropout": seed_generator.draw_seed(None),
        }

    def _call_rng(self, training: Any) -> Any:
        if training:
            return {"dropout": self.seed_generator.next()}
        return {}

    @staticmethod
    def _split(variables: Any) -> tuple:
        variables = dict(variables)
        params = variables.pop("params", {})
        return params, variables

    @staticmethod
    def _merge(params: Any, state: Any) -> dict:
        return {"params": params, **(state or {})}

    def get_config(self) -> dict:
        config = Layer.get_config(self)
        config.update(
            {
                "module": serialization_lib.serialize_keras_object(self.module),
                "method": self.method
                if isinstance(self.method, str) or self.method is None
                else serialization_lib.serialize_keras_object(self.method),
            }
        )
        return config

    @classmethod
    def from_config(cls, config: dict) -> FlaxLayer:
        config = dict(config)
        config["module"] = serialization_lib.deserialize_keras_object(
            config["module"]
        )
        return cls(**config)
