"""The common public ops in one Python frame on the PyTorch backend.

`cornu.ops.exp(x)` is two calls: the public function (symbolic inputs,
argument checks) and this backend's `exp` (dtype promotion). torch runs an
op on a small tensor in about a microsecond, so the second frame alone
costs a fifth of it. `HOT_PATHS` maps a public op (`"numpy.exp"`) to a
maker that, given the public function, returns one function that calls
torch directly when nothing needs converting (tensors of the dtypes the op
keeps, plain arguments), and calls the public function otherwise. The
public op is bound to it at import (`cornu.src.ops.hot_path`), so results
and error messages are the public op's either way: a torch error on the
hot path is raised again by the public function with its own message.
"""

import torch

from cornu.src.backend.torch.core import TENSOR_TYPES
from cornu.src.backend.torch.core import TORCH_DTYPES
from cornu.src.backend.torch.core import Variable

_FLOATS = frozenset(
    {torch.float16, torch.bfloat16, torch.float32, torch.float64}
)
_WIDE_FLOATS = frozenset({torch.float32, torch.float64})
Tensor = torch.Tensor
_REVERSED = [tuple(range(ndim - 1, -1, -1)) for ndim in range(8)]


def _float_unary(fn):
    """Ops of one tensor computed in floats (integers take the public
    path, which casts them)."""

    def make(public):
        def op(x):
            if type(x) is Tensor and x.is_floating_point():
                return fn(x)
            return public(x)

        return op

    return make


def _same_dtype_unary(fn):
    """Ops of one tensor that keep its dtype (booleans: public path)."""

    def make(public):
        def op(x):
            if type(x) is Tensor and x.dtype is not torch.bool:
                return fn(x)
            return public(x)

        return op

    return make


def _binary(fn, dtypes=None):
    """Ops of two tensors of one dtype (of `dtypes` when given), nothing
    to promote. Parameters and variables (a layer's `add(x, self.bias)`)
    take a second look."""

    def make(public):
        def op(x1, x2):
            if type(x1) is Tensor and type(x2) is Tensor:
                a, b = x1, x2
            else:
                a = x1.value if type(x1) is Variable else x1
                b = x2.value if type(x2) is Variable else x2
                if type(a) not in TENSOR_TYPES or type(b) not in TENSOR_TYPES:
                    return public(x1, x2)
            if a.dtype is b.dtype and (dtypes is None or a.dtype in dtypes):
                try:
                    return fn(a, b)
                except RuntimeError:
                    pass  # shapes or devices: the public op explains
            return public(x1, x2)

        return op

    return make


def _affine(public):
    """`Dense`'s `x @ kernel + bias` on a batch of vectors: one `addmm`
    (one autograd node), as `torch.nn.Linear` computes it. `addmm`
    refuses mismatched dtypes and shapes (then the public op runs)."""

    def op(x, kernel, bias=None):
        if type(x) in TENSOR_TYPES and x.ndim == 2 and x.dtype in _FLOATS:
            k = kernel.value if type(kernel) is Variable else kernel
            b = bias.value if type(bias) is Variable else bias
            if type(k) in TENSOR_TYPES and type(b) in TENSOR_TYPES:
                try:
                    return torch.addmm(b, x, k)
                except RuntimeError:
                    pass
        return public(x, kernel, bias)

    return op


def _convert_to_tensor(public):
    """A tensor already of the requested dtype is returned as it is."""

    def op(x, dtype=None, sparse=None, ragged=None):
        if (
            type(x) in TENSOR_TYPES
            and sparse is None
            and ragged is None
            and (
                dtype is None
                or (type(dtype) is str and TORCH_DTYPES.get(dtype) is x.dtype)
            )
        ):
            return x
        return public(x, dtype, sparse, ragged)

    return op


def _cast(public):
    """A tensor of the dtype already, or a cast between named dtypes."""

    def op(x, dtype):
        if type(x) in TENSOR_TYPES and type(dtype) is str:
            target = TORCH_DTYPES.get(dtype)
            if target is x.dtype:
                return x
            if target is not None:
                return x.to(target)
        return public(x, dtype)

    return op


def _reduction(fn, fn_axis, dtypes):
    """`sum`/`mean`: over everything, or over one int axis."""

    def make(public):
        def op(x, axis=None, keepdims=False):
            if type(x) in TENSOR_TYPES and x.dtype in dtypes:
                if axis is None and keepdims is False:
                    return fn(x)
                if type(axis) is int and type(keepdims) is bool:
                    try:
                        return fn_axis(x, axis, keepdims)
                    except IndexError:
                        pass  # out of range: the public op explains
            return public(x, axis, keepdims)

        return op

    return make


def _max(public):
    def op(x, axis=None, keepdims=False, initial=None):
        if (
            initial is None
            and type(x) in TENSOR_TYPES
            and x.dtype in _FLOATS
        ):
            if axis is None and keepdims is False:
                return torch.max(x)
            if type(axis) is int and type(keepdims) is bool:
                try:
                    return torch.amax(x, axis, keepdims)
                except IndexError:
                    pass
        return public(x, axis, keepdims, initial)

    return op


def _reshape(public):
    def op(x, newshape):
        if type(x) in TENSOR_TYPES and type(newshape) is tuple:
            try:
                return torch.reshape(x, newshape)
            except (RuntimeError, TypeError):
                pass  # the public op names the shapes
        return public(x, newshape)

    return op


def _transpose(public):
    def op(x, axes=None):
        if axes is None and type(x) in TENSOR_TYPES and x.ndim < 8:
            return torch.permute(x, _REVERSED[x.ndim])
        return public(x, axes)

    return op


def _concatenate(public):
    def op(xs, axis=0):
        if type(xs) in (list, tuple) and type(axis) is int and xs:
            dtype = getattr(xs[0], "dtype", None)
            if all(
                type(x) in TENSOR_TYPES and x.dtype is dtype for x in xs
            ):
                try:
                    return torch.cat(xs, axis)
                except (RuntimeError, IndexError):
                    pass  # shapes, axis or devices: the public op
        return public(xs, axis)

    return op


def _where(public):
    def op(condition, x1=None, x2=None):
        if (
            type(condition) in TENSOR_TYPES
            and type(x1) in TENSOR_TYPES
            and type(x2) in TENSOR_TYPES
            and condition.dtype is torch.bool
            and x1.dtype is x2.dtype
        ):
            try:
                return torch.where(condition, x1, x2)
            except RuntimeError:
                pass
        return public(condition, x1, x2)

    return op


def _softmax(public):
    def op(x, axis=-1):
        if (
            type(axis) is int
            and type(x) in TENSOR_TYPES
            and x.is_floating_point()
            and x.ndim
        ):
            try:
                y = torch.softmax(x, axis)
            except IndexError:
                return public(x, axis)
            if y.shape[axis] != 1:  # size 1: the public op warns
                return y
        return public(x, axis)

    return op


HOT_PATHS = {
    "numpy.exp": _float_unary(torch.exp),
    "numpy.log": _float_unary(torch.log),
    "numpy.sqrt": _float_unary(torch.sqrt),
    "numpy.tanh": _float_unary(torch.tanh),
    "nn.sigmoid": _float_unary(torch.sigmoid),
    "numpy.absolute": _same_dtype_unary(torch.abs),
    "numpy.abs": _same_dtype_unary(torch.abs),
    "nn.relu": _same_dtype_unary(torch.relu),
    "numpy.add": _binary(torch.add),
    "numpy.subtract": _binary(torch.subtract),
    "numpy.multiply": _binary(torch.multiply),
    "numpy.divide": _binary(torch.divide, _FLOATS),
    "numpy.matmul": _binary(torch.matmul, _FLOATS),
    "numpy.sum": _reduction(torch.sum, torch.sum, _FLOATS),
    "numpy.mean": _reduction(torch.mean, torch.mean, _WIDE_FLOATS),
    "numpy.max": _max,
    "numpy.reshape": _reshape,
    "numpy.transpose": _transpose,
    "numpy.concatenate": _concatenate,
    "numpy.where": _where,
    "nn.softmax": _softmax,
    "nn.affine": _affine,
    "core.convert_to_tensor": _convert_to_tensor,
    "core.cast": _cast,
}
