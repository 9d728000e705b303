import numpy as np
import pytest

import cornu
from cornu import ops

EPS = 1e-7


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def _masks(shape=(3, 4, 4, 1), seed=0):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, size=shape).astype("float32")
    return y_true, rng.uniform(size=shape).astype("float32")


def _dice(t, p, axis):
    t, p = t.astype("float64"), p.astype("float64")
    inter = (t * p).sum(axis)
    return 1 - 2 * inter / (t.sum(axis) + p.sum(axis) + EPS)


def _tversky(t, p, alpha, beta, axis):
    t, p = t.astype("float64"), p.astype("float64")
    inter = (t * p).sum(axis)
    missed = ((1 - p) * t).sum(axis)
    extra = (p * (1 - t)).sum(axis)
    return 1 - inter / (inter + alpha * missed + beta * extra + EPS)


@pytest.mark.parametrize("axis", [None, (1, 2, 3), 1], ids=str)
def test_dice_matches_numpy(axis):
    y_true, y_pred = _masks()
    got = _numpy(cornu.losses.dice(y_true, y_pred, axis=axis))
    np.testing.assert_allclose(got, _dice(y_true, y_pred, axis), rtol=1e-5)


def test_dice_keras_example():
    y_true = [
        [[[1.0], [1.0]], [[0.0], [0.0]]],
        [[[1.0], [1.0]], [[0.0], [0.0]]],
    ]
    y_pred = [
        [[[0.0], [1.0]], [[0.0], [1.0]]],
        [[[0.4], [0.0]], [[0.0], [0.9]]],
    ]
    got = cornu.losses.dice(y_true, y_pred, axis=(1, 2, 3))
    np.testing.assert_allclose(_numpy(got), [0.5, 0.75757575], rtol=1e-5)
    np.testing.assert_allclose(
        _numpy(cornu.losses.dice(y_true, y_pred)), 0.6164384, rtol=1e-5
    )


@pytest.mark.parametrize("alpha, beta", [(0.5, 0.5), (0.3, 0.7), (0.9, 0.1)])
@pytest.mark.parametrize("axis", [None, (1, 2, 3)], ids=str)
def test_tversky_matches_numpy(alpha, beta, axis):
    y_true, y_pred = _masks()
    got = cornu.losses.tversky(
        y_true, y_pred, alpha=alpha, beta=beta, axis=axis
    )
    want = _tversky(y_true, y_pred, alpha, beta, axis)
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-5)


def test_tversky_with_halves_is_the_dice_loss():
    y_true, y_pred = _masks()
    np.testing.assert_allclose(
        _numpy(cornu.losses.tversky(y_true, y_pred)),
        _numpy(cornu.losses.dice(y_true, y_pred)),
        rtol=1e-5,
    )


def test_whole_batch_loss_is_returned_unreduced_by_the_class():
    y_true, y_pred = _masks()
    for reduction in ["sum", "sum_over_batch_size", None]:
        got = cornu.losses.Dice(reduction=reduction)(y_true, y_pred)
        np.testing.assert_allclose(
            _numpy(got), _dice(y_true, y_pred, None), rtol=1e-5
        )


def test_classes_pass_their_arguments():
    y_true, y_pred = _masks()
    loss = cornu.losses.Tversky(alpha=0.2, beta=0.8, axis=(1, 2, 3))
    want = _tversky(y_true, y_pred, 0.2, 0.8, (1, 2, 3)).mean()
    np.testing.assert_allclose(_numpy(loss(y_true, y_pred)), want, rtol=1e-5)
    assert loss.get_config()["axis"] == (1, 2, 3)
    loss = cornu.losses.Dice(axis=(1, 2, 3), reduction="sum")
    want = _dice(y_true, y_pred, (1, 2, 3)).sum()
    np.testing.assert_allclose(_numpy(loss(y_true, y_pred)), want, rtol=1e-5)
