"""Tensors, variables, control flow and scatter/slice on the PyTorch backend.

A `Variable`'s value is a `torch.nn.Parameter` (with `requires_grad` set
for trainable floating-point variables), assigned in place so that a layer
can expose its variables as the parameters of a `torch.nn.Module`.

New tensors made from Python or NumPy values go to `get_device()`: the
innermost `cornu.device(...)` scope, else CUDA when available, else CPU
(as in Keras). Ops on existing tensors keep them on their device.
"""

import builtins
import contextlib

import numpy as np
import torch

from cornu.src import tree
from cornu.src.backend import config
from cornu.src.backend.common import device_scope as device_lib
from cornu.src.backend.common import loop_utils
from cornu.src.backend.common import variables
from cornu.src.backend.common.dtypes import python_value_dtype
from cornu.src.backend.common.dtypes import standardize_dtype

# The torch dtypes of the common cornu dtype names, for look-ups on hot
# paths (`to_torch_dtype`, `_hot_paths`).
TORCH_DTYPES = {
    name: getattr(torch, name)
    for name in (
        "float16", "bfloat16", "float32", "float64", "int8", "int16",
        "int32", "int64", "uint8", "bool",
    )
}


def to_torch_dtype(dtype):
    """The torch dtype for a cornu dtype name."""
    if isinstance(dtype, torch.dtype):
        return dtype
    found = TORCH_DTYPES.get(dtype) if type(dtype) is str else None
    if found is not None:
        return found
    name = standardize_dtype(dtype)
    if name == "string":
        raise ValueError(
            "The torch backend has no string tensors. Received: "
            f"dtype={dtype!r}. Encode strings as integer ids first."
        )
    return getattr(torch, name)


def get_device():
    """The device new tensors are created on (see the module docstring)."""
    current = device_lib.current_device()
    if current is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    kind, index = current
    kind = "cuda" if kind == "gpu" else kind
    return torch.device(kind, index)


@contextlib.contextmanager
def device_scope(device_name):
    device = device_lib.standardize_device_name(device_name)
    if device[0] in ("gpu", "cuda") and (
        device[1] >= torch.cuda.device_count()
    ):
        raise ValueError(
            f"PyTorch has no device {device_name!r}: "
            f"{torch.cuda.device_count()} CUDA device(s) found. Use e.g. "
            "`cornu.device('cpu')`."
        )
    if device[0] == "tpu":
        raise ValueError(
            f"The torch backend cannot place tensors on {device_name!r}. "
            "Use 'cpu' or 'gpu:<index>'."
        )
    with device_lib.push_device(device):
        yield


# The types eager fast paths accept as tensors: plain tensors and
# parameters (a variable's value).
TENSOR_TYPES = frozenset({torch.Tensor, torch.nn.Parameter})


def _unwrap_variables(structure):
    if isinstance(structure, variables.Variable):
        return structure.value
    if isinstance(structure, (list, tuple)):
        return type(structure)(_unwrap_variables(x) for x in structure)
    if isinstance(structure, dict):
        return {k: _unwrap_variables(v) for k, v in structure.items()}
    return structure


class Variable(variables.Variable):
    __doc__ = variables.Variable.__doc__

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        # Contiguous whatever the initializer returned (an orthogonal
        # initializer gives a transposed view): the same memory layout as
        # a variable filled later by `assign`, hence the same kernels and
        # bit-identical results after a save and load.
        value = value.detach().to(
            get_device(), copy=True, memory_format=torch.contiguous_format
        )
        self._value = torch.nn.Parameter(
            value, requires_grad=self._wants_grad(value)
        )

    def _direct_assign(self, value):
        with torch.no_grad():
            self._value.copy_(value)

    def _direct_add(self, value, sign):
        current = self._value
        if current.dtype == torch.bool:
            return False
        if isinstance(value, torch.Tensor):
            if (
                value.dtype != current.dtype
                or value.device != current.device
                or (value.ndim and value.shape != current.shape)
            ):
                return False
        elif type(value) is float:
            if not current.is_floating_point():
                return False
        elif type(value) is not int:
            return False
        if current.requires_grad or getattr(value, "requires_grad", False):
            with torch.no_grad():
                current.add_(value, alpha=sign)
        else:
            current.add_(value, alpha=sign)  # a metric's: nothing to record
        return True

    def _to_numpy(self, value):
        # A copy: on the CPU `.numpy()` shares memory with the variable,
        # and a snapshot (e.g. `get_weights()`) must not change later.
        return value.detach().cpu().numpy().copy()

    def _wants_grad(self, value):
        return self._trainable and (
            value.is_floating_point() or value.is_complex()
        )

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)
        if isinstance(self._value, torch.Tensor):
            self._value.requires_grad_(self._wants_grad(self._value))

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        # Lets torch functions take Variables: `torch.add(v, 1)`.
        args = tuple(
            a.value if isinstance(a, variables.Variable) else a
            for a in args
        )
        if builtins.any(isinstance(a, (list, tuple, dict)) for a in args):
            args = _unwrap_variables(args)
        return func(*args, **_unwrap_variables(kwargs or {}))


def _contains_tensor(x):
    if isinstance(x, (torch.Tensor, variables.Variable)):
        return True
    if isinstance(x, (list, tuple)):
        return builtins.any(_contains_tensor(e) for e in x)
    return False


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if dtype is None and type(x) in TENSOR_TYPES:
        return x  # hot path: already a tensor
    if isinstance(x, variables.Variable):
        x = x.value
    if dtype is None:
        dtype = python_value_dtype(x, config.floatx())
    if isinstance(x, torch.Tensor):
        if dtype is None:
            return x
        return x.to(to_torch_dtype(dtype))
    if isinstance(x, (list, tuple)) and x and _contains_tensor(x):
        # Nested lists holding tensors (e.g. from `unstack`): stack them on
        # their own device rather than round-tripping through NumPy.
        tensor = torch.stack([convert_to_tensor(e) for e in x])
        return tensor if dtype is None else tensor.to(to_torch_dtype(dtype))
    if isinstance(x, np.ndarray) or np.isscalar(x) or dtype == "bfloat16":
        array = np.asarray(x)
    else:
        array = np.asarray(x, dtype=dtype)
    tensor = torch.as_tensor(array, device=get_device())
    if dtype is not None:
        tensor = tensor.to(to_torch_dtype(dtype))
    return tensor


def convert_to_numpy(x):
    if isinstance(x, variables.Variable):
        x = x.value
    if isinstance(x, torch.Tensor):
        return x.detach().cpu().numpy()
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, torch.Tensor)


def cast(x, dtype):
    return convert_to_tensor(x).to(to_torch_dtype(dtype))


def saturate_cast(x, dtype):
    x = convert_to_tensor(x)
    dtype = standardize_dtype(dtype)
    in_dtype = standardize_dtype(x.dtype)
    if in_dtype == "bfloat16":
        x, in_dtype = x.to(torch.float32), "float32"
    if in_dtype != "bool":
        low, high = loop_utils.saturate_limits(in_dtype, dtype)
        x = torch.clamp(x, low, high)
    return x.to(to_torch_dtype(dtype))


def shape(x):
    return tuple(convert_to_tensor(x).shape)


def dtype(x):
    return standardize_dtype(convert_to_tensor(x).dtype)


def is_tracing():
    """Whether code runs inside a compiled-function trace (never here)."""
    return False


def stop_gradient(variable):
    return convert_to_tensor(variable).detach()


def custom_gradient(fun):
    class _CustomGradient(torch.autograd.Function):
        @staticmethod
        def forward(ctx, *args):
            output, grad_fn = fun(*args)
            ctx.grad_fn = grad_fn
            return output

        @staticmethod
        def backward(ctx, *upstream):
            grads = ctx.grad_fn(*upstream)
            return grads if isinstance(grads, tuple) else (grads,)

    return _CustomGradient.apply


def _tensors(structure):
    return tree.map_structure(convert_to_tensor, structure)


def cond(pred, true_fn, false_fn):
    return true_fn() if bool(pred) else false_fn()


def switch(index, branches, *operands):
    index = min(max(int(index), 0), len(branches) - 1)
    return branches[index](*operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    loop_vars, is_sequence = loop_utils.normalize_loop_vars(loop_vars)
    loop_vars = _tensors(loop_vars)
    iteration = 0
    while maximum_iterations is None or iteration < maximum_iterations:
        if not bool(cond(*loop_vars)):
            break
        loop_vars, _ = loop_utils.normalize_loop_vars(body(*loop_vars))
        iteration += 1
    return loop_vars if is_sequence else loop_vars[0]


def fori_loop(lower, upper, body_fun, init_val):
    value = _tensors(init_val)
    for i in range(int(lower), int(upper)):
        value = body_fun(i, value)
    return value


def _stack(tensors):
    return torch.stack([convert_to_tensor(t) for t in tensors])


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is not None:
        xs = _tensors(xs)
        length = tree.flatten(xs)[0].shape[0]
    return loop_utils.scan(f, _tensors(init), xs, int(length), reverse, _stack)


def associative_scan(f, elems, reverse=False, axis=0):
    return loop_utils.associative_scan(
        f,
        _tensors(elems),
        reverse,
        axis,
        lambda xs, axis: torch.cat(xs, dim=axis),
        lambda x, axis: torch.flip(x, dims=(axis,)),
    )


def map(f, xs):  # noqa: A001 - Keras's name
    xs = _tensors(xs)
    n = tree.flatten(xs)[0].shape[0]
    outputs = [
        f(tree.map_structure(lambda x, i=i: x[i], xs))
        for i in range(n)
    ]
    return tree.map_structure(lambda *ys: _stack(ys), *outputs)


def vectorized_map(function, elements):
    return torch.vmap(function)(_tensors(elements))


def _index_tuple(indices):
    indices = convert_to_tensor(indices).to(torch.long)
    return tuple(torch.movedim(indices, -1, 0))


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    output = torch.zeros(
        tuple(shape), dtype=values.dtype, device=values.device
    )
    index = tuple(i.to(values.device) for i in _index_tuple(indices))
    return output.index_put(index, values, accumulate=True)


def scatter_update(inputs, indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates).to(inputs.dtype).to(inputs.device)
    index = tuple(i.to(inputs.device) for i in _index_tuple(indices))
    return inputs.index_put(index, updates)


def _clamped_slices(x_shape, start_indices, sizes):
    # Start indices become Python ints (one host sync): torch slicing
    # takes no tensor bounds.
    starts = convert_to_numpy(start_indices).reshape(-1).tolist()
    return tuple(
        builtins.slice(s, s + n)
        for s, n in (
            (min(max(int(s), 0), dim - size), size)
            for s, dim, size in zip(starts, x_shape, sizes, strict=False)
        )
    )


def slice(inputs, start_indices, shape):  # noqa: A001 - Keras's name
    inputs = convert_to_tensor(inputs)
    sizes = [int(s) for s in np.asarray(shape).reshape(-1)]
    return inputs[_clamped_slices(inputs.shape, start_indices, sizes)]


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates).to(inputs.dtype).to(inputs.device)
    output = inputs.clone()
    output[_clamped_slices(inputs.shape, start_indices, updates.shape)] = (
        updates
    )
    return output


def unstack(x, num=None, axis=0):
    return list(torch.unbind(convert_to_tensor(x), dim=axis))
