"""Tensors, variables and control flow on the OpenVINO backend.

A tensor (`OpenVINOTensor`) wraps one output of an OpenVINO graph node
(`openvino.Output`). Every op builds a node with the `openvino.opset15`
functions. When all the node's inputs are constants (eager use), the node
is run at once, by OpenVINO's reference `Node.evaluate` where the op has
one, else by a one-node model compiled for the CPU and cached by the
node's signature; the result becomes a new constant holding its NumPy
value. When an input is a graph `Parameter` (inside `predict`, see
`trainer.py`), ops only build the graph, which is compiled once as a
whole. OpenVINO has no automatic differentiation: this backend runs
inference only.
"""

from __future__ import annotations

import contextlib
from typing import Any

import ml_dtypes  # noqa: F401 - registers bfloat16 with NumPy
import numpy as np
import openvino as ov
import openvino.opset15 as ovops

from cornu.src import tree
from cornu.src.backend import config
from cornu.src.backend.common import device_scope as device_lib
from cornu.src.backend.common import loop_utils
from cornu.src.backend.common import variables
from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.common.dtypes import python_value_dtype
from cornu.src.backend.common.dtypes import standardize_dtype

NAME = "openvino"

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


class OpenVINOTensor:
    """A tensor of the openvino backend: one graph output, and its NumPy
    value when the tensor is concrete (not part of a `predict` trace)."""

    __slots__ = ("output", "_value", "_keras_mask", "__weakref__")
    __array_priority__ = 100

    def __init__(self, output: ov.Output, value: np.ndarray | None = None):
        self.output = output
        self._value = value

    @property
    def shape(self) -> tuple:
        return tuple(
            d.get_length() if d.is_static else None
            for d in self.output.get_partial_shape()
        )

    @property
    def dtype(self) -> str:
        return dtype_name(self.output.get_element_type())

    @property
    def ndim(self) -> int:
        return len(self.output.get_partial_shape())

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    @property
    def is_symbolic(self) -> bool:
        return self._value is None

    def numpy(self) -> np.ndarray:
        if self._value is None:
            raise ValueError(
                "This openvino tensor is symbolic: it is part of a graph "
                "being traced for `predict`, and has no value yet. "
                "Convert it to NumPy outside the traced call."
            )
        return self._value

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        value = self.numpy()
        return value if dtype is None else value.astype(dtype)

    def __repr__(self) -> str:
        if self._value is None:
            return f"<OpenVINOTensor shape={self.shape}, dtype={self.dtype}>"
        return f"<OpenVINOTensor {self._value!r}>"

    def __len__(self) -> int:
        if not self.ndim:
            raise TypeError("len() of a 0-d openvino tensor.")
        return self.shape[0]

    def reshape(self, *shape: Any) -> OpenVINOTensor:
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        dims = np.asarray([-1 if d is None else d for d in shape], np.int64)
        return wrap(ovops.reshape(self.output, dims, False))

    def astype(self, dtype: Any) -> OpenVINOTensor:
        return cast(self, dtype)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __bool__(self) -> bool:
        return bool(self.numpy())

    def __int__(self) -> int:
        return int(self.numpy())

    def __float__(self) -> float:
        return float(self.numpy())

    def __index__(self) -> int:
        return int(self.numpy())

    __hash__ = object.__hash__


def bind_operators(numpy_ops: Any) -> None:
    """Gives `OpenVINOTensor` Python operators from the numpy-API ops."""
    unary = {
        "__neg__": "negative",
        "__abs__": "absolute",
        "__invert__": "bitwise_invert",
    }
    binary = {
        "add": "add",
        "sub": "subtract",
        "mul": "multiply",
        "truediv": "true_divide",
        "floordiv": "floor_divide",
        "mod": "mod",
        "pow": "power",
        "matmul": "matmul",
        "and": "bitwise_and",
        "or": "bitwise_or",
        "xor": "bitwise_xor",
    }
    compare = {
        "__eq__": "equal",
        "__ne__": "not_equal",
        "__lt__": "less",
        "__le__": "less_equal",
        "__gt__": "greater",
        "__ge__": "greater_equal",
    }
    for dunder, op_name in unary.items():
        fn = getattr(numpy_ops, op_name)
        setattr(OpenVINOTensor, dunder, lambda self, fn=fn: fn(self))
    for name, op_name in binary.items():
        fn = getattr(numpy_ops, op_name)
        setattr(OpenVINOTensor, f"__{name}__", lambda s, o, fn=fn: fn(s, o))
        setattr(OpenVINOTensor, f"__r{name}__", lambda s, o, fn=fn: fn(o, s))
    for dunder, op_name in compare.items():
        fn = getattr(numpy_ops, op_name)
        setattr(OpenVINOTensor, dunder, lambda s, o, fn=fn: fn(s, o))
    OpenVINOTensor.__pos__ = lambda self: self
    get_item = numpy_ops.get_item
    OpenVINOTensor.__getitem__ = lambda self, key: get_item(self, key)


# ------------------------------------------------------------ node running


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


def _compiled_run(node: Any, inputs: list) -> list:
    """Runs `node` as a one-node model compiled for the CPU (cached)."""
    key = (
        node.get_type_name(),
        repr(sorted(node.get_attributes().items())),
        tuple((v.dtype.str, v.shape) for v in inputs),
    )
    compiled = _EAGER_CACHE.get(key)
    if compiled is None:
        params = [
            ovops.parameter(list(v.shape), _TO_OV[standardize_dtype(v.dtype)])
            for v in inputs
        ]
        # The node is a throwaway of an eager call: it is re-fed from
        # parameters so that the compiled model serves later calls too.
        for i, p in enumerate(params):
            node.input(i).replace_source_output(p.output(0))
        model = ov.Model(
            [node.output(i) for i in range(node.get_output_size())],
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
    request.infer([_ov_tensor(v) for v in inputs])
    values = []
    for i in range(node.get_output_size()):
        want = dtype_name(node.output(i).get_element_type())
        tensor = request.get_output_tensor(i)
        value = _tensor_value(tensor, tensor.get_element_type())
        values.append(value.astype(want))
    return values


# While tracing: node name -> whether a `Parameter` feeds it.
_DEPENDS_ON_INPUT: dict[str, bool] = {}


def _depends_on_input(node: Any) -> bool:
    """Whether a graph input (`Parameter`) feeds `node` (tracing only)."""
    stack = [node]
    while stack:
        current = stack.pop()
        name = current.get_name()
        if name in _DEPENDS_ON_INPUT:
            continue
        kind = current.get_type_name()
        if kind in ("Parameter", "Constant"):
            _DEPENDS_ON_INPUT[name] = kind == "Parameter"
            continue
        parents = [
            current.input_value(i).get_node()
            for i in range(current.get_input_size())
        ]
        pending = [p for p in parents if p.get_name() not in _DEPENDS_ON_INPUT]
        if pending:
            stack.append(current)
            stack.extend(pending)
            continue
        _DEPENDS_ON_INPUT[name] = any(
            _DEPENDS_ON_INPUT[p.get_name()] for p in parents
        )
    return _DEPENDS_ON_INPUT[node.get_name()]


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
        raise ValueError(
            f"The openvino backend cannot run `{kind}` on a zero-size input "
            "that gives a non-empty result (e.g. a maximum over no "
            "elements). Use the numpy, jax, torch or tensorflow backend."
        )
    return [
        np.zeros(shape, dtype=dtype_name(node.output(i).get_element_type()))
        for i, shape in enumerate(shapes)
    ]


def _node_values(node: Any, memo: dict) -> list:
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


def run_node(node: Any) -> list:
    """The outputs of a freshly built `node` as tensors: concrete (run now)
    unless a graph input feeds it (inside a `predict` trace)."""
    if _TRACING and _depends_on_input(node):
        return [
            OpenVINOTensor(node.output(i))
            for i in range(node.get_output_size())
        ]
    if node.get_type_name() == "Constant":
        out = node.output(0)
        return [OpenVINOTensor(out, constant_value(out))]
    return [from_numpy(v) for v in _node_values(node, {})]


def wrap(node: Any) -> OpenVINOTensor:
    """The tensor of a one-output node, or of one node output."""
    if isinstance(node, ov.Output):
        return run_node(node.get_node())[node.get_index()]
    return run_node(node)[0]


def from_numpy(value: np.ndarray) -> OpenVINOTensor:
    """A concrete tensor holding `value` (a NumPy array)."""
    value = np.asarray(value)
    if value.dtype == ml_dtypes.bfloat16:
        node = ov.op.Constant(_ov_tensor(value))
        return OpenVINOTensor(node.output(0), value)
    return OpenVINOTensor(ovops.constant(value).output(0), value)


def output_of(x: Any, dtype: Any = None) -> ov.Output:
    """`convert_to_tensor(x, dtype).output`: the graph output of `x`."""
    return convert_to_tensor(x, dtype).output


# ------------------------------------------------------------ tensors


class Variable(variables.Variable):
    __doc__ = variables.Variable.__doc__

    # Bumped on every assignment; `predict` compares the versions of the
    # model's variables to know whether its compiled graph is stale.
    version = 0

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        self._value = _concrete(convert_to_tensor(value), self.path)

    def _direct_assign(self, value):
        self._value = _concrete(convert_to_tensor(value), self.path)
        self.version += 1

    def _to_numpy(self, value):
        return convert_to_numpy(value)


def _concrete(tensor: OpenVINOTensor, path: str) -> OpenVINOTensor:
    if tensor.is_symbolic:
        raise ValueError(
            f"Cannot assign a symbolic openvino tensor to variable "
            f"'{path}': variables can only change outside `predict` on the "
            "openvino backend (it runs inference only)."
        )
    return tensor


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if isinstance(x, variables.Variable):
        x = x.value
    if isinstance(x, OpenVINOTensor):
        if dtype is None or standardize_dtype(dtype) == x.dtype:
            return x
        return cast(x, dtype)
    if dtype is None:
        dtype = python_value_dtype(x, config.floatx())
    else:
        dtype = standardize_dtype(dtype)
    if hasattr(x, "numpy") and not isinstance(x, np.ndarray):
        x = x.numpy()  # e.g. a tensor of another framework
    value = np.asarray(x, dtype=dtype)
    if standardize_dtype(value.dtype) not in _TO_OV:
        raise TypeError(
            f"The openvino backend cannot hold a tensor of dtype "
            f"{value.dtype}. Supported dtypes: {sorted(_TO_OV)}."
        )
    return from_numpy(value)


def convert_to_numpy(x):
    if isinstance(x, variables.Variable):
        x = x.value
    if isinstance(x, OpenVINOTensor):
        return x.numpy()
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, OpenVINOTensor)


def cast(x, dtype):
    x = convert_to_tensor(x)
    dtype = standardize_dtype(dtype)
    if x.dtype == dtype:
        return x
    if not x.is_symbolic:
        return from_numpy(x.numpy().astype(dtype))
    return wrap(ovops.convert(x.output, ov_type(dtype)))


def saturate_cast(x, dtype):
    x = convert_to_tensor(x)
    dtype = standardize_dtype(dtype)
    if x.dtype != "bool":
        low, high = loop_utils.saturate_limits(x.dtype, dtype)
        low = ovops.constant(np.asarray(low, x.dtype))
        high = ovops.constant(np.asarray(high, x.dtype))
        x = wrap(ovops.minimum(ovops.maximum(x.output, low), high))
    return cast(x, dtype)


def shape(x):
    return convert_to_tensor(x).shape


def dtype(x):
    return convert_to_tensor(x).dtype


@contextlib.contextmanager
def device_scope(device_name):
    device = device_lib.standardize_device_name(device_name)
    if device[0] != "cpu":
        raise ValueError(
            "The openvino backend places tensors on the CPU only. "
            f"Received: device_name={device_name!r}. Use 'cpu' or 'cpu:0'."
        )
    with device_lib.push_device(device):
        yield


_TRACING: list = []


@contextlib.contextmanager
def tracing():
    """Marks the code inside as building a graph for `predict`."""
    _TRACING.append(True)
    try:
        yield
    finally:
        _TRACING.pop()
        if not _TRACING:
            _DEPENDS_ON_INPUT.clear()


def is_tracing():
    """Whether code runs inside a `predict` graph trace."""
    return bool(_TRACING)


def stop_gradient(variable):
    return convert_to_tensor(variable)


def custom_gradient(fun):
    def forward_only(*args, **kwargs):
        output, _ = fun(*args, **kwargs)
        return output

    return forward_only


def _concrete_value(x: Any, what: str) -> np.ndarray:
    if isinstance(x, OpenVINOTensor) and x.is_symbolic:
        raise unsupported(
            NAME,
            what,
            "its control value depends on the model's inputs, and cornu's "
            "openvino backend does not build OpenVINO `If`/`Loop` graphs "
            "yet. Use the jax, torch or tensorflow backend for this model.",
        )
    return convert_to_numpy(x)


def cond(pred, true_fn, false_fn):
    if bool(_concrete_value(pred, "cond")):
        return true_fn()
    return false_fn()


def switch(index, branches, *operands):
    index = int(_concrete_value(index, "switch"))
    index = min(max(index, 0), len(branches) - 1)
    return branches[index](*operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    loop_vars, is_sequence = loop_utils.normalize_loop_vars(loop_vars)
    loop_vars = tree.map_structure(convert_to_tensor, loop_vars)
    iteration = 0
    while maximum_iterations is None or iteration < maximum_iterations:
        if not bool(_concrete_value(cond(*loop_vars), "while_loop")):
            break
        loop_vars, _ = loop_utils.normalize_loop_vars(body(*loop_vars))
        iteration += 1
    return loop_vars if is_sequence else loop_vars[0]


def fori_loop(lower, upper, body_fun, init_val):
    value = init_val
    lower = int(_concrete_value(lower, "fori_loop"))
    upper = int(_concrete_value(upper, "fori_loop"))
    for i in range(lower, upper):
        value = body_fun(i, value)
    return value


def _xnp():
    from cornu.src.backend.openvino import numpy as xnp

    return xnp


def _stack(tensors):
    return _xnp().stack([convert_to_tensor(t) for t in tensors])


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is not None:
        xs = tree.map_structure(convert_to_tensor, xs)
        length = tree.flatten(xs)[0].shape[0]
    return loop_utils.scan(f, init, xs, int(length), reverse, _stack)


def associative_scan(f, elems, reverse=False, axis=0):
    elems = tree.map_structure(convert_to_tensor, elems)
    xnp = _xnp()
    return loop_utils.associative_scan(
        f, elems, reverse, axis, xnp.concatenate, xnp.flip
    )


def map(f, xs):  # noqa: A001 - Keras's name
    xs = tree.map_structure(convert_to_tensor, xs)
    n = tree.flatten(xs)[0].shape[0]
    outputs = [f(tree.map_structure(lambda x, i=i: x[i], xs)) for i in range(n)]
    return tree.map_structure(lambda *ys: _stack(ys), *outputs)


def vectorized_map(function, elements):
    return map(function, elements)


def _indices_output(indices: Any) -> ov.Output:
    indices = convert_to_tensor(indices)
    if indices.dtype not in ("int32", "int64"):
        indices = cast(indices, "int64")
    return indices.output


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    shape = [int(s) for s in shape]
    zeros = ovops.constant(np.zeros(shape, dtype=values.dtype))
    node = ovops.scatter_nd_update(
        zeros, _indices_output(indices), values.output, "sum"
    )
    return wrap(node)


def scatter_update(inputs, indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    node = ovops.scatter_nd_update(
        inputs.output, _indices_output(indices), updates.output
    )
    return wrap(node)


def _clamped_starts(x_shape, start_indices, sizes):
    starts = np.asarray(_concrete_value(start_indices, "slice")).reshape(-1)
    return [
        int(min(max(int(s), 0), dim - size))
        for s, dim, size in zip(starts, x_shape, sizes, strict=False)
    ]


def slice(inputs, start_indices, shape):  # noqa: A001 - Keras's name
    inputs = convert_to_tensor(inputs)
    sizes = [int(s) for s in np.asarray(convert_to_numpy(shape)).reshape(-1)]
    starts = _clamped_starts(inputs.shape, start_indices, sizes)
    stops = [s + n for s, n in zip(starts, sizes, strict=False)]
    node = ovops.slice(
        inputs.output,
        ovops.constant(np.asarray(starts, np.int64)),
        ovops.constant(np.asarray(stops, np.int64)),
        ovops.constant(np.ones(len(starts), np.int64)),
    )
    return wrap(node)


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, inputs.dtype)
    starts = _clamped_starts(inputs.shape, start_indices, updates.shape)
    grids = np.meshgrid(
        *[
            np.arange(s, s + n)
            for s, n in zip(starts, updates.shape, strict=False)
        ],
        indexing="ij",
    )
    indices = np.stack(grids, axis=-1).astype(np.int64)
    node = ovops.scatter_nd_update(
        inputs.output, ovops.constant(indices), updates.output
    )
    return wrap(node)


def unstack(x, num=None, axis=0):
    x = convert_to_tensor(x)
    axis = axis % x.ndim
    count = x.shape[axis]
    if count == 0:
        return []
    if count == 1:
        parts = [x.output]
    else:
        node = ovops.split(x.output, ovops.constant(np.int64(axis)), count)
        parts = [node.output(i) for i in range(count)]
    axes = ovops.constant(np.asarray([axis], np.int64))
    return [wrap(ovops.squeeze(p, axes)) for p in parts]


__all__ = [
    "Variable",
    "associative_scan",
    "cast",
    "cond",
    "convert_to_numpy",
    "convert_to_tensor",
    "custom_gradient",
    "device_scope",
    "dtype",
    "fori_loop",
    "is_tensor",
    "is_tracing",
    "map",
    "saturate_cast",
    "scan",
    "scatter",
    "scatter_update",
    "shape",
    "slice",
    "slice_update",
    "stop_gradient",
    "switch",
    "unstack",
    "vectorized_map",
]
