"""Correlation metrics: Pearson and concordance correlation coefficients.

Both are computed per sample along `axis` and averaged over samples.
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.losses import loss as loss_lib
from cornu.src.metrics import reduction_metrics


@cornu_export("cornu.metrics.pearson_correlation")
def pearson_correlation(y_true: Any, y_pred: Any, axis: Any = -1) -> Any:
    """Computes the Pearson correlation coefficient along `axis`.

    `mean(z(y_true) * z(y_pred))`, where `z` centers and divides by the
    standard deviation (plus `epsilon()`) along `axis`.

    Args:
        y_true: Tensor of true targets.
        y_pred: Tensor of predicted targets.
        axis: Axis (or axes) along which to correlate. Defaults to -1.

    Returns:
        The coefficients, `y_pred`'s shape without `axis`.

    Example:

    >>> r = cornu.metrics.pearson_correlation(
    ...     [[0, 1, 0.5], [1, 1, 0.2]], [[0.1, 0.9, 0.5], [1, 0.9, 0.2]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(r).tolist()]
    [1.0, 0.9934]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    epsilon = config.epsilon()
    true_centered = y_true - ops.mean(y_true, axis=axis, keepdims=True)
    pred_centered = y_pred - ops.mean(y_pred, axis=axis, keepdims=True)
    true_z = true_centered / (
        ops.std(true_centered, axis=axis, keepdims=True) + epsilon
    )
    pred_z = pred_centered / (
        ops.std(pred_centered, axis=axis, keepdims=True) + epsilon
    )
    return ops.mean(true_z * pred_z, axis=axis)


@cornu_export("cornu.metrics.concordance_correlation")
def concordance_correlation(y_true: Any, y_pred: Any, axis: Any = -1) -> Any:
    """Computes the concordance correlation coefficient along `axis`.

    `2 * cov(y_true, y_pred) / (var(y_true) + var(y_pred) +
    (mean(y_true) - mean(y_pred))**2)`, with `epsilon()` added to the
    denominator.

    Args:
        y_true: Tensor of true targets.
        y_pred: Tensor of predicted targets.
        axis: Axis (or axes) along which to compute it. Defaults to -1.

    Returns:
        The coefficients, `y_pred`'s shape without `axis`.

    Example:

    >>> c = cornu.metrics.concordance_correlation(
    ...     [[0, 1, 0.5], [1, 1, 0.2]], [[0.1, 0.9, 0.5], [1, 0.9, 0.2]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(c).tolist()]
    [0.9756, 0.9877]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    true_mean = ops.mean(y_true, axis=axis, keepdims=True)
    pred_mean = ops.mean(y_pred, axis=axis, keepdims=True)
    true_var = ops.var(y_true, axis=axis, keepdims=True)
    pred_var = ops.var(y_pred, axis=axis, keepdims=True)
    covariance = (y_true - true_mean) * (y_pred - pred_mean)
    norm = true_var + pred_var + ops.square(true_mean - pred_mean)
    return ops.mean(2 * covariance / (norm + config.epsilon()), axis=axis)


@cornu_export("cornu.metrics.PearsonCorrelation")
class PearsonCorrelation(reduction_metrics.BuiltinMeanMetricWrapper):
    """Calculates the Pearson correlation coefficient (PCC).

    The linear correlation between `y_true` and `y_pred` along `axis`, in
    [-1, 1], averaged over samples.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        axis: Axis (or axes) along which to compute it. Defaults to -1.

    Example:

    >>> m = cornu.metrics.PearsonCorrelation()
    >>> m.update_state([[0, 1, 0.5], [1, 1, 0.2]],
    ...                [[0.1, 0.9, 0.5], [1, 0.9, 0.2]])
    >>> round(float(m.result()), 4)
    0.9967
    """

    def __init__(
        self,
        name: str = "pearson_correlation",
        dtype: Any = None,
        axis: Any = -1,
    ) -> None:
        super().__init__(pearson_correlation, name, dtype, "up", axis=axis)


@cornu_export("cornu.metrics.ConcordanceCorrelation")
class ConcordanceCorrelation(reduction_metrics.BuiltinMeanMetricWrapper):
    """Calculates the concordance correlation coefficient (CCC).

    Like the Pearson coefficient, but also penalizes predictions whose mean
    or scale differ from the targets'. 1 means perfect agreement.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        axis: Axis (or axes) along which to compute it. Defaults to -1.

    Example:

    >>> m = cornu.metrics.ConcordanceCorrelation()
    >>> m.update_state([[0, 1, 0.5], [1, 1, 0.2]],
    ...                [[0.1, 0.9, 0.5], [1, 0.9, 0.2]])
    >>> round(float(m.result()), 4)
    0.9816
    """

    def __init__(
        self,
        name: str = "concordance_correlation",
        dtype: Any = None,
        axis: Any = -1,
    ) -> None:
        super().__init__(concordance_correlation, name, dtype, "up", axis=axis)
