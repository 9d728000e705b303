import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import metrics as sk_metrics

import cornu
from cornu import ops

AVERAGES = [None, "micro", "macro", "weighted"]


def _data(rng, size=60, classes=4):
    y_true = rng.integers(0, 2, (size, classes)).astype("float32")
    y_pred = rng.random((size, classes)).astype("float32")
    weights = rng.random(size).astype("float32")
    return y_true, y_pred, weights


def _update_in_batches(metric, y_true, y_pred, weights, num_batches=3):
    for part in np.array_split(np.arange(len(y_true)), num_batches):
        metric.update_state(
            y_true[part],
            y_pred[part],
            sample_weight=None if weights is None else weights[part],
        )


def _argmax_predictions(y_pred):
    row_max = y_pred.max(axis=-1, keepdims=True)
    return ((y_pred >= row_max) & (np.abs(y_pred) > 1e-9)).astype(int)


# scikit-learn divides exactly; the metric adds epsilon=1e-7 to each
# denominator, a relative change of ~1e-7 / weighted count.
@pytest.mark.parametrize("average", AVERAGES, ids=str)
@pytest.mark.parametrize("beta", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("weighted", [False, True])
def test_fbeta_matches_sklearn_with_threshold(average, beta, weighted):
    rng = np.random.default_rng(0)
    y_true, y_pred, weights = _data(rng)
    weights = weights if weighted else None
    metric = cornu.metrics.FBetaScore(average=average, beta=beta, threshold=0.6)
    _update_in_batches(metric, y_true, y_pred, weights)
    expected = sk_metrics.fbeta_score(
        y_true.astype(int),
        (y_pred > 0.6).astype(int),
        beta=beta,
        average=average,
        sample_weight=weights,
        zero_division=0,
    )
    assert_allclose(ops.convert_to_numpy(metric.result()), expected, rtol=1e-5)


@pytest.mark.parametrize("average", AVERAGES, ids=str)
def test_f1_argmax_predictions_match_sklearn(average):
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 3, 90)
    y_true = np.eye(3, dtype="float32")[labels]
    y_pred = rng.random((90, 3)).astype("float32")
    y_pred[:5] = 0.0  # all-zero rows predict no class
    weights = rng.random(90).astype("float32")
    metric = cornu.metrics.F1Score(average=average)
    _update_in_batches(metric, y_true, y_pred, weights)
    expected = sk_metrics.f1_score(
        y_true.astype(int),
        _argmax_predictions(y_pred),
        average=average,
        sample_weight=weights,
        zero_division=0,
    )
    assert_allclose(ops.convert_to_numpy(metric.result()), expected, rtol=1e-5)


def test_result_shapes_and_keras_values():
    y_true = [[1, 1, 1], [1, 0, 0], [1, 1, 0]]
    y_pred = [[0.2, 0.6, 0.7], [0.2, 0.6, 0.6], [0.6, 0.8, 0.0]]
    metric = cornu.metrics.FBetaScore(beta=2.0, threshold=0.5)
    metric.update_state(y_true, y_pred)
    assert_allclose(
        ops.convert_to_numpy(metric.result()),
        [0.3846154, 0.90909094, 0.8333334],
        rtol=1e-5,
    )
    micro = cornu.metrics.F1Score(average="micro", threshold=0.5)
    micro.update_state(y_true, y_pred)
    assert tuple(ops.convert_to_numpy(micro.result()).shape) == ()
    assert tuple(micro.true_positives.shape) == ()


@pytest.mark.parametrize("average", AVERAGES, ids=str)
def test_stateless_reset_and_config(average):
    rng = np.random.default_rng(2)
    y_true, y_pred, weights = _data(rng, size=30)
    metric = cornu.metrics.F1Score(average=average, threshold=0.4)
    _update_in_batches(metric, y_true, y_pred, weights, num_batches=2)
    expected = ops.convert_to_numpy(metric.result())

    stateless = cornu.metrics.F1Score(average=average, threshold=0.4)
    # The state is created on the first update (it needs num_classes).
    stateless.update_state(y_true[:1], y_pred[:1])
    values = stateless.stateless_reset_state()
    for part in np.array_split(np.arange(30), 2):
        values = stateless.stateless_update_state(
            values, y_true[part], y_pred[part], sample_weight=weights[part]
        )
    assert_allclose(
        ops.convert_to_numpy(stateless.stateless_result(values)),
        expected,
        rtol=1e-6,
    )
    assert [v.name for v in metric.variables] == [
        "true_positives",
        "false_positives",
        "false_negatives",
        "intermediate_weights",
    ]
    metric.reset_state()
    assert not np.any(ops.convert_to_numpy(metric.result()))

    config = metric.get_config()
    assert config == {
        "name": "f1_score",
        "dtype": "float32",
        "average": average,
        "threshold": 0.4,
    }
    assert cornu.metrics.F1Score.from_config(config).get_config() == config
    fbeta = cornu.metrics.FBetaScore(average, beta=0.5, name="fb")
    config = fbeta.get_config()
    assert config["beta"] == 0.5 and config["name"] == "fb"
    assert cornu.metrics.FBetaScore.from_config(config).get_config() == config


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"average": "samples"}, "Received: average='samples'"),
        ({"beta": 1}, "Python float. Received: beta=1 "),
        ({"beta": 0.0}, "should be > 0. Received: beta=0.0"),
        ({"threshold": 1}, "Python float. Received: threshold=1 "),
        ({"threshold": 1.5}, "0 < threshold <= 1. Received: threshold=1.5"),
        ({"threshold": 0.0}, "0 < threshold <= 1. Received: threshold=0.0"),
    ],
    ids=["average", "beta_int", "beta_zero", "thr_int", "thr_big", "thr_0"],
)
def test_constructor_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.metrics.FBetaScore(**kwargs)


def test_input_rank_error():
    metric = cornu.metrics.F1Score()
    with pytest.raises(ValueError, match=r"expects 2D inputs.*\(4,\)"):
        metric.update_state([1, 0, 1, 0], [0.2, 0.3, 0.9, 0.1])
    with pytest.raises(ValueError, match="output_dim fully defined"):
        metric._build((None, None), (None, None))
