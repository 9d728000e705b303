"""Export on TensorFlow (integration tier): every format but `torch`.

The variables already are `tf.Variable`s, so an endpoint is a plain
`tf.function` calling the model (no conversion): the SavedModel's
`ExportArchive` tracks the model's own `tf.Variable`s (`tf_variable`),
and `None` axes of the signature stay unknown in the traced graph. ONNX
is converted from the function's concrete graph by tf2onnx, OpenVINO
reads it with its TensorFlow frontend, and LiteRT converts the SavedModel
with `tf.lite.TFLiteConverter`.
"""

from __future__ import annotations

import inspect
import os
from typing import Any

import numpy as np
import tensorflow as tf

from cornu.src import tree
from cornu.src.export import export_utils
from cornu.src.export import litert_lib

UNSUPPORTED_FORMATS = {
    "torch": (
        "format='torch' writes a `torch.export` program and needs the torch "
        "backend. Save the model with `model.save('model.cornu')`, load it "
        "under CORNU_BACKEND=torch and export it there."
    ),
}

# Formats written with fixed input shapes only (none here).
STATIC_SHAPES_ONLY: dict[str, str] = {}

# Options of the jax backend's endpoints. Keras's TensorFlow backend
# ignores them (a script written for jax runs unchanged); so does cornu.
_JAX_ONLY_OPTIONS = ("is_static", "jax2tf_kwargs")


def tf_variable(variable: Any) -> Any:
    """The `tf.Variable` an `ExportArchive` tracks for a cornu variable:
    the one holding its value (endpoints read it, so the SavedModel
    stores the variable the model uses, not a copy)."""
    return variable._value


def make_tf_endpoint(
    archive: Any, fn: Any, input_signature: list, **kwargs: Any
) -> Any:
    """A `tf.function` calling `fn` on the signature's inputs.

    Args:
        archive: The `ExportArchive` (unused: `fn` reads the model's
            `tf.Variable`s directly, and the archive tracks them).
        fn: The endpoint's Python callable.
        input_signature: Standardized list of `InputSpec` structures.
        **kwargs: Only the jax backend's `is_static` and `jax2tf_kwargs`,
            ignored here as in Keras.

    Returns:
        The `tf.function`.
    """
    del archive
    unknown = sorted(set(kwargs) - set(_JAX_ONLY_OPTIONS))
    if unknown:
        raise ValueError(
            f"Unknown export options {unknown} for the tensorflow backend. "
            "It accepts none (`is_static` and `jax2tf_kwargs`, options of "
            "the jax backend, are ignored)."
        )

    def serving_fn(*args: Any) -> Any:
        return fn(*args)

    serving_fn.__signature__ = _positional_signature(
        [f"arg_{i}" for i in range(len(input_signature))]
    )
    return tf.function(
        serving_fn,
        input_signature=tree.map_structure(_tf_spec, input_signature),
        autograph=False,
    )


def _inference_function(model: Any, input_signature: list) -> Any:
    """The concrete function of `model`'s inference call, with one flat
    input per spec, named by `export_utils.input_names`."""
    names = export_utils.input_names(input_signature)

    def inference_fn(*flat: Any) -> Any:
        args = tree.pack_sequence_as(input_signature, list(flat))
        return model(*args, training=False)

    inference_fn.__signature__ = _positional_signature(names)
    specs = [
        tf.TensorSpec(spec.shape, dtype=spec.dtype, name=name)
        for spec, name in zip(
            export_utils.flat_specs(input_signature), names, strict=True
        )
    ]
    function = tf.function(inference_fn, input_signature=specs, autograph=False)
    return function, specs


def _positional_signature(names: list[str]) -> inspect.Signature:
    return inspect.Signature(
        [
            inspect.Parameter(name, inspect.Parameter.POSITIONAL_ONLY)
            for name in names
        ]
    )


def _tf_spec(spec: Any) -> Any:
    return tf.TensorSpec(spec.shape, dtype=spec.dtype, name=spec.name)


def export_onnx(
    model: Any,
    filepath: Any,
    input_signature: list,
    opset_version: int | None = None,
    verbose: bool = False,
    **kwargs: Any,
) -> None:
    """Writes `model`'s inference call as an ONNX file, converted by
    `tf2onnx.convert.from_function` (`None` axes stay dynamic).

    Args:
        model: A built model.
        filepath: The `.onnx` file to write.
        input_signature: Standardized list of `InputSpec` structures.
        opset_version: ONNX opset, or `None` for tf2onnx's default.
        verbose: Unused (tf2onnx logs through `logging`).
        **kwargs: Passed to `tf2onnx.convert.from_function` (e.g.
            `custom_ops`, `extra_opset`, `target`).

    Raises:
        ValueError: an unknown option, or TensorFlow ops that tf2onnx
            could not convert.
    """
    del verbose
    tf2onnx = export_utils.optional_module(
        "tf2onnx", "tf2onnx", "Exporting to ONNX on the tensorflow backend"
    )
    accepted = set(inspect.signature(tf2onnx.convert.from_function).parameters)
    accepted -= {"function", "input_signature", "opset", "output_path"}
    unknown = sorted(set(kwargs) - accepted)
    if unknown:
        raise ValueError(
            f"Unknown export options {unknown} for ONNX export on the "
            "tensorflow backend. Accepted: `opset_version` and the options "
            f"of `tf2onnx.convert.from_function`: {sorted(accepted)}."
        )
    if kwargs.get("large_model") and not hasattr(np, "product"):
        raise ValueError(
            "`large_model=True` is not available: tf2onnx "
            f"{tf2onnx.__version__} writes external tensors with "
            "`numpy.product`, which NumPy 2 removed. Export without it (the "
            "ONNX file then holds the weights, up to 2 GB)."
        )
    function, specs = _inference_function(model, input_signature)
    path = os.fspath(filepath)
    model_proto, _ = tf2onnx.convert.from_function(
        function, specs, opset=opset_version, output_path=path, **kwargs
    )
    # tf2onnx keeps going past ops it cannot convert (they stay as
    # TensorFlow nodes, which no ONNX runtime loads): refuse such a file.
    left = sorted(_unconverted_ops(model_proto.graph))
    if left:
        os.remove(path)
        raise ValueError(
            f"tf2onnx could not convert the TensorFlow ops {left} of model "
            f"{model.name!r} to ONNX (see its log above for the nodes). "
            "Export to another format (format='tf_saved_model' or "
            "'openvino'), or save the model with `model.save('m.cornu')`, "
            "load it under CORNU_BACKEND=torch and export the ONNX file "
            "there."
        )


def _unconverted_ops(graph: Any) -> set[str]:
    """Op types of the standard domains in `graph` (and its subgraphs)
    that ONNX does not define (custom domains are the user's own)."""
    import onnx

    left = set()
    for node in graph.node:
        standard = node.domain in ("", "ai.onnx", "ai.onnx.ml")
        if standard and not onnx.defs.has(node.op_type, node.domain):
            left.add(node.op_type)
        for attribute in node.attribute:
            if attribute.g is not None and attribute.g.node:
                left |= _unconverted_ops(attribute.g)
            for subgraph in attribute.graphs:
                left |= _unconverted_ops(subgraph)
    return left


def convert_to_openvino(
    model: Any, input_signature: list, **kwargs: Any
) -> Any:
    """An `openvino.Model` of `model`'s inference call, read from its
    concrete `tf.function` by OpenVINO's TensorFlow frontend (`None` axes
    stay dynamic)."""
    ov = export_utils.optional_module(
        "openvino", "openvino", "Exporting to OpenVINO"
    )
    if kwargs:
        raise ValueError(
            f"Unknown export options {sorted(kwargs)} for OpenVINO export "
            "on the tensorflow backend. It accepts none."
        )
    function, specs = _inference_function(model, input_signature)
    concrete = function.get_concrete_function()
    ov_model = ov.convert_model(concrete)
    if _has_loop(ov_model) and not export_utils.has_dynamic_axes(
        input_signature
    ):
        # OpenVINO's CPU plugin (2026.4) cannot run a `Loop` (a recurrent
        # layer's `tf.while_loop`) in a fully static model: inference fails
        # with "doesn't have compiled executor". The same graph, traced
        # with the given sizes, runs when the IR's batch axis is left
        # dynamic; the artifact then expects the signature's batch size.
        shapes = [
            ov.PartialShape([-1, *spec.shape[1:]] if spec.shape else [])
            for spec in specs
        ]
        ov_model = ov.convert_model(concrete, input=shapes)
    ov_model = _keep_function_outputs(ov, ov_model, concrete)
    names = export_utils.input_names(input_signature)
    for port, name in zip(ov_model.inputs, names, strict=True):
        port.get_node().set_friendly_name(name)
        port.tensor.set_names({name})
    return ov_model


def _has_loop(ov_model: Any) -> bool:
    return any(
        op.get_type_name() in ("Loop", "TensorIterator")
        for op in ov_model.get_ordered_ops()
    )


def _keep_function_outputs(ov: Any, ov_model: Any, concrete: Any) -> Any:
    """`ov_model` with only the function's outputs, in order.

    The frontend also makes an output of every graph node that nothing
    consumes (e.g. comparisons of constants left by shape checks)."""
    outputs = []
    for tensor in concrete.outputs:
        matches = [
            port for port in ov_model.outputs if tensor.name in port.names
        ]
        if len(matches) != 1:
            return ov_model  # unexpected naming: keep the frontend's
        outputs.append(matches[0])
    if len(outputs) == len(ov_model.outputs):
        return ov_model
    return ov.Model(outputs, ov_model.get_parameters(), ov_model.friendly_name)


def litert_model_bytes(saved_model_dir: str, **kwargs: Any) -> bytes:
    """A LiteRT (TFLite) flatbuffer converted from a SavedModel written by
    `export_saved_model`."""
    return litert_lib.convert_saved_model(saved_model_dir, **kwargs)
