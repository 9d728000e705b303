import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import metrics as sk_metrics

import cornu
from cornu import ops


def _grid_data(rng, shape, levels=40):
    """Labels, scores on a grid with one threshold between grid values,
    and per-sample weights. With >= 2 * levels + 1 thresholds the bucketed
    ROC points are exactly the ROC points of the scores."""
    y_true = rng.integers(0, 2, shape).astype("float32")
    # Scores correlated with the labels, so the AUCs are not all ~0.5.
    noise = rng.integers(0, levels, shape)
    levels_up = np.minimum(
        noise + (y_true * levels / 4).astype(int), levels - 1
    )
    y_pred = ((levels_up + 0.5) / levels).astype("float32")
    weights = rng.random(shape[0]).astype("float32")
    return y_true, y_pred, weights


def _counts(y_true, y_pred, weights, thresholds):
    """tp, fp, tn, fn per threshold (per label for 2-D inputs)."""
    positive = y_true != 0
    above = y_pred[None] > np.reshape(thresholds, (-1,) + (1,) * y_pred.ndim)
    w = weights[None]
    axis = 1
    return (
        np.sum(w * (positive & above), axis=axis),
        np.sum(w * (~positive & above), axis=axis),
        np.sum(w * (~positive & ~above), axis=axis),
        np.sum(w * (positive & ~above), axis=axis),
    )


def _ratio(a, b):
    total = a + b
    return np.where(total > 0, a / np.where(total > 0, total, 1), 0.0)


def _reference_auc(tp, fp, tn, fn, curve, method):
    """Keras's Riemann sums over thresholds, in NumPy (float64)."""
    if curve == "PR" and method == "interpolation":
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = np.where(dp > 0, dtp / np.where(dp > 0, dp, 1), 0.0)
        intercept = tp[1:] - slope * p[1:]
        both = (p[:-1] > 0) & (p[1:] > 0)
        p_ratio = np.where(both, p[:-1] / np.where(both, p[1:], 1), 1.0)
        positives = tp[1:] + fn[1:]
        numerator = slope * (dtp + intercept * np.log(p_ratio))
        return np.where(
            positives > 0,
            numerator / np.where(positives > 0, positives, 1),
            0.0,
        ).sum(axis=0)
    recall = _ratio(tp, fn)
    if curve == "ROC":
        x, y = _ratio(fp, tn), recall
    else:
        x, y = recall, _ratio(tp, fp)
    if method == "interpolation":
        heights = (y[:-1] + y[1:]) / 2
    elif method == "minoring":
        heights = np.minimum(y[:-1], y[1:])
    else:
        heights = np.maximum(y[:-1], y[1:])
    return ((x[:-1] - x[1:]) * heights).sum(axis=0)


def _auc_thresholds(num_thresholds):
    eps = 1e-7
    inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return np.array([-eps] + inner + [1 + eps])


def _update_in_batches(metric, y_true, y_pred, weights, num_batches=3):
    for part in np.array_split(np.arange(len(y_true)), num_batches):
        metric.update_state(
            y_true[part], y_pred[part], sample_weight=weights[part]
        )


@pytest.mark.parametrize("curve", ["ROC", "PR"])
@pytest.mark.parametrize("method", ["interpolation", "minoring", "majoring"])
@pytest.mark.parametrize("num_thresholds", [3, 10, 200])
def test_auc_matches_numpy_riemann_sum(curve, method, num_thresholds):
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 90).astype("float32")
    y_pred = rng.random(90).astype("float32")
    weights = rng.random(90).astype("float32")
    metric = cornu.metrics.AUC(
        num_thresholds=num_thresholds, curve=curve, summation_method=method
    )
    _update_in_batches(metric, y_true, y_pred, weights)
    counts = _counts(y_true, y_pred, weights, _auc_thresholds(num_thresholds))
    expected = _reference_auc(*counts, curve, method)
    assert_allclose(float(metric.result()), expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("weighted", [False, True])
def test_roc_auc_matches_sklearn(weighted):
    rng = np.random.default_rng(1)
    y_true, y_pred, weights = _grid_data(rng, (300,))
    weights = weights if weighted else np.ones_like(weights)
    metric = cornu.metrics.AUC(num_thresholds=201)
    _update_in_batches(metric, y_true, y_pred, weights)
    expected = sk_metrics.roc_auc_score(y_true, y_pred, sample_weight=weights)
    # Every gap between distinct scores holds a threshold, so the
    # trapezoidal sum is the exact ROC AUC (up to float32 counts).
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


def test_pr_auc_close_to_sklearn_average_precision():
    rng = np.random.default_rng(2)
    y_true, y_pred, weights = _grid_data(rng, (300,))
    metric = cornu.metrics.AUC(num_thresholds=201, curve="PR")
    _update_in_batches(metric, y_true, y_pred, weights)
    expected = sk_metrics.average_precision_score(
        y_true, y_pred, sample_weight=weights
    )
    # average_precision_score is a step sum (precision held constant
    # between recall points); AUC interpolates TP and FP linearly
    # between thresholds (Davis & Goadrich), so the two differ by the
    # curvature within each step (about 0.003 on this data).
    assert_allclose(float(metric.result()), expected, atol=0.01)
    # Minoring/majoring bound the step sum from below/above.
    low = cornu.metrics.AUC(201, curve="PR", summation_method="minoring")
    high = cornu.metrics.AUC(201, curve="PR", summation_method="majoring")
    _update_in_batches(low, y_true, y_pred, weights)
    _update_in_batches(high, y_true, y_pred, weights)
    assert float(low.result()) <= expected + 1e-6
    assert float(high.result()) >= expected - 1e-6


def test_from_logits_equals_sigmoid_probabilities():
    rng = np.random.default_rng(3)
    y_true = rng.integers(0, 2, 60).astype("float32")
    logits = rng.normal(size=60).astype("float32") * 3
    probs = 1 / (1 + np.exp(-logits))
    a = cornu.metrics.AUC(from_logits=True)
    b = cornu.metrics.AUC()
    a.update_state(y_true, logits)
    b.update_state(y_true, probs)
    assert_allclose(float(a.result()), float(b.result()), rtol=1e-5)


@pytest.mark.parametrize(
    "thresholds",
    [[0.5, 0.1, 0.3, 0.7], [0.25, 0.5, 0.75]],
    ids=["uneven", "even"],
)
def test_custom_thresholds(thresholds):
    rng = np.random.default_rng(4)
    y_true = rng.integers(0, 2, 90).astype("float32")
    y_pred = rng.random(90).astype("float32")
    weights = rng.random(90).astype("float32")
    metric = cornu.metrics.AUC(thresholds=thresholds)
    assert metric.num_thresholds == len(thresholds) + 2
    assert metric.thresholds[1:-1] == sorted(thresholds)
    _update_in_batches(metric, y_true, y_pred, weights)
    edges = np.array([-1e-7] + sorted(thresholds) + [1 + 1e-7])
    expected = _reference_auc(
        *_counts(y_true, y_pred, weights, edges), "ROC", "interpolation"
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5)
    config = metric.get_config()
    assert config["thresholds"] == sorted(thresholds)
    clone = cornu.metrics.AUC.from_config(config)
    assert clone.thresholds == metric.thresholds


@pytest.mark.parametrize("curve", ["ROC", "PR"])
@pytest.mark.parametrize("label_weights", [None, [1.0, 0.5, 2.0]])
def test_multi_label(curve, label_weights):
    rng = np.random.default_rng(5)
    y_true, y_pred, weights = _grid_data(rng, (90, 3))
    metric = cornu.metrics.AUC(
        num_thresholds=201,
        curve=curve,
        multi_label=True,
        label_weights=label_weights,
    )
    _update_in_batches(metric, y_true, y_pred, weights)
    assert tuple(metric.true_positives.shape) == (201, 3)
    full = np.broadcast_to(weights[:, None], y_true.shape)
    by_label = _reference_auc(
        *_counts(y_true, y_pred, full, _auc_thresholds(201)),
        curve,
        "interpolation",
    )
    lw = np.ones(3) if label_weights is None else np.array(label_weights)
    expected = np.sum(by_label * lw) / np.sum(lw)
    assert_allclose(float(metric.result()), expected, rtol=1e-5)
    if curve == "ROC":
        per_label = sk_metrics.roc_auc_score(
            y_true, y_pred, average=None, sample_weight=weights
        )
        assert_allclose(
            float(metric.result()),
            np.sum(per_label * lw) / np.sum(lw),
            rtol=1e-5,
        )


def test_multi_label_built_from_num_labels_or_first_call():
    built = cornu.metrics.AUC(multi_label=True, num_labels=4)
    assert len(built.variables) == 4
    lazy = cornu.metrics.AUC(multi_label=True)
    assert lazy.variables == []
    assert lazy.result is not None
    lazy.reset_state()  # a no-op before the variables exist
    lazy.update_state(np.ones((2, 4)), np.full((2, 4), 0.7))
    assert tuple(lazy.true_positives.shape) == (200, 4)


def test_flat_label_weights_match_sklearn():
    rng = np.random.default_rng(6)
    y_true, y_pred, _ = _grid_data(rng, (90, 3))
    label_weights = np.array([0.2, 1.0, 3.0], "float32")
    metric = cornu.metrics.AUC(num_thresholds=201, label_weights=label_weights)
    metric.update_state(y_true, y_pred)
    expected = sk_metrics.roc_auc_score(
        y_true.ravel(),
        y_pred.ravel(),
        sample_weight=np.broadcast_to(label_weights, y_true.shape).ravel(),
    )
    assert_allclose(float(metric.result()), expected, rtol=1e-5)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"curve": "PR", "summation_method": "majoring"},
        {"multi_label": True, "num_labels": 3},
        {"thresholds": [0.2, 0.6]},
    ],
    ids=["default", "pr", "multi", "thresholds"],
)
def test_stateless_reset_and_config(kwargs):
    rng = np.random.default_rng(7)
    y_true, y_pred, weights = _grid_data(rng, (40, 3))
    metric = cornu.metrics.AUC(**kwargs)
    _update_in_batches(metric, y_true, y_pred, weights, num_batches=2)
    expected = float(metric.result())

    stateless = cornu.metrics.AUC(**kwargs)
    values = stateless.stateless_reset_state()
    for part in np.array_split(np.arange(40), 2):
        values = stateless.stateless_update_state(
            values, y_true[part], y_pred[part], sample_weight=weights[part]
        )
    assert_allclose(
        float(stateless.stateless_result(values)), expected, rtol=1e-6
    )
    for variable in stateless.variables:
        assert not np.any(variable.numpy())

    metric.reset_state()
    assert float(metric.result()) == 0.0
    config = metric.get_config()
    clone = cornu.metrics.AUC.from_config(config)
    assert clone.get_config() == config
    assert clone.thresholds == metric.thresholds


def test_config_contents():
    metric = cornu.metrics.AUC(
        num_thresholds=50,
        curve="pr",
        summation_method="Minoring",
        name="auc_pr",
        multi_label=True,
        label_weights=[1, 2],
        from_logits=True,
    )
    assert metric.get_config() == {
        "name": "auc_pr",
        "dtype": "float32",
        "num_thresholds": 50,
        "curve": "PR",
        "summation_method": "minoring",
        "multi_label": True,
        "num_labels": None,
        "label_weights": [1.0, 2.0],
        "from_logits": True,
    }


def test_errors():
    with pytest.raises(ValueError, match="Received: num_thresholds=1"):
        cornu.metrics.AUC(num_thresholds=1)
    with pytest.raises(ValueError, match='Invalid AUC curve value: "XY"'):
        cornu.metrics.AUC(curve="XY")
    with pytest.raises(ValueError, match='summation method value: "trap"'):
        cornu.metrics.AUC(summation_method="trap")
    with pytest.raises(ValueError, match="Received: num_labels=3"):
        cornu.metrics.AUC(num_labels=3)
    with pytest.raises(ValueError, match=r"must be in \[0, 1\]"):
        cornu.metrics.AUC(thresholds=[0.5, 2.0])
    metric = cornu.metrics.AUC(multi_label=True)
    with pytest.raises(ValueError, match="must have rank 2.*Found rank 1"):
        metric.update_state([0, 1], [0.2, 0.8])
    with pytest.raises(ValueError, match="must have rank 2.*Found rank 3"):
        cornu.metrics.AUC(multi_label=True)._build((2, 3, 4))


def test_keras_docstring_values():
    metric = cornu.metrics.AUC(num_thresholds=3)
    metric.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    assert_allclose(
        ops.convert_to_numpy(metric.true_positives), [2.0, 1.0, 0.0]
    )
    assert_allclose(
        ops.convert_to_numpy(metric.false_positives), [2.0, 0.0, 0.0]
    )
    assert_allclose(float(metric.result()), 0.75)
