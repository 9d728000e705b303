import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu

# metric -> (constructor argument, constrained rate, reported rate)
METRICS = {
    "SensitivityAtSpecificity": ("specificity", "specificity", "recall"),
    "SpecificityAtSensitivity": ("sensitivity", "recall", "specificity"),
    "PrecisionAtRecall": ("recall", "recall", "precision"),
    "RecallAtPrecision": ("precision", "precision", "recall"),
}


def _reference(y_true, y_pred, weights, value, constrained, reported, n):
    """Best `reported` rate where `constrained >= value`, NumPy only."""
    if n == 1:
        thresholds = np.array([0.5])
    else:
        thresholds = np.arange(n) / (n - 1)
    positive = y_true != 0
    above = y_pred[None, :] > thresholds[:, None]
    tp = np.sum(weights * (positive & above), axis=1)
    fp = np.sum(weights * (~positive & above), axis=1)
    tn = np.sum(weights * (~positive & ~above), axis=1)
    fn = np.sum(weights * (positive & ~above), axis=1)

    def ratio(a, b):
        return np.where(a + b > 0, a / np.where(a + b > 0, a + b, 1), 0.0)

    rates = {
        "recall": ratio(tp, fn),
        "specificity": ratio(tn, fp),
        "precision": ratio(tp, fp),
    }
    feasible = rates[constrained] >= value
    return float(np.max(np.where(feasible, rates[reported], 0.0)))


def _batches(rng, size=30, classes=None):
    shape = (size,) if classes is None else (size, classes)
    # Predictions on a coarse grid off the thresholds, so the bucketed
    # update and the reference agree exactly.
    out = []
    for _ in range(3):
        grid = (rng.integers(0, 20, shape) + 0.37) / 20
        out.append(
            (
                rng.integers(0, 2, shape).astype("float32"),
                grid.astype("float32"),
                rng.random(size).astype("float32"),
            )
        )
    return out


@pytest.mark.parametrize("name", sorted(METRICS))
@pytest.mark.parametrize("value", [0.0, 0.3, 0.8, 1.0])
@pytest.mark.parametrize("num_thresholds", [1, 3, 200])
def test_matches_numpy_reference(name, value, num_thresholds):
    rng = np.random.default_rng(0)
    batches = _batches(rng)
    arg, constrained, reported = METRICS[name]
    cls = getattr(cornu.metrics, name)
    metric = cls(value, num_thresholds=num_thresholds)
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    y_true, y_pred, weights = [
        np.concatenate(p) for p in zip(*batches, strict=True)
    ]
    expected = _reference(
        y_true,
        y_pred,
        weights,
        value,
        constrained,
        reported,
        num_thresholds,
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5, atol=1e-7)

    stateless = cls(value, num_thresholds=num_thresholds)
    values = stateless.stateless_reset_state()
    for y_true, y_pred, weights in batches:
        values = stateless.stateless_update_state(
            values, y_true, y_pred, sample_weight=weights
        )
    assert_allclose(
        float(stateless.stateless_result(values)),
        expected,
        rtol=1e-5,
        atol=1e-7,
    )
    metric.reset_state()
    assert float(metric.result()) == 0.0


@pytest.mark.parametrize("name", sorted(METRICS))
def test_class_id_selects_one_column(name):
    rng = np.random.default_rng(1)
    batches = _batches(rng, classes=4)
    arg, constrained, reported = METRICS[name]
    metric = getattr(cornu.metrics, name)(0.4, num_thresholds=50, class_id=2)
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    y_true, y_pred, weights = [
        np.concatenate(p) for p in zip(*batches, strict=True)
    ]
    expected = _reference(
        y_true[:, 2], y_pred[:, 2], weights, 0.4, constrained, reported, 50
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


def test_unreachable_precision_gives_zero_recall():
    metric = cornu.metrics.RecallAtPrecision(1.0, num_thresholds=10)
    # Every threshold keeps a negative above a positive: precision < 1.
    metric.update_state([0, 1], [0.95, 0.05])
    assert float(metric.result()) == 0.0


@pytest.mark.parametrize("name", sorted(METRICS))
def test_config_round_trip(name):
    arg = METRICS[name][0]
    cls = getattr(cornu.metrics, name)
    metric = cls(0.7, num_thresholds=7, class_id=1, name="m")
    config = metric.get_config()
    assert config == {
        "name": "m",
        "dtype": "float32",
        "class_id": 1,
        "num_thresholds": 7,
        arg: 0.7,
    }
    clone = cls.from_config(config)
    assert clone.get_config() == config
    assert len(clone.thresholds) == 7
    assert [v.name for v in metric.variables] == [
        "true_positives",
        "false_positives",
        "true_negatives",
        "false_negatives",
    ]


@pytest.mark.parametrize("name", sorted(METRICS))
def test_errors(name):
    arg = METRICS[name][0]
    cls = getattr(cornu.metrics, name)
    with pytest.raises(ValueError, match=rf"Received: {arg}=1.5"):
        cls(1.5)
    with pytest.raises(ValueError, match=rf"Received: {arg}=-0.1"):
        cls(-0.1)
    with pytest.raises(ValueError, match="Received: num_thresholds=0"):
        cls(0.5, num_thresholds=0)
