import numpy as np
import pytest
from numpy.testing import assert_allclose

from cornu import metrics
from cornu import ops


def _np(x):
    return ops.convert_to_numpy(x)


def _hinge(y, p):
    y = 2.0 * y - 1.0
    return np.maximum(1.0 - y * p, 0.0).mean(axis=-1)


def _squared_hinge(y, p):
    y = 2.0 * y - 1.0
    return (np.maximum(1.0 - y * p, 0.0) ** 2).mean(axis=-1)


def _categorical_hinge(y, p):
    pos = (y * p).sum(axis=-1)
    neg = ((1.0 - y) * p).max(axis=-1)
    return np.maximum(neg - pos + 1.0, 0.0)


@pytest.mark.parametrize(
    "cls, reference, one_hot",
    [
        (metrics.Hinge, _hinge, False),
        (metrics.SquaredHinge, _squared_hinge, False),
        (metrics.CategoricalHinge, _categorical_hinge, True),
    ],
    ids=["hinge", "squared_hinge", "categorical_hinge"],
)
def test_hinge_metrics_match_numpy(cls, reference, one_hot):
    rng = np.random.default_rng(0)
    m = cls()
    values, weights = [], []
    for _ in range(3):
        if one_hot:
            y = np.eye(4, dtype="float32")[rng.integers(0, 4, size=6)]
        else:
            y = rng.integers(0, 2, size=(6, 4)).astype("float32")
        p = rng.normal(size=(6, 4)).astype("float32")
        w = rng.uniform(size=6).astype("float32")
        m.update_state(y, p, sample_weight=w)
        values.append(reference(y, p))
        weights.append(w)
    values, weights = np.concatenate(values), np.concatenate(weights)
    expected = (values * weights).sum() / weights.sum()
    assert_allclose(float(_np(m.result())), expected, rtol=1e-5)
    m.reset_state()
    assert float(_np(m.result())) == 0.0


def test_hinge_keeps_labels_already_in_minus_one_one():
    y = np.array([[-1.0, 1.0], [1.0, -1.0]], "float32")
    p = np.array([[0.3, 0.4], [-0.2, 0.5]], "float32")
    m = metrics.Hinge()
    m.update_state(y, p)
    expected = np.maximum(1.0 - y * p, 0.0).mean()
    assert_allclose(float(_np(m.result())), expected, rtol=1e-6)


@pytest.mark.parametrize(
    "cls, name",
    [
        (metrics.Hinge, "hinge"),
        (metrics.SquaredHinge, "squared_hinge"),
        (metrics.CategoricalHinge, "categorical_hinge"),
    ],
)
def test_config_round_trip_and_defaults(cls, name):
    assert cls().name == name
    m = cls(name="custom", dtype="float64")
    assert m.get_config() == {"name": "custom", "dtype": "float64"}
    clone = cls.from_config(m.get_config())
    assert (clone.name, clone.dtype) == ("custom", "float64")
    assert clone._direction == "down"
