"""Shape and axis manipulation: reshape, transpose, squeeze, tile, pad...

Joining and splitting live in `joining.py`, indexing in `indexing.py`,
sorting in `sorting.py`.
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.ops import operation_utils
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.operation import Operation
from cornu.src.ops.operation_utils import shape_of


def axis_of(op: str, axis: Any, ndim: int) -> int:
    """Canonical non-negative axis; errors name `op`."""
    return operation_utils.canonicalize_axis(axis, ndim, op)


def axes_tuple(axis: Any) -> tuple:
    # `as_list`: a tensor's shape object (TensorFlow's `x.shape`) passed
    # where a tuple of ints is expected.
    if isinstance(axis, (tuple, list)) or hasattr(axis, "as_list"):
        return tuple(axis)
    return (axis,)


# --------------------------------------------------------------- reshape


def reshape_output_shape(shape: tuple, newshape: Any) -> tuple:
    """Shape of `reshape(x, newshape)` for `x` of `shape` (None allowed)."""
    return operation_utils.compute_reshape_output_shape(shape, newshape)


class Reshape(Operation):
    def __init__(self, newshape, *, name=None):
        super().__init__(name=name)
        self.newshape = newshape

    def call(self, x):
        return backend.numpy.reshape(x, self.newshape)

    def compute_output_spec(self, x):
        shape = reshape_output_shape(x.shape, self.newshape)
        return KerasTensor(shape, dtype=x.dtype, sparse=x.sparse)


@cornu_export(["cornu.ops.reshape", "cornu.ops.numpy.reshape"])
@hot_path
def reshape(x: Any, newshape: Any) -> Any:
    """Gives a new shape to a tensor without changing its data.

    Args:
        x: Input tensor.
        newshape: Int or tuple of ints; one dim may be -1 (inferred).

    Example:

    >>> x = cornu.ops.arange(6)
    >>> cornu.ops.convert_to_numpy(cornu.ops.reshape(x, (2, -1))).tolist()
    [[0, 1, 2], [3, 4, 5]]
    """
    if isinstance(x, KerasTensor):
        return Reshape(newshape).symbolic_call(x)
    try:
        return backend.numpy.reshape(x, newshape)
    except Exception:
        # Explain a failure with the symbolic path's message (checked only
        # on failure: no cost on the hot path).
        x = backend.core.convert_to_tensor(x)
        reshape_output_shape(shape_of(x), newshape)
        raise


class Ravel(Operation):
    def call(self, x):
        return backend.numpy.ravel(x)

    def compute_output_spec(self, x):
        return KerasTensor(reshape_output_shape(x.shape, -1), dtype=x.dtype)


@cornu_export(["cornu.ops.ravel", "cornu.ops.numpy.ravel"])
def ravel(x: Any) -> Any:
    """Returns the tensor flattened to one dim.

    Example:

    >>> x = cornu.ops.convert_to_tensor([[1, 2], [3, 4]])
    >>> cornu.ops.convert_to_numpy(cornu.ops.ravel(x)).tolist()
    [1, 2, 3, 4]
    """
    if isinstance(x, KerasTensor):
        return Ravel().symbolic_call(x)
    return backend.numpy.ravel(x)


# -------------------------------------------------------------- axes


class Transpose(Operation):
    def __init__(self, axes=None, *, name=None):
        super().__init__(name=name)
        self.axes = axes

    def call(self, x):
        return backend.numpy.transpose(x, axes=self.axes)

    def compute_output_spec(self, x):
        shape = operation_utils.compute_transpose_output_shape(
            x.shape, self.axes
        )
        return KerasTensor(shape, dtype=x.dtype, sparse=x.sparse)


@cornu_export(["cornu.ops.transpose", "cornu.ops.numpy.transpose"])
@hot_path
def transpose(x: Any, axes: Any = None) -> Any:
    """Permutes the axes of a tensor (reverses them when `axes=None`).

    Example:

    >>> x = cornu.ops.zeros((2, 3, 4))
    >>> cornu.ops.shape(cornu.ops.transpose(x, (1, 0, 2)))
    (3, 2, 4)
    """
    if isinstance(x, KerasTensor):
        return Transpose(axes).symbolic_call(x)
    if axes is None:
        return backend.numpy.transpose(x)
    x = backend.core.convert_to_tensor(x)
    operation_utils.compute_transpose_output_shape(shape_of(x), axes)
    return backend.numpy.transpose(x, axes=axes)


def expand_dims_output_shape(shape: tuple, axis: Any) -> tuple:
    return operation_utils.compute_expand_dims_output_shape(shape, axis)


class ExpandDims(Operation):
    def __init__(self, axis, *, name=None):
        super().__init__(name=name)
        self.axis = axis

    def call(self, x):
        return backend.numpy.expand_dims(x, self.axis)

    def compute_output_spec(self, x):
        shape = expand_dims_output_shape(x.shape, self.axis)
        return KerasTensor(shape, dtype=x.dtype, sparse=x.sparse)


@cornu_export(["cornu.ops.expand_dims", "cornu.ops.numpy.expand_dims"])
def expand_dims(x: Any, axis: Any) -> Any:
    """Inserts size-1 axes at the positions `axis` (int or tuple).

    Example:

    >>> cornu.ops.shape(cornu.ops.expand_dims(cornu.ops.ones((2, 3)), -1))
    (2, 3, 1)
    """
    if isinstance(x, KerasTensor):
        return ExpandDims(axis).symbolic_call(x)
    x = backend.core.convert_to_tensor(x)
    shape = expand_dims_output_shape(shape_of(x), axis)
    if None in shape:  # a size known only at run time (traced graphs)
        return backend.numpy.expand_dims(x, axis)
    return backend.numpy.reshape(x, shape)


def squeeze_output_shape(shape: tuple, axis: Any) -> tuple:
    if axis is None:
        return tuple(d for d in shape if d != 1)
    axes = {axis_of("squeeze", a, len(shape)) for a in axes_tuple(axis)}
    for a in axes:
        if shape[a] not in (1, None):
            raise ValueError(
                f"squeeze cannot remove axis {a} of size {shape[a]} (input "
                f"shape {shape}): only size-1 axes can be squeezed. "
                f"Received: axis={axis!r}."
            )
    return tuple(d for i, d in enumerate(shape) if i not in axes)


class Squeeze(Operation):
    def __init__(self, axis=None, *, name=None):
        super().__init__(name=name)
        self.axis = axis

    def call(self, x):
        return backend.numpy.squeeze(x, axis=self.axis)

    def compute_output_spec(self, x):
        shape = squeeze_output_shape(x.shape, self.axis)
        return KerasTensor(shape, dtype=x.dtype, sparse=x.sparse)


@cornu_export(["cornu.ops.squeeze", "cornu.ops.numpy.squeeze"])
def squeeze(x: Any, axis: Any = None) -> Any:
    """Removes size-1 axes (all of them, or those in `axis`).

    Example:

    >>> cornu.ops.shape(cornu.ops.squeeze(cornu.ops.ones((1, 3, 1))))
    (3,)
    """
    if isinstance(x, KerasTensor):
        return Squeeze(axis).symbolic_call(x)
    x = backend.core.convert_to_tensor(x)
    return backend.numpy.reshape(x, squeeze_output_shape(shape_of(x), axis))


class Swapaxes(Operation):
    def __init__(self, axis1, axis2, *, name=None):
        super().__init__(name=name)
        self.axis1 = axis1
        self.axis2 = axis2

    def call(self, x):
        return backend.numpy.swapaxes(x, self.axis1, self.axis2)

    def compute_output_spec(self, x):
        shape = list(x.shape)
        a1 = axis_of("swapaxes", self.axis1, x.ndim)
        a2 = axis_of("swapaxes", self.axis2, x.ndim)
        shape[a1], shape[a2] = shape[a2], shape[a1]
        return KerasTensor(shape, dtype=x.dtype)


@cornu_export(["cornu.ops.swapaxes", "cornu.ops.numpy.swapaxes"])
def swapaxes(x: Any, axis1: int, axis2: int) -> Any:
    """Interchanges two axes of a tensor.

    Example:

    >>> cornu.ops.shape(cornu.ops.swapaxes(cornu.ops.ones((2, 3, 4)), 0, 2))
    (4, 3, 2)
    """
    if isinstance(x, KerasTensor):
        return Swapaxes(axis1, axis2).symbolic_call(x)
    x = backend.core.convert_to_tensor(x)
    ndim = len(shape_of(x))
    a1, a2 = axis_of("swapaxes", axis1, ndim), axis_of("swapaxes", axis2, ndim)
    return backend.numpy.swapaxes(x, a1, a2)


def _moveaxis_perm(source, destination, ndim):
    src = [axis_of("moveaxis", a, ndim) for a in axes_tuple(source)]
    dst = [axis_of("moveaxis", a, ndim) for a in axes_tuple(destination)]
    if len(src) != len(dst) or len(set(src)) != len(src) or len(
        set(dst)
    ) != len(dst):
        raise ValueError(
            "moveaxis expects `source` and `destination` to hold the same "
            f"number of distinct axes. Received: source={source!r}, "
            f"destination={destination!r}."
        )
    rest = iter(a for a in range(ndim) if a not in src)
    placed = dict(zip(dst, src, strict=False))
    return tuple(placed[i] if i in placed else next(rest) for i in range(ndim))


class Moveaxis(Operation):
    def __init__(self, source, destination, *, name=None):
        super().__init__(name=name)
        self.source = source
        self.destination = destination

    def call(self, x):
        return backend.numpy.moveaxis(x, self.source, self.destination)

    def compute_output_spec(self, x):
        perm = _moveaxis_perm(self.source, self.destination, x.ndim)
        return KerasTensor([x.shape[a] for a in perm], dtype=x.dtype)


@cornu_export(["cornu.ops.moveaxis", "cornu.ops.numpy.moveaxis"])
def moveaxis(x: Any, source: Any, destination: Any) -> Any:
    """Moves axes `source` to positions `destination`; others keep order.

    Example:

    >>> x = cornu.ops.ones((2, 3, 4))
    >>> cornu.ops.shape(cornu.ops.moveaxis(x, 0, -1))
    (3, 4, 2)
    """
    if isinstance(x, KerasTensor):
        return Moveaxis(source, destination).symbolic_call(x)
    x = backend.core.convert_to_tensor(x)
    perm = _moveaxis_perm(source, destination, len(shape_of(x)))
    return backend.numpy.transpose(x, axes=perm)


def broadcast_to_shape(shape: tuple, target: Any) -> tuple:
    target = axes_tuple(target)
    ok = len(target) >= len(shape) and all(
        s in (1, t, None) or t is None
        for s, t in zip(reversed(shape), reversed(target), strict=False)
    )
    if not ok:
        raise ValueError(
            f"broadcast_to cannot broadcast an input of shape {shape} to "
            f"shape={target!r}: each input dim must be 1 or equal the "
            "target dim, aligned from the right."
        )
    return target


class BroadcastTo(Operation):
    def __init__(self, shape, *, name=None):
        super().__init__(name=name)
        self.shape = shape

    def call(self, x):
        return backend.numpy.broadcast_to(x, self.shape)

    def compute_output_spec(self, x):
        shape = broadcast_to_shape(x.shape, self.shape)
        return KerasTensor(shape, dtype=x.dtype)


@cornu_export(["cornu.ops.broadcast_to", "cornu.ops.numpy.broadcast_to"])
def broadcast_to(x: Any, shape: Any) -> Any:
    """Broadcasts a tensor to `shape` (an int means `(int,)`).

    Example:

    >>> x = cornu.ops.convert_to_tensor([1, 2])
    >>> cornu.ops.convert_to_numpy(cornu.ops.broadcast_to(x, (2, 2))).tolist()
    [[1, 2], [1, 2]]
    """
    if isinstance(x, KerasTensor):
        return BroadcastTo(shape).symbolic_call(x)
    x = backend.core.convert_to_tensor(x)
    shape = broadcast_to_shape(shape_of(x), shape)
    return backend.numpy.broadcast_to(x, shape)


# ------------------------------------------------------------------- pad

PAD_MODES = (
    "constant", "edge", "linear_ramp", "maximum", "mean", "median",
    "minimum", "reflect", "symmetric", "wrap", "empty", "circular",
)


def pad_widths(pad_width: Any, ndim: int) -> tuple:
    """`pad_width` as one `(before, after)` pair of ints per axis."""
    def bad():
        return ValueError(
            "pad expects `pad_width` as an int, a `(before, after)` pair, "
            "or one pair per axis, with non-negative ints, for an input "
            f"with {ndim} dims. Received: pad_width={pad_width!r}."
        )

    def pair(p):
        p = tuple(p) if isinstance(p, (tuple, list)) else (p,)
        if len(p) == 1:
            p = p * 2
        if len(p) != 2 or any(
            not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in p
        ):
            raise bad()
        return p

    if isinstance(pad_width, int) or (
        isinstance(pad_width, (tuple, list))
        and all(isinstance(v, int) for v in pad_width)
    ):
        if isinstance(pad_width, (tuple, list)) and len(pad_width) > 2:
            raise bad()
        return (pair(pad_width),) * ndim
    if not isinstance(pad_width, (tuple, list)):
        raise bad()
    pairs = tuple(pair(p) for p in pad_width)
    if len(pairs) == 1:
        return pairs * ndim
    if len(pairs) != ndim:
        raise bad()
    return pairs


class Pad(Operation):
    def __init__(self, pad_width, mode="constant", *, name=None):
        super().__init__(name=name)
        self.pad_width = pad_width
        self.mode = mode

    def call(self, x, constant_values=None):
        return pad(x, self.pad_width, self.mode, constant_values)

    def compute_output_spec(self, x, constant_values=None):
        widths = pad_widths(self.pad_width, x.ndim)
        shape = tuple(
            None if d is None else d + b + a
            for d, (b, a) in zip(x.shape, widths, strict=False)
        )
        return KerasTensor(shape, dtype=x.dtype)


@cornu_export(["cornu.ops.pad", "cornu.ops.numpy.pad"])
def pad(
    x: Any, pad_width: Any, mode: str = "constant", constant_values: Any = None
) -> Any:
    """Pads a tensor.

    Args:
        x: Tensor to pad.
        pad_width: `((before_1, after_1), ..., (before_N, after_N))` per
            axis, `((before, after),)` or `(before, after)` for every
            axis, or an int `pad` for `before = after = pad` everywhere.
        mode: One of `"constant"`, `"edge"`, `"linear_ramp"`,
            `"maximum"`, `"mean"`, `"median"`, `"minimum"`, `"reflect"`,
            `"symmetric"`, `"wrap"`, `"empty"`, `"circular"` (same as
            `"wrap"`). Defaults to `"constant"`.
        constant_values: Fill value for `mode="constant"` (default 0).

    Example:

    >>> x = cornu.ops.convert_to_tensor([1, 2, 3])
    >>> cornu.ops.convert_to_numpy(cornu.ops.pad(x, (1, 2))).tolist()
    [0, 1, 2, 3, 0, 0]
    >>> y = cornu.ops.pad(x, 2, mode="reflect")
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [3, 2, 1, 2, 3, 2, 1]
    """
    if mode not in PAD_MODES:
        raise ValueError(
            f"pad expects `mode` to be one of {PAD_MODES}. Received: "
            f"mode={mode!r}."
        )
    if constant_values is not None and mode != "constant":
        raise ValueError(
            "pad uses `constant_values` only with mode='constant'. "
            f"Received: mode={mode!r}, constant_values={constant_values!r}."
        )
    if isinstance(x, KerasTensor):
        return Pad(pad_width, mode).symbolic_call(x, constant_values)
    x = backend.core.convert_to_tensor(x)
    shape = shape_of(x)
    widths = pad_widths(pad_width, len(shape))
    if mode not in ("constant", "empty"):
        for axis, (d, w) in enumerate(zip(shape, widths, strict=True)):
            if d == 0 and w != (0, 0):
                raise ValueError(
                    f"pad cannot extend the empty axis {axis} (input shape "
                    f"{shape}) with mode={mode!r}: it has no values to "
                    "copy. Use mode='constant'."
                )
    return backend.numpy.pad(
        x, widths, mode=mode, constant_values=constant_values
    )
