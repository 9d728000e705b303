import numpy as np
import pytest
from sklearn import metrics as skm

import cornu
from cornu import ops


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def _signs(shape, seed=0):
    rng = np.random.default_rng(seed)
    y_true = rng.choice([-1.0, 1.0], size=shape).astype("float32")
    return y_true, rng.normal(size=shape).astype("float32")


def test_hinge_matches_sklearn():
    y_true, y_pred = _signs((20, 1))
    got = _numpy(cornu.losses.hinge(y_true, y_pred))
    assert got.shape == (20,)
    want = skm.hinge_loss(y_true[:, 0], y_pred[:, 0])
    np.testing.assert_allclose(got.mean(), want, rtol=1e-5)


@pytest.mark.parametrize("squared", [False, True])
def test_hinge_matches_numpy_per_sample(squared):
    y_true, y_pred = _signs((4, 5))
    fn = cornu.losses.squared_hinge if squared else cornu.losses.hinge
    margin = np.maximum(1 - y_true * y_pred.astype("float64"), 0)
    want = (margin**2 if squared else margin).mean(-1)
    np.testing.assert_allclose(_numpy(fn(y_true, y_pred)), want, rtol=1e-5)


@pytest.mark.parametrize("squared", [False, True])
def test_binary_labels_are_converted_to_signs(squared):
    y_signs, y_pred = _signs((4, 5))
    y_binary = (y_signs + 1) / 2
    fn = cornu.losses.squared_hinge if squared else cornu.losses.hinge
    np.testing.assert_allclose(
        _numpy(fn(y_binary, y_pred)), _numpy(fn(y_signs, y_pred)), rtol=1e-6
    )


def test_labels_that_are_not_all_binary_are_left_alone():
    # Only when *every* label is 0 or 1 are they mapped to -1 or 1.
    got = cornu.losses.hinge([[0.0, 2.0]], [[0.5, 0.25]])
    np.testing.assert_allclose(_numpy(got), [(1.0 + 0.5) / 2], rtol=1e-6)


def test_categorical_hinge_matches_sklearn_crammer_singer():
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 4, size=30)
    y_pred = rng.uniform(0.0, 1.0, size=(30, 4)).astype("float32")
    y_true = np.eye(4, dtype="float32")[labels]
    got = _numpy(cornu.losses.categorical_hinge(y_true, y_pred))
    want = skm.hinge_loss(labels, y_pred, labels=[0, 1, 2, 3])
    np.testing.assert_allclose(got.mean(), want, rtol=1e-5)


def test_categorical_hinge_matches_numpy_with_negative_scores():
    rng = np.random.default_rng(2)
    y_true = np.eye(3, dtype="float32")[rng.integers(0, 3, size=6)]
    y_pred = rng.normal(size=(6, 3)).astype("float32")
    pos = (y_true * y_pred).sum(-1)
    neg = ((1 - y_true) * y_pred).max(-1)
    want = np.maximum(neg - pos + 1, 0)
    got = _numpy(cornu.losses.categorical_hinge(y_true, y_pred))
    np.testing.assert_allclose(got, want, rtol=1e-5)


@pytest.mark.parametrize(
    "name, fn",
    [
        ("Hinge", "hinge"),
        ("SquaredHinge", "squared_hinge"),
        ("CategoricalHinge", "categorical_hinge"),
    ],
)
def test_classes_average_their_functions(name, fn):
    y_true, y_pred = _signs((4, 3), seed=3)
    y_true = (y_true + 1) / 2
    per_sample = _numpy(getattr(cornu.losses, fn)(y_true, y_pred))
    got = getattr(cornu.losses, name)()(y_true, y_pred)
    np.testing.assert_allclose(_numpy(got), per_sample.mean(), rtol=1e-5)
    assert cornu.metrics.hinge is cornu.losses.hinge
