"""Input signatures for export, shared by every format.

An input signature is a list with one entry per positional argument of
the exported function; each entry is an `InputSpec` or a nested structure
(list, tuple, dict) of them. `get_input_signature(model)` infers it from
the model: a Functional model's `Input`s, or the shapes a subclassed
model was built with. The batch axis is always `None` (dynamic), and so
is any axis the model left unknown.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src import tree
from cornu.src.backend.common import dtypes
from cornu.src.backend.common.capabilities import BackendNotSupportedError
from cornu.src.layers.input_spec import InputSpec
from cornu.src.layers.layer import Layer
from cornu.src.ops.keras_tensor import KerasTensor

FORMATS = ("tf_saved_model", "onnx", "openvino", "litert", "torch")


def backend_export_module(format_name: str) -> ModuleType:
    """The active backend's export module, checked to support `format_name`.

    Raises:
        BackendNotSupportedError: the backend declares the format
            unsupported (the message says why and what to use instead).
    """
    reason = unsupported_reason(format_name)
    if reason is not None:
        raise BackendNotSupportedError(
            f"Exporting to format={format_name!r} is not supported by the "
            f"{backend.name} backend: {reason}"
        )
    return backend.load_integration("export")


def unsupported_reason(format_name: str) -> str | None:
    """Why the active backend cannot export `format_name`, or `None` if it
    can (tests skip with this reason)."""
    if format_name not in FORMATS:
        raise ValueError(
            f"Unrecognized format={format_name!r}. Supported formats are: "
            f"{list(FORMATS)}."
        )
    module = backend.load_integration("export")
    return module.UNSUPPORTED_FORMATS.get(format_name)


def static_shapes_reason(format_name: str) -> str | None:
    """Why the active backend exports `format_name` with fixed input
    shapes only (a `None` axis in the signature is refused), or `None`
    when dynamic axes stay dynamic."""
    module = backend.load_integration("export")
    return module.STATIC_SHAPES_ONLY.get(format_name)


def optional_module(name: str, pip: str, purpose: str) -> ModuleType:
    """Imports the optional package `name`, or raises an ImportError
    naming what needs it and how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as e:
        raise ImportError(
            f"{purpose} needs the optional package {name.split('.')[0]!r}, "
            f"which is not installed. Install it with `pip install {pip}`."
        ) from e


def get_input_signature(model: Any) -> list:
    """Infers the input signature of a built model.

    Args:
        model: A built `cornu.Model` (or layer). A Functional or
            Sequential model uses its `Input`s; a subclassed model the
            input shapes it was built with (call it once first).

    Returns:
        A list with one entry per positional argument of `model`, each an
        `InputSpec` (batch axis `None`) or a nested structure of them.

    Example:

    >>> from cornu.src.export import export_utils
    >>> model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(2)])
    >>> [s.shape for s in export_utils.get_input_signature(model)]
    [(None, 3)]
    """
    if not isinstance(model, Layer):
        raise TypeError(
            "Export expects a cornu `Model` or `Layer`. Received: "
            f"model={model!r} of type {type(model).__name__}."
        )
    if not model.built:
        raise ValueError(
            f"The model {model.name!r} has not yet been built, so the shapes "
            "of its inputs are unknown. Call it on a batch of data (or call "
            "`model.build(input_shape)`) before export, or pass "
            "`input_signature=[cornu.InputSpec(shape=..., dtype=...)]`."
        )
    inputs = _graph_inputs(model)
    if inputs is not None:
        return [tree.map_structure(make_input_spec, inputs)]
    shapes = model._build_shapes
    if not shapes:
        raise ValueError(
            f"The input shapes of model {model.name!r} are unknown: it was "
            "built without them. Call it once on a batch of data before "
            "export, or pass `input_signature=[cornu.InputSpec(shape=..., "
            "dtype=...)]`."
        )
    return [_spec_from_shape(model, shape) for shape in shapes.values()]


def _graph_inputs(model: Any) -> Any:
    """A Functional (or built Sequential) model's input structure, else
    `None`."""
    functional = getattr(model, "_functional", model)
    if functional is None:
        return None
    return getattr(functional, "_inputs_struct", None)


def _spec_from_shape(model: Any, shape: Any) -> Any:
    if isinstance(shape, dict):
        return {k: _spec_from_shape(model, v) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)) and all(
        d is None or isinstance(d, int) for d in shape
    ):
        shape = tuple(shape)
        return InputSpec(
            shape=(None,) + shape[1:] if shape else shape,
            dtype=model.input_dtype,
        )
    if isinstance(shape, (list, tuple)):
        return type(shape)(_spec_from_shape(model, s) for s in shape)
    raise ValueError(
        f"Cannot infer an input signature for model {model.name!r} from its "
        f"build shape {shape!r}. Pass `input_signature=` explicitly."
    )


def make_input_spec(x: Any) -> InputSpec:
    """One input's spec: an `InputSpec` (with shape and dtype) is kept; a
    symbolic tensor or a tensor gives a spec with a `None` batch axis.

    Args:
        x: A `cornu.InputSpec`, a symbolic `KerasTensor`, a backend
            tensor, or a `tf.TensorSpec`.

    Returns:
        An `InputSpec` with `shape`, `dtype` and possibly `name` set.

    Example:

    >>> from cornu.src.export import export_utils
    >>> spec = export_utils.make_input_spec(cornu.ops.ones((4, 3)))
    >>> spec.shape, spec.dtype
    ((None, 3), 'float32')
    """
    if isinstance(x, InputSpec):
        if x.shape is None or x.dtype is None:
            raise ValueError(
                "An `InputSpec` in an export input signature needs both "
                f"`shape` and `dtype`. Received: shape={x.shape!r}, "
                f"dtype={x.dtype!r}. Pass e.g. `cornu.InputSpec(shape=(None, "
                "3), dtype='float32')`."
            )
        return x
    if isinstance(x, KerasTensor) or backend.core.is_tensor(x):
        shape = tuple(x.shape)
        return InputSpec(
            shape=(None,) + shape[1:] if shape else shape,
            dtype=dtypes.standardize_dtype(x.dtype),
            name=getattr(x, "name", None)
            if isinstance(x, KerasTensor)
            else None,
        )
    if _is_tf_tensor_spec(x):
        return InputSpec(
            shape=tuple(x.shape),
            dtype=dtypes.standardize_dtype(x.dtype.name),
            name=x.name,
        )
    raise TypeError(
        f"Unsupported entry x={x!r} (of type {type(x).__name__}) in an "
        "export input signature. Supported types are: `cornu.InputSpec`, "
        "`cornu.KerasTensor`, a backend tensor and `tf.TensorSpec`."
    )


def _is_tf_tensor_spec(x: Any) -> bool:
    return type(x).__name__ == "TensorSpec" and hasattr(x, "dtype")


def standardize_signature(input_signature: Any) -> list:
    """`input_signature` with every leaf made an `InputSpec`; a lone spec
    becomes a one-element list (one positional argument)."""
    if input_signature is None:
        raise ValueError("`input_signature` must not be None here.")
    if not isinstance(input_signature, (list, tuple)):
        input_signature = [input_signature]
    return [tree.map_structure(make_input_spec, s) for s in input_signature]


def flat_specs(input_signature: list) -> list:
    """The signature's `InputSpec`s in flat order."""
    return tree.flatten(input_signature)


def input_names(input_signature: list) -> list[str]:
    """A unique name per flat input: the spec's name, else `input_<i>`."""
    names: list[str] = []
    for i, spec in enumerate(flat_specs(input_signature)):
        name = spec.name or f"input_{i}"
        names.append(name if name not in names else f"{name}_{i}")
    return names


def has_dynamic_axes(input_signature: list) -> bool:
    """Whether any input has an axis of unknown size (`None`)."""
    return any(d is None for s in flat_specs(input_signature) for d in s.shape)


def sample_arrays(input_signature: list, dynamic_size: int = 2) -> list:
    """NumPy arrays (ones) matching the flat specs, `None` axes given
    `dynamic_size` (tracers treat 0 and 1 as special, so 2 by default)."""
    return [
        np.ones(
            tuple(dynamic_size if d is None else d for d in spec.shape),
            dtype=spec.dtype,
        )
        for spec in flat_specs(input_signature)
    ]


def print_saved(filepath: Any, what: str = "artifact") -> None:
    """The message printed after an export when `verbose` is on."""
    sys.stdout.write(f"Saved {what} at '{filepath}'.\n")
