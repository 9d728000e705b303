"""Hinge metrics: the running mean of the hinge losses of `cornu.losses`."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.losses import hinge_losses
from cornu.src.metrics import reduction_metrics


@cornu_export("cornu.metrics.Hinge")
class Hinge(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the hinge metric: `mean(maximum(1 - y_true * y_pred, 0))`.

    Labels in {0, 1} are mapped to {-1, 1} first.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.Hinge()
    >>> m.update_state([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    >>> round(float(m.result()), 4)
    1.3
    """

    def __init__(self, name: str = "hinge", dtype: Any = None) -> None:
        super().__init__(hinge_losses.hinge, name, dtype, "down")


@cornu_export("cornu.metrics.SquaredHinge")
class SquaredHinge(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the squared hinge metric.

    `mean(square(maximum(1 - y_true * y_pred, 0)))`, with labels in {0, 1}
    mapped to {-1, 1} first.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.SquaredHinge()
    >>> m.update_state([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    >>> round(float(m.result()), 4)
    1.86
    """

    def __init__(self, name: str = "squared_hinge", dtype: Any = None) -> None:
        super().__init__(hinge_losses.squared_hinge, name, dtype, "down")


@cornu_export("cornu.metrics.CategoricalHinge")
class CategoricalHinge(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the categorical hinge metric.

    `maximum(neg - pos + 1, 0)` with `pos = sum(y_true * y_pred)` and
    `neg = max((1 - y_true) * y_pred)` over the last axis.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.CategoricalHinge()
    >>> m.update_state([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    >>> round(float(m.result()), 4)
    1.4
    """

    def __init__(
        self, name: str = "categorical_hinge", dtype: Any = None
    ) -> None:
        super().__init__(hinge_losses.categorical_hinge, name, dtype, "down")
