"""Hinge losses for maximum-margin classification: hinge, squared hinge
and categorical hinge, as functions and as classes."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.losses import loss as loss_lib
from cornu.src.losses.loss_function_wrapper import BuiltinLossWrapper


def convert_binary_labels_to_hinge(y_true: Any) -> Any:
    """Maps labels in {0, 1} to {-1, 1}; other labels are left unchanged.

    The conversion applies only when *every* label is 0 or 1, as in Keras.
    """
    is_binary = ops.all(
        ops.logical_or(ops.equal(y_true, 0), ops.equal(y_true, 1))
    )
    return ops.where(is_binary, 2.0 * y_true - 1.0, y_true)


@cornu_export(["cornu.losses.hinge", "cornu.metrics.hinge"])
def hinge(y_true: Any, y_pred: Any) -> Any:
    """Hinge loss: `mean(maximum(1 - y_true * y_pred, 0), axis=-1)`.

    Args:
        y_true: Labels in {-1, 1}; labels in {0, 1} are converted to
            {-1, 1}. Shape `(batch_size, d0, ..., dN)`.
        y_pred: Predictions, same shape.

    Returns:
        The losses, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.hinge([[1.0, 0.0]], [[0.5, -2.0]])
    >>> cornu.ops.convert_to_numpy(loss).tolist()
    [0.25]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    y_true = convert_binary_labels_to_hinge(y_true)
    return ops.mean(ops.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


@cornu_export(["cornu.losses.squared_hinge", "cornu.metrics.squared_hinge"])
def squared_hinge(y_true: Any, y_pred: Any) -> Any:
    """Squared hinge: `mean(square(maximum(1 - y_true * y_pred, 0)), -1)`.

    Args:
        y_true: Labels in {-1, 1}; labels in {0, 1} are converted to
            {-1, 1}. Shape `(batch_size, d0, ..., dN)`.
        y_pred: Predictions, same shape.

    Returns:
        The losses, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.squared_hinge([[1.0, 0.0]], [[0.5, -2.0]])
    >>> cornu.ops.convert_to_numpy(loss).tolist()
    [0.125]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    y_true = convert_binary_labels_to_hinge(y_true)
    return ops.mean(
        ops.square(ops.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1
    )


@cornu_export(
    ["cornu.losses.categorical_hinge", "cornu.metrics.categorical_hinge"]
)
def categorical_hinge(y_true: Any, y_pred: Any) -> Any:
    """Categorical hinge: `maximum(neg - pos + 1, 0)`.

    `pos = sum(y_true * y_pred, -1)` is the score of the true class and
    `neg = max((1 - y_true) * y_pred, -1)` the best other score.

    Args:
        y_true: One-hot labels, shape `(batch_size, ..., num_classes)`.
        y_pred: Scores, same shape.

    Returns:
        The losses, shape `(batch_size, ...)`.

    Example:

    >>> loss = cornu.losses.categorical_hinge([[0.0, 1.0]], [[0.2, 0.6]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.6]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    pos = ops.sum(y_true * y_pred, axis=-1)
    neg = ops.max((1.0 - y_true) * y_pred, axis=-1)
    zero = ops.convert_to_tensor(0.0, dtype=y_pred.dtype)
    return ops.maximum(neg - pos + 1.0, zero)


_ARGS = loss_lib.COMMON_ARGS_DOC


@cornu_export("cornu.losses.Hinge")
class Hinge(BuiltinLossWrapper):
    __doc__ = f"""Hinge loss: `maximum(1 - y_true * y_pred, 0)`, averaged.

    `y_true` values are expected to be -1 or 1; binary (0 or 1) labels are
    converted to -1 or 1.

    Args:
        {_ARGS}

    Example:

    >>> loss = cornu.losses.Hinge()
    >>> float(loss([[1.0, 0.0]], [[0.5, -2.0]]))
    0.25
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "hinge",
        dtype: Any = None,
    ) -> None:
        super().__init__(hinge, name=name, reduction=reduction, dtype=dtype)


@cornu_export("cornu.losses.SquaredHinge")
class SquaredHinge(BuiltinLossWrapper):
    __doc__ = f"""Squared hinge loss: `square(maximum(1 - y_true * y_pred, 0))`.

    `y_true` values are expected to be -1 or 1; binary (0 or 1) labels are
    converted to -1 or 1.

    Args:
        {_ARGS}

    Example:

    >>> loss = cornu.losses.SquaredHinge()
    >>> float(loss([[1.0, 0.0]], [[0.5, -2.0]]))
    0.125
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "squared_hinge",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            squared_hinge, name=name, reduction=reduction, dtype=dtype
        )


@cornu_export("cornu.losses.CategoricalHinge")
class CategoricalHinge(BuiltinLossWrapper):
    __doc__ = f"""Categorical hinge loss: `maximum(neg - pos + 1, 0)`.

    `pos = sum(y_true * y_pred)` and `neg = max((1 - y_true) * y_pred)`.

    Args:
        {_ARGS}

    Example:

    >>> loss = cornu.losses.CategoricalHinge()
    >>> round(float(loss([[0.0, 1.0]], [[0.2, 0.6]])), 4)
    0.6
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "categorical_hinge",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            categorical_hinge, name=name, reduction=reduction, dtype=dtype
        )
