import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn.metrics import pairwise

import cornu
from cornu import ops

EPS = 1e-7


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def _data(shape=(5, 4), seed=0, low=None):
    rng = np.random.default_rng(seed)
    if low is None:
        return (
            rng.normal(size=shape).astype("float32"),
            rng.normal(size=shape).astype("float32"),
        )
    return (
        rng.uniform(low, 3.0, size=shape).astype("float32"),
        rng.uniform(low, 3.0, size=shape).astype("float32"),
    )


def _per_row(sk_fn, y_true, y_pred):
    """An sklearn metric of each row (rows become sklearn's outputs)."""
    return sk_fn(y_true.T, y_pred.T, multioutput="raw_values")


def _huber(y_true, y_pred, delta):
    err = np.abs(y_pred.astype("float64") - y_true)
    quad = 0.5 * err**2
    return np.where(err <= delta, quad, delta * err - 0.5 * delta**2).mean(-1)


def _log_cosh(y_true, y_pred):
    return np.log(np.cosh(y_pred.astype("float64") - y_true)).mean(-1)


def _cosine(y_true, y_pred, axis=-1):
    def unit(x):
        norm = np.sqrt((x.astype("float64") ** 2).sum(axis, keepdims=True))
        return x / np.maximum(norm, EPS)

    return -(unit(y_true) * unit(y_pred)).sum(axis)


def test_mean_squared_error_matches_sklearn():
    y_true, y_pred = _data()
    got = _numpy(cornu.losses.mean_squared_error(y_true, y_pred))
    want = _per_row(skm.mean_squared_error, y_true, y_pred)
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_mean_absolute_error_matches_sklearn():
    y_true, y_pred = _data()
    got = _numpy(cornu.losses.mean_absolute_error(y_true, y_pred))
    want = _per_row(skm.mean_absolute_error, y_true, y_pred)
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_mean_absolute_percentage_error_matches_sklearn_in_percent():
    y_true, y_pred = _data(low=0.5)
    got = _numpy(cornu.losses.mean_absolute_percentage_error(y_true, y_pred))
    want = 100 * _per_row(skm.mean_absolute_percentage_error, y_true, y_pred)
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_mean_absolute_percentage_error_guards_zero_targets():
    got = cornu.losses.mean_absolute_percentage_error(
        [[0.0, 1.0]], [[1.0, 1.0]]
    )
    np.testing.assert_allclose(_numpy(got), [100 * (1 / EPS) / 2], rtol=1e-5)


def test_mean_squared_logarithmic_error_matches_sklearn():
    y_true, y_pred = _data(low=0.0)
    got = _numpy(cornu.losses.mean_squared_logarithmic_error(y_true, y_pred))
    want = _per_row(skm.mean_squared_log_error, y_true, y_pred)
    np.testing.assert_allclose(got, want, rtol=1e-4)


def test_mean_squared_logarithmic_error_clips_negatives_to_epsilon():
    got = cornu.losses.mean_squared_logarithmic_error([[-1.0]], [[np.e - 1]])
    np.testing.assert_allclose(_numpy(got), [(1 - np.log1p(EPS)) ** 2], 1e-5)


@pytest.mark.parametrize("axis", [-1, 0])
def test_cosine_similarity_matches_numpy_and_sklearn(axis):
    y_true, y_pred = _data()
    got = _numpy(cornu.losses.cosine_similarity(y_true, y_pred, axis=axis))
    np.testing.assert_allclose(got, _cosine(y_true, y_pred, axis), rtol=1e-5)
    if axis == -1:
        sk = np.diag(pairwise.cosine_similarity(y_true, y_pred))
        np.testing.assert_allclose(got, -sk, rtol=1e-5)


def test_cosine_similarity_of_a_zero_vector_is_zero():
    got = cornu.losses.cosine_similarity([[0.0, 0.0]], [[1.0, 2.0]])
    assert _numpy(got).tolist() == [0.0]


@pytest.mark.parametrize("delta", [0.5, 1.0, 2.0])
def test_huber_matches_numpy(delta):
    y_true, y_pred = _data()
    got = _numpy(cornu.losses.huber(y_true, y_pred, delta=delta))
    np.testing.assert_allclose(got, _huber(y_true, y_pred, delta), rtol=1e-5)


def test_log_cosh_matches_numpy_and_is_stable_for_large_errors():
    y_true, y_pred = _data()
    got = _numpy(cornu.losses.log_cosh(y_true, y_pred))
    np.testing.assert_allclose(got, _log_cosh(y_true, y_pred), rtol=1e-5)
    big = _numpy(cornu.losses.log_cosh([[0.0]], [[200.0]]))
    np.testing.assert_allclose(big, [200 - np.log(2)], rtol=1e-6)


FUNCTIONS = [
    ("mean_squared_error", lambda t, p: ((t - p) ** 2).mean(-1)),
    ("mean_absolute_error", lambda t, p: np.abs(t - p).mean(-1)),
    ("huber", lambda t, p: _huber(t, p, 1.0)),
    ("log_cosh", _log_cosh),
]


@pytest.mark.parametrize(
    "name, reference", FUNCTIONS, ids=[f[0] for f in FUNCTIONS]
)
def test_trailing_axis_of_one_is_squeezed_or_expanded(name, reference):
    fn = getattr(cornu.losses, name)
    y_true, y_pred = _data((5, 1))
    want = reference(y_true.astype("float64"), y_pred)
    np.testing.assert_allclose(_numpy(fn(y_true, y_pred[:, 0])), want, 1e-5)
    np.testing.assert_allclose(_numpy(fn(y_true[:, 0], y_pred)), want, 1e-5)


def test_three_dimensional_inputs_reduce_the_last_axis():
    y_true, y_pred = _data((2, 3, 4))
    got = cornu.losses.mean_squared_error(y_true, y_pred)
    assert tuple(got.shape) == (2, 3)
    np.testing.assert_allclose(
        _numpy(got), ((y_true - y_pred) ** 2).mean(-1), rtol=1e-5
    )


CLASSES = [
    ("MeanSquaredError", {}, lambda t, p: ((t - p) ** 2).mean(-1)),
    ("MeanAbsoluteError", {}, lambda t, p: np.abs(t - p).mean(-1)),
    ("Huber", {"delta": 0.7}, lambda t, p: _huber(t, p, 0.7)),
    ("LogCosh", {}, _log_cosh),
    ("CosineSimilarity", {"axis": -1}, _cosine),
]


@pytest.mark.parametrize(
    "name, kwargs, reference", CLASSES, ids=[c[0] for c in CLASSES]
)
def test_classes_average_their_functions(name, kwargs, reference):
    y_true, y_pred = _data()
    loss = getattr(cornu.losses, name)(**kwargs)
    want = reference(y_true.astype("float64"), y_pred).mean()
    np.testing.assert_allclose(_numpy(loss(y_true, y_pred)), want, rtol=1e-5)


def test_huber_and_cosine_keep_their_arguments_in_the_config():
    # Keras 3 drops `delta` and `axis` from these configs; cornu keeps them.
    assert cornu.losses.Huber(delta=3.0).get_config()["delta"] == 3.0
    assert cornu.losses.CosineSimilarity(axis=0).get_config()["axis"] == 0
    clone = cornu.losses.Huber.from_config(cornu.losses.Huber(2.0).get_config())
    assert clone.delta == 2.0


def test_aliases_are_the_functions():
    losses = cornu.losses
    assert losses.mse is losses.mean_squared_error
    assert losses.mae is losses.mean_absolute_error
    assert losses.mape is losses.mean_absolute_percentage_error
    assert losses.msle is losses.mean_squared_logarithmic_error
    assert losses.logcosh is losses.log_cosh
    assert cornu.metrics.mean_squared_error is losses.mean_squared_error
