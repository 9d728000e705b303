import numpy as np
import pytest
from sklearn import metrics as skm

import cornu
from cornu import ops

EPS = 1e-7


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def _binary(shape=(6, 5), seed=0):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, size=shape).astype("float32")
    return y_true, rng.uniform(0.02, 0.98, size=shape).astype("float32")


def _bce(y_true, p):
    p = np.clip(p.astype("float64"), EPS, 1 - EPS)
    return -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


def _sigmoid(x):
    return 1 / (1 + np.exp(-x.astype("float64")))


def _focal(y_true, p, gamma, alpha=None):
    p = p.astype("float64")
    p_t = y_true * p + (1 - y_true) * (1 - p)
    out = (1 - p_t) ** gamma * _bce(y_true, p)
    if alpha is not None:
        out = out * (y_true * alpha + (1 - y_true) * (1 - alpha))
    return out


def test_binary_crossentropy_matches_sklearn_log_loss():
    y_true, y_pred = _binary()
    got = _numpy(cornu.losses.binary_crossentropy(y_true, y_pred))
    assert got.shape == (6,)
    want = skm.log_loss(y_true.ravel(), y_pred.ravel())
    np.testing.assert_allclose(got.mean(), want, rtol=1e-5)


def test_binary_crossentropy_from_logits_matches_probabilities():
    y_true, _ = _binary()
    logits = np.random.default_rng(1).normal(size=y_true.shape) * 3
    logits = logits.astype("float32")
    got = _numpy(
        cornu.losses.binary_crossentropy(y_true, logits, from_logits=True)
    )
    want = _bce(y_true, _sigmoid(logits)).mean(-1)
    np.testing.assert_allclose(got, want, rtol=1e-5)


@pytest.mark.parametrize("smoothing", [0.1, 0.5])
@pytest.mark.parametrize("axis", [-1, 0])
def test_binary_crossentropy_label_smoothing_and_axis(smoothing, axis):
    y_true, y_pred = _binary()
    got = cornu.losses.binary_crossentropy(
        y_true, y_pred, label_smoothing=smoothing, axis=axis
    )
    smoothed = y_true * (1 - smoothing) + 0.5 * smoothing
    want = _bce(smoothed, y_pred).mean(axis)
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-5)


@pytest.mark.parametrize("gamma", [0.0, 2.0, 3.5])
@pytest.mark.parametrize("balanced", [False, True])
def test_binary_focal_crossentropy_matches_numpy(gamma, balanced):
    y_true, y_pred = _binary()
    got = cornu.losses.binary_focal_crossentropy(
        y_true, y_pred, apply_class_balancing=balanced, alpha=0.3, gamma=gamma
    )
    want = _focal(y_true, y_pred, gamma, 0.3 if balanced else None).mean(-1)
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-5)


def test_binary_focal_crossentropy_from_logits_and_smoothing():
    y_true, _ = _binary()
    logits = np.random.default_rng(2).normal(size=y_true.shape)
    logits = logits.astype("float32")
    got = cornu.losses.binary_focal_crossentropy(
        y_true, logits, from_logits=True, label_smoothing=0.2
    )
    smoothed = y_true * 0.8 + 0.1
    want = _focal(smoothed, _sigmoid(logits), 2.0).mean(-1)
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-5)


def test_focal_with_gamma_zero_is_the_crossentropy():
    y_true, y_pred = _binary()
    focal = cornu.losses.binary_focal_crossentropy(y_true, y_pred, gamma=0.0)
    bce = cornu.losses.binary_crossentropy(y_true, y_pred)
    np.testing.assert_allclose(_numpy(focal), _numpy(bce), rtol=1e-5)


def test_kl_divergence_matches_numpy_with_clipping():
    rng = np.random.default_rng(3)
    y_true = rng.dirichlet(np.ones(4), size=5).astype("float32")
    y_true[0, 0] = 0.0
    y_pred = rng.dirichlet(np.ones(4), size=5).astype("float32")
    t = np.clip(y_true.astype("float64"), EPS, 1)
    p = np.clip(y_pred.astype("float64"), EPS, 1)
    got = _numpy(cornu.losses.kl_divergence(y_true, y_pred))
    np.testing.assert_allclose(got, (t * np.log(t / p)).sum(-1), rtol=1e-5)


def test_poisson_matches_numpy():
    rng = np.random.default_rng(4)
    y_true = rng.poisson(3.0, size=(5, 4)).astype("float32")
    y_pred = rng.uniform(0.5, 5.0, size=(5, 4)).astype("float32")
    p = y_pred.astype("float64")
    want = (p - y_true * np.log(p + EPS)).mean(-1)
    got = _numpy(cornu.losses.poisson(y_true, y_pred))
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_binary_crossentropy_class_matches_keras_example():
    bce = cornu.losses.BinaryCrossentropy(from_logits=True)
    y_true = [0.0, 1.0, 0.0, 0.0]
    y_pred = [-18.6, 0.51, 2.94, -12.8]
    np.testing.assert_allclose(_numpy(bce(y_true, y_pred)), 0.86546, 1e-4)


def test_classes_pass_their_arguments():
    y_true, y_pred = _binary()
    loss = cornu.losses.BinaryFocalCrossentropy(
        apply_class_balancing=True, alpha=0.6, gamma=1.0, label_smoothing=0.1
    )
    smoothed = y_true * 0.9 + 0.05
    want = _focal(smoothed, y_pred, 1.0, 0.6).mean()
    np.testing.assert_allclose(_numpy(loss(y_true, y_pred)), want, rtol=1e-5)
    loss = cornu.losses.BinaryCrossentropy(label_smoothing=0.2, axis=0)
    want = _bce(y_true * 0.8 + 0.1, y_pred).mean()
    np.testing.assert_allclose(_numpy(loss(y_true, y_pred)), want, rtol=1e-5)
    assert cornu.losses.kld is cornu.losses.kl_divergence
