import numpy as np
import pytest
from numpy.testing import assert_allclose

from cornu import metrics
from cornu import ops

EPS = 1e-7


def _np(x):
    return ops.convert_to_numpy(x)


def _weighted_mean(per_sample, weights):
    return (per_sample * weights).sum() / weights.sum()


def _data(seed=0, batch=6, classes=4):
    rng = np.random.default_rng(seed)
    probs = rng.uniform(0.05, 1.0, size=(batch, classes)).astype("float32")
    probs /= probs.sum(axis=1, keepdims=True)
    labels = rng.integers(0, classes, size=batch)
    weights = rng.uniform(size=batch).astype("float32")
    return probs, labels, weights


def _run(metric, batches):
    for y_true, y_pred, weights in batches:
        metric.update_state(y_true, y_pred, sample_weight=weights)
    return float(_np(metric.result()))


def _bce(y, p, from_logits=False, label_smoothing=0.0):
    y = y * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        p = 1.0 / (1.0 + np.exp(-p))
    p = np.clip(p, EPS, 1 - EPS)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p)).mean(axis=-1)


def _cce(y, p, from_logits=False, label_smoothing=0.0):
    classes = y.shape[-1]
    y = y * (1.0 - label_smoothing) + label_smoothing / classes
    if from_logits:
        p = p - p.max(axis=-1, keepdims=True)
        log_p = p - np.log(np.exp(p).sum(axis=-1, keepdims=True))
    else:
        p = p / p.sum(axis=-1, keepdims=True)
        log_p = np.log(np.clip(p, EPS, 1 - EPS))
    return -(y * log_p).sum(axis=-1)


@pytest.mark.parametrize(
    "from_logits, label_smoothing", [(False, 0.0), (True, 0.0), (False, 0.2)]
)
def test_binary_crossentropy(from_logits, label_smoothing):
    rng = np.random.default_rng(1)
    batches, expected, weights = [], [], []
    for _ in range(3):
        y = rng.integers(0, 2, size=(5, 3)).astype("float32")
        p = rng.uniform(0.02, 0.98, size=(5, 3)).astype("float32")
        if from_logits:
            p = rng.normal(size=(5, 3)).astype("float32")
        w = rng.uniform(size=5).astype("float32")
        batches.append((y, p, w))
        expected.append(_bce(y, p, from_logits, label_smoothing))
        weights.append(w)
    m = metrics.BinaryCrossentropy(
        from_logits=from_logits, label_smoothing=label_smoothing
    )
    reference = _weighted_mean(
        np.concatenate(expected), np.concatenate(weights)
    )
    assert_allclose(_run(m, batches), reference, rtol=1e-5)


@pytest.mark.parametrize(
    "from_logits, label_smoothing", [(False, 0.0), (True, 0.0), (False, 0.1)]
)
def test_categorical_crossentropy(from_logits, label_smoothing):
    batches, expected, weights = [], [], []
    for seed in range(3):
        probs, labels, w = _data(seed)
        y = np.eye(4, dtype="float32")[labels]
        p = np.log(probs) if from_logits else probs
        batches.append((y, p, w))
        expected.append(_cce(y, p, from_logits, label_smoothing))
        weights.append(w)
    m = metrics.CategoricalCrossentropy(
        from_logits=from_logits, label_smoothing=label_smoothing
    )
    reference = _weighted_mean(
        np.concatenate(expected), np.concatenate(weights)
    )
    assert_allclose(_run(m, batches), reference, rtol=1e-5)


@pytest.mark.parametrize("from_logits", [False, True])
def test_sparse_categorical_crossentropy(from_logits):
    batches, expected, weights = [], [], []
    for seed in range(3):
        probs, labels, w = _data(seed)
        p = np.log(probs) if from_logits else probs
        batches.append((labels, p, w))
        expected.append(_cce(np.eye(4)[labels], p, from_logits))
        weights.append(w)
    m = metrics.SparseCategoricalCrossentropy(from_logits=from_logits)
    reference = _weighted_mean(
        np.concatenate(expected), np.concatenate(weights)
    )
    assert_allclose(_run(m, batches), reference, rtol=1e-5)


def test_crossentropies_with_the_class_axis_first():
    probs, labels, w = _data(4)
    y = np.eye(4, dtype="float32")[labels]
    m = metrics.CategoricalCrossentropy(axis=0)
    m.update_state(y.T, probs.T)
    reference = _cce(y, probs).mean()
    assert_allclose(float(_np(m.result())), reference, rtol=1e-5)


def test_kl_divergence_and_poisson():
    batches, kl, poisson, weights = [], [], [], []
    for seed in range(3):
        probs, labels, w = _data(seed)
        target, _, _ = _data(seed + 10)
        batches.append((target, probs, w))
        t, p = np.clip(target, EPS, 1), np.clip(probs, EPS, 1)
        kl.append((t * np.log(t / p)).sum(axis=-1))
        poisson.append((probs - target * np.log(probs + EPS)).mean(axis=-1))
        weights.append(w)
    weights = np.concatenate(weights)
    m = metrics.KLDivergence()
    reference = _weighted_mean(np.concatenate(kl), weights)
    assert_allclose(_run(m, batches), reference, rtol=1e-5)
    m = metrics.Poisson()
    reference = _weighted_mean(np.concatenate(poisson), weights)
    assert_allclose(_run(m, batches), reference, rtol=1e-5)
    m.reset_state()
    assert float(_np(m.result())) == 0.0


@pytest.mark.parametrize(
    "cls, kwargs, name",
    [
        (metrics.KLDivergence, {}, "kl_divergence"),
        (metrics.Poisson, {}, "poisson"),
        (
            metrics.BinaryCrossentropy,
            {"from_logits": True, "label_smoothing": 0.1},
            "binary_crossentropy",
        ),
        (
            metrics.CategoricalCrossentropy,
            {"from_logits": True, "label_smoothing": 0.1, "axis": 0},
            "categorical_crossentropy",
        ),
        (
            metrics.SparseCategoricalCrossentropy,
            {"from_logits": True, "axis": 0},
            "sparse_categorical_crossentropy",
        ),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_config_round_trip_and_defaults(cls, kwargs, name):
    default = cls()
    assert default.name == name
    assert default._direction == "down"
    m = cls(name="custom", **kwargs)
    config = m.get_config()
    assert config == {**default.get_config(), "name": "custom", **kwargs}
    assert cls.from_config(config).get_config() == config
