"""`to_categorical` and `normalize`: small numeric helpers for data prep.

Both accept NumPy arrays (and, for `to_categorical`, Python lists) and
return NumPy arrays, as Keras does; given a backend tensor they return a
backend tensor computed with `cornu.ops`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.ops.keras_tensor import KerasTensor


def _is_live_tensor(x: Any) -> bool:
    """A backend tensor, variable or symbolic tensor that is not already a
    NumPy array (NumPy inputs keep the NumPy code path on every backend)."""
    if isinstance(x, (np.ndarray, np.generic)):
        return False
    return isinstance(
        x, (KerasTensor, backend.Variable)
    ) or backend.core.is_tensor(x)


def _check_num_classes(num_classes: Any) -> None:
    if num_classes is None:
        return
    if (
        isinstance(num_classes, bool)
        or not isinstance(num_classes, (int, np.integer))
        or num_classes < 0
    ):
        raise ValueError(
            "`to_categorical` expects `num_classes` to be a positive int or "
            f"None. Received: num_classes={num_classes!r}. Pass the number "
            "of classes, e.g. `num_classes=10`, or None to use max(x) + 1."
        )


def _label_shape(shape: tuple) -> tuple:
    # A trailing axis of size 1 holds one label per sample: drop it, so
    # that labels of shape (n, 1) give (n, num_classes), as in Keras.
    if len(shape) > 1 and shape[-1] == 1:
        return tuple(shape[:-1])
    return tuple(shape)


@cornu_export("cornu.utils.to_categorical")
def to_categorical(x: Any, num_classes: int | None = None) -> Any:
    """Converts a vector of integer class labels to a one-hot matrix.

    Use it to turn labels such as `[0, 2, 1]` into the one-hot targets
    that `categorical_crossentropy` expects. A trailing axis of size 1
    (labels of shape `(n, 1)`) is dropped first. The class axis goes last.

    Args:
        x: Array-like of integer labels in `[0, num_classes)`: a list, a
            NumPy array or a backend tensor.
        num_classes: Total number of classes. `None` (default) or `0`
            infers it as `max(x) + 1`.

    Returns:
        For lists and NumPy arrays, a float64 NumPy array of shape
        `x.shape + (num_classes,)`; for a backend tensor, a backend tensor
        of dtype `floatx()`.

    Raises:
        ValueError: If a label is negative or not below `num_classes`, or
            if `num_classes` is not a non-negative int.

    Example:

    >>> cornu.utils.to_categorical([0, 2, 1], num_classes=3).tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    >>> cornu.utils.to_categorical([[1], [0]]).shape
    (2, 2)
    """
    _check_num_classes(num_classes)
    if _is_live_tensor(x):
        return _to_categorical_tensor(x, num_classes)
    labels = np.array(x, dtype="int64")
    shape = _label_shape(labels.shape)
    labels = labels.reshape(-1)
    if not num_classes:
        num_classes = int(labels.max()) + 1 if labels.size else 0
    _check_labels(labels, num_classes)
    categorical = np.zeros((labels.shape[0], num_classes))
    categorical[np.arange(labels.shape[0]), labels] = 1
    return categorical.reshape(shape + (num_classes,))


def _check_labels(labels: np.ndarray, num_classes: int) -> None:
    if labels.size == 0:
        return
    low, high = int(labels.min()), int(labels.max())
    if low < 0 or high >= num_classes:
        raise ValueError(
            "`to_categorical` expects labels in [0, num_classes). Received: "
            f"labels from {low} to {high} with num_classes={num_classes}. "
            "Pass a larger `num_classes` (or None to infer max + 1), or "
            "map the labels to 0, 1, ... first."
        )


def _to_categorical_tensor(x: Any, num_classes: int | None) -> Any:
    shape = tuple(x.shape)
    if len(shape) > 1 and shape[-1] == 1:
        x = ops.squeeze(x, axis=-1)
    if isinstance(x, KerasTensor) or backend.core.is_tracing():
        if not num_classes:
            raise ValueError(
                "`to_categorical` cannot infer `num_classes` from a "
                "symbolic or traced tensor. Received: num_classes="
                f"{num_classes!r}. Pass it, e.g. `num_classes=10`."
            )
    else:
        flat = ops.convert_to_numpy(x).reshape(-1).astype("int64")
        if not num_classes:
            num_classes = int(flat.max()) + 1 if flat.size else 0
        _check_labels(flat, num_classes)
    return ops.one_hot(ops.cast(x, "int32"), num_classes)


@cornu_export("cornu.utils.normalize")
def normalize(x: Any, axis: int = -1, order: int = 2) -> Any:
    """Divides an array by its `order`-norm along `axis`.

    Rows (or slices along `axis`) whose norm is zero are left unchanged.
    A NumPy array gives a NumPy array; any other input (a list or a
    backend tensor) goes through `cornu.ops.normalize` and gives a backend
    tensor.

    Args:
        x: Array to normalize.
        axis: Axis along which the norm is taken. Defaults to `-1`.
        order: Norm order, e.g. `2` for the L2 norm, `1` for L1. Defaults
            to `2`.

    Returns:
        A normalized copy of `x`.

    Raises:
        ValueError: For a NumPy array, if `axis` is not an int within its
            rank or `order` is not a positive number.

    Example:

    >>> import numpy as np
    >>> cornu.utils.normalize(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    >>> cornu.utils.normalize(np.array([[1.0, 3.0]]), order=1).tolist()
    [[0.25, 0.75]]
    """
    if not isinstance(x, np.ndarray):
        return ops.normalize(x, axis=axis, order=order)
    # Keras computes the norm along `axis` but re-expands it along
    # `axis or -1`, which breaks for axis=0; here the same axis is used.
    if (
        isinstance(axis, bool)
        or not isinstance(axis, (int, np.integer))
        or not -x.ndim <= axis < max(x.ndim, 1)
    ):
        raise ValueError(
            "`normalize` expects `axis` to be an int in "
            f"[-{x.ndim}, {x.ndim}) for an array of shape {x.shape}. "
            f"Received: axis={axis!r}."
        )
    if (
        isinstance(order, bool)
        or not isinstance(order, (int, float, np.number))
        or not order > 0
    ):
        raise ValueError(
            "`normalize` expects `order` to be a positive number (e.g. 1, "
            f"2 or float('inf')). Received: order={order!r}."
        )
    norm = np.linalg.norm(x, ord=order, axis=int(axis), keepdims=True)
    norm = np.where(norm == 0, 1, norm)
    return x / norm
