"""`JaxLayer`: a JAX function as a layer (`FlaxLayer` in flax_layer.py)."""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src import backend
from cornu.src import ops
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.backend.common.stateless_scope import StatelessScope
from cornu.src.backend.common.variables import Variable
from cornu.src.layers.layer import Layer
from cornu.src.ops.keras_tensor import KerasTensor
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

    # The rng hooks have Keras's names, so that subclasses written for
    # Keras's `JaxLayer` override them here too.
    def _get_init_seed(self) -> Any:
        """A new seed (a key) from the global seed generator, for
        `_get_init_rng`."""
        return seed_generator.draw_seed(None)

    def _get_init_rng(self) -> Any:
        """The `rng` passed to `init_fn` (override for other structures,
        drawing keys with `_get_init_seed`)."""
        return self._get_init_seed()

    def _get_call_seed(self) -> Any:
        """The next key of the layer's seed generator, for
        `_get_call_rng`."""
        return self.seed_generator.next()

    def _get_call_rng(self, training: Any) -> Any:
        """The `rng` passed to `call_fn`: a key in training, else None
        (override to pass keys at inference too)."""
        if training:
            return self._get_call_seed()
        return None

    def _initialize_weights(self, input_shape: Any) -> None:
        inputs = tree.map_shape_structure(
            lambda shape: ops.ones([1 if d is None else d for d in shape]),
            input_shape,
        )
        values = {"rng": self._get_init_rng, "inputs": lambda: inputs}
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

        def is_variable(value):
            # A variable may be a pytree node (on jax): unwrap it whole.
            return isinstance(value, Variable)

        args = []
        for name in self.call_fn_arguments:
            if name == "params":
                args.append(
                    support.tree_map(unwrap, self.params, is_leaf=is_variable)
                )
            elif name == "state":
                args.append(
                    support.tree_map(unwrap, self.state, is_leaf=is_variable)
                )
            elif name == "rng":
                args.append(self._get_call_rng(training))
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

    def compute_output_spec(self, inputs: Any, training: Any = False) -> Any:
        """The outputs' specs, found by tracing `call` with `eval_shape`
        (a JAX function cannot run on `KerasTensor`s) without updating any
        variable. Unknown dimensions are traced at two sizes: the output
        dimensions that follow them are unknown too."""
        support = _jax(type(self).__name__)

        def run(values):
            with StatelessScope():
                return self.call(values, training=training)

        traced = []
        for size in (2, 3):
            specs = tree.map_structure(
                lambda x, size=size: support.shape_dtype(
                    tuple(size if d is None else d for d in x.shape),
                    dtypes.standardize_dtype(x.dtype),
                ),
                inputs,
            )
            traced.append(support.eval_shape(run, specs))

        def spec(first, second):
            shape = tuple(
                a if a == b else None
                for a, b in zip(first.shape, second.shape, strict=True)
            )
            return KerasTensor(shape, dtypes.standardize_dtype(first.dtype))

        return support.tree_map(spec, traced[0], traced[1])

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
