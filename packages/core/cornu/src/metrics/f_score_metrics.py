"""`FBetaScore` and `F1Score`: harmonic means of precision and recall."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config as backend_config
from cornu.src.metrics.metric import Metric

_AVERAGES = (None, "micro", "macro", "weighted")


@cornu_export("cornu.metrics.FBetaScore")
class FBetaScore(Metric):
    """Computes F-Beta score.

    `f_beta = (1 + beta**2) * precision * recall / (beta**2 * precision +
    recall)`, the weighted harmonic mean of precision and recall, in
    `[0, 1]`. Inputs are `(batch_size, num_classes)`; it works for
    multi-class and multi-label classification. Per-class true positives,
    false positives, false negatives and supports are accumulated (weighted
    by `sample_weight`, one weight per sample).

    Args:
        average: Averaging across classes: `None` (default: one score per
            class), `"micro"` (global counts, one score), `"macro"`
            (unweighted mean of per-class scores) or `"weighted"` (mean
            weighted by each class's number of true instances).
        beta: Python float > 0: the weight of recall in the harmonic mean.
            Defaults to `1.0`.
        threshold: Python float in `(0, 1]`: predictions above it count as
            1, the rest 0. If `None` (default), each sample's maximum
            prediction counts as 1 (if it is non-zero), the rest 0.
        name: Optional. String name of the metric instance.
        dtype: Optional. Data type of the metric result.

    Example:

    >>> metric = cornu.metrics.FBetaScore(beta=2.0, threshold=0.5)
    >>> y_true = [[1, 1, 1], [1, 0, 0], [1, 1, 0]]
    >>> y_pred = [[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]]
    >>> metric.update_state(y_true, y_pred)
    >>> result = cornu.ops.convert_to_numpy(metric.result())
    >>> [round(float(v), 4) for v in result]
    [0.3846, 0.9091, 0.8333]
    """

    def __init__(
        self,
        average: str | None = None,
        beta: float = 1.0,
        threshold: float | None = None,
        name: str = "fbeta_score",
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        # Metric should be maximized during optimization.
        self._direction = "up"
        owner = type(self).__name__
        if average not in _AVERAGES:
            raise ValueError(
                f"{owner}: Invalid `average` argument value. Expected one "
                "of: {None, 'micro', 'macro', 'weighted'}. "
                f"Received: average={average!r}"
            )
        if not isinstance(beta, float):
            raise ValueError(
                f"{owner}: Invalid `beta` argument value. It should be a "
                f"Python float. Received: beta={beta!r} of type "
                f"'{type(beta)}'. Write e.g. `beta=2.0`."
            )
        if beta <= 0.0:
            raise ValueError(
                f"{owner}: Invalid `beta` argument value. It should be > 0. "
                f"Received: beta={beta}"
            )
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError(
                    f"{owner}: Invalid `threshold` argument value. It should "
                    f"be a Python float. Received: threshold={threshold!r} "
                    f"of type '{type(threshold)}'. Write e.g. "
                    "`threshold=0.5`."
                )
            if threshold > 1.0 or threshold <= 0.0:
                raise ValueError(
                    f"{owner}: Invalid `threshold` argument value. It should "
                    "verify 0 < threshold <= 1. "
                    f"Received: threshold={threshold}"
                )
        self.average = average
        self.beta = beta
        self.threshold = threshold
        # Per-class counts (axis 0 summed) except for "micro" (all summed).
        self.axis = None if average == "micro" else 0
        self._built = False

    def _build(self, y_true_shape: tuple, y_pred_shape: tuple) -> None:
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                f"{type(self).__name__} expects 2D inputs with shape "
                "(batch_size, output_dim). Received input shapes: "
                f"y_pred.shape={tuple(y_pred_shape)} and "
                f"y_true.shape={tuple(y_true_shape)}. Reshape them, e.g. "
                "one-hot encode class ids."
            )
        if y_pred_shape[-1] is None or y_true_shape[-1] is None:
            raise ValueError(
                f"{type(self).__name__} expects 2D inputs with shape "
                "(batch_size, output_dim), with output_dim fully defined "
                f"(not None). Received input shapes: "
                f"y_pred.shape={tuple(y_pred_shape)} and "
                f"y_true.shape={tuple(y_true_shape)}."
            )
        num_classes = y_pred_shape[-1]
        shape = () if self.average == "micro" else (num_classes,)
        for name in (
            "true_positives",
            "false_positives",
            "false_negatives",
            "intermediate_weights",
        ):
            variable = self.add_variable(
                name=name, shape=shape, initializer="zeros", dtype=self.dtype
            )
            setattr(self, name, variable)
        self._built = True

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Accumulates per-class counts.

        Args:
            y_true: `(batch_size, num_classes)` binary labels.
            y_pred: `(batch_size, num_classes)` scores.
            sample_weight: Optional `(batch_size,)` weights. Defaults to 1.
        """
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        if not self._built:
            self._build(tuple(y_true.shape), tuple(y_pred.shape))
        if self.threshold is None:
            row_max = ops.max(y_pred, axis=-1, keepdims=True)
            # An all-zero row predicts nothing (not every class).
            y_pred = ops.logical_and(y_pred >= row_max, ops.abs(y_pred) > 1e-9)
        else:
            y_pred = y_pred > self.threshold
        y_pred = ops.cast(y_pred, self.dtype)
        if sample_weight is not None:
            sample_weight = ops.expand_dims(
                ops.convert_to_tensor(sample_weight, dtype=self.dtype), 1
            )

        def weighted_sum(values):
            if sample_weight is not None:
                values = ops.multiply(values, sample_weight)
            return ops.sum(values, axis=self.axis)

        self.true_positives.assign(
            self.true_positives + weighted_sum(y_pred * y_true)
        )
        self.false_positives.assign(
            self.false_positives + weighted_sum(y_pred * (1 - y_true))
        )
        self.false_negatives.assign(
            self.false_negatives + weighted_sum((1 - y_pred) * y_true)
        )
        self.intermediate_weights.assign(
            self.intermediate_weights + weighted_sum(y_true)
        )

    def result(self) -> Any:
        epsilon = backend_config.epsilon()
        tp = ops.convert_to_tensor(self.true_positives)
        precision = ops.divide(tp, tp + self.false_positives + epsilon)
        recall = ops.divide(tp, tp + self.false_negatives + epsilon)
        beta2 = self.beta**2
        mean = ops.divide(
            precision * recall, beta2 * precision + recall + epsilon
        )
        score = mean * (1 + beta2)
        if self.average == "weighted":
            weights = ops.divide(
                self.intermediate_weights,
                ops.sum(self.intermediate_weights) + epsilon,
            )
            return ops.sum(score * weights)
        if self.average is not None:  # "micro" or "macro"
            return ops.mean(score)
        return score

    def reset_state(self) -> None:
        for variable in self.variables:
            variable.assign(ops.zeros(variable.shape, dtype=variable.dtype))

    def get_config(self) -> dict:
        config = {
            "name": self.name,
            "dtype": self.dtype,
            "average": self.average,
            "beta": self.beta,
            "threshold": self.threshold,
        }
        return {**super().get_config(), **config}


@cornu_export("cornu.metrics.F1Score")
class F1Score(FBetaScore):
    """Computes F-1 Score.

    `f1 = 2 * precision * recall / (precision + recall)`, the harmonic mean
    of precision and recall, in `[0, 1]` (`FBetaScore` with `beta=1.0`).
    Inputs are `(batch_size, num_classes)`; it works for multi-class and
    multi-label classification.

    Args:
        average: Averaging across classes: `None` (default: one score per
            class), `"micro"` (global counts, one score), `"macro"`
            (unweighted mean of per-class scores) or `"weighted"` (mean
            weighted by each class's number of true instances).
        threshold: Python float in `(0, 1]`: predictions above it count as
            1, the rest 0. If `None` (default), each sample's maximum
            prediction counts as 1 (if it is non-zero), the rest 0.
        name: Optional. String name of the metric instance.
        dtype: Optional. Data type of the metric result.

    Example:

    >>> metric = cornu.metrics.F1Score(threshold=0.5)
    >>> y_true = [[1, 1, 1], [1, 0, 0], [1, 1, 0]]
    >>> y_pred = [[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]]
    >>> metric.update_state(y_true, y_pred)
    >>> result = cornu.ops.convert_to_numpy(metric.result())
    >>> [round(float(v), 4) for v in result]
    [0.5, 0.8, 0.6667]
    """

    def __init__(
        self,
        average: str | None = None,
        threshold: float | None = None,
        name: str = "f1_score",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            average=average,
            beta=1.0,
            threshold=threshold,
            name=name,
            dtype=dtype,
        )

    def get_config(self) -> dict:
        config = super().get_config()
        del config["beta"]
        return config
