"""Tensors, variables and control flow on the OpenVINO backend.

A tensor (`OpenVINOTensor`) wraps one output of an OpenVINO graph node
(`openvino.Output`). Every op builds a node with the `openvino.opset15`
functions. When all the node's inputs are constants (eager use), the node
is run at once (see `_nodes.py`) and the result is a concrete tensor
holding its NumPy value. When an input is a graph `Parameter` (inside
`predict`, see
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
from cornu.src.backend.common.dtypes import python_value_dtype
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.openvino import _nodes
from cornu.src.backend.openvino._nodes import _TO_OV
from cornu.src.backend.openvino._nodes import DEPENDS_ON_INPUT
from cornu.src.backend.openvino._nodes import _ov_tensor
from cornu.src.backend.openvino._nodes import constant_value
from cornu.src.backend.openvino._nodes import dtype_name
from cornu.src.backend.openvino._nodes import float32_outside  # noqa: F401
from cornu.src.backend.openvino._nodes import float64_inside  # noqa: F401
from cornu.src.backend.openvino._nodes import ov_core  # noqa: F401
from cornu.src.backend.openvino._nodes import ov_type
from cornu.src.backend.openvino._nodes import tensor_value  # noqa: F401

NAME = "openvino"

class SymbolicValueError(ValueError):
    """A concrete value was needed from a tensor that is part of a graph
    being traced for `predict` (a layer computing on the host, Python
    control flow on input values). `predict` then runs the model op by op
    instead (see `trainer.py`)."""


class OpenVINOTensor:
    """A tensor of the openvino backend: one graph output, and its NumPy
    value when the tensor is concrete (not part of a `predict` trace).

    A concrete tensor builds its `Constant` node only when an op first
    reads `output`: results that are only converted to NumPy (`predict`'s
    outputs, say) never pay for a graph node.
    """

    __slots__ = ("_output", "_value", "_keras_mask", "__weakref__")
    __array_priority__ = 100

    def __init__(
        self, output: ov.Output | None, value: np.ndarray | None = None
    ):
        self._output = output
        self._value = value

    @property
    def output(self) -> ov.Output:
        """The graph output (a `Constant`'s, built on first use, for a
        concrete tensor)."""
        if self._output is None:
            self._output = _constant_output(self._value)
        return self._output

    @property
    def shape(self) -> tuple:
        if self._value is not None:
            return self._value.shape
        return tuple(
            d.get_length() if d.is_static else None
            for d in self.output.get_partial_shape()
        )

    @property
    def dtype(self) -> str:
        if self._value is not None:
            return standardize_dtype(self._value.dtype)
        return dtype_name(self.output.get_element_type())

    @property
    def ndim(self) -> int:
        if self._value is not None:
            return self._value.ndim
        return len(self.output.get_partial_shape())

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    @property
    def is_symbolic(self) -> bool:
        return self._value is None

    def numpy(self) -> np.ndarray:
        if self._value is None:
            raise SymbolicValueError(
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


def run_node(node: Any) -> list:
    """The outputs of a freshly built `node` as tensors: concrete (run now)
    unless a graph input feeds it (inside a `predict` trace)."""
    if _TRACING and _nodes.depends_on_input(node):
        return [
            OpenVINOTensor(node.output(i))
            for i in range(node.get_output_size())
        ]
    if node.get_type_name() == "Constant":
        out = node.output(0)
        return [OpenVINOTensor(out, constant_value(out))]
    return [from_numpy(v) for v in _nodes.node_values(node, {})]


def wrap(node: Any) -> OpenVINOTensor:
    """The tensor of a one-output node, or of one node output."""
    if isinstance(node, ov.Output):
        return run_node(node.get_node())[node.get_index()]
    return run_node(node)[0]


def from_numpy(value: np.ndarray) -> OpenVINOTensor:
    """A concrete tensor holding `value` (a NumPy array)."""
    # OpenVINO reads a non-contiguous float16 array as int16: copy first
    # (`np.ascontiguousarray` would turn a scalar into shape (1,)).
    value = np.asarray(value)
    if not value.flags.c_contiguous:
        value = value.copy(order="C")
    return OpenVINOTensor(None, value)


def _constant_output(value: np.ndarray) -> ov.Output:
    if value.dtype == ml_dtypes.bfloat16:
        return ov.op.Constant(_ov_tensor(value)).output(0)
    # The constant shares `value`'s memory (one copy of each tensor; the
    # node keeps the array alive): callers pass arrays nobody else holds
    # (`convert_to_tensor` copies a caller's own array).
    return ov.op.Constant(value, shared_memory=True).output(0)


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
    if value is x or (
        isinstance(x, np.ndarray) and np.shares_memory(value, x)
    ):
        value = value.copy()  # the tensor must not change with the caller's
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
            DEPENDS_ON_INPUT.clear()


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


def concrete_value(x: Any, what: str) -> np.ndarray:
    """The NumPy value of `x`, which the op `what` needs to decide its
    control flow or output size.

    Raises:
        SymbolicValueError: `x` is part of a `predict` trace (`predict`
            then runs the model op by op).
    """
    if isinstance(x, OpenVINOTensor) and x.is_symbolic:
        raise SymbolicValueError(
            f"`{what}` needs the concrete value of its control input, which "
            "depends on the model's inputs inside a `predict` trace (cornu's "
            "openvino backend does not build OpenVINO `If`/`Loop` graphs "
            "yet). Outside `predict`, call it on concrete tensors."
        )
    return convert_to_numpy(x)


def cond(pred, true_fn, false_fn):
    if bool(concrete_value(pred, "cond")):
        return true_fn()
    return false_fn()


def switch(index, branches, *operands):
    index = int(concrete_value(index, "switch"))
    index = min(max(index, 0), len(branches) - 1)
    return branches[index](*operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    loop_vars, is_sequence = loop_utils.normalize_loop_vars(loop_vars)
    loop_vars = tree.map_structure(convert_to_tensor, loop_vars)
    iteration = 0
    while maximum_iterations is None or iteration < maximum_iterations:
        if not bool(concrete_value(cond(*loop_vars), "while_loop")):
            break
        loop_vars, _ = loop_utils.normalize_loop_vars(body(*loop_vars))
        iteration += 1
    return loop_vars if is_sequence else loop_vars[0]


def fori_loop(lower, upper, body_fun, init_val):
    value = init_val
    lower = int(concrete_value(lower, "fori_loop"))
    upper = int(concrete_value(upper, "fori_loop"))
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
    zeros = from_numpy(np.zeros(shape, dtype=values.dtype)).output
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
    starts = np.asarray(concrete_value(start_indices, "slice")).reshape(-1)
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
