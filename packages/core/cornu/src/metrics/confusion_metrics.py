"""Threshold metrics: confusion counts, `Precision` and `Recall`.

A prediction counts as positive when it is strictly above a threshold;
each metric keeps one count per threshold and returns a scalar for a
single threshold, a vector for several.
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.metrics import metrics_utils
from cornu.src.metrics.metric import Metric

_CM = metrics_utils.ConfusionMatrix


def _set_thresholds(metric: Metric, thresholds: Any, default: float) -> None:
    """Keeps `thresholds` as given and parsed (a list, with `default`)."""
    metric.init_thresholds = thresholds
    metric.thresholds = metrics_utils.parse_init_thresholds(
        thresholds, default_threshold=default
    )
    metric._thresholds_distributed_evenly = (
        metrics_utils.is_evenly_distributed_thresholds(metric.thresholds)
    )


class _ConfusionMatrixConditionCount(Metric):
    """Weighted count of one confusion-matrix condition, per threshold.

    The subclass sets `_confusion_matrix_cond`, the
    `metrics_utils.ConfusionMatrix` member it counts.

    Args:
        thresholds: A float or list of floats in `[0, 1]` (default 0.5).
        name: Name of the metric instance.
        dtype: Data type of the result.
    """

    _confusion_matrix_cond: Any = None

    def __init__(
        self,
        thresholds: Any = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        _set_thresholds(self, thresholds, 0.5)
        metrics_utils.add_zeros_variables(
            self, (len(self.thresholds),), ["accumulator"]
        )

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Accumulates the count.

        Args:
            y_true: Ground-truth values (cast to bool).
            y_pred: Predicted values in `[0, 1]`.
            sample_weight: Optional weights, rank 0 or broadcastable to
                `y_true`. Defaults to 1.
        """
        metrics_utils.update_confusion_matrix_variables(
            {self._confusion_matrix_cond: self.accumulator},
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
        )

    def result(self) -> Any:
        if len(self.thresholds) == 1:
            return ops.convert_to_tensor(self.accumulator[0])
        return ops.convert_to_tensor(self.accumulator)

    def get_config(self) -> dict:
        return {**super().get_config(), "thresholds": self.init_thresholds}


_THRESHOLDS_DOC = """
        thresholds: (Optional) Defaults to `0.5`. A float value, or a Python
            list/tuple of float threshold values in `[0, 1]`. A prediction
            strictly above a threshold counts as positive. With logits (a
            loss with `from_logits=True`), use `thresholds=0`. One metric
            value is generated for each threshold value."""


@cornu_export("cornu.metrics.FalsePositives")
class FalsePositives(_ConfusionMatrixConditionCount):
    """Calculates the number of false positives.

    With `sample_weight`, the sum of the weights of the false positives;
    weights default to 1 and a weight of 0 masks a value. The count is kept
    in the variable `accumulator`.

    Args:{thresholds}
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.FalsePositives()
    >>> m.update_state([0, 1, 0, 0], [0, 0, 1, 1])
    >>> float(m.result())
    2.0
    >>> m.reset_state()
    >>> m.update_state([0, 1, 0, 0], [0, 0, 1, 1], sample_weight=[0, 0, 1, 0])
    >>> float(m.result())
    1.0
    """

    _confusion_matrix_cond = _CM.FALSE_POSITIVES

    def __init__(
        self,
        thresholds: Any = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(thresholds, name, dtype)


@cornu_export("cornu.metrics.FalseNegatives")
class FalseNegatives(_ConfusionMatrixConditionCount):
    """Calculates the number of false negatives.

    With `sample_weight`, the sum of the weights of the false negatives;
    weights default to 1 and a weight of 0 masks a value. The count is kept
    in the variable `accumulator`.

    Args:{thresholds}
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.FalseNegatives()
    >>> m.update_state([0, 1, 1, 1], [0, 1, 0, 0])
    >>> float(m.result())
    2.0
    >>> m.reset_state()
    >>> m.update_state([0, 1, 1, 1], [0, 1, 0, 0], sample_weight=[0, 0, 1, 0])
    >>> float(m.result())
    1.0
    """

    _confusion_matrix_cond = _CM.FALSE_NEGATIVES

    def __init__(
        self,
        thresholds: Any = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(thresholds, name, dtype)


@cornu_export("cornu.metrics.TrueNegatives")
class TrueNegatives(_ConfusionMatrixConditionCount):
    """Calculates the number of true negatives.

    With `sample_weight`, the sum of the weights of the true negatives;
    weights default to 1 and a weight of 0 masks a value. The count is kept
    in the variable `accumulator`.

    Args:{thresholds}
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.TrueNegatives()
    >>> m.update_state([0, 1, 0, 0], [1, 1, 0, 0])
    >>> float(m.result())
    2.0
    >>> m.reset_state()
    >>> m.update_state([0, 1, 0, 0], [1, 1, 0, 0], sample_weight=[0, 0, 1, 0])
    >>> float(m.result())
    1.0
    """

    _confusion_matrix_cond = _CM.TRUE_NEGATIVES

    def __init__(
        self,
        thresholds: Any = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(thresholds, name, dtype)


@cornu_export("cornu.metrics.TruePositives")
class TruePositives(_ConfusionMatrixConditionCount):
    """Calculates the number of true positives.

    With `sample_weight`, the sum of the weights of the true positives;
    weights default to 1 and a weight of 0 masks a value. The count is kept
    in the variable `accumulator`.

    Args:{thresholds}
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.TruePositives()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> float(m.result())
    2.0
    >>> m.reset_state()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1], sample_weight=[0, 0, 1, 0])
    >>> float(m.result())
    1.0
    """

    _confusion_matrix_cond = _CM.TRUE_POSITIVES

    def __init__(
        self,
        thresholds: Any = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(thresholds, name, dtype)


for _cls in (FalsePositives, FalseNegatives, TrueNegatives, TruePositives):
    if _cls.__doc__:  # None under `python -OO`
        _cls.__doc__ = _cls.__doc__.replace("{thresholds}", _THRESHOLDS_DOC)


class _PrecisionRecallBase(Metric):
    """Shared state of `Precision` and `Recall`: tp and one other count."""

    _other_count = None  # ConfusionMatrix member, set by the subclass.
    _other_name = None

    def __init__(
        self,
        thresholds: Any = None,
        top_k: int | None = None,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        # Metric should be maximized during optimization.
        self._direction = "up"
        self.top_k = top_k
        self.class_id = class_id
        default = 0.5 if top_k is None else metrics_utils.NEG_INF
        _set_thresholds(self, thresholds, default)
        metrics_utils.add_zeros_variables(
            self,
            (len(self.thresholds),),
            ["true_positives", self._other_name],
        )

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Accumulates true positives and the other count.

        Args:
            y_true: Ground-truth values, same shape as `y_pred` (cast to
                bool).
            y_pred: Predicted values in `[0, 1]`.
            sample_weight: Optional weights, rank 0 or broadcastable to
                `y_true`. Defaults to 1.
        """
        metrics_utils.update_confusion_matrix_variables(
            {
                _CM.TRUE_POSITIVES: self.true_positives,
                self._other_count: getattr(self, self._other_name),
            },
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            top_k=self.top_k,
            class_id=self.class_id,
            sample_weight=sample_weight,
        )

    def result(self) -> Any:
        other = getattr(self, self._other_name)
        result = ops.divide_no_nan(
            self.true_positives, ops.add(self.true_positives, other)
        )
        return result[0] if len(self.thresholds) == 1 else result

    def reset_state(self) -> None:
        num_thresholds = len(self.thresholds)
        self.true_positives.assign(ops.zeros((num_thresholds,)))
        getattr(self, self._other_name).assign(ops.zeros((num_thresholds,)))

    def get_config(self) -> dict:
        config = {
            "thresholds": self.init_thresholds,
            "top_k": self.top_k,
            "class_id": self.class_id,
        }
        return {**super().get_config(), **config}


@cornu_export("cornu.metrics.Precision")
class Precision(_PrecisionRecallBase):
    """Computes the precision of the predictions with respect to the labels.

    Precision is `true_positives / (true_positives + false_positives)`,
    kept in the variables `true_positives` and `false_positives` (0 when
    nothing is predicted positive). Weights default to 1; a weight of 0
    masks a value.

    With `top_k`, only the `k` highest predictions of each sample count as
    positive. With `class_id`, only that class (last axis) is counted.

    Args:
        thresholds: (Optional) A float value, or a Python list/tuple of float
            threshold values in `[0, 1]`. A prediction strictly above a
            threshold counts as positive. With logits, use `thresholds=0`.
            One metric value is generated for each threshold value. If
            neither `thresholds` nor `top_k` is set, the threshold is 0.5.
        top_k: (Optional) An int: the number of top predictions that can be
            positive.
        class_id: (Optional) Integer class ID for which we want binary
            metrics, in `[0, num_classes)` where `num_classes` is the last
            dimension of predictions.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.Precision()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> round(float(m.result()), 4)
    0.6667
    >>> m.reset_state()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1], sample_weight=[0, 0, 1, 0])
    >>> float(m.result())
    1.0
    >>> m = cornu.metrics.Precision(top_k=2)
    >>> m.update_state([0, 0, 1, 1], [1, 1, 1, 1])
    >>> float(m.result())
    0.0
    """

    _other_count = _CM.FALSE_POSITIVES
    _other_name = "false_positives"


@cornu_export("cornu.metrics.Recall")
class Recall(_PrecisionRecallBase):
    """Computes the recall of the predictions with respect to the labels.

    Recall is `true_positives / (true_positives + false_negatives)`, kept
    in the variables `true_positives` and `false_negatives` (0 when there
    are no positive labels). Weights default to 1; a weight of 0 masks a
    value.

    With `top_k`, only the `k` highest predictions of each sample count as
    positive. With `class_id`, only that class (last axis) is counted.

    Args:
        thresholds: (Optional) A float value, or a Python list/tuple of float
            threshold values in `[0, 1]`. A prediction strictly above a
            threshold counts as positive. With logits, use `thresholds=0`.
            One metric value is generated for each threshold value. If
            neither `thresholds` nor `top_k` is set, the threshold is 0.5.
        top_k: (Optional) An int: the number of top predictions that can be
            positive.
        class_id: (Optional) Integer class ID for which we want binary
            metrics, in `[0, num_classes)` where `num_classes` is the last
            dimension of predictions.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.Recall()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> round(float(m.result()), 4)
    0.6667
    >>> m.reset_state()
    >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1], sample_weight=[0, 0, 1, 0])
    >>> float(m.result())
    1.0
    """

    _other_count = _CM.FALSE_NEGATIVES
    _other_name = "false_negatives"
