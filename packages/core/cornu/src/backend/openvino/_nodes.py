"""Running OpenVINO graph nodes on NumPy values (the openvino backend's
engine, used by `core.py`).

An eager op's node is run at once: zero-size results are made without
running it (some of OpenVINO's kernels abort on them); otherwise by
OpenVINO's reference `Node.evaluate` where the op has one, else by a
one-node model compiled for the CPU and cached by the node's signature.
Also here: the dtype maps, the process's `openvino.Core`, and how float64
crosses a compiled model's boundary.
"""

from __future__ import annotations

from typing import Any

import ml_dtypes
import numpy as np
import openvino as ov
import openvino.opset15 as ovops

from cornu.src.backend.common.dtypes import standardize_dtype

_TO_OV = {
    "float16": ov.Type.f16,
    "bfloat16": ov.Type.bf16,
    "float32": ov.Type.f32,
    "float64": ov.Type.f64,
    "int8": ov.Type.i8,
    "int16": ov.Type.i16,
    "int32": ov.Type.i32,
    "int64": ov.Type.i64,
    "uint8": ov.Type.u8,
    "uint16": ov.Type.u16,
    "uint32": ov.Type.u32,
    "uint64": ov.Type.u64,
    "bool": ov.Type.boolean,
}
_FROM_OV = {t.get_type_name(): name for name, t in _TO_OV.items()}

# Compiled one-node models for ops without a reference `evaluate`, keyed
# by the node's type, attributes and input signature.
_EAGER_CACHE: dict[tuple, Any] = {}
_CORE: list = []


def ov_core() -> ov.Core:
    """The process's `openvino.Core` (created on first use)."""
    if not _CORE:
        _CORE.append(ov.Core())
    return _CORE[0]


def ov_type(dtype: Any) -> ov.Type:
    """The `openvino.Type` of a cornu dtype name."""
    name = standardize_dtype(dtype)
    if name not in _TO_OV:
        raise TypeError(
            f"The openvino backend has no dtype {name!r}. Supported dtypes: "
            f"{sorted(_TO_OV)}."
        )
    return _TO_OV[name]


def dtype_name(element_type: ov.Type) -> str:
    """The cornu dtype name of an `openvino.Type`."""
    return _FROM_OV[element_type.get_type_name()]


def constant_value(output: ov.Output) -> np.ndarray:
    """The NumPy value of a `Constant` node's output."""
    node = output.get_node()
    shape = tuple(output.get_shape())
    data = np.array(node.get_data(), copy=True)
    if output.get_element_type() == ov.Type.bf16:
        data = data.view(np.uint16).view(ml_dtypes.bfloat16)
    return data.reshape(shape)


def _ov_tensor(value: np.ndarray) -> ov.Tensor:
    value = np.asarray(value)
    element_type = _TO_OV[standardize_dtype(value.dtype)]
    tensor = ov.Tensor(element_type, list(value.shape))
    data = tensor.data
    if value.dtype == ml_dtypes.bfloat16:
        value, data = value.view(np.uint16), data.view(np.uint16)
    np.copyto(data, value.reshape(data.shape), casting="unsafe")
    return tensor


def tensor_value(tensor: ov.Tensor) -> np.ndarray:
    """A NumPy copy of an `openvino.Tensor` (bfloat16 included)."""
    return _tensor_value(tensor, tensor.get_element_type())


def _tensor_value(tensor: ov.Tensor, element_type: ov.Type) -> np.ndarray:
    data = np.array(tensor.data, copy=True)
    if element_type == ov.Type.bf16:
        data = data.view(np.uint16).view(ml_dtypes.bfloat16)
    return data.reshape(tuple(tensor.shape))


def _evaluate(node: Any, inputs: list) -> list | None:
    """Runs `node` by OpenVINO's reference implementation, or `None`."""
    outputs = []
    for i in range(node.get_output_size()):
        out = node.output(i)
        if not out.get_partial_shape().is_static:
            return None
        outputs.append(ov.Tensor(out.get_element_type(), out.get_shape()))
    try:
        ok = node.evaluate(outputs, [_ov_tensor(v) for v in inputs])
    except RuntimeError:
        return None
    if not ok:
        return None
    return [
        _tensor_value(t, node.output(i).get_element_type())
        for i, t in enumerate(outputs)
    ]


# OpenVINO's CPU plugin runs float64 as float32 and, converting at a
# model's inputs and outputs, clamps infinities to the float32 maximum. So
# float64 crosses a compiled model's boundary as float32 (converted on the
# host, which keeps inf): a float32 `Parameter` converted to f64 inside,
# and each f64 output converted to f32 before it leaves.
def _boundary_type(value: np.ndarray) -> ov.Type:
    if value.dtype == np.float64:
        return ov.Type.f32
    return _TO_OV[standardize_dtype(value.dtype)]


def float64_inside(output: ov.Output, dtype: Any) -> ov.Output:
    """`output` (a float32 `Parameter` standing for a float64 input)
    converted to f64 inside the graph; other inputs unchanged."""
    if np.dtype(dtype) == np.float64:
        return ovops.convert(output, ov.Type.f64).output(0)
    return output


def float32_outside(output: ov.Output) -> ov.Output:
    """A model output: an f64 `output` converted to f32 (the caller casts
    the host value back to float64)."""
    if output.get_element_type() == ov.Type.f64:
        return ovops.convert(output, ov.Type.f32).output(0)
    return output


def _is_attribute_input(value: np.ndarray) -> bool:
    """Whether an input of an eager node stays a constant of its one-node
    model: a small integer array is most likely an axis, a shape or pads,
    which OpenVINO's CPU plugin needs as constants (a `Parameter` there
    makes the output's rank dynamic, which the plugin refuses)."""
    return value.dtype.kind in "iu" and value.size <= 8


def _compiled_run(node: Any, inputs: list) -> list:
    """Runs `node` as a one-node model compiled for the CPU (cached)."""
    fixed = [_is_attribute_input(v) for v in inputs]
    key = (
        node.get_type_name(),
        repr(sorted(node.get_attributes().items())),
        tuple(
            (v.dtype.str, v.shape, v.tobytes() if keep else None)
            for v, keep in zip(inputs, fixed, strict=True)
        ),
    )
    compiled = _EAGER_CACHE.get(key)
    if compiled is None:
        params = []
        # The node is a throwaway of an eager call: it is re-fed from
        # parameters (and constants for its attribute-like inputs) so
        # that the compiled model serves later calls too.
        for i, (v, keep) in enumerate(zip(inputs, fixed, strict=True)):
            if keep:
                source = ovops.constant(v.copy(order="C")).output(0)
            else:
                param = ovops.parameter(list(v.shape), _boundary_type(v))
                params.append(param)
                source = float64_inside(param.output(0), v.dtype)
            node.input(i).replace_source_output(source)
        model = ov.Model(
            [
                float32_outside(node.output(i))
                for i in range(node.get_output_size())
            ],
            params,
            "cornu_eager_op",
        )
        compiled = ov_core().compile_model(
            model, "CPU", {"INFERENCE_PRECISION_HINT": "f32"}
        )
        if len(_EAGER_CACHE) > 512:
            _EAGER_CACHE.clear()
        _EAGER_CACHE[key] = compiled
    request = compiled.create_infer_request()
    request.infer(
        [
            _ov_tensor(v.astype(np.float32) if v.dtype == np.float64 else v)
            for v, keep in zip(inputs, fixed, strict=True)
            if not keep
        ]
    )
    values = []
    for i in range(node.get_output_size()):
        want = dtype_name(node.output(i).get_element_type())
        tensor = request.get_output_tensor(i)
        value = _tensor_value(tensor, tensor.get_element_type())
        values.append(value.astype(want))
    return values


# While tracing: node name -> whether a `Parameter` feeds it.
DEPENDS_ON_INPUT: dict[str, bool] = {}


def depends_on_input(node: Any) -> bool:
    """Whether a graph input (`Parameter`) feeds `node` (tracing only)."""
    stack = [node]
    while stack:
        current = stack.pop()
        name = current.get_name()
        if name in DEPENDS_ON_INPUT:
            continue
        kind = current.get_type_name()
        if kind in ("Parameter", "Constant"):
            DEPENDS_ON_INPUT[name] = kind == "Parameter"
            continue
        parents = [
            current.input_value(i).get_node()
            for i in range(current.get_input_size())
        ]
        pending = [p for p in parents if p.get_name() not in DEPENDS_ON_INPUT]
        if pending:
            stack.append(current)
            stack.extend(pending)
            continue
        DEPENDS_ON_INPUT[name] = any(
            DEPENDS_ON_INPUT[p.get_name()] for p in parents
        )
    return DEPENDS_ON_INPUT[node.get_name()]


# The value of a reduction (or product) over zero elements.
_EMPTY_IDENTITY = {
    "ReduceSum": 0,
    "ReduceL1": 0,
    "ReduceL2": 0,
    "MatMul": 0,
    "Einsum": 0,
    "ReduceProd": 1,
    "ReduceLogicalAnd": True,
    "ReduceLogicalOr": False,
    "ReduceMean": np.nan,
}


def _empty_outputs(node: Any, inputs: list) -> list | None:
    """Zero-size results without running `node` (OpenVINO's kernels
    abort the process on some zero-size inputs), or `None`."""
    shapes = [
        tuple(node.output(i).get_shape()) for i in range(node.get_output_size())
    ]
    kind = node.get_type_name()
    if all(0 not in shape for shape in shapes):
        if not any(v.size == 0 for v in inputs) or kind in (
            "ShapeOf",
            "Reshape",
            "Broadcast",
        ):
            return None
        dtype = dtype_name(node.output(0).get_element_type())
        if kind == "Concat":
            axis = node.get_attributes()["axis"]
            return [np.concatenate(inputs, axis=axis).astype(dtype)]
        if kind in _EMPTY_IDENTITY:
            return [np.full(shapes[0], _EMPTY_IDENTITY[kind], dtype=dtype)]
        if kind.startswith("Scatter") and inputs[0].size:
            return [inputs[0].astype(dtype)]  # no updates: the data as is
        raise ValueError(
            f"The openvino backend cannot run `{kind}` on a zero-size input "
            "that gives a non-empty result (e.g. a maximum over no "
            "elements). Use the numpy, jax, torch or tensorflow backend."
        )
    return [
        np.zeros(shape, dtype=dtype_name(node.output(i).get_element_type()))
        for i, shape in enumerate(shapes)
    ]


def node_values(node: Any, memo: dict) -> list:
    """The NumPy values of all outputs of a constant-fed `node`, running
    its not-yet-run ancestors first (they are at most a few nodes: every
    eager result is folded back into a constant)."""
    name = node.get_name()
    if name in memo:
        return memo[name]
    stack = [node]
    while stack:
        current = stack[-1]
        if current.get_name() in memo:
            stack.pop()
            continue
        if current.get_type_name() == "Constant":
            memo[current.get_name()] = [constant_value(current.output(0))]
            stack.pop()
            continue
        sources = [
            current.input_value(i) for i in range(current.get_input_size())
        ]
        pending = [
            s.get_node() for s in sources if s.get_node().get_name() not in memo
        ]
        if pending:
            stack.extend(pending)
            continue
        inputs = [memo[s.get_node().get_name()][s.get_index()] for s in sources]
        values = _empty_outputs(current, inputs)
        if values is None:
            values = _evaluate(current, inputs)
        if values is None:
            values = _compiled_run(current, inputs)
        memo[current.get_name()] = values
        stack.pop()
    return memo[name]
