"""`FlaxLayer`: a Flax (linen) module as a layer, on the jax backend."""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.layers.interop import jax_layer
from cornu.src.layers.layer import Layer
from cornu.src.saving import serialization_lib


def _linen(owner: str) -> Any:
    """`flax.linen`; raises off the jax backend or without flax."""
    support = backend.load_integration("interop").jax_support(owner)
    return support.flax_linen()


def _takes_training(module: Any, method: Any) -> bool:
    """Whether the method the layer calls has a `training` argument."""
    if method is None:
        function = module.__call__
    elif isinstance(method, str):
        function = getattr(module, method)
    else:
        function = method
    return "training" in inspect.signature(function).parameters


@cornu_export("cornu.layers.FlaxLayer")
class FlaxLayer(jax_layer.JaxLayer):
    """Wraps a Flax (linen) module as a layer (jax backend, flax needed).

    The module's variables become the layer's: the `"params"` collection
    trainable variables, every other collection (e.g. `"batch_stats"`)
    non-trainable ones, updated by each call (`mutable` is every
    collection but `"params"`). Cornu optimizers then train the params and
    the layer saves them. `method` (default `__call__`) is called with
    `inputs` and, if it has an argument named `training`, `training`
    (`True` in `fit`); other names such as `deterministic` are not
    recognised: wrap the method in a function taking `training`, as in
    Keras. Dropout-style randomness gets the `"dropout"` rng from the
    layer's seed (in training only); `init` gets `"params"` and
    `"dropout"` rngs.

    Args:
        module: A `flax.linen.Module` instance. Flax NNX modules are not
            supported (neither are they by Keras 3's `FlaxLayer`).
        method: The method to call: `None` for `__call__`, a method of the
            module (bound, or its name), or a function taking the module
            first, then `inputs` (and optionally `training`). Used for
            both `Module.init` and `Module.apply`.
        variables: Optional dict of all the module's variables, as
            `module.init` returns them (a `"params"` key and any other
            collections). `None` initializes the module at build time.
        **kwargs: `JaxLayer` arguments (`seed`) and base layer arguments
            (`name`, `dtype`, ...).

    Raises:
        BackendNotSupportedError: On a backend other than jax.
        ImportError: When flax is not installed.
        TypeError: When `module` is not a `flax.linen.Module`.

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
        linen = _linen(type(self).__name__)
        if not isinstance(module, linen.Module):
            raise TypeError(
                "FlaxLayer expects `module` to be a `flax.linen.Module` "
                f"instance. Received: module={module!r} of type "
                f"{type(module).__name__}. Flax NNX modules are not "
                "supported; wrap a linen module, or a JAX function with "
                "`cornu.layers.JaxLayer`."
            )
        if method is not None and not (
            isinstance(method, str) or callable(method)
        ):
            raise TypeError(
                "FlaxLayer expects `method` to be None, a method name or a "
                f"callable. Received: method={method!r}. Pass e.g. "
                "`method='encode'` or `method=module.encode`."
            )
        if isinstance(method, str) and not callable(
            getattr(module, method, None)
        ):
            raise ValueError(
                f"FlaxLayer: the module {type(module).__name__} has no "
                f"method {method!r}. Received: method={method!r}; pass the "
                "name of one of its methods, or None for `__call__`."
            )
        mutable = linen.DenyList(["params"])

        def apply(params, state, rng, inputs, **training):
            return self.module.apply(
                self._params_and_state_to_variables(params, state),
                inputs,
                rngs=rng,
                method=self.method,
                mutable=mutable,
                **training,
            )

        def init(rng, inputs, **training):
            variables = self.module.init(
                rng, inputs, method=self.method, **training
            )
            return self._variables_to_params_and_state(variables)

        # `JaxLayer` reads which arguments to pass from the signatures.
        if _takes_training(module, method):

            def call_fn(params, state, rng, inputs, training):
                return apply(params, state, rng, inputs, training=training)

            def init_fn(rng, inputs, training):
                return init(rng, inputs, training=training)

        else:

            def call_fn(params, state, rng, inputs):
                return apply(params, state, rng, inputs)

            def init_fn(rng, inputs):
                return init(rng, inputs)

        params, state = self._variables_to_params_and_state(variables)
        super().__init__(
            call_fn=call_fn,
            init_fn=init_fn,
            params=params,
            state=state,
            **kwargs,
        )
        self.module = module
        self.method = method

    # --------------------------------------------------------- variables
    @staticmethod
    def _params_and_state_to_variables(params: Any, state: Any) -> dict:
        """The variables dict `Module.apply` takes, from `params`
        (`{"params": ...}`) and `state` (the other collections)."""
        return {**(params or {}), **(state or {})}

    @staticmethod
    def _variables_to_params_and_state(variables: Any) -> tuple:
        """Splits `Module.init`'s variables into `({"params": ...},
        {other collections})`; `(None, None)` for `None`."""
        if variables is None:
            return None, None
        variables = dict(variables)
        params = {}
        if "params" in variables:
            params = {"params": variables.pop("params")}
        return params, variables

    # --------------------------------------------------------------- rng
    def _get_init_rng(self) -> dict:
        return {
            "params": self._get_init_seed(),
            "dropout": self._get_init_seed(),
        }

    def _get_call_rng(self, training: Any) -> dict:
        if training:
            return {"dropout": self._get_call_seed()}
        return {}

    # ------------------------------------------------------------ config
    def get_config(self) -> dict:
        method = self.method
        if getattr(method, "__self__", None) is self.module:
            # A method bound to the module is saved by its name.
            method = method.__name__
        config = Layer.get_config(self)
        config.update(
            {
                "native_serialization_platforms": (
                    self.jax2tf_native_serialization_platforms
                ),
                "module": serialization_lib.serialize_keras_object(self.module),
                "method": serialization_lib.serialize_keras_object(method),
            }
        )
        return config

    @classmethod
    def from_config(cls, config: dict) -> FlaxLayer:
        config = dict(config)
        module = serialization_lib.deserialize_keras_object(config["module"])
        method = config.get("method")
        if not isinstance(method, str):
            method = serialization_lib.deserialize_keras_object(method)
        else:
            method = getattr(module, method)
        config["module"] = module
        config["method"] = method
        return cls(**config)
