import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import metrics as sk_metrics

import cornu
from cornu import ops


def _class_ids(rng, shape, num_classes):
    return rng.integers(0, num_classes, shape)


def _expected_iou(y_true, y_pred, weights, num_classes, target_class_ids):
    """Mean IoU over the target classes that occur, via scikit-learn."""
    labels = list(range(num_classes))
    cm = sk_metrics.confusion_matrix(
        y_true, y_pred, labels=labels, sample_weight=weights
    )
    present = (cm.sum(0) + cm.sum(1) - np.diag(cm))[target_class_ids] > 0
    per_class = sk_metrics.jaccard_score(
        y_true,
        y_pred,
        labels=labels,
        average=None,
        sample_weight=weights,
        zero_division=0,
    )[target_class_ids]
    return per_class[present].sum() / present.sum()


def _update_in_batches(metric, y_true, y_pred, weights, num_batches=3):
    for part in np.array_split(np.arange(len(y_true)), num_batches):
        metric.update_state(
            y_true[part],
            y_pred[part],
            sample_weight=None if weights is None else weights[part],
        )


@pytest.mark.parametrize(
    "target_class_ids", [[0], [1, 3], [0, 1, 2, 3]], ids=str
)
@pytest.mark.parametrize("weighted", [False, True])
def test_iou_matches_sklearn_jaccard(target_class_ids, weighted):
    rng = np.random.default_rng(0)
    y_true = _class_ids(rng, 90, 4)
    y_pred = np.where(rng.random(90) < 0.6, y_true, _class_ids(rng, 90, 4))
    weights = rng.random(90).astype("float32") if weighted else None
    metric = cornu.metrics.IoU(4, target_class_ids)
    _update_in_batches(metric, y_true, y_pred, weights)
    expected = _expected_iou(y_true, y_pred, weights, 4, target_class_ids)
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


def test_mean_iou_skips_absent_classes_and_images():
    rng = np.random.default_rng(1)
    # (batch, height, width) maps; class 4 never occurs.
    y_true = _class_ids(rng, (6, 5, 5), 4)
    y_pred = np.where(rng.random((6, 5, 5)) < 0.5, y_true, 1)
    weights = rng.random((6, 5, 5)).astype("float32")
    metric = cornu.metrics.MeanIoU(num_classes=5)
    _update_in_batches(metric, y_true, y_pred, weights)
    expected = _expected_iou(
        y_true.ravel(), y_pred.ravel(), weights.ravel(), 5, list(range(5))
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


@pytest.mark.parametrize("ignore_class", [0, -1, 255])
def test_ignore_class(ignore_class):
    rng = np.random.default_rng(2)
    y_true = _class_ids(rng, 60, 3)
    y_pred = _class_ids(rng, 60, 3)
    void = rng.random(60) < 0.3
    y_true_void = np.where(void, ignore_class, y_true)
    metric = cornu.metrics.MeanIoU(3, ignore_class=ignore_class)
    _update_in_batches(metric, y_true_void, y_pred, None)
    keep = y_true_void != ignore_class
    expected = _expected_iou(
        y_true_void[keep], y_pred[keep], None, 3, [0, 1, 2]
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


@pytest.mark.parametrize("sparse_y_true", [True, False])
@pytest.mark.parametrize("sparse_y_pred", [True, False])
def test_sparse_flags_and_one_hot_variants(sparse_y_true, sparse_y_pred):
    rng = np.random.default_rng(3)
    y_true = _class_ids(rng, 90, 3)
    scores = rng.random((90, 3)).astype("float32")
    y_pred = scores.argmax(-1)
    weights = rng.random(90).astype("float32")
    true_in = y_true if sparse_y_true else np.eye(3)[y_true]
    pred_in = y_pred if sparse_y_pred else scores
    metric = cornu.metrics.IoU(
        3, [0, 2], sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred
    )
    _update_in_batches(metric, true_in, pred_in, weights)
    expected = _expected_iou(y_true, y_pred, weights, 3, [0, 2])
    assert_allclose(float(metric.result()), expected, rtol=1e-5)
    if not sparse_y_true:
        one_hot = cornu.metrics.OneHotIoU(
            3, [0, 2], sparse_y_pred=sparse_y_pred
        )
        _update_in_batches(one_hot, true_in, pred_in, weights)
        assert_allclose(float(one_hot.result()), expected, rtol=1e-5)
        mean = cornu.metrics.OneHotMeanIoU(3, sparse_y_pred=sparse_y_pred)
        _update_in_batches(mean, true_in, pred_in, weights)
        assert_allclose(
            float(mean.result()),
            _expected_iou(y_true, y_pred, weights, 3, [0, 1, 2]),
            rtol=1e-5,
        )


def test_class_axis_other_than_last():
    rng = np.random.default_rng(4)
    y_true = _class_ids(rng, (4, 6), 3)
    scores = rng.random((4, 3, 6)).astype("float32")  # channels first
    metric = cornu.metrics.OneHotMeanIoU(3, axis=1)
    metric.update_state(np.eye(3)[y_true].transpose(0, 2, 1), scores)
    expected = _expected_iou(
        y_true.ravel(), scores.argmax(1).ravel(), None, 3, [0, 1, 2]
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
@pytest.mark.parametrize("target_class_ids", [[0], [1], (0, 1)], ids=str)
def test_binary_iou(threshold, target_class_ids):
    rng = np.random.default_rng(5)
    y_true = rng.integers(0, 2, 90)
    y_pred = rng.random(90).astype("float32")
    y_pred[:3] = threshold  # on the threshold: class 1
    weights = rng.random(90).astype("float32")
    metric = cornu.metrics.BinaryIoU(target_class_ids, threshold=threshold)
    _update_in_batches(metric, y_true, y_pred, weights)
    expected = _expected_iou(
        y_true,
        (y_pred >= threshold).astype(int),
        weights,
        2,
        list(target_class_ids),
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


def test_keras_docstring_values():
    metric = cornu.metrics.BinaryIoU(target_class_ids=[0, 1], threshold=0.3)
    metric.update_state(
        [0, 1, 0, 1], [0.1, 0.2, 0.4, 0.7], sample_weight=[0.2, 0.3, 0.4, 0.1]
    )
    assert_allclose(
        ops.convert_to_numpy(metric.total_cm),
        [[0.2, 0.4], [0.3, 0.1]],
        rtol=1e-6,
    )
    assert_allclose(float(metric.result()), 0.17361112, rtol=1e-5)


CASES = {
    "IoU": lambda: cornu.metrics.IoU(3, [1, 2], name="iou", ignore_class=0),
    "MeanIoU": lambda: cornu.metrics.MeanIoU(3, name="iou", axis=-1),
    "BinaryIoU": lambda: cornu.metrics.BinaryIoU([1], 0.4, name="iou"),
    "OneHotIoU": lambda: cornu.metrics.OneHotIoU(3, [0], name="iou"),
    "OneHotMeanIoU": lambda: cornu.metrics.OneHotMeanIoU(3, name="iou"),
}


def _inputs(name, rng):
    y_true = _class_ids(rng, 30, 3 if name != "BinaryIoU" else 2)
    if name == "BinaryIoU":
        return y_true, rng.random(30).astype("float32")
    if name.startswith("OneHot"):
        return np.eye(3)[y_true], rng.random((30, 3)).astype("float32")
    return y_true, _class_ids(rng, 30, 3)


@pytest.mark.parametrize("name", sorted(CASES))
def test_stateless_reset_and_config(name):
    rng = np.random.default_rng(6)
    batches = [
        (*_inputs(name, rng), rng.random(30).astype("float32"))
        for _ in range(2)
    ]
    metric = CASES[name]()
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    expected = float(metric.result())

    stateless = CASES[name]()
    values = stateless.stateless_reset_state()
    for y_true, y_pred, weights in batches:
        values = stateless.stateless_update_state(
            values, y_true, y_pred, sample_weight=weights
        )
    assert_allclose(
        float(stateless.stateless_result(values)), expected, rtol=1e-6
    )
    assert not np.any(stateless.total_cm.numpy())

    metric.reset_state()
    assert not np.any(ops.convert_to_numpy(metric.total_cm))
    assert float(metric.result()) == 0.0
    config = metric.get_config()
    clone = type(metric).from_config(config)
    assert clone.get_config() == config
    assert [v.name for v in metric.variables] == ["total_confusion_matrix"]


def test_config_contents():
    assert cornu.metrics.IoU(4, (1, 2), name="m").get_config() == {
        "name": "m",
        "dtype": "float32",
        "num_classes": 4,
        "target_class_ids": [1, 2],
        "ignore_class": None,
        "sparse_y_true": True,
        "sparse_y_pred": True,
        "axis": -1,
    }
    assert cornu.metrics.BinaryIoU(name="b").get_config() == {
        "target_class_ids": [0, 1],
        "threshold": 0.5,
        "name": "b",
        "dtype": "float32",
    }


@pytest.mark.parametrize("ids", [[3], [0, 5], [-1], []], ids=str)
def test_target_class_ids_out_of_range(ids):
    with pytest.raises(ValueError, match=r"out of range.*\[0, 3\)"):
        cornu.metrics.IoU(3, ids)
