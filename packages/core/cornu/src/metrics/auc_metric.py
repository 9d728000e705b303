"""`AUC`: area under the ROC or precision-recall curve, by Riemann sum."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config as backend_config
from cornu.src.metrics import metrics_utils
from cornu.src.metrics.metric import Metric

_CM = metrics_utils.ConfusionMatrix
_Curve = metrics_utils.AUCCurve
_Summation = metrics_utils.AUCSummationMethod


@cornu_export("cornu.metrics.AUC")
class AUC(Metric):
    """Approximates the AUC (Area under the curve) of the ROC or PR curves.

    ROC-AUC and PR-AUC measure a binary classifier over all its operating
    points. Predictions are accumulated into `num_thresholds` buckets
    (variables `true_positives`, `true_negatives`, `false_positives`,
    `false_negatives`, one entry per threshold); the area is then a Riemann
    sum over the thresholds: recall against false-positive rate for ROC,
    precision against recall for PR. More thresholds approximate the exact
    AUC more closely; predictions should spread over `[0, 1]` (or use
    `thresholds` that split them evenly). `"minoring"` and `"majoring"`
    give lower and upper bounds of the approximation. Weights default to 1;
    a weight of 0 masks a value.

    Args:
        num_thresholds: (Optional) The number of thresholds to use when
            discretizing the roc curve. Values must be > 1. Defaults to
            `200`.
        curve: (Optional) `'ROC'` (default) or `'PR'` for the
            precision-recall curve.
        summation_method: (Optional) `'interpolation'` (default): mid-point
            rule for ROC; for PR, interpolates true and false positives
            (Davis & Goadrich 2006). `'minoring'`: left sum on increasing
            intervals, right sum on decreasing ones. `'majoring'`: the
            opposite.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        thresholds: (Optional) A list of floats in `[0, 1]` used as the
            thresholds instead of `num_thresholds` evenly spaced ones.
            Endpoints `-epsilon` and `1 + epsilon` are always added, so
            that predictions of exactly 0 or 1 are handled.
        multi_label: Whether the last axis holds separate labels: one AUC per
            label, then averaged (weighted by `label_weights` if given).
            When `False` (default), multi-label data is flattened into one
            label. Keep `False` for multi-class data.
        num_labels: (Optional) The number of labels with `multi_label=True`;
            if unset, the state variables are created on the first
            `update_state`.
        label_weights: (Optional) Non-negative weights per label. With
            `multi_label`, they weight the per-label AUCs in the average;
            otherwise they weight each label's predictions in the flattened
            counts.
        from_logits: Whether `y_pred` holds logits (a sigmoid is applied)
            rather than probabilities.

    Example:

    >>> m = cornu.metrics.AUC(num_thresholds=3)
    >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    >>> float(m.result())
    0.75
    >>> m.reset_state()
    >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9],
    ...                sample_weight=[1, 0, 0, 1])
    >>> float(m.result())
    1.0
    """

    def __init__(
        self,
        num_thresholds: int = 200,
        curve: str = "ROC",
        summation_method: str = "interpolation",
        name: str | None = None,
        dtype: Any = None,
        thresholds: Any = None,
        multi_label: bool = False,
        num_labels: int | None = None,
        label_weights: Any = None,
        from_logits: bool = False,
    ) -> None:
        # Metric should be maximized during optimization.
        self._direction = "up"
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            thresholds = sorted(thresholds)
            metrics_utils.assert_thresholds_range(thresholds)
            self.num_thresholds = len(thresholds) + 2
            self._thresholds_distributed_evenly = (
                metrics_utils.is_evenly_distributed_thresholds(
                    [0.0] + thresholds + [1.0]
                )
            )
        else:
            if num_thresholds <= 1:
                raise ValueError(
                    "AUC: Argument `num_thresholds` must be an integer > 1. "
                    f"Received: num_thresholds={num_thresholds}. The default "
                    "is 200."
                )
            self.num_thresholds = num_thresholds
            thresholds = [
                (i + 1) * 1.0 / (num_thresholds - 1)
                for i in range(num_thresholds - 2)
            ]
            self._thresholds_distributed_evenly = True
        # Endpoints just outside [0, 1] catch predictions of exactly 0 or 1.
        epsilon = backend_config.epsilon()
        self._thresholds = (
            [0.0 - epsilon] + [float(t) for t in thresholds] + [1.0 + epsilon]
        )
        self.curve = (
            curve if isinstance(curve, _Curve) else _Curve.from_str(curve)
        )
        self.summation_method = (
            summation_method
            if isinstance(summation_method, _Summation)
            else _Summation.from_str(summation_method)
        )
        super().__init__(name=name, dtype=dtype)
        self.multi_label = multi_label
        self.num_labels = num_labels
        if label_weights is not None:
            self.label_weights = ops.convert_to_tensor(
                label_weights, dtype=self.dtype
            )
        else:
            self.label_weights = None
        self._label_weights_config = (
            None
            if label_weights is None
            else [float(w) for w in ops.convert_to_numpy(self.label_weights)]
        )
        self._from_logits = from_logits
        self._built = False
        if self.multi_label:
            if num_labels:
                self._build([None, num_labels])
        else:
            if num_labels:
                raise ValueError(
                    "AUC: `num_labels` is needed only when `multi_label` is "
                    f"True. Received: num_labels={num_labels}, "
                    "multi_label=False. Drop `num_labels` or set "
                    "`multi_label=True`."
                )
            self._build(None)

    @property
    def thresholds(self) -> list:
        """The thresholds used for evaluating AUC."""
        return list(self._thresholds)

    def _build(self, shape: Any) -> None:
        """Creates the four count variables for data of `shape`."""
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(
                    "AUC: `y_pred` must have rank 2 when `multi_label=True`. "
                    f"Found rank {len(shape)}. Full shape received for "
                    f"`y_pred`: {tuple(shape)}. Pass `(batch, num_labels)` "
                    "predictions."
                )
            self._num_labels = shape[1]
            variable_shape = (self.num_thresholds, self._num_labels)
        else:
            variable_shape = (self.num_thresholds,)
        self._build_input_shape = shape
        metrics_utils.add_zeros_variables(
            self, variable_shape, metrics_utils.CONFUSION_COUNT_NAMES
        )
        self._built = True

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Accumulates confusion-matrix counts at every threshold.

        Args:
            y_true: Ground-truth values (cast to bool).
            y_pred: Predicted probabilities (or logits with `from_logits`).
            sample_weight: Optional weights, rank 0 or broadcastable to
                `y_true`. Defaults to 1.
        """
        y_pred = ops.convert_to_tensor(y_pred)
        if not self._built:
            self._build(tuple(y_pred.shape))
        # With multi_label, label weights apply to per-label AUCs in result().
        label_weights = None if self.multi_label else self.label_weights
        if self._from_logits:
            y_pred = ops.sigmoid(y_pred)
        metrics_utils.update_confusion_matrix_variables(
            {
                _CM.TRUE_POSITIVES: self.true_positives,
                _CM.TRUE_NEGATIVES: self.true_negatives,
                _CM.FALSE_POSITIVES: self.false_positives,
                _CM.FALSE_NEGATIVES: self.false_negatives,
            },
            y_true,
            y_pred,
            self._thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
            multi_label=self.multi_label,
            label_weights=label_weights,
        )

    def _average_over_labels(self, per_threshold_terms: Any) -> Any:
        if not self.multi_label:
            return ops.sum(per_threshold_terms)
        by_label_auc = ops.sum(per_threshold_terms, axis=0)
        if self.label_weights is None:
            return ops.mean(by_label_auc)
        return ops.divide_no_nan(
            ops.sum(ops.multiply(by_label_auc, self.label_weights)),
            ops.sum(self.label_weights),
        )

    def interpolate_pr_auc(self) -> Any:
        """PR-AUC with true and false positives linear between thresholds.

        Between consecutive thresholds A and B, TP and P = TP + FP vary
        linearly, so precision is `(TP_A + slope * (P - P_A)) / P` with
        `slope = dTP / dP`. Integrating over recall gives, per interval,
        `slope * (dTP + intercept * log(P_A / P_B)) / total_positives`,
        with `intercept = TP_B - slope * P_B` (the log term is dropped when
        either P is 0: precision is then constant over the interval).

        Returns:
            The approximate area under the precision-recall curve.
        """
        n = self.num_thresholds
        tp = ops.convert_to_tensor(self.true_positives)
        fp = ops.convert_to_tensor(self.false_positives)
        fn = ops.convert_to_tensor(self.false_negatives)
        dtp = ops.subtract(tp[: n - 1], tp[1:])
        p = ops.add(tp, fp)
        dp = ops.subtract(p[: n - 1], p[1:])
        prec_slope = ops.divide_no_nan(dtp, ops.maximum(dp, 0))
        intercept = ops.subtract(tp[1:], ops.multiply(prec_slope, p[1:]))
        safe_p_ratio = ops.where(
            ops.logical_and(p[: n - 1] > 0, p[1:] > 0),
            ops.divide_no_nan(p[: n - 1], ops.maximum(p[1:], 0)),
            ops.ones_like(p[1:]),
        )
        pr_auc_increment = ops.divide_no_nan(
            ops.multiply(
                prec_slope,
                ops.add(dtp, ops.multiply(intercept, ops.log(safe_p_ratio))),
            ),
            ops.maximum(ops.add(tp[1:], fn[1:]), 0),
        )
        return self._average_over_labels(pr_auc_increment)

    def result(self) -> Any:
        if (
            self.curve == _Curve.PR
            and self.summation_method == _Summation.INTERPOLATION
        ):
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        tp = ops.convert_to_tensor(self.true_positives)
        fp = ops.convert_to_tensor(self.false_positives)
        tn = ops.convert_to_tensor(self.true_negatives)
        fn = ops.convert_to_tensor(self.false_negatives)
        recall = ops.divide_no_nan(tp, ops.add(tp, fn))
        if self.curve == _Curve.ROC:
            x = ops.divide_no_nan(fp, ops.add(fp, tn))
            y = recall
        else:
            x = recall
            y = ops.divide_no_nan(tp, ops.add(tp, fp))
        if self.summation_method == _Summation.INTERPOLATION:
            heights = ops.divide(ops.add(y[: n - 1], y[1:]), 2.0)
        elif self.summation_method == _Summation.MINORING:
            heights = ops.minimum(y[: n - 1], y[1:])
        else:
            heights = ops.maximum(y[: n - 1], y[1:])
        riemann_terms = ops.multiply(ops.subtract(x[: n - 1], x[1:]), heights)
        return self._average_over_labels(riemann_terms)

    def reset_state(self) -> None:
        if not self._built:
            return
        if self.multi_label:
            shape = (self.num_thresholds, self._num_labels)
        else:
            shape = (self.num_thresholds,)
        for variable in (
            self.true_positives,
            self.false_positives,
            self.true_negatives,
            self.false_negatives,
        ):
            variable.assign(ops.zeros(shape))

    def get_config(self) -> dict:
        config = {
            "num_thresholds": self.num_thresholds,
            "curve": self.curve.value,
            "summation_method": self.summation_method.value,
            "multi_label": self.multi_label,
            "num_labels": self.num_labels,
            # A plain list (Keras stores the tensor): JSON-serializable.
            "label_weights": self._label_weights_config,
            "from_logits": self._from_logits,
        }
        if self._init_from_thresholds:
            # Without the added endpoints, so from_config rebuilds the same.
            config["thresholds"] = self.thresholds[1:-1]
        return {**super().get_config(), **config}
