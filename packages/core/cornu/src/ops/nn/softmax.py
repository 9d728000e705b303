"""Activations over an axis: softmax, log_softmax, sparsemax and glu."""

from __future__ import annotations

import warnings
from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.nn.activations import activation_dtype
from cornu.src.ops.operation import Operation
from cornu.src.ops.operation_utils import shape_of


def _axes(op: str, axis: Any, shape: tuple, allow_tuple: bool) -> tuple:
    """`axis` as a tuple of non-negative ints, checked against `shape`."""
    many = isinstance(axis, (tuple, list))
    items = tuple(axis) if many else (axis,)
    if (many and not allow_tuple) or not all(
        isinstance(a, int) and not isinstance(a, bool) for a in items
    ):
        kind = "an int or a tuple of ints" if allow_tuple else "an int"
        raise TypeError(
            f"`{op}` expects `axis` to be {kind}. Received: axis={axis!r}."
        )
    ndim = len(shape)
    out = []
    for a in items:
        if not -ndim <= a < ndim:
            raise ValueError(
                f"`{op}`: `axis` is out of range for an input of rank "
                f"{ndim}. Received: axis={axis!r}, shape={shape}. Use an "
                f"axis in [{-ndim}, {ndim})."
            )
        out.append(a % ndim)
    if len(set(out)) != len(out):
        raise ValueError(
            f"`{op}`: `axis` repeats an axis. Received: axis={axis!r}."
        )
    return tuple(out)


class _AxisActivation(Operation):
    fn = ""

    def __init__(self, axis: Any = -1, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self.axis = axis

    def call(self, x: Any) -> Any:
        return getattr(backend.nn, self.fn)(x, axis=self.axis)

    def compute_output_spec(self, x: KerasTensor) -> KerasTensor:
        return KerasTensor(x.shape, dtype=activation_dtype(x.dtype))

    def get_config(self) -> dict:
        return {"name": self.name, "axis": self.axis}


def _warn_if_size_one(op: str, shape: tuple, axes: tuple) -> None:
    if all(shape[a] == 1 for a in axes):
        warnings.warn(
            f"`{op}` over axis {axes} of a tensor of shape {shape}: that "
            "axis has size 1, so every output is the same constant. Did "
            "you mean `sigmoid`?",
            stacklevel=3,
        )


class Softmax(_AxisActivation):
    fn = "softmax"


@cornu_export(["cornu.ops.softmax", "cornu.ops.nn.softmax"])
@hot_path
def softmax(x: Any, axis: Any = -1) -> Any:
    """Softmax, `exp(x) / sum(exp(x))` over `axis`, computed stably.

    Args:
        x: Input tensor.
        axis: Int or tuple of ints, the axes normalized together.
            Defaults to `-1`.

    Example:

    >>> y = cornu.ops.softmax([[1.0, 2.0, 3.0]])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [[0.09, 0.2447, 0.6652]]
    """
    if type(axis) is int and not isinstance(x, KerasTensor):
        # Hot path: the backend checks the axis; the size-1 warning is
        # read off the output, which has the input's shape.
        try:
            y = backend.nn.softmax(x, axis=axis)
        except Exception:
            _axes("softmax", axis, shape_of(x), allow_tuple=True)
            raise
        shape = tuple(y.shape)
        if shape and shape[axis] == 1:
            _warn_if_size_one("softmax", shape, (axis % len(shape),))
        return y
    shape = shape_of(x)
    axes = _axes("softmax", axis, shape, allow_tuple=True)
    _warn_if_size_one("softmax", shape, axes)
    if isinstance(x, KerasTensor):
        return Softmax(axis).symbolic_call(x)
    return backend.nn.softmax(x, axis=axis)


class LogSoftmax(_AxisActivation):
    fn = "log_softmax"


@cornu_export(["cornu.ops.log_softmax", "cornu.ops.nn.log_softmax"])
def log_softmax(x: Any, axis: Any = -1) -> Any:
    """Log of the softmax, `x - logsumexp(x)` over `axis`.

    Args:
        x: Input tensor.
        axis: Int or tuple of ints. Defaults to `-1`.

    Example:

    >>> y = cornu.ops.log_softmax([-1.0, 0.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-2.4076, -1.4076, -0.4076]
    """
    _axes("log_softmax", axis, shape_of(x), allow_tuple=True)
    if isinstance(x, KerasTensor):
        return LogSoftmax(axis).symbolic_call(x)
    return backend.nn.log_softmax(x, axis=axis)


class Sparsemax(_AxisActivation):
    fn = "sparsemax"


@cornu_export(["cornu.ops.sparsemax", "cornu.ops.nn.sparsemax"])
def sparsemax(x: Any, axis: int = -1) -> Any:
    """Sparsemax: the Euclidean projection of `x` onto the probability
    simplex along `axis`, `max(x - tau(x), 0)`; unlike softmax it gives
    exact zeros (Martins & Astudillo, 2016).

    Args:
        x: Input tensor.
        axis: Int, the axis to normalize. Defaults to `-1`.

    Example:

    >>> y = cornu.ops.sparsemax([-1.0, 0.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.0, 1.0]
    >>> y = cornu.ops.sparsemax([1.0, 0.5, -1.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.75, 0.25, 0.0]
    """
    _axes("sparsemax", axis, shape_of(x), allow_tuple=False)
    if isinstance(x, KerasTensor):
        return Sparsemax(axis).symbolic_call(x)
    return backend.nn.sparsemax(x, axis=axis)


class Glu(_AxisActivation):
    fn = "glu"

    def compute_output_spec(self, x: KerasTensor) -> KerasTensor:
        shape = list(x.shape)
        axis = self.axis % len(shape)
        if shape[axis] is not None:
            shape[axis] //= 2
        return KerasTensor(shape, dtype=activation_dtype(x.dtype))


@cornu_export(["cornu.ops.glu", "cornu.ops.nn.glu"])
def glu(x: Any, axis: int = -1) -> Any:
    """Gated linear unit: splits `x` in halves `a, b` along `axis` and
    returns `a * sigmoid(b)`.

    Args:
        x: Input tensor; its size along `axis` must be even.
        axis: Int, the axis to split. Defaults to `-1`.

    Returns:
        A tensor with half the size of `x` along `axis`.

    Example:

    >>> y = cornu.ops.glu([1.0, 2.0, 0.0, 0.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.5, 1.0]
    """
    shape = shape_of(x)
    (a,) = _axes("glu", axis, shape, allow_tuple=False)
    if shape[a] is not None and shape[a] % 2:
        raise ValueError(
            "`glu` splits `x` into two equal halves along `axis`, so that "
            f"axis must have an even size. Received: shape={shape}, "
            f"axis={axis}."
        )
    if isinstance(x, KerasTensor):
        return Glu(axis).symbolic_call(x)
    return backend.nn.glu(x, axis=axis)
