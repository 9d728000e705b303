"""Reductions over axes: sum, mean, max, prod, all, argmax, ...

`axis` is an int, a tuple/list of ints (negative ones count from the
end) or `None` for all axes; `keepdims=True` keeps reduced axes as size
1. Output dtypes follow Keras 3 (`backend/common/reduction_dtypes.py`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import reduction_dtypes
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.ops import operation_utils
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.operation import Operation
from cornu.src.ops.operation_utils import shape_of as static_shape


def check_axis(op: str, x: Any, axis: Any, keepdims: bool = False) -> tuple:
    """The reduced shape of `x`; raises a clear error for a bad `axis`."""
    if axis is not None and not isinstance(axis, (int, tuple, list)):
        raise TypeError(
            f"{op} expects `axis` to be None, an int or a tuple of ints. "
            f"Received: axis={axis!r}."
        )
    return operation_utils.reduce_shape(static_shape(x), axis, keepdims, op)


class Reduction(Operation):
    """An axis reduction: `op` names the public and backend functions;
    `output_dtype` maps the input dtype to the result's."""

    op = ""
    # Whether a sparse input gives a sparse result (sum and mean, as in
    # Keras).
    keeps_sparse = False

    def __init__(self, axis=None, keepdims=False, *, name=None):
        super().__init__(name=name)
        self.axis = axis
        self.keepdims = keepdims

    def call(self, x):
        fn = getattr(backend.numpy, self.op)
        return fn(x, axis=self.axis, keepdims=self.keepdims)

    def output_dtype(self, dtype: str) -> str:
        return dtype

    def compute_output_spec(self, x):
        shape = check_axis(self.op, x, self.axis, self.keepdims)
        dtype = self.output_dtype(standardize_dtype(x.dtype))
        sparse = self.keeps_sparse and x.sparse
        return KerasTensor(shape, dtype=dtype, sparse=sparse)


def reduce(op_class: type, x: Any, axis: Any, keepdims: bool) -> Any:
    """Runs a `Reduction` symbolically or eagerly."""
    if isinstance(x, KerasTensor):
        return op_class(axis, keepdims).symbolic_call(x)
    try:
        return getattr(backend.numpy, op_class.op)(
            x, axis=axis, keepdims=keepdims
        )
    except Exception:
        # Explain a failure with the symbolic path's message (checked only
        # on failure: no cost on the hot path).
        check_axis(op_class.op, x, axis, keepdims)
        raise


class Sum(Reduction):
    op = "sum"
    keeps_sparse = True

    def output_dtype(self, dtype):
        return reduction_dtypes.sum_dtype(dtype)


class Mean(Reduction):
    op = "mean"
    keeps_sparse = True

    def output_dtype(self, dtype):
        return reduction_dtypes.mean_dtype(dtype)


class Amax(Reduction):
    op = "amax"


class Amin(Reduction):
    op = "amin"


class AllOf(Reduction):
    op = "all"

    def output_dtype(self, dtype):
        return "bool"


class AnyOf(Reduction):
    op = "any"

    def output_dtype(self, dtype):
        return "bool"


class Ptp(Reduction):
    op = "ptp"


@cornu_export(["cornu.ops.sum", "cornu.ops.numpy.sum"])
@hot_path
def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Sum of elements over `axis` (all axes when `None`).

    bool, int8 and int16 inputs sum in int32; uint8 and uint16 in
    uint32; other dtypes are kept.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 2], [3, 4]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.sum(x, axis=0)).tolist()
    [4, 6]
    """
    return reduce(Sum, x, axis, keepdims)


@cornu_export(["cornu.ops.mean", "cornu.ops.numpy.mean"])
@hot_path
def mean(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Arithmetic mean over `axis`; bool and integer inputs give float32.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.mean(x, axis=1)).tolist()
    [1.5, 3.5]
    """
    return reduce(Mean, x, axis, keepdims)


@cornu_export(["cornu.ops.amax", "cornu.ops.numpy.amax"])
def amax(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Maximum over `axis` (all axes when `None`), in `x`'s dtype.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 6, 8], [1, 5, 2]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.amax(x, axis=0)).tolist()
    [1, 6, 8]
    """
    return reduce(Amax, x, axis, keepdims)


@cornu_export(["cornu.ops.amin", "cornu.ops.numpy.amin"])
def amin(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Minimum over `axis` (all axes when `None`), in `x`'s dtype.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 6, 8], [7, 5, 3]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.amin(x, axis=0)).tolist()
    [1, 5, 3]
    """
    return reduce(Amin, x, axis, keepdims)


@cornu_export(["cornu.ops.all", "cornu.ops.numpy.all"])
def all(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Whether all elements over `axis` are true (non-zero), as bool.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[True, False], [True, True]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.all(x, axis=0)).tolist()
    [True, False]
    """
    return reduce(AllOf, x, axis, keepdims)


@cornu_export(["cornu.ops.any", "cornu.ops.numpy.any"])
def any(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Whether any element over `axis` is true (non-zero), as bool.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[True, False], [False, False]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.any(x, axis=1)).tolist()
    [True, False]
    """
    return reduce(AnyOf, x, axis, keepdims)


@cornu_export(["cornu.ops.ptp", "cornu.ops.numpy.ptp"])
def ptp(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Peak-to-peak range (`max - min`) over `axis`, in `x`'s dtype.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 3, 2], [4, 0, 5]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.ptp(x, axis=1)).tolist()
    [2, 5]
    """
    return reduce(Ptp, x, axis, keepdims)


class _Extremum(Reduction):
    def __init__(self, axis=None, keepdims=False, initial=None, *, name=None):
        super().__init__(axis, keepdims, name=name)
        self.initial = initial

    def call(self, x):
        fn = getattr(backend.numpy, self.op)
        return fn(
            x, axis=self.axis, keepdims=self.keepdims, initial=self.initial
        )


class Max(_Extremum):
    op = "max"


class Min(_Extremum):
    op = "min"


def _extremum(op_class, x, axis, keepdims, initial):
    if initial is not None and not isinstance(initial, (int, float)):
        raise TypeError(
            f"{op_class.op} expects `initial` to be None or a Python "
            f"number. Received: initial={initial!r}."
        )
    if isinstance(x, KerasTensor):
        return op_class(axis, keepdims, initial).symbolic_call(x)
    try:
        return getattr(backend.numpy, op_class.op)(
            x, axis=axis, keepdims=keepdims, initial=initial
        )
    except Exception:
        # Explain a failure with the symbolic path's message (checked only
        # on failure: no cost on the hot path).
        check_axis(op_class.op, x, axis, keepdims)
        raise


@cornu_export(["cornu.ops.max", "cornu.ops.numpy.max"])
@hot_path
def max(
    x: Any, axis: Any = None, keepdims: bool = False, initial: Any = None
) -> Any:
    """Maximum over `axis` (all axes when `None`), in `x`'s dtype.

    Args:
        x: Input tensor.
        axis: Axis or axes to reduce; `None` reduces all of them.
        keepdims: Whether to keep reduced axes as size 1.
        initial: Optional lower bound of every result (a Python number).

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 6], [4, 2]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.max(x, axis=1)).tolist()
    [6, 4]
    >>> cornu.ops.convert_to_numpy(cornu.ops.max(x, initial=9)).tolist()
    9
    """
    return _extremum(Max, x, axis, keepdims, initial)


@cornu_export(["cornu.ops.min", "cornu.ops.numpy.min"])
def min(
    x: Any, axis: Any = None, keepdims: bool = False, initial: Any = None
) -> Any:
    """Minimum over `axis` (all axes when `None`), in `x`'s dtype.

    Args:
        x: Input tensor.
        axis: Axis or axes to reduce; `None` reduces all of them.
        keepdims: Whether to keep reduced axes as size 1.
        initial: Optional upper bound of every result (a Python number).

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 6], [4, 2]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.min(x, axis=1)).tolist()
    [1, 2]
    """
    return _extremum(Min, x, axis, keepdims, initial)


class Prod(Reduction):
    op = "prod"

    def __init__(self, axis=None, keepdims=False, dtype=None, *, name=None):
        super().__init__(axis, keepdims, name=name)
        self.dtype = None if dtype is None else standardize_dtype(dtype)

    def call(self, x):
        return backend.numpy.prod(
            x, axis=self.axis, keepdims=self.keepdims, dtype=self.dtype
        )

    def output_dtype(self, dtype):
        return self.dtype or reduction_dtypes.sum_dtype(dtype)


@cornu_export(["cornu.ops.prod", "cornu.ops.numpy.prod"])
def prod(
    x: Any, axis: Any = None, keepdims: bool = False, dtype: Any = None
) -> Any:
    """Product of elements over `axis` (all axes when `None`).

    Args:
        x: Input tensor.
        axis: Axis or axes to reduce; `None` reduces all of them.
        keepdims: Whether to keep reduced axes as size 1.
        dtype: Dtype to accumulate and return in. By default bool, int8
            and int16 give int32, uint8 and uint16 give uint32, and other
            dtypes are kept.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 2], [3, 4]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.prod(x, axis=1)).tolist()
    [2, 12]
    """
    if dtype is not None:
        dtype = standardize_dtype(dtype)
    if isinstance(x, KerasTensor):
        return Prod(axis, keepdims, dtype).symbolic_call(x)
    check_axis("prod", x, axis, keepdims)
    return backend.numpy.prod(x, axis=axis, keepdims=keepdims, dtype=dtype)


def _check_single_axis(op: str, x: Any, axis: Any, keepdims: bool) -> tuple:
    if axis is not None and (
        isinstance(axis, bool) or not isinstance(axis, int)
    ):
        raise TypeError(
            f"{op} expects `axis` to be None or an int. Received: "
            f"axis={axis!r}. To search several axes, reshape them into one "
            "first."
        )
    return operation_utils.reduce_shape(static_shape(x), axis, keepdims, op)


class _ArgReduction(Reduction):
    def output_dtype(self, dtype):
        return "int32"

    def compute_output_spec(self, x):
        shape = _check_single_axis(self.op, x, self.axis, self.keepdims)
        return KerasTensor(shape, dtype="int32")


class Argmax(_ArgReduction):
    op = "argmax"


class Argmin(_ArgReduction):
    op = "argmin"


def arg_reduce(op_class: type, x: Any, axis: Any, keepdims: bool) -> Any:
    """Runs an index-returning reduction symbolically or eagerly."""
    if isinstance(x, KerasTensor):
        return op_class(axis, keepdims).symbolic_call(x)
    _check_single_axis(op_class.op, x, axis, keepdims)
    return getattr(backend.numpy, op_class.op)(
        x, axis=axis, keepdims=keepdims
    )


@cornu_export(["cornu.ops.argmax", "cornu.ops.numpy.argmax"])
def argmax(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Int32 index of the maximum along `axis` (of the flattened tensor
    when `None`); the first one on ties.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[10, 11, 12], [13, 14, 15]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.argmax(x)).tolist()
    5
    >>> cornu.ops.convert_to_numpy(cornu.ops.argmax(x, axis=1)).tolist()
    [2, 2]
    """
    return arg_reduce(Argmax, x, axis, keepdims)


@cornu_export(["cornu.ops.argmin", "cornu.ops.numpy.argmin"])
def argmin(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    """Int32 index of the minimum along `axis` (of the flattened tensor
    when `None`); the first one on ties.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[10, 11, 9], [13, 8, 15]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.argmin(x, axis=0)).tolist()
    [0, 1, 0]
    """
    return arg_reduce(Argmin, x, axis, keepdims)


class CountNonzero(Reduction):
    op = "count_nonzero"

    def __init__(self, axis=None, *, name=None):
        super().__init__(axis, False, name=name)

    def call(self, x):
        return backend.numpy.count_nonzero(x, axis=self.axis)

    def output_dtype(self, dtype):
        return "int32"


@cornu_export(["cornu.ops.count_nonzero", "cornu.ops.numpy.count_nonzero"])
def count_nonzero(x: Any, axis: Any = None) -> Any:
    """Int32 count of non-zero elements over `axis` (all when `None`).

    Example:

    >>> x = cornu.ops.convert_to_tensor([[0, 1, 7, 0], [3, 0, 2, 19]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.count_nonzero(x)).tolist()
    5
    >>> y = cornu.ops.count_nonzero(x, axis=0)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1, 1, 2, 1]
    """
    if isinstance(x, KerasTensor):
        return CountNonzero(axis).symbolic_call(x)
    check_axis("count_nonzero", x, axis)
    return backend.numpy.count_nonzero(x, axis=axis)


def _argpartition_shape(shape: tuple, kth: Any, axis: Any) -> tuple:
    if isinstance(kth, bool) or not isinstance(kth, int):
        raise TypeError(
            f"argpartition expects an int `kth`. Received: kth={kth!r}."
        )
    if axis is None:
        size = None if None in shape else int(np.prod(shape))
        out = (size,)
    else:
        if not shape:
            raise ValueError(
                "argpartition needs an input with at least 1 dim (or "
                f"axis=None). Received shape (), axis={axis!r}."
            )
        axis = operation_utils.canonicalize_axis(
            axis, len(shape), "argpartition"
        )
        size, out = shape[axis], tuple(shape)
    if size is not None and not -size <= kth < size:
        raise ValueError(
            f"argpartition expects `kth` in [{-size}, {size}) (the size of "
            f"the partitioned axis). Received: kth={kth}."
        )
    return out


class Argpartition(Operation):
    def __init__(self, kth, axis=-1, *, name=None):
        super().__init__(name=name)
        self.kth = kth
        self.axis = axis

    def call(self, x):
        return backend.numpy.argpartition(x, self.kth, axis=self.axis)

    def compute_output_spec(self, x):
        shape = _argpartition_shape(x.shape, self.kth, self.axis)
        return KerasTensor(shape, dtype="int32")


@cornu_export(["cornu.ops.argpartition", "cornu.ops.numpy.argpartition"])
def argpartition(x: Any, kth: int, axis: Any = -1) -> Any:
    """Int32 indices that partition `x` along `axis` around its `kth`
    smallest element.

    Gathering `x` with the result puts the `kth` smallest element at
    position `kth`, the smaller ones before it and the larger ones after
    it, each group in no particular order.

    Args:
        x: Input tensor.
        kth: Position (int, negative counts from the end) of the element
            that ends up in its sorted place.
        axis: Axis to partition along; `None` partitions the flattened
            tensor. Defaults to the last axis.

    Example:

    >>> i = cornu.ops.argpartition([5, 1, 4, 2], 1)
    >>> int(cornu.ops.convert_to_numpy(i)[1])
    3
    """
    if isinstance(x, KerasTensor):
        return Argpartition(kth, axis).symbolic_call(x)
    _argpartition_shape(static_shape(x), kth, axis)
    return backend.numpy.argpartition(x, kth, axis=axis)
