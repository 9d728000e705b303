"""Framework-model wrappers on TensorFlow (integration tier).

`tensorflow_support` gives `TFSMLayer` what it needs to load a SavedModel
and wrap the variables its functions use (the very `tf.Variable`s, so
training the layer trains the loaded functions). `JaxLayer`/`FlaxLayer`
need the jax backend and `TorchModuleWrapper` the torch backend; asking
for them here raises an error saying so.
"""

from __future__ import annotations

import os
import re
import types
from typing import Any

import tensorflow as tf

from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.tensorflow import core

NAME = "tensorflow"
_SUFFIX = re.compile(r":\d+$")


class ExistingVariable(core.Variable):
    """A cornu Variable holding an existing `tf.Variable` itself (not a
    copy), so a loaded function and cornu see one variable."""

    def _convert_to_tensor(self, value: Any, dtype: Any = None) -> Any:
        if isinstance(value, tf.Variable) and (
            dtype is None or core.to_tf_dtype(dtype) == value.dtype
        ):
            return value
        return super()._convert_to_tensor(value, dtype)

    def _initialize(self, value: Any) -> None:
        if isinstance(value, tf.Variable):
            self._value = value
        else:
            super()._initialize(value)


def _load(owner: str, filepath: Any) -> Any:
    path = os.fspath(filepath)
    if not tf.saved_model.contains_saved_model(path):
        raise ValueError(
            f"{owner}: no SavedModel at filepath={path!r} (no "
            "saved_model.pb there). Pass the folder written by "
            "`model.export(path)` or `tf.saved_model.save(obj, path)`."
        )
    return tf.saved_model.load(path)


def _endpoint(owner: str, loaded: Any, name: str, argument: str) -> Any:
    if hasattr(loaded, name):
        return getattr(loaded, name)
    signatures = getattr(loaded, "signatures", {})
    if name in signatures:
        return signatures[name]
    raise ValueError(
        f"{owner}: the endpoint {name!r} (`{argument}`) is neither an "
        "attribute of the reloaded SavedModel nor an entry of its "
        "`signatures`. Select another endpoint via the "
        f"`{argument}` argument. Available endpoints for this SavedModel: "
        f"{list(signatures.keys())}"
    )


def _variables_used_by(functions: list) -> tuple:
    """`(trainable, non_trainable)` `tf.Variable`s the functions capture,
    each listed once, in order."""
    trainable, other, seen = [], [], set()
    concrete = []
    for fn in functions:
        if hasattr(fn, "concrete_functions"):
            concrete.extend(fn.concrete_functions)
        elif hasattr(fn, "get_concrete_function"):
            concrete.append(fn.get_concrete_function())
        else:
            concrete.append(fn)
    for fn in concrete:
        for variable in fn.trainable_variables:
            if id(variable) not in seen:
                seen.add(id(variable))
                trainable.append(variable)
    for fn in concrete:
        for variable in fn.variables:
            if id(variable) not in seen:
                seen.add(id(variable))
                other.append(variable)
    return trainable, other


def _wrap_variable(variable: Any) -> Any:
    """A cornu Variable sharing the `tf.Variable` `variable`."""
    name = _SUFFIX.sub("", variable.name).replace("/", "_") or "variable"
    return ExistingVariable(
        initializer=variable,
        trainable=variable.trainable,
        name=name,
    )


def _output_specs(fn: Any, inputs: Any, make: Any) -> Any:
    """`fn`'s outputs for symbolic `inputs` (anything with `shape` and
    `dtype`), as `make(shape, dtype)` leaves: found by tracing `fn` on
    `tf.TensorSpec`s (unknown sizes stay unknown)."""
    specs = tf.nest.map_structure(
        lambda x: tf.TensorSpec(x.shape, core.to_tf_dtype(x.dtype)), inputs
    )
    traced = tf.function(fn, autograph=False).get_concrete_function(specs)
    return tf.nest.map_structure(
        lambda t: make(tuple(t.shape.as_list()), t.dtype.name),
        traced.structured_outputs,
    )


def tensorflow_support(owner: str) -> Any:
    """The functions `TFSMLayer` needs on this backend."""
    return types.SimpleNamespace(
        load=lambda filepath: _load(owner, filepath),
        endpoint=lambda loaded, name, argument: _endpoint(
            owner, loaded, name, argument
        ),
        variables_used_by=_variables_used_by,
        wrap_variable=_wrap_variable,
        output_specs=_output_specs,
    )


def jax_support(owner: str) -> Any:
    """Raises: JAX functions run as layers only on the jax backend."""
    raise unsupported(
        NAME,
        owner,
        "it runs JAX functions, which needs the jax backend. Set "
        "CORNU_BACKEND=jax before the first `import cornu`.",
    )


def torch_support(owner: str) -> Any:
    """Raises: torch modules run as layers only on the torch backend."""
    raise unsupported(
        NAME,
        owner,
        "it runs a `torch.nn.Module`, which needs the torch backend. Set "
        "CORNU_BACKEND=torch before the first `import cornu`.",
    )
