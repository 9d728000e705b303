import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.metrics import mean_absolute_error
from sklearn.metrics import mean_absolute_percentage_error
from sklearn.metrics import mean_squared_error
from sklearn.metrics import mean_squared_log_error
from sklearn.metrics import r2_score

from cornu import metrics
from cornu import ops


def _np(x):
    return ops.convert_to_numpy(x)


def _batches(seed=0, count=3, shape=(8, 3), positive=False):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        if positive:
            y_true = rng.uniform(0.5, 3.0, size=shape).astype("float32")
            y_pred = rng.uniform(0.5, 3.0, size=shape).astype("float32")
        else:
            y_true = rng.normal(size=shape).astype("float32")
            y_pred = (y_true + 0.5 * rng.normal(size=shape)).astype("float32")
        weights = rng.uniform(size=shape[0]).astype("float32")
        out.append((y_true, y_pred, weights))
    return out


def _run(metric, batches):
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    return float(_np(metric.result()))


def _stacked(batches):
    return [np.concatenate([b[i] for b in batches]) for i in range(3)]


@pytest.mark.parametrize(
    "cls, reference, positive",
    [
        (metrics.MeanSquaredError, mean_squared_error, False),
        (metrics.MeanAbsoluteError, mean_absolute_error, False),
        (metrics.MeanSquaredLogarithmicError, mean_squared_log_error, True),
        (
            metrics.MeanAbsolutePercentageError,
            lambda *a, **k: 100.0 * mean_absolute_percentage_error(*a, **k),
            True,
        ),
    ],
    ids=["mse", "mae", "msle", "mape"],
)
def test_error_metrics_match_sklearn(cls, reference, positive):
    batches = _batches(positive=positive)
    m = cls()
    y_true, y_pred, weights = _stacked(batches)
    expected = reference(y_true, y_pred, sample_weight=weights)
    assert_allclose(_run(m, batches), expected, rtol=1e-5)
    m.reset_state()
    assert float(_np(m.result())) == 0.0


def test_root_mean_squared_error():
    batches = _batches(1)
    y_true, y_pred, weights = _stacked(batches)
    expected = np.sqrt(
        mean_squared_error(y_true, y_pred, sample_weight=weights)
    )
    result = _run(metrics.RootMeanSquaredError(), batches)
    assert_allclose(result, expected, rtol=1e-5)
    m = metrics.RootMeanSquaredError()
    m.update_state([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]])
    assert float(_np(m.result())) == 0.5


def test_log_cosh_error():
    batches = _batches(2)
    y_true, y_pred, weights = _stacked(batches)
    per_sample = np.log(np.cosh(y_pred - y_true)).mean(axis=1)
    expected = (per_sample * weights).sum() / weights.sum()
    assert_allclose(_run(metrics.LogCoshError(), batches), expected, rtol=1e-5)


@pytest.mark.parametrize("axis", [-1, 1, 0])
def test_cosine_similarity(axis):
    batches = _batches(3, count=1)
    y_true, y_pred, weights = _stacked(batches)
    t = y_true / np.linalg.norm(y_true, axis=axis, keepdims=True)
    p = y_pred / np.linalg.norm(y_pred, axis=axis, keepdims=True)
    per_item = (t * p).sum(axis=axis)
    m = metrics.CosineSimilarity(axis=axis)
    if axis == 0:
        m.update_state(y_true, y_pred)
        expected = per_item.mean()
    else:
        m.update_state(y_true, y_pred, sample_weight=weights)
        expected = (per_item * weights).sum() / weights.sum()
    assert_allclose(float(_np(m.result())), expected, rtol=1e-5)


@pytest.mark.parametrize(
    "aggregation, sklearn_name",
    [
        ("uniform_average", "uniform_average"),
        ("variance_weighted_average", "variance_weighted"),
        (None, "raw_values"),
    ],
)
@pytest.mark.parametrize("weighted", [False, True])
def test_r2_score_matches_sklearn(aggregation, sklearn_name, weighted):
    batches = _batches(4)
    if not weighted:
        batches = [(t, p, None) for t, p, _ in batches]
    m = metrics.R2Score(class_aggregation=aggregation)
    for y_true, y_pred, weights in batches:
        m.update_state(y_true, y_pred, sample_weight=weights)
    y_true = np.concatenate([b[0] for b in batches])
    y_pred = np.concatenate([b[1] for b in batches])
    weights = None if not weighted else np.concatenate([b[2] for b in batches])
    expected = r2_score(
        y_true, y_pred, sample_weight=weights, multioutput=sklearn_name
    )
    # The streaming form sum(y**2) - sum(y)**2 / n loses a few float32
    # digits to cancellation, hence rtol=1e-4.
    assert_allclose(_np(m.result()), expected, rtol=1e-4)


def test_r2_score_adjusted_counts_every_element_as_keras():
    batches = _batches(5, shape=(10, 2))
    m = metrics.R2Score(num_regressors=3)
    for y_true, y_pred, _ in batches:
        m.update_state(y_true, y_pred)
    y_true, y_pred, _ = _stacked(batches)
    n = y_true.size  # Keras counts elements, not rows
    expected = 1 - (1 - r2_score(y_true, y_pred)) * (n - 1) / (n - 3 - 1)
    assert_allclose(float(_np(m.result())), expected, rtol=1e-4)


@pytest.mark.parametrize(
    "num_regressors, match",
    [(5, "more independent regressors"), (3, "division by zero")],
)
def test_r2_score_adjusted_falls_back_with_a_warning(num_regressors, match):
    y_true = np.array([[1.0], [4.0], [3.0], [2.0]], "float32")
    y_pred = np.array([[2.0], [4.0], [4.0], [2.5]], "float32")
    m = metrics.R2Score(num_regressors=num_regressors)
    m.update_state(y_true, y_pred)
    with pytest.warns(UserWarning, match=match):
        result = m.result()
    assert_allclose(float(_np(result)), r2_score(y_true, y_pred), rtol=1e-5)


def test_r2_score_builds_lazily_and_resets():
    m = metrics.R2Score()
    assert len(m.variables) == 1
    m.update_state([[1.0, 2.0], [3.0, 5.0]], [[1.0, 2.5], [2.0, 5.0]])
    assert len(m.variables) == 5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 0/0 in the numpy backend
        m.reset_state()
        assert all(not np.any(v.numpy()) for v in m.variables)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"class_aggregation": "mean"}, "Received: class_aggregation='mean'"),
        ({"num_regressors": -1}, "Received: num_regressors=-1"),
    ],
)
def test_r2_score_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        metrics.R2Score(**kwargs)


def test_r2_score_rejects_inputs_that_are_not_2d():
    m = metrics.R2Score()
    with pytest.raises(ValueError, match=r"y_true.shape=\(2, 2, 2\)"):
        m.update_state(np.ones((2, 2, 2)), np.ones((2, 2, 2)))


@pytest.mark.parametrize(
    "cls, name, direction",
    [
        (metrics.MeanSquaredError, "mean_squared_error", "down"),
        (metrics.MeanAbsoluteError, "mean_absolute_error", "down"),
        (
            metrics.MeanAbsolutePercentageError,
            "mean_absolute_percentage_error",
            "down",
        ),
        (
            metrics.MeanSquaredLogarithmicError,
            "mean_squared_logarithmic_error",
            "down",
        ),
        (metrics.RootMeanSquaredError, "root_mean_squared_error", "down"),
        (metrics.LogCoshError, "logcosh", "down"),
        (metrics.CosineSimilarity, "cosine_similarity", "up"),
        (metrics.R2Score, "r2_score", "up"),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_default_names_and_config_round_trip(cls, name, direction):
    default = cls()
    assert default.name == name
    assert default._direction == direction
    clone = cls.from_config(default.get_config())
    assert clone.get_config() == default.get_config()


def test_extra_config_entries():
    config = metrics.CosineSimilarity(axis=0).get_config()
    assert config["axis"] == 0
    config = metrics.R2Score(
        class_aggregation=None, num_regressors=2
    ).get_config()
    assert (config["class_aggregation"], config["num_regressors"]) == (None, 2)


def test_r2_score_needs_a_known_output_dim():
    # Only symbolic inputs can have an unknown last axis.
    with pytest.raises(
        ValueError, match=r"Received: y_true.shape=\(None, None\)"
    ):
        metrics.R2Score()._build((None, None), (None, None))
