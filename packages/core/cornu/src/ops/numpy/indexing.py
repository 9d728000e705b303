"""Indexing: take, where, select, nonzero, diagonal, get_item..."""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.ops import operation_utils
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.keras_tensor import any_symbolic
from cornu.src.ops.numpy.manipulation import axis_of
from cornu.src.ops.operation import Operation
from cornu.src.ops.operation_utils import shape_of


def _take_shape(x_shape, i_shape, axis):
    if axis is None:
        return tuple(i_shape)
    axis = axis_of("take", axis, len(x_shape))
    return tuple(x_shape[:axis]) + tuple(i_shape) + tuple(x_shape[axis + 1:])


def _check_int_indices(op, indices):
    dtype = dtypes.dtype_of(indices)
    if dtype is not int and not dtypes.is_int_dtype(dtype):
        raise ValueError(
            f"{op} expects integer `indices`. Received indices of dtype "
            f"{getattr(dtype, '__name__', dtype)}. Cast them with "
            "`cornu.ops.cast(indices, 'int32')`."
        )


class Take(Operation):
    def __init__(self, axis=None, *, name=None):
        super().__init__(name=name)
        self.axis = axis

    def call(self, x, indices):
        return backend.numpy.take(x, indices, axis=self.axis)

    def compute_output_spec(self, x, indices):
        shape = _take_shape(shape_of(x), shape_of(indices), self.axis)
        return KerasTensor(shape, dtype=dtypes.standardize_dtype(x.dtype))


@cornu_export(["cornu.ops.take", "cornu.ops.numpy.take"])
def take(x: Any, indices: Any, axis: Any = None) -> Any:
    """Takes elements at `indices` along `axis` (of the flattened `x` if
    `None`). Negative indices count from the end.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 2], [3, 4]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.take(x, [1, 0], 1)).tolist()
    [[2, 1], [4, 3]]
    """
    _check_int_indices("take", indices)
    if any_symbolic((x, indices)):
        return Take(axis).symbolic_call(x, indices)
    x = backend.core.convert_to_tensor(x)
    _take_shape(shape_of(x), (), axis)
    return backend.numpy.take(x, indices, axis=axis)


class TakeAlongAxis(Operation):
    def __init__(self, axis=None, *, name=None):
        super().__init__(name=name)
        self.axis = axis

    def call(self, x, indices):
        return backend.numpy.take_along_axis(x, indices, axis=self.axis)

    def compute_output_spec(self, x, indices):
        shape = operation_utils.compute_take_along_axis_output_shape(
            shape_of(x), shape_of(indices), self.axis
        )
        return KerasTensor(shape, dtype=dtypes.standardize_dtype(x.dtype))


@cornu_export(["cornu.ops.take_along_axis", "cornu.ops.numpy.take_along_axis"])
def take_along_axis(x: Any, indices: Any, axis: Any = None) -> Any:
    """Picks values of `x` at `indices` along `axis`, the other axes
    broadcast (e.g. with the output of `argsort`).

    Example:

    >>> x = cornu.ops.convert_to_tensor([[10, 30, 20]])
    >>> i = cornu.ops.argsort(x, axis=1)
    >>> y = cornu.ops.take_along_axis(x, i, axis=1)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[10, 20, 30]]
    """
    _check_int_indices("take_along_axis", indices)
    if any_symbolic((x, indices)):
        return TakeAlongAxis(axis).symbolic_call(x, indices)
    x = backend.core.convert_to_tensor(x)
    indices = backend.core.convert_to_tensor(indices)
    operation_utils.compute_take_along_axis_output_shape(
        shape_of(x), shape_of(indices), axis
    )
    return backend.numpy.take_along_axis(x, indices, axis=axis)


class Where(Operation):
    def call(self, condition, x1, x2):
        return backend.numpy.where(condition, x1, x2)

    def compute_output_spec(self, condition, x1, x2):
        shape = operation_utils.broadcast_shapes(
            shape_of(condition), shape_of(x1), "where"
        )
        shape = operation_utils.broadcast_shapes(shape, shape_of(x2), "where")
        dtype = dtypes.result_type(dtypes.dtype_of(x1), dtypes.dtype_of(x2))
        return KerasTensor(shape, dtype=dtype)


@cornu_export(["cornu.ops.where", "cornu.ops.numpy.where"])
@hot_path
def where(condition: Any, x1: Any = None, x2: Any = None) -> Any:
    """Elements of `x1` where `condition` is true, else of `x2`.

    With only `condition`, returns `nonzero(condition)`. The result's dtype
    follows Keras's promotion rules (Python scalars are weak).

    Example:

    >>> c = cornu.ops.convert_to_tensor([True, False, True])
    >>> y = cornu.ops.where(c, [1, 2, 3], 0)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1, 0, 3]
    """
    if (x1 is None) != (x2 is None):
        raise ValueError(
            "where expects both `x1` and `x2`, or neither (then it returns "
            f"the indices of true values). Received: x1={x1!r}, x2={x2!r}."
        )
    if x1 is None:
        return nonzero(condition)
    if (
        isinstance(condition, KerasTensor)
        or isinstance(x1, KerasTensor)
        or isinstance(x2, KerasTensor)
    ):
        return Where().symbolic_call(condition, x1, x2)
    try:
        return backend.numpy.where(condition, x1, x2)
    except Exception:
        # Explain a failure with the symbolic path's message (checked only
        # on failure: no cost on the hot path).
        operation_utils.broadcast_shapes(
            operation_utils.broadcast_shapes(
                shape_of(condition), shape_of(x1), "where"
            ),
            shape_of(x2),
            "where",
        )
        raise


class Select(Operation):
    def call(self, condlist, choicelist, default=0):
        return backend.numpy.select(condlist, choicelist, default)

    def compute_output_spec(self, condlist, choicelist, default=0):
        return KerasTensor(*_select_spec(condlist, choicelist, default))


def _select_spec(condlist, choicelist, default):
    shape = shape_of(default)
    for t in list(condlist) + list(choicelist):
        shape = operation_utils.broadcast_shapes(shape, shape_of(t), "select")
    dtype = dtypes.result_type(
        *(dtypes.dtype_of(c) for c in choicelist), dtypes.dtype_of(default)
    )
    return shape, dtype


@cornu_export(["cornu.ops.select", "cornu.ops.numpy.select"])
def select(condlist: Any, choicelist: Any, default: Any = 0) -> Any:
    """Takes, per element, the choice of the first true condition.

    Args:
        condlist: List of boolean tensors.
        choicelist: List of tensors, one per condition.
        default: Value where no condition is true. Defaults to `0`.

    Example:

    >>> x = cornu.ops.arange(5)
    >>> y = cornu.ops.select([x < 2, x > 3], [x, x * 10], 42)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0, 1, 42, 42, 40]
    """
    if not isinstance(condlist, (list, tuple)) or not isinstance(
        choicelist, (list, tuple)
    ):
        raise ValueError(
            "select expects `condlist` and `choicelist` to be lists. "
            f"Received types {type(condlist).__name__} and "
            f"{type(choicelist).__name__}."
        )
    if not condlist or len(condlist) != len(choicelist):
        raise ValueError(
            "select expects non-empty `condlist` and `choicelist` of the "
            f"same length. Received lengths {len(condlist)} and "
            f"{len(choicelist)}."
        )
    condlist, choicelist = list(condlist), list(choicelist)
    if any_symbolic((condlist, choicelist, default)):
        return Select().symbolic_call(condlist, choicelist, default)
    _select_spec(condlist, choicelist, default)
    return backend.numpy.select(condlist, choicelist, default)


class Nonzero(Operation):
    def call(self, x):
        return backend.numpy.nonzero(x)

    def compute_output_spec(self, x):
        return tuple(KerasTensor((None,), dtype="int32") for _ in x.shape)


@cornu_export(["cornu.ops.nonzero", "cornu.ops.numpy.nonzero"])
def nonzero(x: Any) -> tuple:
    """Indices of the non-zero elements: one int32 tensor per axis.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[0, 1], [2, 0]])
    >>> [cornu.ops.convert_to_numpy(i).tolist()
    ...  for i in cornu.ops.nonzero(x)]
    [[0, 1], [1, 0]]
    """
    if isinstance(x, KerasTensor):
        return Nonzero().symbolic_call(x)
    return backend.numpy.nonzero(x)


def diagonal_shape(shape, offset, axis1, axis2):
    ndim = len(shape)
    if ndim < 2:
        raise ValueError(
            f"diagonal needs an input with at least 2 dims. Received shape "
            f"{tuple(shape)}."
        )
    a1 = axis_of("diagonal", axis1, ndim)
    a2 = axis_of("diagonal", axis2, ndim)
    if a1 == a2:
        raise ValueError(
            "diagonal expects distinct `axis1` and `axis2`. Received: "
            f"axis1={axis1}, axis2={axis2}."
        )
    d1, d2 = shape[a1], shape[a2]
    if d1 is None or d2 is None:
        n = None
    else:
        n = max(0, min(d1, d2 - offset) if offset >= 0 else min(d1 + offset,
                                                                 d2))
    rest = [d for i, d in enumerate(shape) if i not in (a1, a2)]
    return tuple(rest + [n])


class Diagonal(Operation):
    def __init__(self, offset=0, axis1=0, axis2=1, *, name=None):
        super().__init__(name=name)
        self.offset = offset
        self.axis1 = axis1
        self.axis2 = axis2

    def call(self, x):
        return backend.numpy.diagonal(x, self.offset, self.axis1, self.axis2)

    def compute_output_spec(self, x):
        shape = diagonal_shape(x.shape, self.offset, self.axis1, self.axis2)
        return KerasTensor(shape, dtype=x.dtype)


@cornu_export(["cornu.ops.diagonal", "cornu.ops.numpy.diagonal"])
def diagonal(x: Any, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Any:
    """Diagonals of the 2-D slices over `axis1` and `axis2`, appended as
    the last axis.

    Example:

    >>> x = cornu.ops.reshape(cornu.ops.arange(9), (3, 3))
    >>> cornu.ops.convert_to_numpy(cornu.ops.diagonal(x, 1)).tolist()
    [1, 5]
    """
    if isinstance(x, KerasTensor):
        return Diagonal(offset, axis1, axis2).symbolic_call(x)
    x = backend.core.convert_to_tensor(x)
    diagonal_shape(shape_of(x), offset, axis1, axis2)
    return backend.numpy.diagonal(x, offset, axis1, axis2)


def get_item_shape(shape, key):
    """Shape of `x[key]` for basic indexing (ints, slices, None, ...)."""
    keys = list(key) if isinstance(key, (tuple, list)) else [key]
    for k in keys:
        if k is not None and k is not Ellipsis and not isinstance(
            k, (int, slice)
        ):
            raise ValueError(
                "get_item on a symbolic tensor supports ints, slices, None "
                "and Ellipsis. Received key "
                f"{key!r}; use `cornu.ops.take` or `take_along_axis` for "
                "index tensors."
            )
    if keys.count(Ellipsis) > 1:
        raise ValueError(
            f"get_item accepts at most one Ellipsis. Received key {key!r}."
        )
    consumed = sum(1 for k in keys if k is not None and k is not Ellipsis)
    if consumed > len(shape):
        raise ValueError(
            f"get_item received too many indices ({consumed}) for a tensor "
            f"of shape {tuple(shape)}. Received key {key!r}."
        )
    if Ellipsis not in keys:
        keys.append(Ellipsis)
    out, dims = [], list(shape)
    for k in keys:
        if k is None:
            out.append(1)
        elif k is Ellipsis:
            n = len(shape) - consumed
            out.extend(dims[:n])
            dims = dims[n:]
        else:
            d = dims.pop(0)
            if isinstance(k, slice):
                out.append(None if d is None else len(range(*k.indices(d))))
            elif d is not None and not -d <= k < d:
                raise ValueError(
                    f"get_item index {k} is out of bounds for an axis of "
                    f"size {d} (tensor shape {tuple(shape)})."
                )
    return tuple(out)


class GetItem(Operation):
    def call(self, x, key):
        return backend.numpy.get_item(x, key)

    def compute_output_spec(self, x, key):
        return KerasTensor(get_item_shape(x.shape, key), dtype=x.dtype)


@cornu_export(["cornu.ops.get_item", "cornu.ops.numpy.get_item"])
def get_item(x: Any, key: Any) -> Any:
    """Returns `x[key]`.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 2, 3], [4, 5, 6]])
    >>> y = cornu.ops.get_item(x, (1, slice(1, None)))
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [5, 6]
    """
    if isinstance(x, KerasTensor):
        return GetItem().symbolic_call(x, key)
    return backend.numpy.get_item(x, key)


class UnravelIndex(Operation):
    def __init__(self, shape, *, name=None):
        super().__init__(name=name)
        self.shape = shape

    def call(self, indices):
        return backend.numpy.unravel_index(indices, self.shape)

    def compute_output_spec(self, indices):
        dtype = dtypes.standardize_dtype(indices.dtype)
        return tuple(
            KerasTensor(indices.shape, dtype=dtype) for _ in self.shape
        )


@cornu_export(["cornu.ops.unravel_index", "cornu.ops.numpy.unravel_index"])
def unravel_index(indices: Any, shape: Any) -> tuple:
    """Converts flat indices into a tuple of coordinate tensors for an
    array of `shape`.

    Example:

    >>> rows, cols = cornu.ops.unravel_index([5, 1], (3, 3))
    >>> cornu.ops.convert_to_numpy(rows).tolist()
    [1, 0]
    >>> cornu.ops.convert_to_numpy(cols).tolist()
    [2, 1]
    """
    shape = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
    if any(not isinstance(d, int) or d < 0 for d in shape):
        raise ValueError(
            "unravel_index expects `shape` to be a tuple of non-negative "
            f"ints. Received: shape={shape!r}."
        )
    _check_int_indices("unravel_index", indices)
    if any_symbolic((indices,)):
        return UnravelIndex(shape).symbolic_call(indices)
    return backend.numpy.unravel_index(indices, shape)


@cornu_export(["cornu.ops.vectorize", "cornu.ops.numpy.vectorize"])
def vectorize(pyfunc: Any, *, excluded: Any = None, signature: Any = None):
    """Turns a function of scalars (or of core dims given by `signature`,
    e.g. `"(n),(n)->()"`) into one mapped over leading axes.

    Example:

    >>> f = cornu.ops.vectorize(lambda a, b: a + b)
    >>> cornu.ops.convert_to_numpy(f([1, 2, 3], 10)).tolist()
    [11, 12, 13]
    """
    if not callable(pyfunc):
        raise ValueError(
            "vectorize expects a callable `pyfunc`. Received: "
            f"pyfunc={pyfunc!r}."
        )
    return backend.numpy.vectorize(
        pyfunc, excluded=excluded, signature=signature
    )


class Ndim(Operation):
    def call(self, x):
        return backend.numpy.ndim(x)

    def compute_output_spec(self, x):
        return KerasTensor((), dtype="int32")


@cornu_export(["cornu.ops.ndim", "cornu.ops.numpy.ndim"])
def ndim(x: Any) -> Any:
    """Number of dimensions of a tensor.

    Example:

    >>> int(cornu.ops.ndim(cornu.ops.ones((2, 3))))
    2
    """
    if isinstance(x, KerasTensor):
        return Ndim().symbolic_call(x)
    return backend.numpy.ndim(x)


class Size(Operation):
    def call(self, x):
        return backend.numpy.size(x)

    def compute_output_spec(self, x):
        return KerasTensor((), dtype="int32")


@cornu_export(["cornu.ops.size", "cornu.ops.numpy.size"])
def size(x: Any) -> Any:
    """Number of elements of a tensor.

    Example:

    >>> int(cornu.ops.size(cornu.ops.ones((2, 3))))
    6
    """
    if isinstance(x, KerasTensor):
        return Size().symbolic_call(x)
    return backend.numpy.size(x)
