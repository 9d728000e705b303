"""Joining and splitting: concatenate, stack, append, split..."""

from __future__ import annotations

import math
import operator
from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.keras_tensor import any_symbolic
from cornu.src.ops.numpy.manipulation import axis_of
from cornu.src.ops.operation import Operation
from cornu.src.ops.operation_utils import shape_of


def _check_sequence(op: str, xs: Any) -> list:
    if not isinstance(xs, (list, tuple)) or not xs:
        raise ValueError(
            f"{op} expects a non-empty list or tuple of tensors. Received: "
            f"{type(xs).__name__} {xs!r}."
        )
    return list(xs)


def join_shape(op: str, shapes: list, axis: int) -> tuple:
    """Shape of joining `shapes` along the existing `axis`; other dims
    must agree (`None` matches anything)."""
    ndim = len(shapes[0])
    for s in shapes:
        if len(s) != ndim:
            raise ValueError(
                f"{op} expects inputs with the same number of dims. "
                f"Received shapes {[tuple(s) for s in shapes]}."
            )
    if ndim == 0:
        raise ValueError(
            f"{op} cannot join scalars along an axis. Received shapes "
            f"{[tuple(s) for s in shapes]}; use `cornu.ops.stack` instead."
        )
    axis = axis_of(op, axis, ndim)
    out = []
    for i in range(ndim):
        dims = [s[i] for s in shapes]
        if i == axis:
            out.append(None if None in dims else sum(dims))
            continue
        known = {d for d in dims if d is not None}
        if len(known) > 1:
            raise ValueError(
                f"{op} expects inputs whose shapes match except on axis "
                f"{axis}. Received shapes {[tuple(s) for s in shapes]} "
                f"(they differ on axis {i})."
            )
        out.append(known.pop() if known else None)
    return tuple(out)


def _result_dtype(xs: list) -> str:
    return dtypes.result_type(*(dtypes.dtype_of(x) for x in xs))


class Concatenate(Operation):
    def __init__(self, axis=0, *, name=None):
        super().__init__(name=name)
        self.axis = axis

    def call(self, xs):
        return backend.numpy.concatenate(xs, axis=self.axis)

    def compute_output_spec(self, xs):
        shape = join_shape(
            "concatenate", [shape_of(x) for x in xs], self.axis
        )
        return KerasTensor(shape, dtype=_result_dtype(xs))


@cornu_export(["cornu.ops.concatenate", "cornu.ops.numpy.concatenate"])
@hot_path
def concatenate(xs: Any, axis: int = 0) -> Any:
    """Joins a sequence of tensors along an existing axis.

    The result's dtype follows Keras's promotion rules.

    Example:

    >>> a = cornu.ops.convert_to_tensor([[1, 2]])
    >>> y = cornu.ops.concatenate([a, a], axis=0)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[1, 2], [1, 2]]
    """
    xs = _check_sequence("concatenate", xs)
    if axis is None:
        raise ValueError(
            "concatenate needs an int `axis`. Received: axis=None. To join "
            "flattened tensors, use `cornu.ops.append(x1, x2)`."
        )
    if any_symbolic(xs):
        return Concatenate(axis).symbolic_call(xs)
    try:
        return backend.numpy.concatenate(xs, axis=axis)
    except Exception:
        # Explain a failure with the symbolic path's message (checked only
        # on failure: no cost on the hot path).
        join_shape("concatenate", [shape_of(x) for x in xs], axis)
        raise


def stack_shape(shapes: list, axis: int) -> tuple:
    first = tuple(shapes[0])
    for s in shapes:
        if len(s) != len(first) or any(
            a is not None and b is not None and a != b
            for a, b in zip(s, first, strict=False)
        ):
            raise ValueError(
                "stack expects tensors of the same shape. Received shapes "
                f"{[tuple(s) for s in shapes]}."
            )
    merged = [
        next((s[i] for s in shapes if s[i] is not None), None)
        for i in range(len(first))
    ]
    axis = axis_of("stack", axis, len(first) + 1)
    return tuple(merged[:axis] + [len(shapes)] + merged[axis:])


class Stack(Operation):
    def __init__(self, axis=0, *, name=None):
        super().__init__(name=name)
        self.axis = axis

    def call(self, x):
        return backend.numpy.stack(x, axis=self.axis)

    def compute_output_spec(self, x):
        shape = stack_shape([shape_of(t) for t in x], self.axis)
        return KerasTensor(shape, dtype=_result_dtype(x))


@cornu_export(["cornu.ops.stack", "cornu.ops.numpy.stack"])
def stack(x: Any, axis: int = 0) -> Any:
    """Joins a sequence of same-shape tensors along a new axis.

    Example:

    >>> a = cornu.ops.convert_to_tensor([1, 2])
    >>> cornu.ops.convert_to_numpy(cornu.ops.stack([a, a], axis=1)).tolist()
    [[1, 1], [2, 2]]
    """
    x = _check_sequence("stack", x)
    if any_symbolic(x):
        return Stack(axis).symbolic_call(x)
    x = [backend.core.convert_to_tensor(t) for t in x]
    stack_shape([shape_of(t) for t in x], axis)
    return backend.numpy.stack(x, axis=axis)


class _Join(Operation):
    """hstack/vstack: concatenation after promoting ranks."""

    def __init__(self, op, *, name=None):
        super().__init__(name=name)
        self.op = op

    def call(self, xs):
        return getattr(backend.numpy, self.op)(xs)

    def compute_output_spec(self, xs):
        shape = _stack_like_shape(self.op, [shape_of(x) for x in xs])
        return KerasTensor(shape, dtype=_result_dtype(xs))


def _stack_like_shape(op, shapes):
    if op == "hstack":
        shapes = [s if len(s) else (1,) for s in shapes]
        axis = 0 if len(shapes[0]) == 1 else 1
    else:
        shapes = [(1,) * (2 - len(s)) + tuple(s) for s in shapes]
        axis = 0
    return join_shape(op, shapes, axis)


@cornu_export(["cornu.ops.hstack", "cornu.ops.numpy.hstack"])
def hstack(xs: Any) -> Any:
    """Stacks tensors column-wise: along axis 1 (axis 0 for 1-D tensors).

    Example:

    >>> a = cornu.ops.convert_to_tensor([1, 2])
    >>> cornu.ops.convert_to_numpy(cornu.ops.hstack([a, a])).tolist()
    [1, 2, 1, 2]
    """
    xs = _check_sequence("hstack", xs)
    if any_symbolic(xs):
        return _Join("hstack").symbolic_call(xs)
    xs = [backend.core.convert_to_tensor(x) for x in xs]
    _stack_like_shape("hstack", [shape_of(x) for x in xs])
    return backend.numpy.hstack(xs)


@cornu_export(["cornu.ops.vstack", "cornu.ops.numpy.vstack"])
def vstack(xs: Any) -> Any:
    """Stacks tensors row-wise: along axis 0, 1-D tensors becoming rows.

    Example:

    >>> a = cornu.ops.convert_to_tensor([1, 2])
    >>> cornu.ops.convert_to_numpy(cornu.ops.vstack([a, a])).tolist()
    [[1, 2], [1, 2]]
    """
    xs = _check_sequence("vstack", xs)
    if any_symbolic(xs):
        return _Join("vstack").symbolic_call(xs)
    xs = [backend.core.convert_to_tensor(x) for x in xs]
    _stack_like_shape("vstack", [shape_of(x) for x in xs])
    return backend.numpy.vstack(xs)


def _append_shape(s1, s2, axis):
    if axis is None:
        if None in s1 or None in s2:
            return (None,)
        return (math.prod(s1) + math.prod(s2),)
    return join_shape("append", [s1, s2], axis)


class Append(Operation):
    def __init__(self, axis=None, *, name=None):
        super().__init__(name=name)
        self.axis = axis

    def call(self, x1, x2):
        return backend.numpy.append(x1, x2, axis=self.axis)

    def compute_output_spec(self, x1, x2):
        shape = _append_shape(shape_of(x1), shape_of(x2), self.axis)
        return KerasTensor(shape, dtype=_result_dtype([x1, x2]))


@cornu_export(["cornu.ops.append", "cornu.ops.numpy.append"])
def append(x1: Any, x2: Any, axis: Any = None) -> Any:
    """Appends `x2` to `x1` along `axis` (both flattened if `None`).

    Example:

    >>> y = cornu.ops.append([1, 2], [[3, 4]])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1, 2, 3, 4]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Append(axis).symbolic_call(x1, x2)
    x1 = backend.core.convert_to_tensor(x1)
    x2 = backend.core.convert_to_tensor(x2)
    _append_shape(shape_of(x1), shape_of(x2), axis)
    return backend.numpy.append(x1, x2, axis=axis)


# ---------------------------------------------------------------- split


def split_indices(op: str, size: Any, indices_or_sections: Any, even: bool):
    """Split points along an axis of `size` (None when unknown).

    Returns a list of split indices, or None when they depend on an
    unknown size (then the number of pieces is still known).
    """
    if isinstance(indices_or_sections, int) and not isinstance(
        indices_or_sections, bool
    ):
        n = indices_or_sections
        if n <= 0:
            raise ValueError(
                f"{op} expects a positive number of sections. Received: "
                f"indices_or_sections={n}."
            )
        if size is None:
            return None
        if even and size % n:
            raise ValueError(
                f"{op} cannot divide an axis of size {size} into {n} equal "
                f"sections. Received: indices_or_sections={n}. Use "
                "`cornu.ops.array_split` for unequal sections."
            )
        q, r = divmod(size, n)
        sizes = [q + 1] * r + [q] * (n - r)
        return [sum(sizes[:i]) for i in range(1, n)]
    try:
        indices = [operator.index(i) for i in indices_or_sections]
    except TypeError:
        raise ValueError(
            f"{op} expects `indices_or_sections` to be an int or a list of "
            f"ints. Received: {indices_or_sections!r}."
        ) from None
    return indices


def split_shapes(op, shape, indices_or_sections, axis, even):
    axis = axis_of(op, axis, len(shape))
    size = shape[axis]
    points = split_indices(op, size, indices_or_sections, even)
    if points is None:
        sizes = [None] * indices_or_sections
    else:
        bounds = [0] + points + [size]
        sizes = []
        for a, b in zip(bounds[:-1], bounds[1:], strict=False):
            if a is None or b is None:
                sizes.append(None)
                continue
            if size is not None:
                a, b = (min(max(v + size if v < 0 else v, 0), size)
                        for v in (a, b))
            sizes.append(max(b - a, 0) if a >= 0 and b >= 0 else None)
    out = []
    for s in sizes:
        piece = list(shape)
        piece[axis] = s
        out.append(tuple(piece))
    return out, axis, points


class Split(Operation):
    def __init__(self, op, indices_or_sections, axis=0, *, name=None):
        super().__init__(name=name)
        self.op = op
        self.indices_or_sections = indices_or_sections
        self.axis = axis

    def call(self, x):
        return _split(self.op, x, self.indices_or_sections, self.axis)

    def compute_output_spec(self, x):
        even = self.op != "array_split"
        shapes, _, _ = split_shapes(
            self.op, x.shape, self.indices_or_sections, self.axis, even
        )
        return [KerasTensor(s, dtype=x.dtype) for s in shapes]


def _split(op, x, indices_or_sections, axis):
    x = backend.core.convert_to_tensor(x)
    shape = shape_of(x)
    if op in ("hsplit", "vsplit"):
        axis = _hv_axis(op, len(shape))
    _, axis, points = split_shapes(
        op, shape, indices_or_sections, axis, op != "array_split"
    )
    return backend.numpy.split(x, points, axis=axis)


def _hv_axis(op, ndim):
    if op == "vsplit":
        if ndim < 2:
            raise ValueError(
                "vsplit needs an input with at least 2 dims. Received an "
                f"input with {ndim} dims; use `cornu.ops.split` instead."
            )
        return 0
    if ndim == 0:
        raise ValueError("hsplit needs an input with at least 1 dim.")
    return 1 if ndim > 1 else 0


def _split_entry(op, x, indices_or_sections, axis):
    if isinstance(x, KerasTensor):
        if op in ("hsplit", "vsplit"):
            axis = _hv_axis(op, x.ndim)
        return Split(op, indices_or_sections, axis).symbolic_call(x)
    return _split(op, x, indices_or_sections, axis)


@cornu_export(["cornu.ops.split", "cornu.ops.numpy.split"])
def split(x: Any, indices_or_sections: Any, axis: int = 0) -> list:
    """Splits a tensor into a list of tensors along `axis`.

    Args:
        x: Input tensor.
        indices_or_sections: An int `N` for `N` equal sections (the size
            along `axis` must be divisible by `N`), or a sorted list of
            indices at which to split.
        axis: Axis to split along. Defaults to `0`.

    Example:

    >>> x = cornu.ops.arange(6)
    >>> [cornu.ops.convert_to_numpy(p).tolist()
    ...  for p in cornu.ops.split(x, [2, 5])]
    [[0, 1], [2, 3, 4], [5]]
    """
    return _split_entry("split", x, indices_or_sections, axis)


@cornu_export(["cornu.ops.array_split", "cornu.ops.numpy.array_split"])
def array_split(x: Any, indices_or_sections: int, axis: int = 0) -> list:
    """Splits into `indices_or_sections` nearly equal sections.

    When the size along `axis` does not divide evenly, the first sections
    get one extra element.

    Example:

    >>> x = cornu.ops.arange(7)
    >>> [cornu.ops.shape(p) for p in cornu.ops.array_split(x, 3)]
    [(3,), (2,), (2,)]
    """
    if not isinstance(indices_or_sections, int):
        raise ValueError(
            "array_split expects `indices_or_sections` to be an int. "
            f"Received: indices_or_sections={indices_or_sections!r}. Use "
            "`cornu.ops.split` to split at given indices."
        )
    return _split_entry("array_split", x, indices_or_sections, axis)


@cornu_export(["cornu.ops.hsplit", "cornu.ops.numpy.hsplit"])
def hsplit(x: Any, indices_or_sections: Any) -> list:
    """Splits column-wise: along axis 1 (axis 0 for 1-D tensors).

    Example:

    >>> x = cornu.ops.ones((2, 4))
    >>> [cornu.ops.shape(p) for p in cornu.ops.hsplit(x, 2)]
    [(2, 2), (2, 2)]
    """
    return _split_entry("hsplit", x, indices_or_sections, None)


@cornu_export(["cornu.ops.vsplit", "cornu.ops.numpy.vsplit"])
def vsplit(x: Any, indices_or_sections: Any) -> list:
    """Splits row-wise: along axis 0 of a tensor with at least 2 dims.

    Example:

    >>> x = cornu.ops.ones((4, 2))
    >>> [cornu.ops.shape(p) for p in cornu.ops.vsplit(x, [1])]
    [(1, 2), (3, 2)]
    """
    return _split_entry("vsplit", x, indices_or_sections, None)
