"""Array creation: filled tensors, ranges, grids and triangles.

Dtype rules follow Keras 3: `ones`, `zeros`, `full`, `empty`, `eye`,
`identity` and `tri` default to `floatx()`; `*_like` keep the input's
dtype; `arange` infers int32 or floatx from its arguments; `linspace`
and `logspace` give a float dtype.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.backend.common import dtypes
from cornu.src.ops import operation_utils
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.keras_tensor import any_symbolic
from cornu.src.ops.numpy.manipulation import axis_of
from cornu.src.ops.operation import Operation
from cornu.src.ops.operation_utils import shape_of


def dtype_or_floatx(dtype: Any) -> str:
    return config.floatx() if dtype is None else dtypes.standardize_dtype(
        dtype
    )


def _shape(op: str, shape: Any) -> tuple:
    # `as_list`: a tensor's shape object (TensorFlow's `x.shape`).
    if isinstance(shape, (tuple, list)) or hasattr(shape, "as_list"):
        dims = tuple(shape)
    else:
        dims = (shape,)
    if any(_bad_dim(d) for d in dims):
        raise ValueError(
            f"{op} expects `shape` to be a non-negative int or a tuple of "
            f"them. Received: shape={shape!r}."
        )
    # Symbolic sizes (a dynamic axis while a model is traced for export)
    # pass through: `int()` would fix them to the traced value.
    return tuple(
        int(d) if isinstance(d, (int, np.integer)) else d for d in dims
    )


def _bad_dim(d: Any) -> bool:
    if isinstance(d, bool) or d is None:
        return True
    if isinstance(d, (int, np.integer)):
        return d < 0
    # A symbolic size supports integer arithmetic; floats, strings and
    # other objects do not qualify.
    return isinstance(d, (float, str, bytes)) or not hasattr(d, "__mul__")


@cornu_export(["cornu.ops.ones", "cornu.ops.numpy.ones"])
def ones(shape: Any, dtype: Any = None) -> Any:
    """A tensor of ones; `dtype` defaults to `floatx()`.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.ones((2,))).tolist()
    [1.0, 1.0]
    """
    return backend.numpy.ones(_shape("ones", shape), dtype_or_floatx(dtype))


@cornu_export(["cornu.ops.zeros", "cornu.ops.numpy.zeros"])
def zeros(shape: Any, dtype: Any = None) -> Any:
    """A tensor of zeros; `dtype` defaults to `floatx()`.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.zeros((1, 2))).tolist()
    [[0.0, 0.0]]
    """
    return backend.numpy.zeros(
        _shape("zeros", shape), dtype_or_floatx(dtype)
    )


@cornu_export(["cornu.ops.empty", "cornu.ops.numpy.empty"])
def empty(shape: Any, dtype: Any = None) -> Any:
    """A tensor with unspecified values; `dtype` defaults to `floatx()`.

    Example:

    >>> cornu.ops.shape(cornu.ops.empty((2, 3)))
    (2, 3)
    """
    return backend.numpy.empty(
        _shape("empty", shape), dtype_or_floatx(dtype)
    )


class Full(Operation):
    def __init__(self, shape, dtype=None, *, name=None):
        super().__init__(name=name)
        self.shape = shape
        self.dtype = dtype

    def call(self, fill_value):
        return full(self.shape, fill_value, self.dtype)

    def compute_output_spec(self, fill_value):
        return KerasTensor(self.shape, dtype=dtype_or_floatx(self.dtype))


@cornu_export(["cornu.ops.full", "cornu.ops.numpy.full"])
def full(shape: Any, fill_value: Any, dtype: Any = None) -> Any:
    """A tensor filled with `fill_value`; `dtype` defaults to `floatx()`
    (as in Keras, even for an int `fill_value`).

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.full((2,), 7)).tolist()
    [7.0, 7.0]
    """
    shape = _shape("full", shape)
    if any_symbolic((fill_value,)):
        return Full(shape, dtype).symbolic_call(fill_value)
    return backend.numpy.full(shape, fill_value, dtype_or_floatx(dtype))


class _Like(Operation):
    def __init__(self, fn, dtype=None, *, name=None):
        super().__init__(name=name)
        self.fn = fn
        self.dtype = dtype

    def call(self, x, *fill_value):
        return globals()[self.fn](x, *fill_value, dtype=self.dtype)

    def compute_output_spec(self, x, *fill_value):
        dtype = x.dtype if self.dtype is None else self.dtype
        return KerasTensor(x.shape, dtype=dtypes.standardize_dtype(dtype))


def _like_dtype(x, dtype):
    if dtype is None:
        return dtypes.standardize_dtype(x.dtype)
    return dtypes.standardize_dtype(dtype)


@cornu_export(["cornu.ops.full_like", "cornu.ops.numpy.full_like"])
def full_like(x: Any, fill_value: Any, dtype: Any = None) -> Any:
    """A tensor shaped like `x` filled with `fill_value`, with `x`'s dtype
    unless `dtype` is given.

    Example:

    >>> y = cornu.ops.full_like(cornu.ops.zeros((2,)), 3)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [3.0, 3.0]
    """
    if any_symbolic((x, fill_value)):
        return _Like("full_like", dtype).symbolic_call(x, fill_value)
    x = backend.core.convert_to_tensor(x)
    return backend.numpy.full_like(x, fill_value, _like_dtype(x, dtype))


@cornu_export(["cornu.ops.ones_like", "cornu.ops.numpy.ones_like"])
def ones_like(x: Any, dtype: Any = None) -> Any:
    """Ones shaped like `x`, with `x`'s dtype unless `dtype` is given.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.ones_like([1, 2])).tolist()
    [1, 1]
    """
    if isinstance(x, KerasTensor):
        return _Like("ones_like", dtype).symbolic_call(x)
    x = backend.core.convert_to_tensor(x)
    return backend.numpy.ones_like(x, _like_dtype(x, dtype))


@cornu_export(["cornu.ops.zeros_like", "cornu.ops.numpy.zeros_like"])
def zeros_like(x: Any, dtype: Any = None) -> Any:
    """Zeros shaped like `x`, with `x`'s dtype unless `dtype` is given.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.zeros_like([1.5])).tolist()
    [0.0]
    """
    if isinstance(x, KerasTensor):
        return _Like("zeros_like", dtype).symbolic_call(x)
    x = backend.core.convert_to_tensor(x)
    return backend.numpy.zeros_like(x, _like_dtype(x, dtype))


class Array(Operation):
    def __init__(self, dtype=None, *, name=None):
        super().__init__(name=name)
        self.dtype = dtype

    def call(self, x):
        return array(x, dtype=self.dtype)

    def compute_output_spec(self, x):
        return KerasTensor(x.shape, dtype=_like_dtype(x, self.dtype))


@cornu_export(["cornu.ops.array", "cornu.ops.numpy.array"])
def array(x: Any, dtype: Any = None) -> Any:
    """Creates a tensor from `x` (Python ints give int32, floats floatx).

    Example:

    >>> x = cornu.ops.array([1, 2], dtype="float32")
    >>> cornu.ops.convert_to_numpy(x).tolist()
    [1.0, 2.0]
    """
    if any_symbolic((x,)):
        return Array(dtype).symbolic_call(x)
    return backend.core.convert_to_tensor(x, dtype=dtype)


def count(op: str, name: str, value: Any) -> int:
    if value is None or not hasattr(value, "__index__") or isinstance(
        value, bool
    ) or int(value) < 0:
        raise ValueError(
            f"{op} expects `{name}` to be a non-negative int. Received: "
            f"{name}={value!r}."
        )
    return int(value)


class _Arange(Operation):
    def __init__(self, dtype, *, name=None):
        super().__init__(name=name)
        self.dtype = dtype

    def call(self, start, stop, step):
        return arange(start, stop, step, dtype=self.dtype)

    def compute_output_spec(self, start, stop, step):
        # The length depends on the values: unknown until run time.
        return KerasTensor((None,), dtype=dtypes.standardize_dtype(self.dtype))


@cornu_export(["cornu.ops.arange", "cornu.ops.numpy.arange"])
def arange(start: Any, stop: Any = None, step: Any = 1, dtype: Any = None):
    """Evenly spaced values in `[start, stop)` (`[0, start)` when `stop`
    is `None`). Without `dtype`, Python ints give int32 and floats
    `floatx()`.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.arange(4)).tolist()
    [0, 1, 2, 3]
    >>> cornu.ops.convert_to_numpy(cornu.ops.arange(1, 2, 0.5)).tolist()
    [1.0, 1.5]
    """
    if step is None:
        step = 1
    if step == 0:
        raise ValueError(
            "arange expects a non-zero `step`. Received: step=0. Use e.g. "
            "`arange(0, 10, 2)`."
        )
    if dtype is None:
        args = [start, step] if stop is None else [start, stop, step]
        dtype = dtypes.result_type(*(dtypes.dtype_of(a) for a in args))
    if any_symbolic((start, stop, step)):
        return _Arange(dtype).symbolic_call(start, stop, step)
    return backend.numpy.arange(
        start, stop, step, dtypes.standardize_dtype(dtype)
    )


def _space_dtype(start, stop, dtype):
    if dtype is not None:
        return dtypes.standardize_dtype(dtype)
    return dtypes.result_type(
        dtypes.dtype_of(start), dtypes.dtype_of(stop), float
    )


def _space_shape(op, start, stop, num, axis):
    shape = operation_utils.broadcast_shapes(
        shape_of(start), shape_of(stop), op
    )
    axis = axis_of(op, axis, len(shape) + 1)
    return shape[:axis] + (num,) + shape[axis:]


class _Space(Operation):
    def __init__(self, fn, kwargs, *, name=None):
        super().__init__(name=name)
        self.fn = fn
        self.kwargs = kwargs

    def call(self, start, stop):
        return globals()[self.fn](start, stop, **self.kwargs)

    def compute_output_spec(self, start, stop):
        kw = self.kwargs
        shape = _space_shape(self.fn, start, stop, kw["num"], kw["axis"])
        out = KerasTensor(shape, _space_dtype(start, stop, kw["dtype"]))
        if kw.get("retstep"):
            return out, KerasTensor(shape[:0], dtype=out.dtype)
        return out


@cornu_export(["cornu.ops.linspace", "cornu.ops.numpy.linspace"])
def linspace(
    start: Any,
    stop: Any,
    num: int = 50,
    endpoint: bool = True,
    retstep: bool = False,
    dtype: Any = None,
    axis: int = 0,
) -> Any:
    """`num` evenly spaced samples from `start` to `stop`.

    Args:
        start: Start value (scalar or tensor).
        stop: End value, included unless `endpoint=False`.
        num: Number of samples. Defaults to `50`.
        endpoint: Whether `stop` is the last sample. Defaults to `True`.
        retstep: Also return the spacing, as `(samples, step)`.
        dtype: Output dtype; defaults to a float dtype (`floatx()` for
            Python numbers).
        axis: Axis of the samples when `start`/`stop` are tensors.

    Example:

    >>> y = cornu.ops.linspace(0, 1, 5)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    num = count("linspace", "num", num)
    kwargs = dict(
        num=num, endpoint=endpoint, retstep=retstep, dtype=dtype, axis=axis
    )
    if any_symbolic((start, stop)):
        return _Space("linspace", kwargs).symbolic_call(start, stop)
    _space_shape("linspace", start, stop, num, axis)
    kwargs["dtype"] = _space_dtype(start, stop, dtype)
    return backend.numpy.linspace(start, stop, **kwargs)


@cornu_export(["cornu.ops.logspace", "cornu.ops.numpy.logspace"])
def logspace(
    start: Any,
    stop: Any,
    num: int = 50,
    endpoint: bool = True,
    base: Any = 10,
    dtype: Any = None,
    axis: int = 0,
) -> Any:
    """`num` samples from `base ** start` to `base ** stop`, evenly spaced
    on a log scale (arguments as in `linspace`).

    Example:

    >>> y = cornu.ops.logspace(0, 2, 3)
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [1.0, 10.0, 100.0]
    """
    num = count("logspace", "num", num)
    kwargs = dict(num=num, endpoint=endpoint, base=base, dtype=dtype, axis=axis)
    if any_symbolic((start, stop)):
        return _Space("logspace", kwargs).symbolic_call(start, stop)
    _space_shape("logspace", start, stop, num, axis)
    kwargs["dtype"] = _space_dtype(start, stop, dtype)
    return backend.numpy.logspace(start, stop, **kwargs)


class Meshgrid(Operation):
    def __init__(self, indexing="xy", *, name=None):
        super().__init__(name=name)
        self.indexing = indexing

    def call(self, *x):
        return backend.numpy.meshgrid(*x, indexing=self.indexing)

    def compute_output_spec(self, *x):
        sizes = []
        for t in x:
            s = shape_of(t)
            sizes.append(None if None in s else math.prod(s))
        if self.indexing == "xy" and len(sizes) > 1:
            sizes[0], sizes[1] = sizes[1], sizes[0]
        return [
            KerasTensor(sizes, dtype=dtypes.result_type(dtypes.dtype_of(t)))
            for t in x
        ]


@cornu_export(["cornu.ops.meshgrid", "cornu.ops.numpy.meshgrid"])
def meshgrid(*x: Any, indexing: str = "xy") -> list:
    """Coordinate grids from 1-D coordinate tensors.

    Args:
        *x: 1-D tensors of lengths `S0, ..., SN-1`.
        indexing: `"xy"` (Cartesian: the first two output axes swapped)
            or `"ij"` (matrix indexing, outputs of shape `(S0, ..., SN-1)`).

    Example:

    >>> gx, gy = cornu.ops.meshgrid([1, 2, 3], [4, 5], indexing="ij")
    >>> cornu.ops.convert_to_numpy(gx).tolist()
    [[1, 1], [2, 2], [3, 3]]
    """
    if indexing not in ("xy", "ij"):
        raise ValueError(
            "meshgrid expects indexing='xy' or 'ij'. Received: "
            f"indexing={indexing!r}."
        )
    if any_symbolic(x):
        return Meshgrid(indexing).symbolic_call(*x)
    return backend.numpy.meshgrid(*x, indexing=indexing)
