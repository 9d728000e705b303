import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.metrics import accuracy_score
from sklearn.metrics import top_k_accuracy_score

from cornu import metrics
from cornu import ops


def _np(x):
    return ops.convert_to_numpy(x)


def _accumulate(metric, batches):
    for args, weights in batches:
        metric.update_state(*args, sample_weight=weights)
    return float(_np(metric.result()))


def _classification_batches(num_classes=5, count=3, batch=8, seed=0):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        labels = rng.integers(0, num_classes, size=batch)
        scores = rng.normal(size=(batch, num_classes)).astype("float32")
        weights = rng.uniform(size=batch).astype("float32")
        out.append((labels, scores, weights))
    return out


def _stack(batches, index):
    return np.concatenate([b[index] for b in batches])


def test_accuracy_matches_sklearn_with_weights():
    rng = np.random.default_rng(0)
    batches = []
    for _ in range(3):
        y_true = rng.integers(0, 3, size=(8, 1))
        y_pred = rng.integers(0, 3, size=(8, 1))
        batches.append((y_true, y_pred, rng.uniform(size=8)))
    m = metrics.Accuracy()
    result = _accumulate(m, [((t, p), w) for t, p, w in batches])
    expected = accuracy_score(
        _stack(batches, 0), _stack(batches, 1), sample_weight=_stack(batches, 2)
    )
    assert_allclose(result, expected, rtol=1e-5)
    m.reset_state()
    assert float(_np(m.result())) == 0.0


@pytest.mark.parametrize("threshold", [0.5, 0.3, 0.8])
def test_binary_accuracy_matches_sklearn(threshold):
    rng = np.random.default_rng(1)
    batches = []
    for _ in range(3):
        y_true = rng.integers(0, 2, size=(10, 1)).astype("float32")
        y_pred = rng.uniform(size=(10, 1)).astype("float32")
        batches.append((y_true, y_pred, rng.uniform(size=10)))
    m = metrics.BinaryAccuracy(threshold=threshold)
    result = _accumulate(m, [((t, p), w) for t, p, w in batches])
    expected = accuracy_score(
        _stack(batches, 0),
        (_stack(batches, 1) > threshold).astype("float32"),
        sample_weight=_stack(batches, 2),
    )
    assert_allclose(result, expected, rtol=1e-5)


def test_binary_accuracy_function_averages_the_last_axis():
    y_true = [[1, 0, 1], [0, 0, 1]]
    y_pred = [[0.9, 0.6, 0.4], [0.2, 0.1, 0.7]]
    result = metrics.binary_accuracy(y_true, y_pred)
    assert_allclose(_np(result), [1.0 / 3.0, 1.0], rtol=1e-6)
    result = metrics.binary_accuracy(y_true, y_pred, threshold=0.3)
    assert_allclose(_np(result), [2.0 / 3.0, 1.0], rtol=1e-6)


@pytest.mark.parametrize("threshold", [0.0, 1.0, -0.5, 2])
def test_binary_accuracy_rejects_threshold_outside_zero_one(threshold):
    with pytest.raises(ValueError, match=f"Received: threshold={threshold}"):
        metrics.BinaryAccuracy(threshold=threshold)


def test_categorical_accuracy_matches_sklearn():
    batches = _classification_batches()
    m = metrics.CategoricalAccuracy()
    one_hot = [((np.eye(5)[t], s), w) for t, s, w in batches]
    result = _accumulate(m, one_hot)
    expected = accuracy_score(
        _stack(batches, 0),
        _stack(batches, 1).argmax(axis=1),
        sample_weight=_stack(batches, 2),
    )
    assert_allclose(result, expected, rtol=1e-5)


@pytest.mark.parametrize("label_shape", ["flat", "column"])
def test_sparse_categorical_accuracy_matches_sklearn(label_shape):
    batches = _classification_batches()
    m = metrics.SparseCategoricalAccuracy()
    reshape = (lambda t: t[:, None]) if label_shape == "column" else None
    inputs = [(((reshape(t) if reshape else t), s), w) for t, s, w in batches]
    result = _accumulate(m, inputs)
    expected = accuracy_score(
        _stack(batches, 0),
        _stack(batches, 1).argmax(axis=1),
        sample_weight=_stack(batches, 2),
    )
    assert_allclose(result, expected, rtol=1e-5)


def test_sparse_categorical_accuracy_function_shapes():
    scores = np.zeros((2, 3, 4), "float32")
    scores[0, :, 1] = 1.0
    labels = np.array([[1, 1, 2], [0, 3, 0]])
    result = metrics.sparse_categorical_accuracy(labels, scores)
    assert _np(result).tolist() == [[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]]
    result = metrics.sparse_categorical_accuracy(labels[..., None], scores)
    assert tuple(result.shape) == (2, 3)


def test_categorical_accuracy_function_on_sequences():
    scores = np.zeros((2, 3, 4), "float32")
    scores[:, :, 2] = 1.0
    labels = np.eye(4)[[[2, 1, 2], [0, 2, 2]]]
    result = metrics.categorical_accuracy(labels, scores)
    assert _np(result).tolist() == [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]


@pytest.mark.parametrize("k", [1, 2, 4])
def test_top_k_categorical_accuracy_matches_sklearn(k):
    batches = _classification_batches(num_classes=6)
    m = metrics.TopKCategoricalAccuracy(k=k)
    result = _accumulate(m, [((np.eye(6)[t], s), w) for t, s, w in batches])
    expected = top_k_accuracy_score(
        _stack(batches, 0),
        _stack(batches, 1),
        k=k,
        sample_weight=_stack(batches, 2),
        labels=np.arange(6),
    )
    assert_allclose(result, expected, rtol=1e-5)


@pytest.mark.parametrize("k", [1, 3])
def test_sparse_top_k_categorical_accuracy_matches_sklearn(k):
    batches = _classification_batches(num_classes=6)
    m = metrics.SparseTopKCategoricalAccuracy(k=k)
    result = _accumulate(m, [((t, s), w) for t, s, w in batches])
    expected = top_k_accuracy_score(
        _stack(batches, 0),
        _stack(batches, 1),
        k=k,
        sample_weight=_stack(batches, 2),
        labels=np.arange(6),
    )
    assert_allclose(result, expected, rtol=1e-5)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_sparse_top_k_from_sorted_ids(k):
    rng = np.random.default_rng(3)
    ids = np.stack([rng.permutation(50)[:4] for _ in range(10)])
    labels = np.where(rng.uniform(size=10) < 0.6, ids[:, 1], 49 - ids[:, 0])
    weights = rng.uniform(size=10).astype("float32")
    m = metrics.SparseTopKCategoricalAccuracy(k=k, from_sorted_ids=True)
    m.update_state(labels, ids, sample_weight=weights)
    hits = (ids[:, :k] == labels[:, None]).any(axis=1)
    expected = (hits * weights).sum() / weights.sum()
    assert_allclose(_np(m.result()), expected, rtol=1e-5)


def test_top_k_functions_keep_the_label_shape():
    scores = np.random.default_rng(4).normal(size=(2, 3, 5))
    labels = np.argsort(-scores, axis=-1)[..., 1]  # second best everywhere
    result = metrics.sparse_top_k_categorical_accuracy(labels, scores, k=2)
    assert _np(result).tolist() == [[1.0] * 3] * 2
    result = metrics.sparse_top_k_categorical_accuracy(labels, scores, k=1)
    assert _np(result).tolist() == [[0.0] * 3] * 2
    one_hot = np.eye(5)[labels]
    result = metrics.top_k_categorical_accuracy(one_hot, scores, k=2)
    assert tuple(result.shape) == (2, 3)
    assert _np(result).tolist() == [[1.0] * 3] * 2


@pytest.mark.parametrize(
    "cls, kwargs, expected",
    [
        (metrics.Accuracy, {}, {}),
        (metrics.BinaryAccuracy, {"threshold": 0.7}, {"threshold": 0.7}),
        (metrics.CategoricalAccuracy, {}, {}),
        (metrics.SparseCategoricalAccuracy, {}, {}),
        (metrics.TopKCategoricalAccuracy, {"k": 3}, {"k": 3}),
        (metrics.SparseTopKCategoricalAccuracy, {"k": 2}, {"k": 2}),
        (
            metrics.SparseTopKCategoricalAccuracy,
            {"from_sorted_ids": True},
            {"k": 5, "from_sorted_ids": True},
        ),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_config_round_trip(cls, kwargs, expected):
    m = cls(name="acc_metric", **kwargs)
    config = m.get_config()
    dtype = m.dtype
    assert config == {"name": "acc_metric", "dtype": dtype, **expected}
    clone = cls.from_config(config)
    assert clone.get_config() == config
    assert clone._direction == "up"


def test_default_names_match_keras():
    names = [
        metrics.Accuracy().name,
        metrics.BinaryAccuracy().name,
        metrics.CategoricalAccuracy().name,
        metrics.SparseCategoricalAccuracy().name,
        metrics.TopKCategoricalAccuracy().name,
        metrics.SparseTopKCategoricalAccuracy().name,
    ]
    assert names == [
        "accuracy",
        "binary_accuracy",
        "categorical_accuracy",
        "sparse_categorical_accuracy",
        "top_k_categorical_accuracy",
        "sparse_top_k_categorical_accuracy",
    ]
