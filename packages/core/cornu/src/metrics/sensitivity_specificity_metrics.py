"""Metrics that fix one rate and report the best value of another.

`SensitivityAtSpecificity`, `SpecificityAtSensitivity`, `PrecisionAtRecall`
and `RecallAtPrecision` keep true/false positive/negative counts at
`num_thresholds` evenly spaced thresholds; the result is the largest value
of the reported rate over the thresholds where the constrained rate
reaches the requested value (0 when none does).
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.metrics import metrics_utils
from cornu.src.metrics.metric import Metric

_CM = metrics_utils.ConfusionMatrix
_COUNT_NAMES = metrics_utils.CONFUSION_COUNT_NAMES


def _check_rate(owner: str, arg: str, value: Any) -> None:
    if value < 0 or value > 1:
        raise ValueError(
            f"{owner}: Argument `{arg}` must be in the range [0, 1]. "
            f"Received: {arg}={value}. Pass a rate, e.g. `{arg}=0.5`."
        )


class SensitivitySpecificityBase(Metric):
    """Abstract base class for computing sensitivity and specificity.

    Args:
        value: The constrained rate, in `[0, 1]`.
        num_thresholds: Number of evenly spaced thresholds in `[0, 1]`
            (one threshold, 0.5, when 1).
        class_id: Optional class (last axis) to restrict the counts to.
        name: Name of the metric instance.
        dtype: Data type of the result.

    A subclass sets `_value_arg` (its public name for `value`, which is
    range-checked, kept as that attribute and put in the config) and the
    rates `result()` constrains (`_constrained`) and maximizes
    (`_dependent`): keys of `_rates()`.
    """

    _value_arg: str | None = None
    _constrained: str | None = None
    _dependent: str | None = None

    def __init__(
        self,
        value: float,
        num_thresholds: int = 200,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        if self._value_arg is not None:
            _check_rate(type(self).__name__, self._value_arg, value)
            setattr(self, self._value_arg, value)
            self.num_thresholds = num_thresholds
        super().__init__(name=name, dtype=dtype)
        # Metric should be maximized during optimization.
        self._direction = "up"
        if num_thresholds <= 0:
            raise ValueError(
                f"{type(self).__name__}: Argument `num_thresholds` must be an "
                f"integer > 0. Received: num_thresholds={num_thresholds}. "
                "The default is 200."
            )
        self.value = value
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._thresholds_distributed_evenly = False
        else:
            inner = [
                (i + 1) * 1.0 / (num_thresholds - 1)
                for i in range(num_thresholds - 2)
            ]
            self.thresholds = [0.0] + inner + [1.0]
            self._thresholds_distributed_evenly = True
        metrics_utils.add_zeros_variables(
            self, (len(self.thresholds),), _COUNT_NAMES
        )

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Accumulates confusion-matrix counts at every threshold.

        Args:
            y_true: Ground-truth values (cast to bool).
            y_pred: Predicted values in `[0, 1]`.
            sample_weight: Optional weights, rank 0 or broadcastable to
                `y_true`. Defaults to 1.
        """
        metrics_utils.update_confusion_matrix_variables(
            {
                _CM.TRUE_POSITIVES: self.true_positives,
                _CM.TRUE_NEGATIVES: self.true_negatives,
                _CM.FALSE_POSITIVES: self.false_positives,
                _CM.FALSE_NEGATIVES: self.false_negatives,
            },
            y_true,
            y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            class_id=self.class_id,
            sample_weight=sample_weight,
        )

    def reset_state(self) -> None:
        shape = (len(self.thresholds),)
        for name in _COUNT_NAMES:
            getattr(self, name).assign(ops.zeros(shape))

    def result(self) -> Any:
        if self._constrained is None:
            return super().result()
        rates = self._rates()
        return self._find_max_under_constraint(
            rates[self._constrained],
            rates[self._dependent],
            ops.greater_equal,
        )

    def get_config(self) -> dict:
        config = {**super().get_config(), "class_id": self.class_id}
        if self._value_arg is not None:
            config["num_thresholds"] = self.num_thresholds
            config[self._value_arg] = getattr(self, self._value_arg)
        return config

    def _rates(self) -> dict:
        tp, fp = self.true_positives, self.false_positives
        tn, fn = self.true_negatives, self.false_negatives
        recall = ops.divide_no_nan(tp, ops.add(tp, fn))
        return {
            "sensitivity": recall,
            "recall": recall,
            "specificity": ops.divide_no_nan(tn, ops.add(tn, fp)),
            "precision": ops.divide_no_nan(tp, ops.add(tp, fp)),
        }

    def _find_max_under_constraint(
        self, constrained: Any, dependent: Any, predicate: Any
    ) -> Any:
        """Max of `dependent` where `predicate(constrained, value)`, else 0.

        Vectorised over thresholds (no data-dependent shapes): `dependent`
        is non-negative, so masking infeasible entries to 0 and taking the
        max equals the max over the feasible ones, or 0 if there is none.
        """
        feasible = predicate(constrained, self.value)
        return ops.max(ops.where(feasible, dependent, 0.0))


@cornu_export("cornu.metrics.SensitivityAtSpecificity")
class SensitivityAtSpecificity(SensitivitySpecificityBase):
    """Computes best sensitivity where specificity is >= specified value.

    Sensitivity is `tp / (tp + fn)`, specificity `tn / (tn + fp)`. The
    metric keeps `true_positives`, `true_negatives`, `false_positives` and
    `false_negatives` at `num_thresholds` thresholds and returns the best
    sensitivity among thresholds whose specificity is at least
    `specificity`. Weights default to 1; a weight of 0 masks a value.

    Args:
        specificity: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Defaults to 200. The number of thresholds
            to use for matching the given specificity.
        class_id: (Optional) Integer class ID for which we want binary
            metrics, in `[0, num_classes)`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.SensitivityAtSpecificity(0.5)
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8])
    >>> float(m.result())
    0.5
    >>> m.reset_state()
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8],
    ...                sample_weight=[1, 1, 2, 2, 1])
    >>> round(float(m.result()), 4)
    0.3333
    """

    _value_arg = "specificity"
    _constrained = "specificity"
    _dependent = "sensitivity"

    def __init__(
        self,
        specificity: float,
        num_thresholds: int = 200,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(specificity, num_thresholds, class_id, name, dtype)


@cornu_export("cornu.metrics.SpecificityAtSensitivity")
class SpecificityAtSensitivity(SensitivitySpecificityBase):
    """Computes best specificity where sensitivity is >= specified value.

    Sensitivity is `tp / (tp + fn)`, specificity `tn / (tn + fp)`. The
    metric keeps `true_positives`, `true_negatives`, `false_positives` and
    `false_negatives` at `num_thresholds` thresholds and returns the best
    specificity among thresholds whose sensitivity is at least
    `sensitivity`. Weights default to 1; a weight of 0 masks a value.

    Args:
        sensitivity: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Defaults to 200. The number of thresholds
            to use for matching the given sensitivity.
        class_id: (Optional) Integer class ID for which we want binary
            metrics, in `[0, num_classes)`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.SpecificityAtSensitivity(0.5)
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8])
    >>> round(float(m.result()), 4)
    0.6667
    >>> m.reset_state()
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8],
    ...                sample_weight=[1, 1, 2, 2, 2])
    >>> float(m.result())
    0.5
    """

    _value_arg = "sensitivity"
    _constrained = "sensitivity"
    _dependent = "specificity"

    def __init__(
        self,
        sensitivity: float,
        num_thresholds: int = 200,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(sensitivity, num_thresholds, class_id, name, dtype)


@cornu_export("cornu.metrics.PrecisionAtRecall")
class PrecisionAtRecall(SensitivitySpecificityBase):
    """Computes best precision where recall is >= specified value.

    Precision is `tp / (tp + fp)`, recall `tp / (tp + fn)`. The metric
    keeps `true_positives`, `true_negatives`, `false_positives` and
    `false_negatives` at `num_thresholds` thresholds and returns the best
    precision among thresholds whose recall is at least `recall`. Weights
    default to 1; a weight of 0 masks a value.

    Args:
        recall: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Defaults to 200. The number of thresholds
            to use for matching the given recall.
        class_id: (Optional) Integer class ID for which we want binary
            metrics, in `[0, num_classes)`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.PrecisionAtRecall(0.5)
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8])
    >>> float(m.result())
    0.5
    >>> m.reset_state()
    >>> m.update_state([0, 0, 0, 1, 1], [0, 0.3, 0.8, 0.3, 0.8],
    ...                sample_weight=[2, 2, 2, 1, 1])
    >>> round(float(m.result()), 4)
    0.3333
    """

    _value_arg = "recall"
    _constrained = "recall"
    _dependent = "precision"

    def __init__(
        self,
        recall: float,
        num_thresholds: int = 200,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(recall, num_thresholds, class_id, name, dtype)


@cornu_export("cornu.metrics.RecallAtPrecision")
class RecallAtPrecision(SensitivitySpecificityBase):
    """Computes best recall where precision is >= specified value.

    Precision is `tp / (tp + fp)`, recall `tp / (tp + fn)`. The metric
    keeps `true_positives`, `true_negatives`, `false_positives` and
    `false_negatives` at `num_thresholds` thresholds and returns the best
    recall among thresholds whose precision is at least `precision`; 0.0
    when no threshold reaches it. Weights default to 1; a weight of 0
    masks a value.

    Args:
        precision: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Defaults to 200. The number of thresholds
            to use for matching the given precision.
        class_id: (Optional) Integer class ID for which we want binary
            metrics, in `[0, num_classes)`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.RecallAtPrecision(0.8)
    >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    >>> float(m.result())
    0.5
    >>> m.reset_state()
    >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9],
    ...                sample_weight=[1, 0, 0, 1])
    >>> float(m.result())
    1.0
    """

    _value_arg = "precision"
    _constrained = "precision"
    _dependent = "recall"

    def __init__(
        self,
        precision: float,
        num_thresholds: int = 200,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(precision, num_thresholds, class_id, name, dtype)
