import json

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import metrics as sk_metrics

import cornu
from cornu import ops

COUNTS = {
    "TruePositives": (1, 1),
    "FalsePositives": (0, 1),
    "TrueNegatives": (0, 0),
    "FalseNegatives": (1, 0),
}


def _batches(rng, num_batches=3, size=25, classes=None):
    shape = (size,) if classes is None else (size, classes)
    out = []
    for _ in range(num_batches):
        out.append(
            (
                rng.integers(0, 2, shape).astype("float32"),
                rng.random(shape).astype("float32"),
                rng.random(size).astype("float32"),
            )
        )
    return out


def _concat(batches):
    return [np.concatenate(parts) for parts in zip(*batches, strict=True)]


def _check_stateless(make, batches, expected):
    metric = make()
    values = metric.stateless_reset_state()
    for y_true, y_pred, weights in batches:
        values = metric.stateless_update_state(
            values, y_true, y_pred, sample_weight=weights
        )
    result = metric.stateless_result(values)
    assert_allclose(ops.convert_to_numpy(result), expected, rtol=1e-5)
    # The variables themselves were not touched.
    for variable in metric.variables:
        assert not np.any(variable.numpy())


@pytest.mark.parametrize("name", sorted(COUNTS))
@pytest.mark.parametrize("thresholds", [None, 0.3, [0.2, 0.5, 0.8]], ids=str)
def test_counts_match_sklearn_confusion_matrix(name, thresholds):
    rng = np.random.default_rng(0)
    batches = _batches(rng)
    metric = getattr(cornu.metrics, name)(thresholds=thresholds)
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    y_true, y_pred, weights = _concat(batches)
    row, col = COUNTS[name]
    expected = []
    for t in [0.5] if thresholds is None else np.atleast_1d(thresholds):
        cm = sk_metrics.confusion_matrix(
            y_true, y_pred > t, labels=[0, 1], sample_weight=weights
        )
        expected.append(cm[row, col])
    expected = expected[0] if np.ndim(thresholds) == 0 else expected
    result = ops.convert_to_numpy(metric.result())
    assert result.shape == np.shape(expected)
    assert_allclose(result, expected, rtol=1e-5)
    _check_stateless(
        lambda: getattr(cornu.metrics, name)(thresholds=thresholds),
        batches,
        expected,
    )
    metric.reset_state()
    assert not np.any(ops.convert_to_numpy(metric.result()))


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_counts_config_round_trip(name):
    cls = getattr(cornu.metrics, name)
    metric = cls(thresholds=[0.25, 0.75], name="counts", dtype="float32")
    config = metric.get_config()
    assert config == {
        "name": "counts",
        "dtype": "float32",
        "thresholds": [0.25, 0.75],
    }
    clone = cls.from_config(config)
    assert clone.get_config() == config
    assert [v.name for v in metric.variables] == ["accumulator"]


@pytest.mark.parametrize("cls_name", ["Precision", "Recall"])
@pytest.mark.parametrize(
    "thresholds", [None, 0.7, [0.0, 0.5, 1.0], [0.3, 0.6]], ids=str
)
def test_precision_recall_match_sklearn(cls_name, thresholds):
    rng = np.random.default_rng(1)
    batches = _batches(rng)
    metric = getattr(cornu.metrics, cls_name)(thresholds=thresholds)
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    y_true, y_pred, weights = _concat(batches)
    score = (
        sk_metrics.precision_score
        if cls_name == "Precision"
        else sk_metrics.recall_score
    )
    expected = [
        score(y_true, y_pred > t, sample_weight=weights, zero_division=0)
        for t in ([0.5] if thresholds is None else np.atleast_1d(thresholds))
    ]
    if np.ndim(thresholds) == 0:
        expected = expected[0]
    assert_allclose(ops.convert_to_numpy(metric.result()), expected, rtol=1e-5)
    _check_stateless(
        lambda: getattr(cornu.metrics, cls_name)(thresholds=thresholds),
        batches,
        expected,
    )


@pytest.mark.parametrize("cls_name", ["Precision", "Recall"])
@pytest.mark.parametrize("class_id", [None, 2])
@pytest.mark.parametrize("top_k", [1, 3])
def test_precision_recall_top_k_class_id(cls_name, class_id, top_k):
    rng = np.random.default_rng(2)
    batches = _batches(rng, classes=5)
    metric = getattr(cornu.metrics, cls_name)(top_k=top_k, class_id=class_id)
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    y_true, y_pred, weights = _concat(batches)
    rank = np.argsort(np.argsort(-y_pred, axis=-1, kind="stable"), axis=-1)
    predicted = rank < top_k
    weights = np.broadcast_to(weights[:, None], y_true.shape)
    if class_id is not None:
        y_true = y_true[:, class_id]
        predicted = predicted[:, class_id]
        weights = weights[:, class_id]
    score = (
        sk_metrics.precision_score
        if cls_name == "Precision"
        else sk_metrics.recall_score
    )
    expected = score(
        y_true.ravel(), predicted.ravel(), sample_weight=weights.ravel()
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


def test_precision_top_k_keras_examples():
    metric = cornu.metrics.Precision(top_k=2)
    metric.update_state([0, 0, 1, 1], [1, 1, 1, 1])
    assert float(metric.result()) == 0.0
    metric = cornu.metrics.Precision(top_k=4)
    metric.update_state([0, 0, 1, 1], [1, 1, 1, 1])
    assert float(metric.result()) == 0.5


@pytest.mark.parametrize("cls_name", ["Precision", "Recall"])
def test_precision_recall_without_positives_is_zero(cls_name):
    metric = getattr(cornu.metrics, cls_name)()
    metric.update_state([0, 0], [0.1, 0.2])
    assert float(metric.result()) == 0.0


@pytest.mark.parametrize("cls_name", ["Precision", "Recall"])
def test_precision_recall_reset_and_config(cls_name):
    cls = getattr(cornu.metrics, cls_name)
    metric = cls(thresholds=[0.4, 0.6], top_k=None, class_id=1, name="pr")
    metric.update_state([[0, 1], [1, 1]], [[0.2, 0.7], [0.9, 0.5]])
    assert np.any(ops.convert_to_numpy(metric.result()))
    metric.reset_state()
    assert_allclose(ops.convert_to_numpy(metric.result()), [0.0, 0.0])
    config = metric.get_config()
    assert config == {
        "name": "pr",
        "dtype": "float32",
        "thresholds": [0.4, 0.6],
        "top_k": None,
        "class_id": 1,
    }
    assert cls.from_config(config).get_config() == config
    other = "false_positives" if cls_name == "Precision" else "false_negatives"
    assert [v.name for v in metric.variables] == ["true_positives", other]


@pytest.mark.parametrize(
    "cls_name",
    [
        "Precision",
        "Recall",
        "TruePositives",
        "FalsePositives",
        "TrueNegatives",
        "FalseNegatives",
    ],
)
def test_thresholds_out_of_range_raise(cls_name):
    cls = getattr(cornu.metrics, cls_name)
    with pytest.raises(ValueError, match=r"must be in \[0, 1\].*\[1.2\]"):
        cls(thresholds=[0.5, 1.2])
    with pytest.raises(ValueError, match=r"Received: \[-0.1\]"):
        cls(thresholds=-0.1)


def test_class_id_with_rank_1_predictions_raises():
    metric = cornu.metrics.Recall(class_id=0)
    with pytest.raises(ValueError, match="class_id is provided"):
        metric.update_state([1, 0], [0.7, 0.2])


SERIALIZABLE = [
    lambda: cornu.metrics.TruePositives(thresholds=[0.2, 0.7]),
    lambda: cornu.metrics.FalsePositives(),
    lambda: cornu.metrics.TrueNegatives(0.4),
    lambda: cornu.metrics.FalseNegatives(),
    lambda: cornu.metrics.Precision(thresholds=[0.3, 0.6], class_id=1),
    lambda: cornu.metrics.Recall(top_k=2),
    lambda: cornu.metrics.SensitivityAtSpecificity(0.4, num_thresholds=9),
    lambda: cornu.metrics.SpecificityAtSensitivity(0.6, class_id=0),
    lambda: cornu.metrics.PrecisionAtRecall(0.5),
    lambda: cornu.metrics.RecallAtPrecision(0.9, num_thresholds=20),
    lambda: cornu.metrics.AUC(
        curve="PR", multi_label=True, label_weights=[1, 2], thresholds=[0.4]
    ),
    lambda: cornu.metrics.IoU(3, [0, 2], ignore_class=1),
    lambda: cornu.metrics.BinaryIoU([1], threshold=0.3),
    lambda: cornu.metrics.MeanIoU(4, sparse_y_pred=False),
    lambda: cornu.metrics.OneHotIoU(3, [1]),
    lambda: cornu.metrics.OneHotMeanIoU(3, axis=1),
    lambda: cornu.metrics.FBetaScore("weighted", beta=2.0, threshold=0.5),
    lambda: cornu.metrics.F1Score("micro"),
]


@pytest.mark.parametrize(
    "make", SERIALIZABLE, ids=[str(i) for i in range(len(SERIALIZABLE))]
)
def test_json_serialization_round_trip(make):
    metric = make()
    config = json.loads(json.dumps(cornu.metrics.serialize(metric)))
    assert config["class_name"] == type(metric).__name__
    clone = cornu.saving.deserialize_keras_object(config)
    assert type(clone) is type(metric)
    assert clone.get_config() == metric.get_config()
