"""Export on JAX (integration tier): SavedModel endpoints via jax2tf,
LiteRT via the SavedModel, OpenVINO via the jaxpr.

An endpoint is made stateless (variables read from a mapping, as in the
training step), converted with `jax2tf.convert` (shape-polymorphic in
every `None` axis of the signature), and wrapped in a `tf.function` that
passes the archive's `tf.Variable`s. jax2tf emits StableHLO inside
`XlaCallModule` ops, which TensorFlow runs but the ONNX and OpenVINO
converters do not read: hence no ONNX export from this backend, and
OpenVINO reads the program's jaxpr instead (static shapes only).
"""

from __future__ import annotations

import copy
import inspect
import itertools
import string
import warnings
from typing import Any

import jax
from jax.extend import core as jax_core

from cornu.src import tree
from cornu.src.backend.common.stateless_scope import StatelessScope
from cornu.src.export import export_utils
from cornu.src.export import litert_lib

UNSUPPORTED_FORMATS = {
    "onnx": (
        "JAX has no ONNX converter that cornu can use (jax2tf writes "
        "StableHLO `XlaCallModule` ops, which tf2onnx cannot convert). "
        "Export to ONNX from the torch backend: save the model with "
        "`model.save('model.cornu')`, load it under CORNU_BACKEND=torch "
        "and call `model.export(..., format='onnx')` there; or export a "
        "SavedModel (format='tf_saved_model') here."
    ),
    "torch": (
        "format='torch' writes a `torch.export` program and needs the torch "
        "backend. Save the model with `model.save('model.cornu')`, load it "
        "under CORNU_BACKEND=torch and export it there."
    ),
}

# Formats written with fixed input shapes only: OpenVINO's JAX frontend
# converts a jaxpr, whose shapes are static.
STATIC_SHAPES_ONLY = {
    "openvino": (
        "OpenVINO converts the program's jaxpr, whose shapes are static; "
        "export from the torch backend for a dynamic batch size."
    ),
}

_MSG_SYMBOLIC_SHAPE = (
    "the model's code needs the concrete size of an axis that the "
    "signature leaves dynamic (`None`), so jax2tf cannot keep it dynamic. "
    "Pass an `input_signature` with fixed sizes, e.g. "
    "`input_signature=[cornu.InputSpec(shape=(8, 5), dtype='float32')]`, "
    "and call the artifact with that batch size."
)


def _jax2tf() -> Any:
    return export_utils.optional_module(
        "jax.experimental.jax2tf", "tensorflow", "Converting JAX to TF"
    )


def make_tf_endpoint(
    archive: Any, fn: Any, input_signature: list, **kwargs: Any
) -> Any:
    """A `tf.function` computing `fn` with the archive's variables.

    Args:
        archive: The `ExportArchive` (its tracked variables are read).
        fn: The endpoint's Python callable.
        input_signature: Standardized list of `InputSpec` structures.
        **kwargs: `is_static` (bake the variables in as constants instead
            of reading them) and `jax2tf_kwargs` (options for
            `jax2tf.convert`).

    Returns:
        The `tf.function`.
    """
    tf = export_utils.optional_module(
        "tensorflow", "tensorflow", "Writing a TensorFlow SavedModel"
    )
    jax2tf = _jax2tf()
    jax2tf_kwargs = copy.copy(kwargs.pop("jax2tf_kwargs", None)) or {}
    is_static = bool(kwargs.pop("is_static", False))
    if kwargs:
        raise ValueError(
            f"Unknown export options {sorted(kwargs)} for the jax backend. "
            "Accepted: `is_static`, `jax2tf_kwargs`."
        )
    tf_signature = tree.map_structure(_tf_spec, input_signature)
    poly = jax2tf_kwargs.pop(
        "polymorphic_shapes", _polymorphic_shapes(input_signature)
    )
    variables = list(archive._backend_variables)
    non_trainable = [v for v in variables if not v.trainable]
    tf_variables = archive.tf_variables_for(variables)
    tf_non_trainable = archive.tf_variables_for(non_trainable)

    if is_static:
        converted = jax2tf.convert(fn, polymorphic_shapes=poly, **jax2tf_kwargs)

        def serving_fn(*args: Any) -> Any:
            return _call_converted(converted, None, args)

    else:

        def stateless_fn(values: list, *args: Any) -> Any:
            with StatelessScope(
                state_mapping=list(zip(variables, values, strict=True))
            ) as scope:
                outputs = fn(*args)
            updates = []
            for variable in non_trainable:
                value = scope.get_current_value(variable)
                updates.append(variable.value if value is None else value)
            return outputs, updates

        variable_shapes = [
            "(" + ", ".join(str(d) for d in v.shape) + ")" for v in variables
        ]
        converted = jax2tf.convert(
            stateless_fn,
            polymorphic_shapes=[variable_shapes] + list(poly),
            **jax2tf_kwargs,
        )

        def serving_fn(*args: Any) -> Any:
            outputs, updates = _call_converted(
                converted, list(tf_variables), args
            )
            for variable, value in zip(tf_non_trainable, updates, strict=True):
                variable.assign(tf.cast(value, variable.dtype))
            return outputs

    serving_fn.__signature__ = _positional_signature(len(input_signature))
    return tf.function(
        serving_fn, input_signature=tf_signature, autograph=False
    )


def _call_converted(converted: Any, values: Any, args: tuple) -> Any:
    try:
        if values is None:
            return converted(*args)
        return converted(values, *args)
    except Exception as e:
        if type(e).__name__ == "InconclusiveDimensionOperation":
            raise ValueError(
                f"Export of a dynamic input shape failed: {_MSG_SYMBOLIC_SHAPE}"
            ) from e
        raise


def _positional_signature(count: int) -> inspect.Signature:
    return inspect.Signature(
        [
            inspect.Parameter(f"arg_{i}", inspect.Parameter.POSITIONAL_ONLY)
            for i in range(count)
        ]
    )


def _tf_spec(spec: Any) -> Any:
    tf = export_utils.optional_module(
        "tensorflow", "tensorflow", "Writing a TensorFlow SavedModel"
    )
    return tf.TensorSpec(spec.shape, dtype=spec.dtype, name=spec.name)


def _polymorphic_shapes(input_signature: list) -> list:
    """jax2tf shape strings: axis 0 `None` is "batch" (shared by every
    input), other `None` axes get their own letters."""
    names = (
        "".join(p)
        for n in itertools.count(1)
        for p in itertools.product(string.ascii_lowercase, repeat=n)
    )

    def one(spec: Any) -> str:
        dims = []
        for axis, dim in enumerate(spec.shape):
            if dim is not None:
                dims.append(str(dim))
            elif axis == 0:
                dims.append("batch")
            else:
                dims.append(next(names))
        return "(" + ", ".join(dims) + ")"

    return [tree.map_structure(one, s) for s in input_signature]


def convert_to_openvino(
    model: Any, input_signature: list, **kwargs: Any
) -> Any:
    """An `openvino.Model` of `model`'s inference call, converted from its
    jaxpr by OpenVINO's JAX frontend.

    The frontend reads static shapes only, and not every primitive: the
    jaxpr is first flattened (`_inline`) so that it holds plain
    primitives.

    Raises:
        ValueError: the signature has a `None` axis.
    """
    ov = export_utils.optional_module(
        "openvino", "openvino", "Exporting to OpenVINO"
    )
    if kwargs:
        raise ValueError(
            f"Unknown export options {sorted(kwargs)} for OpenVINO export "
            "on the jax backend. It accepts none."
        )
    if export_utils.has_dynamic_axes(input_signature):
        shapes = [s.shape for s in export_utils.flat_specs(input_signature)]
        raise ValueError(
            "OpenVINO export on the jax backend needs fixed input shapes "
            "(OpenVINO converts the program's jaxpr, whose shapes are "
            f"static). Received a signature with `None` axes: {shapes}. "
            "Pass e.g. `input_signature=[cornu.InputSpec(shape=(8, 5), "
            "dtype='float32')]`, or export from the torch backend."
        )
    variables = list(model.variables)
    values = [v.value for v in variables]

    def inference_fn(*flat: Any) -> Any:
        args = tree.pack_sequence_as(input_signature, list(flat))
        with StatelessScope(
            state_mapping=list(zip(variables, values, strict=True))
        ):
            return model(*args, training=False)

    samples = export_utils.sample_arrays(input_signature)
    closed = jax.make_jaxpr(inference_fn)(*samples)
    flat = jax.make_jaxpr(lambda *xs: _inline(closed, xs))(*samples)
    with warnings.catch_warnings():
        # OpenVINO forks a helper process; JAX warns about forks.
        warnings.simplefilter("ignore")
        ov_model = ov.convert_model(flat)
    for port, name in zip(
        ov_model.inputs, export_utils.input_names(input_signature), strict=True
    ):
        port.get_node().set_friendly_name(name)
        port.tensor.set_names({name})
    return ov_model


# Primitives whose body is a sub-jaxpr evaluated inline, and the
# parameter holding it.
_CALLS = {
    "custom_jvp_call": "call_jaxpr",
    "custom_vjp_call": "call_jaxpr",
    "closed_call": "call_jaxpr",
    "jit": "jaxpr",
    "pjit": "jaxpr",
}


def _inline(closed: Any, args: Any) -> list:
    """Evaluates a closed jaxpr while tracing, replacing what OpenVINO's
    frontend cannot read: calls and custom derivatives are inlined,
    `scan` is unrolled, `split` becomes slices."""
    jaxpr = closed.jaxpr
    env: dict = {}

    def read(var: Any) -> Any:
        return var.val if isinstance(var, jax_core.Literal) else env[var]

    env.update(zip(jaxpr.constvars, closed.consts, strict=True))
    env.update(zip(jaxpr.invars, args, strict=True))
    for eqn in jaxpr.eqns:
        inputs = [read(v) for v in eqn.invars]
        name = eqn.primitive.name
        if name == "split":
            outputs = _split(inputs[0], **eqn.params)
        elif name == "scan":
            outputs = _unroll_scan(inputs, eqn.params)
        elif eqn.params.get(_CALLS.get(name, "")) is not None:
            body = eqn.params[_CALLS[name]]
            if not hasattr(body, "consts"):
                body = jax_core.ClosedJaxpr(body, ())
            outputs = _inline(body, inputs)
        else:
            outputs = eqn.primitive.bind(*inputs, **eqn.params)
            if not eqn.primitive.multiple_results:
                outputs = [outputs]
        env.update(zip(eqn.outvars, outputs, strict=True))
    return [read(v) for v in jaxpr.outvars]


def _split(x: Any, sizes: Any, axis: int) -> list:
    outputs, start = [], 0
    for size in sizes:
        outputs.append(jax.lax.slice_in_dim(x, start, start + size, axis=axis))
        start += size
    return outputs


def _unroll_scan(inputs: list, params: dict) -> list:
    body = params["jaxpr"]
    num_consts, num_carry = params["num_consts"], params["num_carry"]
    length = params["length"]
    consts = inputs[:num_consts]
    carry = inputs[num_consts : num_consts + num_carry]
    xs = inputs[num_consts + num_carry :]
    steps = range(length - 1, -1, -1) if params["reverse"] else range(length)
    per_step: dict = {}
    for i in steps:
        outputs = _inline(body, [*consts, *carry, *[x[i] for x in xs]])
        carry, per_step[i] = outputs[:num_carry], outputs[num_carry:]
    num_ys = len(body.jaxpr.outvars) - num_carry
    stacked = [
        jax.lax.concatenate(
            [jax.lax.expand_dims(per_step[i][k], (0,)) for i in range(length)],
            0,
        )
        for k in range(num_ys)
    ]
    return [*carry, *stacked]


def litert_model_bytes(saved_model_dir: str, **kwargs: Any) -> bytes:
    """A LiteRT (TFLite) flatbuffer converted from a SavedModel written by
    `export_saved_model`."""
    return litert_lib.convert_saved_model(saved_model_dir, **kwargs)
