"""Regression metrics: running means of errors, RMSE, cosine similarity
and the R2 score."""

from __future__ import annotations

import warnings
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.losses import regression_losses
from cornu.src.losses.loss import squeeze_or_expand_to_same_rank
from cornu.src.metrics import reduction_metrics
from cornu.src.metrics.metric import Metric


@cornu_export("cornu.metrics.MeanSquaredError")
class MeanSquaredError(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the mean squared error: `mean(square(y_true - y_pred))`.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.MeanSquaredError()
    >>> m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> float(m.result())
    0.25
    """

    def __init__(
        self, name: str = "mean_squared_error", dtype: Any = None
    ) -> None:
        super().__init__(
            regression_losses.mean_squared_error, name, dtype, "down"
        )


@cornu_export("cornu.metrics.MeanAbsoluteError")
class MeanAbsoluteError(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the mean absolute error: `mean(abs(y_true - y_pred))`.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.MeanAbsoluteError()
    >>> m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]],
    ...                sample_weight=[1, 0])
    >>> float(m.result())
    0.5
    """

    def __init__(
        self, name: str = "mean_absolute_error", dtype: Any = None
    ) -> None:
        super().__init__(
            regression_losses.mean_absolute_error, name, dtype, "down"
        )


@cornu_export("cornu.metrics.MeanAbsolutePercentageError")
class MeanAbsolutePercentageError(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes `100 * mean(abs((y_true - y_pred) / y_true))`.

    Zero targets are replaced by `epsilon()` in the division.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.MeanAbsolutePercentageError()
    >>> m.update_state([[1, 2], [4, 4]], [[1, 1], [2, 4]])
    >>> float(m.result())
    25.0
    """

    def __init__(
        self, name: str = "mean_absolute_percentage_error", dtype: Any = None
    ) -> None:
        super().__init__(
            regression_losses.mean_absolute_percentage_error,
            name,
            dtype,
            "down",
        )


@cornu_export("cornu.metrics.MeanSquaredLogarithmicError")
class MeanSquaredLogarithmicError(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes `mean(square(log(y_true + 1) - log(y_pred + 1)))`.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.MeanSquaredLogarithmicError()
    >>> m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> round(float(m.result()), 5)
    0.12011
    """

    def __init__(
        self, name: str = "mean_squared_logarithmic_error", dtype: Any = None
    ) -> None:
        super().__init__(
            regression_losses.mean_squared_logarithmic_error,
            name,
            dtype,
            "down",
        )


@cornu_export("cornu.metrics.LogCoshError")
class LogCoshError(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the mean of `log(cosh(y_pred - y_true))`.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.LogCoshError()
    >>> m.update_state([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]])
    >>> round(float(m.result()), 5)
    0.10845
    """

    def __init__(self, name: str = "logcosh", dtype: Any = None) -> None:
        super().__init__(regression_losses.log_cosh, name, dtype, "down")


@cornu_export("cornu.metrics.RootMeanSquaredError")
class RootMeanSquaredError(reduction_metrics.Mean):
    """Computes `sqrt(mean(square(y_pred - y_true)))` over all samples.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.RootMeanSquaredError()
    >>> m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> float(m.result())
    0.5
    """

    def __init__(
        self, name: str = "root_mean_squared_error", dtype: Any = None
    ) -> None:
        super().__init__(name, dtype=dtype)
        self._direction = "down"

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Accumulates squared errors.

        Args:
            y_true: The targets.
            y_pred: The predictions.
            sample_weight: Optional weights, broadcastable to `y_true`.
        """
        y_true = ops.convert_to_tensor(y_true, self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        squared = ops.square(y_pred - y_true)
        super().update_state(squared, sample_weight=sample_weight)

    def result(self) -> Any:
        return ops.sqrt(super().result())


def cosine_similarity(y_true: Any, y_pred: Any, axis: int = -1) -> Any:
    """`sum(l2_norm(y_true) * l2_norm(y_pred), axis)` (not negated)."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    y_pred = ops.normalize(y_pred, axis=axis)
    y_true = ops.normalize(y_true, axis=axis)
    return ops.sum(y_true * y_pred, axis=axis)


@cornu_export("cornu.metrics.CosineSimilarity")
class CosineSimilarity(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the mean cosine similarity between labels and predictions.

    Per sample: `sum(l2_norm(y_true) * l2_norm(y_pred))` along `axis`.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        axis: The axis along which the similarity is computed. Defaults to
            -1.

    Example:

    >>> m = cornu.metrics.CosineSimilarity(axis=1)
    >>> m.update_state([[0., 1.], [1., 1.]], [[1., 0.], [1., 1.]])
    >>> round(float(m.result()), 4)
    0.5
    """

    def __init__(
        self, name: str = "cosine_similarity", dtype: Any = None, axis: int = -1
    ) -> None:
        super().__init__(cosine_similarity, name, dtype, "up", axis=axis)


_CLASS_AGGREGATIONS = (None, "uniform_average", "variance_weighted_average")


@cornu_export("cornu.metrics.R2Score")
class R2Score(Metric):
    """Computes the R2 score (coefficient of determination).

    `1 - sum((y_true - y_pred)**2) / sum((y_true - mean(y_true))**2)` per
    output column (the last axis), aggregated over columns as
    `class_aggregation` says. 1.0 is a perfect fit, 0.0 predicts no better
    than the mean; it can be negative. With `num_regressors > 0` it is the
    adjusted R2 score. Inputs are 2D, `(batch_size, output_dim)`; the
    state variables are created on the first update.

    Args:
        class_aggregation: How to aggregate the per-column scores, as
            scikit-learn's `multioutput`: `None` (no aggregation),
            `"uniform_average"` (default) or `"variance_weighted_average"`.
        num_regressors: Number of independent regressors, for the
            adjusted R2 score; 0 (default) gives the standard score.
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.R2Score()
    >>> m.update_state([[1.0], [4.0], [3.0]], [[2.0], [4.0], [4.0]])
    >>> round(float(m.result()), 5)
    0.57143
    """

    def __init__(
        self,
        class_aggregation: str | None = "uniform_average",
        num_regressors: int = 0,
        name: str = "r2_score",
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        if class_aggregation not in _CLASS_AGGREGATIONS:
            raise ValueError(
                "R2Score expects `class_aggregation` to be one of "
                f"{_CLASS_AGGREGATIONS}. Received: "
                f"class_aggregation={class_aggregation!r}."
            )
        if num_regressors < 0:
            raise ValueError(
                "R2Score expects `num_regressors` to be an int >= 0. "
                f"Received: num_regressors={num_regressors!r}. Pass 0 for "
                "the standard (not adjusted) R2 score."
            )
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable(
            shape=(), initializer="zeros", name="num_samples"
        )
        self._built = False

    def _build(self, y_true_shape: tuple, y_pred_shape: tuple) -> None:
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                "R2Score expects 2D inputs of shape (batch_size, "
                f"output_dim). Received: y_true.shape={tuple(y_true_shape)}"
                f", y_pred.shape={tuple(y_pred_shape)}. Reshape them, e.g. "
                "`ops.reshape(y, (-1, 1))` for a single output."
            )
        if y_pred_shape[-1] is None or y_true_shape[-1] is None:
            raise ValueError(
                "R2Score expects the last axis (output_dim) to be known. "
                f"Received: y_true.shape={tuple(y_true_shape)}, "
                f"y_pred.shape={tuple(y_pred_shape)}."
            )
        shape = (y_pred_shape[-1],)
        self.squared_sum = self.add_variable(
            shape=shape, initializer="zeros", name="squared_sum"
        )
        self.sum = self.add_variable(
            shape=shape, initializer="zeros", name="sum"
        )
        self.total_mse = self.add_variable(
            shape=shape, initializer="zeros", name="residual"
        )
        self.count = self.add_variable(
            shape=shape, initializer="zeros", name="count"
        )
        self._built = True

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Accumulates the sums the score is computed from.

        Args:
            y_true: The targets, `(batch_size, output_dim)`.
            y_pred: The predictions, same shape.
            sample_weight: Optional weights of shape `(batch_size,)` or
                broadcastable to `y_true`.
        """
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        if sample_weight is None:
            sample_weight = 1
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=self.dtype)
        if len(sample_weight.shape) == 1:
            sample_weight = ops.expand_dims(sample_weight, axis=1)
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(y_true))
        weighted_y_true = y_true * sample_weight
        self.sum.assign(self.sum + ops.sum(weighted_y_true, axis=0))
        self.squared_sum.assign(
            self.squared_sum + ops.sum(y_true * weighted_y_true, axis=0)
        )
        self.total_mse.assign(
            self.total_mse
            + ops.sum(ops.square(y_true - y_pred) * sample_weight, axis=0)
        )
        self.count.assign(self.count + ops.sum(sample_weight, axis=0))
        self.num_samples.assign(
            self.num_samples + ops.cast(ops.size(y_true), self.dtype)
        )

    def result(self) -> Any:
        mean = self.sum / self.count
        total = self.squared_sum - self.sum * mean
        raw_scores = 1 - (self.total_mse / total)
        raw_scores = ops.where(ops.isinf(raw_scores), 0.0, raw_scores)
        if self.class_aggregation == "uniform_average":
            score = ops.mean(raw_scores)
        elif self.class_aggregation == "variance_weighted_average":
            score = ops.sum(total * raw_scores) / ops.sum(total)
        else:
            score = raw_scores
        if self.num_regressors == 0:
            return score
        n = self.num_samples
        p = self.num_regressors
        if p > n - 1:
            warnings.warn(
                "R2Score: more independent regressors than data points in "
                "the adjusted R2 score; returning the standard R2 score.",
                stacklevel=2,
            )
            return score
        if p == n - 1:
            warnings.warn(
                "R2Score: division by zero in the adjusted R2 score; "
                "returning the standard R2 score.",
                stacklevel=2,
            )
            return score
        n = ops.convert_to_tensor(n, dtype="float32")
        return 1.0 - (1.0 - score) * (n - 1.0) / (n - p - 1.0)

    def reset_state(self) -> None:
        for variable in self.variables:
            variable.assign(ops.zeros(variable.shape, dtype=variable.dtype))

    def get_config(self) -> dict:
        config = super().get_config()
        config["class_aggregation"] = self.class_aggregation
        config["num_regressors"] = self.num_regressors
        return config
