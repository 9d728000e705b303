"""Metrics (`cornu.metrics`): lookup by name, serialization and the table
of built-in metric classes.

`get` accepts what `Model.compile(metrics=...)` passes on: a class name
(`"CategoricalAccuracy"`), its snake_case form (`"categorical_accuracy"`),
a short alias (`"mse"`, `"mae"`, `"mape"`, `"msle"`, `"bce"`), a config
dict, a class, an instance or a function.
"""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.utils.naming import to_snake_case
from cornu.src.metrics import accuracy_metrics as _accuracy
from cornu.src.metrics import auc_metric as _auc
from cornu.src.metrics import confusion_metrics as _confusion
from cornu.src.metrics import correlation_metrics as _correlation
from cornu.src.metrics import f_score_metrics as _f_score
from cornu.src.metrics import hinge_metrics as _hinge
from cornu.src.metrics import iou_metrics as _iou
from cornu.src.metrics import metric as _metric
from cornu.src.metrics import probabilistic_metrics as _probabilistic
from cornu.src.metrics import reduction_metrics as _reduction
from cornu.src.metrics import regression_metrics as _regression
from cornu.src.metrics import sensitivity_specificity_metrics as _sensitivity
from cornu.src.saving import serialization_lib

ALL_OBJECTS = (
    # Base
    _metric.Metric,
    _reduction.Mean,
    _reduction.Sum,
    _reduction.MeanMetricWrapper,
    # Regression
    _regression.MeanSquaredError,
    _regression.RootMeanSquaredError,
    _regression.MeanAbsoluteError,
    _regression.MeanAbsolutePercentageError,
    _regression.MeanSquaredLogarithmicError,
    _regression.CosineSimilarity,
    _regression.LogCoshError,
    _regression.R2Score,
    # Correlation
    _correlation.PearsonCorrelation,
    _correlation.ConcordanceCorrelation,
    # Hinge
    _hinge.Hinge,
    _hinge.SquaredHinge,
    _hinge.CategoricalHinge,
    # Probabilistic
    _probabilistic.KLDivergence,
    _probabilistic.Poisson,
    _probabilistic.BinaryCrossentropy,
    _probabilistic.CategoricalCrossentropy,
    _probabilistic.SparseCategoricalCrossentropy,
    # Accuracy
    _accuracy.Accuracy,
    _accuracy.BinaryAccuracy,
    _accuracy.CategoricalAccuracy,
    _accuracy.SparseCategoricalAccuracy,
    _accuracy.TopKCategoricalAccuracy,
    _accuracy.SparseTopKCategoricalAccuracy,
    # Classification (confusion matrix), F-score and IoU metrics, written
    # by another helper in their own modules.
    _auc.AUC,
    _confusion.FalseNegatives,
    _confusion.FalsePositives,
    _confusion.Precision,
    _sensitivity.PrecisionAtRecall,
    _confusion.Recall,
    _sensitivity.RecallAtPrecision,
    _sensitivity.SensitivityAtSpecificity,
    _sensitivity.SpecificityAtSensitivity,
    _confusion.TrueNegatives,
    _confusion.TruePositives,
    _f_score.F1Score,
    _f_score.FBetaScore,
    _iou.IoU,
    _iou.BinaryIoU,
    _iou.MeanIoU,
    _iou.OneHotIoU,
    _iou.OneHotMeanIoU,
)

ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({to_snake_case(c.__name__): c for c in ALL_OBJECTS})
# Keras's short aliases. As in Keras, "accuracy"/"acc" given to
# `compile` are resolved by the trainer from the shapes of the targets
# (binary, categorical or sparse); here "accuracy" is `Accuracy` and "acc"
# is unknown.
ALL_OBJECTS_DICT.update(
    {
        "bce": _probabilistic.BinaryCrossentropy,
        "BCE": _probabilistic.BinaryCrossentropy,
        "mse": _regression.MeanSquaredError,
        "MSE": _regression.MeanSquaredError,
        "mae": _regression.MeanAbsoluteError,
        "MAE": _regression.MeanAbsoluteError,
        "mape": _regression.MeanAbsolutePercentageError,
        "MAPE": _regression.MeanAbsolutePercentageError,
        "msle": _regression.MeanSquaredLogarithmicError,
        "MSLE": _regression.MeanSquaredLogarithmicError,
    }
)


@cornu_export("cornu.metrics.serialize")
def serialize(metric: Any) -> Any:
    """Serializes a metric instance or metric function.

    Args:
        metric: A `cornu.metrics.Metric` instance or a metric function.

    Returns:
        A config dict (`module`, `class_name`, `config`,
        `registered_name`).

    Example:

    >>> config = cornu.metrics.serialize(cornu.metrics.BinaryAccuracy())
    >>> config["class_name"], config["config"]["threshold"]
    ('BinaryAccuracy', 0.5)
    """
    return serialization_lib.serialize_keras_object(metric)


@cornu_export("cornu.metrics.deserialize")
def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """Rebuilds a metric instance or function from its config.

    Args:
        config: A config dict (from `serialize`) or a metric name.
        custom_objects: Optional dict mapping names to custom metric
            classes or functions.

    Returns:
        A `Metric` instance or a metric function.

    Example:

    >>> m = cornu.metrics.deserialize(
    ...     {"class_name": "TopKCategoricalAccuracy", "config": {"k": 3}})
    >>> type(m).__name__, m.k
    ('TopKCategoricalAccuracy', 3)
    """
    return serialization_lib.deserialize_keras_object(
        config, module_objects=ALL_OBJECTS_DICT, custom_objects=custom_objects
    )


@cornu_export("cornu.metrics.get")
def get(identifier: Any) -> Any:
    """Returns a metric from a name, config, class, instance or function.

    A class (named or given) is instantiated with no arguments; instances
    and functions are returned as they are.

    Args:
        identifier: `None`, a metric name (`"mse"`,
            `"categorical_accuracy"`, `"AUC"`, ...), a config dict, a
            `Metric` class or instance, or a function
            `fn(y_true, y_pred)`.

    Returns:
        A `Metric` instance or a function (`None` for `None`).

    Raises:
        ValueError: if `identifier` names no metric.

    Example:

    >>> type(cornu.metrics.get("mse")).__name__
    'MeanSquaredError'
    >>> m = cornu.metrics.get(
    ...     {"class_name": "CategoricalCrossentropy",
    ...      "config": {"from_logits": True}})
    >>> m.from_logits
    True
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(
        f"Could not interpret metric identifier: {identifier!r} (of type "
        f"{type(identifier).__name__}). Expected a metric name such as "
        "'mse' or 'categorical_accuracy' (one of cornu.metrics' class "
        "names or their snake_case forms), a config dict, a Metric class "
        "or instance, or a function `fn(y_true, y_pred)`."
    )
