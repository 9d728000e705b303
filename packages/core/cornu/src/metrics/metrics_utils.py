"""Confusion-matrix machinery shared by the threshold, AUC and IoU metrics.

`update_confusion_matrix_variables` adds weighted true/false
positive/negative counts, one per threshold, to metric variables. It is
fully vectorised: either every threshold is compared with every prediction
in one broadcast, or (for evenly spaced thresholds) each prediction is put
into its threshold bucket with one `segment_sum` and the counts are a
reversed cumulative sum, O(thresholds + predictions).
"""

from __future__ import annotations

import enum
from typing import Any

from cornu.src import ops
from cornu.src.backend import config
from cornu.src.losses import loss as loss_lib

# Threshold used with `top_k`: every kept prediction is above it, every
# filtered-out one (set to NEG_INF) is not.
NEG_INF = -1e10


def _to_list(x: Any) -> list:
    if isinstance(x, (list, tuple)):
        return list(x)
    if getattr(x, "ndim", 0) > 0:  # e.g. a NumPy array of thresholds
        return [float(v) for v in x]
    return [x]


def assert_thresholds_range(thresholds: Any) -> None:
    """Raises ValueError unless every threshold is a number in `[0, 1]`."""
    if thresholds is None:
        return
    invalid = [t for t in thresholds if t is None or t < 0 or t > 1]
    if invalid:
        raise ValueError(
            "Threshold values must be in [0, 1]. "
            f"Received: {invalid} (thresholds={list(thresholds)}). Pass "
            "probabilities, e.g. `thresholds=[0.3, 0.5]` (for logits, "
            "`thresholds=0.0`)."
        )


def parse_init_thresholds(
    thresholds: Any, default_threshold: float = 0.5
) -> list:
    """Validated thresholds as a list (`default_threshold` when None)."""
    if thresholds is not None:
        assert_thresholds_range(_to_list(thresholds))
    return _to_list(default_threshold if thresholds is None else thresholds)


class ConfusionMatrix(enum.Enum):
    """Keys of `update_confusion_matrix_variables`'s variable dict."""

    TRUE_POSITIVES = "tp"
    FALSE_POSITIVES = "fp"
    TRUE_NEGATIVES = "tn"
    FALSE_NEGATIVES = "fn"


class AUCCurve(enum.Enum):
    """Type of AUC curve (ROC or PR)."""

    ROC = "ROC"
    PR = "PR"

    @staticmethod
    def from_str(key: str) -> AUCCurve:
        if key in ("pr", "PR"):
            return AUCCurve.PR
        if key in ("roc", "ROC"):
            return AUCCurve.ROC
        raise ValueError(
            f'Invalid AUC curve value: "{key}". Expected values are '
            '["PR", "ROC"], e.g. `AUC(curve="PR")`.'
        )


class AUCSummationMethod(enum.Enum):
    """Riemann summation method of the AUC.

    `interpolation`: mid-point rule for ROC; for PR, interpolates true and
    false positives (not the precision ratio), as Davis & Goadrich 2006.
    `minoring`: left sum on increasing intervals, right on decreasing ones.
    `majoring`: the opposite of `minoring`.
    """

    INTERPOLATION = "interpolation"
    MAJORING = "majoring"
    MINORING = "minoring"

    @staticmethod
    def from_str(key: str) -> AUCSummationMethod:
        if key in ("interpolation", "Interpolation"):
            return AUCSummationMethod.INTERPOLATION
        if key in ("majoring", "Majoring"):
            return AUCSummationMethod.MAJORING
        if key in ("minoring", "Minoring"):
            return AUCSummationMethod.MINORING
        raise ValueError(
            f'Invalid AUC summation method value: "{key}". Expected values '
            'are ["interpolation", "majoring", "minoring"].'
        )


def is_evenly_distributed_thresholds(thresholds: Any) -> bool:
    """Whether `thresholds` are `i / (n - 1)` for `i in range(n)`, `n >= 3`.

    Such thresholds allow the bucketed (segment-sum) update.
    """
    values = [float(t) for t in thresholds]
    n = len(values)
    if n < 3:
        return False
    atol = config.epsilon()
    return all(
        abs(t - i / (n - 1)) <= atol + 1e-5 * abs(i / (n - 1))
        for i, t in enumerate(values)
    )


# The same rank matching as the losses (`y_true` vs `y_pred`, values vs
# weights): one implementation, in `losses/loss.py`.
squeeze_or_expand_to_same_rank = loss_lib.squeeze_or_expand_to_same_rank


# The four per-threshold counts of the threshold and AUC metrics, in the
# order their variables are created.
CONFUSION_COUNT_NAMES = (
    "true_positives",
    "false_positives",
    "true_negatives",
    "false_negatives",
)


def add_zeros_variables(metric: Any, shape: tuple, names: Any) -> list:
    """Adds one zero-initialized variable per name to `metric`.

    Each variable is also set as the attribute of the same name, in the
    order given (which is the order of `metric.variables`).

    Args:
        metric: The `Metric` that owns the variables.
        shape: The shape of every variable.
        names: The variable (and attribute) names.

    Returns:
        The new variables, in the order of `names`.

    Example:

    >>> from cornu.src.metrics import metrics_utils
    >>> m = cornu.metrics.Mean()
    >>> tp, fp = metrics_utils.add_zeros_variables(
    ...     m, (3,), ["true_positives", "false_positives"])
    >>> cornu.ops.convert_to_numpy(m.false_positives).tolist()
    [0.0, 0.0, 0.0]
    """
    variables = []
    for name in names:
        variable = metric.add_variable(
            shape=shape, initializer="zeros", name=name
        )
        setattr(metric, name, variable)
        variables.append(variable)
    return variables


def _reverse_cumsum(x: Any, axis: int = 0) -> Any:
    return ops.flip(ops.cumsum(ops.flip(x, axis=axis), axis=axis), axis=axis)


def _bucketed_counts(
    y_true,
    y_pred,
    weights,
    num_thresholds,
    multi_label,
    with_epsilon,
    wanted,
):
    """Weighted confusion counts per threshold via threshold buckets.

    With `n` thresholds `i / (n - 1)`, a prediction `p` is above thresholds
    `0..b` where `b = ceil(p * (n - 1)) - 1` (`b = -1`: above none). The
    counts per bucket come from one `segment_sum`, shifted by one so that
    bucket `-1` is segment 0. The count above threshold `i` is the sum of
    segments `> i` (a reversed cumsum), the count not above it the sum of
    segments `<= i` (a cumsum): no subtraction, so no float cancellation.
    """
    y_pred = ops.clip(y_pred, 0.0, 1.0)
    bucket = ops.ceil(y_pred * float(num_thresholds - 1)) - 1.0
    if with_epsilon:
        # The first threshold is below 0: every prediction is above it.
        bucket = ops.maximum(bucket, 0.0)
    segment = ops.cast(bucket, "int32") + 1  # in [0, num_thresholds]
    shape = (num_thresholds + 1,)
    if multi_label:
        # One range of segments per label: segment * num_labels + label.
        num_labels = y_pred.shape[-1]
        segment = segment * num_labels + ops.arange(num_labels, dtype="int32")
        shape = (num_thresholds + 1, num_labels)
    segment = ops.reshape(segment, (-1,))
    size = shape[0] * (shape[1] if multi_label else 1)

    def buckets(values):
        sums = ops.segment_sum(
            ops.reshape(values, (-1,)), segment, num_segments=size
        )
        return ops.reshape(sums, shape)

    counts = {}
    cm = ConfusionMatrix
    for labels, above_key, below_key in (
        (y_true * weights, cm.TRUE_POSITIVES, cm.FALSE_NEGATIVES),
        ((1.0 - y_true) * weights, cm.FALSE_POSITIVES, cm.TRUE_NEGATIVES),
    ):
        if above_key not in wanted and below_key not in wanted:
            continue
        per_bucket = buckets(labels)
        if above_key in wanted:
            counts[above_key] = _reverse_cumsum(per_bucket)[1:]
        if below_key in wanted:
            counts[below_key] = ops.cumsum(per_bucket, axis=0)[:-1]
    return counts


def _compared_counts(y_true, y_pred, weights, thresholds, multi_label, wanted):
    """Weighted confusion counts per threshold by broadcast comparison.

    `y_pred > threshold` for every (threshold, prediction) pair at once:
    a `(num_thresholds, num_predictions[, num_labels])` tensor.
    """
    if multi_label:
        thresholds = ops.reshape(thresholds, (-1, 1, 1))
        preds = ops.expand_dims(y_pred, 0)
    else:
        thresholds = ops.reshape(thresholds, (-1, 1))
        preds = ops.reshape(y_pred, (1, -1))
        y_true = ops.reshape(y_true, (-1,))
        weights = ops.reshape(weights, (-1,))
    above = ops.cast(ops.greater(preds, thresholds), y_pred.dtype)
    true_labels = y_true * weights
    false_labels = (1.0 - y_true) * weights
    cm = ConfusionMatrix
    terms = {
        cm.TRUE_POSITIVES: lambda: above * true_labels,
        cm.FALSE_POSITIVES: lambda: above * false_labels,
        cm.TRUE_NEGATIVES: lambda: (1.0 - above) * false_labels,
        cm.FALSE_NEGATIVES: lambda: (1.0 - above) * true_labels,
    }
    return {key: ops.sum(terms[key](), axis=1) for key in wanted}


def _filter_top_k(x: Any, k: int) -> Any:
    """Keeps the top-`k` values of the last axis; the rest become NEG_INF."""
    _, top_k_idx = ops.top_k(x, k)
    mask = ops.sum(ops.one_hot(top_k_idx, x.shape[-1], dtype=x.dtype), axis=-2)
    return x * mask + NEG_INF * (1.0 - mask)


def update_confusion_matrix_variables(
    variables_to_update: dict,
    y_true: Any,
    y_pred: Any,
    thresholds: Any,
    top_k: int | None = None,
    class_id: int | None = None,
    sample_weight: Any = None,
    multi_label: bool = False,
    label_weights: Any = None,
    thresholds_distributed_evenly: bool = False,
) -> None:
    """Adds weighted confusion-matrix counts to the given variables.

    For each threshold `t`: a true positive is `y_true and y_pred > t`, a
    false negative `y_true and y_pred <= t`, a true negative
    `not y_true and y_pred <= t`, a false positive `not y_true and
    y_pred > t`. Each pair counts with its sample weight (default 1).

    Args:
        variables_to_update: Dict from `ConfusionMatrix` members to variables
            of shape `(num_thresholds,)` (or `(num_thresholds, num_labels)`
            with `multi_label`).
        y_true: Labels, same shape as `y_pred` (up to a trailing axis of
            size 1). Cast to bool.
        y_pred: Predictions in `[0, 1]`.
        thresholds: A float or list of floats (or `NEG_INF` with `top_k`).
        top_k: Optional int: only the top `k` predictions of the last axis
            can be positive.
        class_id: Optional int: only this class (last axis) is counted.
        sample_weight: Optional weights, rank 0 or broadcastable to
            `y_true`.
        multi_label: Whether the last axis holds separate labels (counts per
            label) rather than being flattened into one label.
        label_weights: Optional per-label weights of the flattened counts
            (only without `multi_label`).
        thresholds_distributed_evenly: Whether `thresholds` are evenly
            spaced over `[0, 1]` (possibly with endpoints just outside it),
            which selects the bucketed update.

    Returns:
        None.

    Example:

    >>> from cornu.src.metrics import metrics_utils as mu
    >>> tp = cornu.Variable([0.0, 0.0])
    >>> mu.update_confusion_matrix_variables(
    ...     {mu.ConfusionMatrix.TRUE_POSITIVES: tp},
    ...     [1, 1, 0], [0.9, 0.4, 0.8], thresholds=[0.3, 0.5])
    >>> tp.numpy().tolist()
    [2.0, 1.0]
    """
    if multi_label and label_weights is not None:
        raise ValueError(
            "`label_weights` for multilabel data should be handled outside "
            "of `update_confusion_matrix_variables` when `multi_label` is "
            "True. Received: multi_label=True with label_weights set; "
            "weight the per-label results instead."
        )
    if variables_to_update is None:
        return
    valid = list(ConfusionMatrix)
    if not any(key in valid for key in variables_to_update):
        raise ValueError(
            "Please provide at least one valid confusion matrix variable to "
            f"update. Valid variable key options are: {valid}. Received: "
            f"{list(variables_to_update.keys())}"
        )
    invalid = [key for key in variables_to_update if key not in valid]
    if invalid:
        raise ValueError(
            f"Invalid keys: {invalid}. Valid variable key options are: "
            f"{valid}. Use `ConfusionMatrix` members as keys."
        )
    dtype = list(variables_to_update.values())[0].dtype
    y_true = ops.cast(ops.convert_to_tensor(y_true), dtype)
    y_pred = ops.cast(ops.convert_to_tensor(y_pred), dtype)
    thresholds = _to_list(thresholds)
    with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0

    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = ops.expand_dims(
            ops.cast(ops.convert_to_tensor(sample_weight), dtype), axis=-1
        )
        _, sample_weight = squeeze_or_expand_to_same_rank(
            y_true, sample_weight, expand_rank_1=False
        )
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        if len(y_pred.shape) == 1:
            raise ValueError(
                "When class_id is provided, y_pred must be a 2D array with "
                "shape (num_samples, num_classes), found shape: "
                f"{tuple(y_pred.shape)}. Received: class_id={class_id}. "
                "Pass one score per class, or drop `class_id`."
            )
        # Keep a trailing axis so that sample weights still broadcast.
        y_true = ops.expand_dims(y_true[..., class_id], -1)
        y_pred = ops.expand_dims(y_pred[..., class_id], -1)

    y_true = ops.cast(ops.not_equal(y_true, 0), dtype)
    weights = ops.ones_like(y_pred)
    if sample_weight is not None:
        weights = weights * ops.broadcast_to(sample_weight, y_pred.shape)
    if label_weights is not None:
        label_weights = ops.cast(ops.convert_to_tensor(label_weights), dtype)
        weights = weights * label_weights
    if multi_label and len(y_pred.shape) != 2:
        y_true = ops.reshape(y_true, (-1, y_true.shape[-1]))
        y_pred = ops.reshape(y_pred, (-1, y_pred.shape[-1]))
        weights = ops.reshape(weights, (-1, weights.shape[-1]))

    wanted = set(variables_to_update)
    if thresholds_distributed_evenly:
        counts = _bucketed_counts(
            y_true,
            y_pred,
            weights,
            len(thresholds),
            multi_label,
            with_epsilon,
            wanted,
        )
    else:
        counts = _compared_counts(
            y_true,
            y_pred,
            weights,
            ops.convert_to_tensor(thresholds, dtype=dtype),
            multi_label,
            wanted,
        )
    for key, variable in variables_to_update.items():
        variable.assign(variable + ops.cast(counts[key], variable.dtype))


def confusion_matrix(
    labels: Any,
    predictions: Any,
    num_classes: int,
    weights: Any = None,
    dtype: str = "int32",
) -> Any:
    """The `(num_classes, num_classes)` confusion matrix of two label lists.

    Row `i`, column `j` holds the (weighted) count of samples with label
    `i` predicted as `j`. Labels and predictions are 1-D integer class ids
    in `[0, num_classes)`.

    Args:
        labels: 1-D tensor of true class ids.
        predictions: 1-D tensor of predicted class ids.
        num_classes: Number of classes.
        weights: Optional 1-D weights, one per sample.
        dtype: Data type of the result.

    Returns:
        A `(num_classes, num_classes)` tensor.

    Example:

    >>> from cornu.src.metrics import metrics_utils
    >>> cm = metrics_utils.confusion_matrix([0, 1, 1], [0, 0, 1], 2)
    >>> cornu.ops.convert_to_numpy(cm).tolist()
    [[1, 0], [1, 1]]
    """
    num_classes = int(num_classes)
    labels = ops.cast(
        ops.reshape(ops.convert_to_tensor(labels), (-1,)), "int32"
    )
    predictions = ops.cast(
        ops.reshape(ops.convert_to_tensor(predictions), (-1,)), "int32"
    )
    if weights is None:
        values = ops.ones(labels.shape, dtype=dtype)
    else:
        values = ops.cast(
            ops.reshape(ops.convert_to_tensor(weights), (-1,)), dtype
        )
    # One segment per (label, prediction) cell: duplicates add up.
    cells = labels * num_classes + predictions
    matrix = ops.segment_sum(
        values, cells, num_segments=num_classes * num_classes
    )
    return ops.reshape(matrix, (num_classes, num_classes))
