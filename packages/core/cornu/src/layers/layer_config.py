"""Glue between `Layer` and the object libraries: arguments given as
names or configs (initializers, regularizers, constraints, dtype
policies), automatic `get_config` from constructor arguments, and input
conversion.

Imports of the object libraries happen at call time: they import
`cornu.src.ops`, and `Layer` must stay importable early.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src import tree
from cornu.src.backend.common import dtypes
from cornu.src.ops import operation
from cornu.src.ops.keras_tensor import KerasTensor

_BASE_ARGUMENTS = (
    "name",
    "trainable",
    "dtype",
    "autocast",
    "activity_regularizer",
)


def capture_init_args(cls: type, args: tuple, kwargs: dict) -> dict | None:
    """The constructor arguments by name when all are JSON-like, else
    `None` (the layer then needs its own `get_config`). The base
    arguments are written by `Layer.get_config` itself."""
    return operation.capture_init_args(cls, args, kwargs, _BASE_ARGUMENTS)


def get_initializer(identifier: Any, dtype: str) -> Any:
    from cornu.src import initializers

    if identifier is None:
        identifier = (
            "glorot_uniform" if dtypes.is_float_dtype(dtype) else "zeros"
        )
    if isinstance(identifier, (str, dict)) or isinstance(identifier, type):
        return initializers.get(identifier)
    return identifier


def get_regularizer(identifier: Any) -> Any:
    if identifier is None:
        return None
    from cornu.src import regularizers

    return regularizers.get(identifier)


def get_constraint(identifier: Any) -> Any:
    if identifier is None:
        return None
    from cornu.src import constraints

    return constraints.get(identifier)


def serialize(obj: Any) -> Any:
    from cornu.src.saving import serialization_lib

    return serialization_lib.serialize_keras_object(obj)


def serialize_dtype_policy(policy: Any) -> Any:
    """The policy as Keras 3 writes it in configs."""
    return {
        "module": "keras",
        "class_name": "DTypePolicy",
        "config": {"name": policy.name},
        "registered_name": None,
    }


def deserialize_dtype_policy(config: dict) -> Any:
    from cornu.src.dtype_policies import dtype_policy as dtype_policies

    inner = config.get("config", {})
    if config.get("class_name") not in ("DTypePolicy", "FloatDTypePolicy"):
        raise ValueError(
            "Expected a DTypePolicy config. Received: "
            f"{config!r}; quantized policies are not supported yet."
        )
    return dtype_policies.get(inner.get("name"))


def check_unquantized(owner: str, **arguments: Any) -> None:
    """Accepts Keras 3's quantization arguments when they are `None`.

    Keras 3 writes `"quantization_config": null` into every `Dense`,
    `EinsumDense` and `Embedding` config (and `gptq_unpacked_column_size`
    for GPTQ-quantized `EinsumDense`), so the constructors take them;
    quantized layers themselves are not supported yet.
    """
    for key, value in arguments.items():
        if value is not None:
            raise ValueError(
                f"{owner} does not support quantization yet. Received: "
                f"{key}={value!r}. Build or load the layer unquantized "
                f"(`{key}=None`)."
            )


def is_string_array(x: Any) -> bool:
    """Whether `x` is a NumPy array of strings (`str`, `bytes` or
    objects), which string-processing layers take as it is."""
    return isinstance(x, np.ndarray) and x.dtype.kind in "USO"


def _convert_leaf(x: Any, dtype: str | None) -> Any:
    if is_string_array(x):
        return x
    if isinstance(x, np.ndarray):
        if dtype is not None and np.issubdtype(x.dtype, np.floating):
            return backend.core.convert_to_tensor(x, dtype=dtype)
        return backend.core.convert_to_tensor(x)
    if dtype is None:
        return x
    if isinstance(x, KerasTensor):
        if dtypes.is_float_dtype(x.dtype) and x.dtype != dtype:
            from cornu.src import ops

            return ops.cast(x, dtype)
        return x
    if backend.core.is_tensor(x):
        name = dtypes.standardize_dtype(x.dtype)
        if name != dtype and dtypes.is_float_dtype(name):
            return backend.core.cast(x, dtype)
    return x


def convert_inputs(args: tuple, kwargs: dict, dtype: str | None) -> tuple:
    """NumPy arrays in the call arguments become tensors; floating
    tensors are cast to `dtype` (when not `None`)."""
    if len(args) == 1 and not kwargs:
        x = args[0]
        if isinstance(x, (list, tuple, dict)):
            converted = tree.map_structure(
                lambda v: _convert_leaf(v, dtype), x
            )
            return (converted,), kwargs
        return (_convert_leaf(x, dtype),), kwargs
    args = tuple(
        tree.map_structure(lambda v: _convert_leaf(v, dtype), a)
        if isinstance(a, (list, tuple, dict))
        else _convert_leaf(a, dtype)
        for a in args
    )
    if kwargs:
        kwargs = {
            k: (
                v
                if k in ("training", "mask")
                else tree.map_structure(lambda x: _convert_leaf(x, dtype), v)
                if isinstance(v, (list, tuple, dict))
                else _convert_leaf(v, dtype)
            )
            for k, v in kwargs.items()
        }
    return args, kwargs
