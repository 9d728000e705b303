"""Overlap losses for image segmentation: Dice and Tversky."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.losses import loss as loss_lib
from cornu.src.losses.loss_function_wrapper import BuiltinLossWrapper


@cornu_export("cornu.losses.dice")
def dice(y_true: Any, y_pred: Any, axis: Any = None) -> Any:
    """Dice loss: `1 - 2 * sum(y_true * y_pred) / (sum(y_true) + sum(y_pred))`.

    An `epsilon` (`cornu.config.epsilon()`) is added to the denominator.

    Args:
        y_true: Targets (e.g. binary masks).
        y_pred: Predictions, same shape.
        axis: Axis or tuple of axes the sums run over. Defaults to `None`
            (all axes: one scalar for the whole batch).

    Returns:
        The loss, with the axes in `axis` removed.

    Example:

    >>> y_true = [[[1.0], [1.0]], [[0.0], [0.0]]]
    >>> y_pred = [[[1.0], [0.0]], [[0.0], [1.0]]]
    >>> loss = cornu.losses.dice(y_true, y_pred, axis=(1, 2))
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.3333, 1.0]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    intersection = ops.sum(y_true * y_pred, axis=axis)
    denominator = (
        ops.sum(y_true, axis=axis) + ops.sum(y_pred, axis=axis)
    ) + config.epsilon()
    return 1.0 - ops.divide(2.0 * intersection, denominator)


@cornu_export("cornu.losses.tversky")
def tversky(
    y_true: Any,
    y_pred: Any,
    alpha: float = 0.5,
    beta: float = 0.5,
    axis: Any = None,
) -> Any:
    """Tversky loss (Salehi et al., 2017), a weighted Dice loss.

    `1 - tp / (tp + alpha * sum(y_true * (1 - y_pred)) + beta *
    sum((1 - y_true) * y_pred) + epsilon)` with `tp = sum(y_true *
    y_pred)`. `alpha = beta = 0.5` gives the Dice loss.

    Args:
        y_true: Targets (e.g. binary masks).
        y_pred: Predictions, same shape.
        alpha: Weight of `sum(y_true * (1 - y_pred))`. Defaults to `0.5`.
        beta: Weight of `sum((1 - y_true) * y_pred)`. Defaults to `0.5`.
        axis: Axis or tuple of axes the sums run over. Defaults to `None`
            (all axes).

    Returns:
        The loss, with the axes in `axis` removed.

    Example:

    >>> loss = cornu.losses.tversky([[1.0, 1.0, 0.0]], [[1.0, 0.0, 1.0]])
    >>> round(float(cornu.ops.convert_to_numpy(loss)), 4)
    0.5
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    intersection = ops.sum(y_true * y_pred, axis=axis)
    missed = ops.sum((1.0 - y_pred) * y_true, axis=axis)
    extra = ops.sum(y_pred * (1.0 - y_true), axis=axis)
    denominator = intersection + missed * alpha + extra * beta
    return 1.0 - ops.divide(intersection, denominator + config.epsilon())


_ARGS = loss_lib.COMMON_ARGS_DOC


@cornu_export("cornu.losses.Dice")
class Dice(BuiltinLossWrapper):
    __doc__ = f"""Dice loss between `y_true` and `y_pred`.

    `1 - 2 * sum(y_true * y_pred) / (sum(y_true) + sum(y_pred))`.

    Args:
        {_ARGS}
        axis: Axis or tuple of axes the sums run over. Defaults to `None`
            (one value for the whole batch).

    Example:

    >>> y_true = [[[1.0], [1.0]], [[0.0], [0.0]]]
    >>> y_pred = [[[1.0], [0.0]], [[0.0], [1.0]]]
    >>> loss = cornu.losses.Dice(axis=(1, 2), reduction=None)
    >>> [round(v, 4) for v in
    ...  cornu.ops.convert_to_numpy(loss(y_true, y_pred)).tolist()]
    [0.3333, 1.0]
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "dice",
        axis: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(
            dice, name=name, reduction=reduction, dtype=dtype, axis=axis
        )


@cornu_export("cornu.losses.Tversky")
class Tversky(BuiltinLossWrapper):
    __doc__ = f"""Tversky loss: a Dice loss weighting the two kinds of error.

    With `alpha = beta = 0.5` it equals the Dice loss (Salehi et al.,
    2017).

    Args:
        alpha: Weight of `sum(y_true * (1 - y_pred))`. Defaults to `0.5`.
        beta: Weight of `sum((1 - y_true) * y_pred)`. Defaults to `0.5`.
        {_ARGS}
        axis: Axis or tuple of axes the sums run over. Defaults to `None`
            (one value for the whole batch).

    Example:

    >>> loss = cornu.losses.Tversky(alpha=0.7, beta=0.3)
    >>> round(float(loss([[1.0, 1.0, 0.0]], [[1.0, 0.0, 1.0]])), 4)
    0.5
    """

    def __init__(
        self,
        alpha: float = 0.5,
        beta: float = 0.5,
        reduction: Any = "sum_over_batch_size",
        name: str = "tversky",
        axis: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(
            tversky,
            name=name,
            reduction=reduction,
            dtype=dtype,
            alpha=alpha,
            beta=beta,
            axis=axis,
        )
