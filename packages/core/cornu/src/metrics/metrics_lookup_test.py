import json

import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import metrics
from cornu import ops
from cornu.src.metrics import ALL_OBJECTS_DICT

KERAS_NAMES = {
    "accuracy": "Accuracy",
    "binary_accuracy": "BinaryAccuracy",
    "categorical_accuracy": "CategoricalAccuracy",
    "sparse_categorical_accuracy": "SparseCategoricalAccuracy",
    "top_k_categorical_accuracy": "TopKCategoricalAccuracy",
    "sparse_top_k_categorical_accuracy": "SparseTopKCategoricalAccuracy",
    "mse": "MeanSquaredError",
    "MSE": "MeanSquaredError",
    "mean_squared_error": "MeanSquaredError",
    "mae": "MeanAbsoluteError",
    "MAE": "MeanAbsoluteError",
    "mean_absolute_error": "MeanAbsoluteError",
    "mape": "MeanAbsolutePercentageError",
    "MAPE": "MeanAbsolutePercentageError",
    "msle": "MeanSquaredLogarithmicError",
    "MSLE": "MeanSquaredLogarithmicError",
    "root_mean_squared_error": "RootMeanSquaredError",
    "cosine_similarity": "CosineSimilarity",
    "log_cosh_error": "LogCoshError",
    "r2_score": "R2Score",
    "bce": "BinaryCrossentropy",
    "BCE": "BinaryCrossentropy",
    "binary_crossentropy": "BinaryCrossentropy",
    "categorical_crossentropy": "CategoricalCrossentropy",
    "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy",
    "kl_divergence": "KLDivergence",
    "KLDivergence": "KLDivergence",
    "poisson": "Poisson",
    "hinge": "Hinge",
    "squared_hinge": "SquaredHinge",
    "categorical_hinge": "CategoricalHinge",
    "pearson_correlation": "PearsonCorrelation",
    "concordance_correlation": "ConcordanceCorrelation",
    "auc": "AUC",
    "AUC": "AUC",
    "precision": "Precision",
    "recall": "Recall",
    "true_positives": "TruePositives",
    "false_negatives": "FalseNegatives",
    "f1_score": "F1Score",
    "mean": "Mean",
    "sum": "Sum",
    "Sum": "Sum",
}


@pytest.mark.parametrize("name, class_name", sorted(KERAS_NAMES.items()))
def test_get_resolves_keras_names(name, class_name):
    metric = metrics.get(name)
    assert type(metric).__name__ == class_name
    assert isinstance(metric, metrics.Metric)


def test_get_passes_through_instances_functions_and_none():
    instance = metrics.Mean(name="m")
    assert metrics.get(instance) is instance
    assert metrics.get(metrics.binary_accuracy) is metrics.binary_accuracy
    assert metrics.get(None) is None
    assert type(metrics.get(metrics.Hinge)).__name__ == "Hinge"


def test_get_and_deserialize_config_dicts():
    metric = metrics.get(
        {"class_name": "BinaryAccuracy", "config": {"threshold": 0.3}}
    )
    assert metric.threshold == 0.3
    metric = metrics.deserialize("mse")
    assert isinstance(metric, metrics.MeanSquaredError)


@pytest.mark.parametrize(
    "identifier, received",
    [("acc", "'acc'"), ("no_such_metric", "'no_such_metric'"), (3, "3")],
)
def test_get_rejects_unknown_identifiers(identifier, received):
    with pytest.raises(ValueError, match=f"identifier: {received}"):
        metrics.get(identifier)


def test_public_names_point_at_the_same_classes():
    assert cornu.Metric is metrics.Metric
    for name, cls in ALL_OBJECTS_DICT.items():
        if name == cls.__name__:
            assert getattr(metrics, name) is cls


# One (y_true, y_pred) example per metric class, for the conformance test.
def _inputs(name, rng):
    probs = rng.uniform(0.05, 1.0, size=(6, 4)).astype("float32")
    probs /= probs.sum(axis=1, keepdims=True)
    labels = rng.integers(0, 4, size=6)
    one_hot = np.eye(4, dtype="float32")[labels]
    real = rng.normal(size=(6, 4)).astype("float32")
    positive = rng.uniform(0.5, 2.0, size=(6, 4)).astype("float32")
    table = {
        "Accuracy": (labels[:, None], rng.integers(0, 4, size=(6, 1))),
        "BinaryAccuracy": (one_hot, probs),
        "CategoricalAccuracy": (one_hot, probs),
        "SparseCategoricalAccuracy": (labels, probs),
        "TopKCategoricalAccuracy": (one_hot, probs),
        "SparseTopKCategoricalAccuracy": (labels, probs),
        "BinaryCrossentropy": (one_hot, probs),
        "CategoricalCrossentropy": (one_hot, probs),
        "SparseCategoricalCrossentropy": (labels, probs),
        "KLDivergence": (one_hot, probs),
        "Poisson": (positive, positive[::-1].copy()),
        "MeanSquaredLogarithmicError": (positive, positive[::-1].copy()),
        "MeanAbsolutePercentageError": (positive, positive[::-1].copy()),
        "Hinge": (one_hot, real),
        "SquaredHinge": (one_hot, real),
        "CategoricalHinge": (one_hot, real),
    }
    return table.get(name, (real, real + rng.normal(size=(6, 4))))


CONFORMANCE = sorted(
    name
    for name, cls in ALL_OBJECTS_DICT.items()
    if name == cls.__name__
    and name not in ("Metric", "Mean", "Sum", "MeanMetricWrapper")
    and cls.__module__.split(".")[-1]
    in (
        "accuracy_metrics",
        "probabilistic_metrics",
        "hinge_metrics",
        "regression_metrics",
        "correlation_metrics",
    )
)


def _values(metric):
    result = metric.result()
    return ops.convert_to_numpy(result)


@pytest.mark.parametrize("name", CONFORMANCE)
def test_metric_conformance(name):
    rng = np.random.default_rng(0)
    batches = [_inputs(name, rng) for _ in range(2)]
    weights = [rng.uniform(size=6).astype("float32") for _ in range(2)]
    stateful = metrics.get(name)
    for (y_true, y_pred), w in zip(batches, weights, strict=True):
        stateful.update_state(y_true, y_pred, sample_weight=w)
    # serialize -> JSON -> deserialize gives an equal, fresh metric.
    config = json.loads(json.dumps(metrics.serialize(stateful)))
    fresh = metrics.deserialize(config)
    assert type(fresh) is type(stateful)
    assert fresh.get_config() == stateful.get_config()
    # The stateless path (after one eager update that builds lazily
    # created state, as R2Score's) equals the stateful one.
    fresh.update_state(*batches[0], sample_weight=weights[0])
    state = fresh.stateless_reset_state()
    for (y_true, y_pred), w in zip(batches, weights, strict=True):
        state = fresh.stateless_update_state(
            state, y_true, y_pred, sample_weight=w
        )
    assert_allclose(
        ops.convert_to_numpy(fresh.stateless_result(state)),
        _values(stateful),
        rtol=1e-5,
    )
    # reset_state zeroes every state variable.
    stateful.reset_state()
    assert all(not np.any(v.numpy()) for v in stateful.variables)


@pytest.mark.requires_capability("jit")
@pytest.mark.parametrize("name", CONFORMANCE)
def test_metric_stateless_update_compiles(name, jax_jit):
    jit = jax_jit
    rng = np.random.default_rng(1)
    batches = [_inputs(name, rng) for _ in range(2)]
    stateful = metrics.get(name)
    compiled = metrics.get(name)
    compiled.update_state(*batches[0])  # builds lazily created state
    update = jit(compiled.stateless_update_state)
    state = jit(compiled.stateless_reset_state)()
    for y_true, y_pred in batches:
        stateful.update_state(y_true, y_pred)
        state = update(state, y_true, y_pred)
    result = jit(compiled.stateless_result)(state)
    assert_allclose(ops.convert_to_numpy(result), _values(stateful), rtol=1e-5)


@pytest.mark.parametrize(
    "name, class_name",
    [
        ("io_u", "IoU"),
        ("mean_io_u", "MeanIoU"),
        ("OneHotMeanIoU", "OneHotMeanIoU"),
    ],
)
def test_iou_names_resolve_to_classes(name, class_name):
    # IoU metrics need `num_classes`, so `get` cannot build them bare.
    assert ALL_OBJECTS_DICT[name].__name__ == class_name
