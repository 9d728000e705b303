import numpy as np
import pytest
from sklearn import metrics as skm

import cornu
from cornu import ops
from cornu.src import backend
from cornu.src.backend.common import masking

EPS = 1e-7


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis, keepdims=True))
    return e / e.sum(axis, keepdims=True)


def _data(n=8, k=4, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, k, size=n)
    probs = _softmax(rng.normal(size=(n, k))).astype("float32")
    return labels, np.eye(k, dtype="float32")[labels], probs


def _cce(y_true, probs, axis=-1):
    p = probs / probs.sum(axis, keepdims=True)
    p = np.clip(p.astype("float64"), EPS, 1 - EPS)
    return -(y_true * np.log(p)).sum(axis)


def test_categorical_crossentropy_matches_sklearn_log_loss():
    labels, one_hot, probs = _data()
    got = _numpy(cornu.losses.categorical_crossentropy(one_hot, probs))
    want = skm.log_loss(labels, probs, labels=[0, 1, 2, 3])
    np.testing.assert_allclose(got.mean(), want, rtol=1e-5)


def test_categorical_crossentropy_from_logits():
    _, one_hot, _ = _data()
    logits = np.random.default_rng(1).normal(size=one_hot.shape) * 2
    logits = logits.astype("float32")
    got = cornu.losses.categorical_crossentropy(one_hot, logits, True)
    want = -(one_hot * np.log(_softmax(logits.astype("float64")))).sum(-1)
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-5)


def test_categorical_crossentropy_label_smoothing():
    _, one_hot, probs = _data()
    got = cornu.losses.categorical_crossentropy(
        one_hot, probs, label_smoothing=0.2
    )
    smoothed = one_hot * 0.8 + 0.2 / 4
    np.testing.assert_allclose(_numpy(got), _cce(smoothed, probs), rtol=1e-5)


def test_categorical_crossentropy_on_another_axis():
    rng = np.random.default_rng(2)
    y_true = np.eye(3, dtype="float32")[rng.integers(0, 3, size=(2, 5))]
    y_true = np.moveaxis(y_true, -1, 1)  # (2, 3, 5): classes on axis 1
    probs = _softmax(rng.normal(size=(2, 3, 5)), axis=1).astype("float32")
    got = cornu.losses.categorical_crossentropy(y_true, probs, axis=1)
    np.testing.assert_allclose(_numpy(got), _cce(y_true, probs, 1), 1e-5)


@pytest.mark.parametrize(
    "fn", ["categorical_crossentropy", "categorical_focal_crossentropy"]
)
def test_boolean_axis_is_refused(fn):
    _, one_hot, probs = _data()
    with pytest.raises(ValueError, match="`axis` to be an int"):
        getattr(cornu.losses, fn)(one_hot, probs, axis=True)


@pytest.mark.parametrize(
    "fn", ["categorical_crossentropy", "categorical_focal_crossentropy"]
)
def test_a_single_class_warns_as_in_keras(fn):
    with pytest.warns(SyntaxWarning, match="binary_crossentropy"):
        getattr(cornu.losses, fn)([[1.0], [0.0]], [[0.7], [0.2]])


@pytest.mark.parametrize("alpha", [0.25, [0.1, 0.2, 0.3, 0.4]], ids=str)
@pytest.mark.parametrize("from_logits", [False, True])
def test_categorical_focal_crossentropy_matches_numpy(alpha, from_logits):
    _, one_hot, probs = _data()
    y_pred = np.log(probs) if from_logits else probs
    got = cornu.losses.categorical_focal_crossentropy(
        one_hot,
        y_pred,
        alpha=alpha,
        gamma=1.5,
        from_logits=from_logits,
        label_smoothing=0.1,
    )
    smoothed = one_hot * 0.9 + 0.1 / 4
    p = np.clip(probs.astype("float64"), EPS, 1 - EPS)
    want = np.asarray(alpha) * (1 - p) ** 1.5 * -smoothed * np.log(p)
    np.testing.assert_allclose(_numpy(got), want.sum(-1), rtol=1e-4)


def test_sparse_categorical_crossentropy_matches_sklearn():
    labels, _, probs = _data()
    got = _numpy(cornu.losses.sparse_categorical_crossentropy(labels, probs))
    want = skm.log_loss(labels, probs, labels=[0, 1, 2, 3])
    np.testing.assert_allclose(got.mean(), want, rtol=1e-5)
    column = cornu.losses.sparse_categorical_crossentropy(
        labels[:, None], probs
    )
    np.testing.assert_allclose(_numpy(column), got, rtol=1e-6)


def test_sparse_categorical_crossentropy_from_logits():
    labels, one_hot, _ = _data()
    logits = np.random.default_rng(3).normal(size=one_hot.shape)
    logits = logits.astype("float32")
    got = cornu.losses.sparse_categorical_crossentropy(labels, logits, True)
    want = -(one_hot * np.log(_softmax(logits.astype("float64")))).sum(-1)
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-5)


@pytest.mark.parametrize("ignore_class", [-1, 255, 0])
def test_ignore_class_zeroes_and_masks_the_ignored_entries(ignore_class):
    labels, one_hot, probs = _data()
    labels = labels.copy()
    ignored = np.array([1, 0, 0, 1, 0, 0, 1, 0], bool)
    labels[ignored] = ignore_class
    ignored = labels == ignore_class  # with 0, real 0 labels too
    got = cornu.losses.sparse_categorical_crossentropy(
        labels, probs, ignore_class=ignore_class
    )
    want = np.where(ignored, 0.0, _cce(one_hot, probs))
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-5)
    mask = _numpy(masking.get_keras_mask(got))
    np.testing.assert_array_equal(mask, ~ignored)
    loss = cornu.losses.SparseCategoricalCrossentropy(ignore_class=ignore_class)
    np.testing.assert_allclose(
        _numpy(loss(labels, probs)), want[~ignored].mean(), rtol=1e-5
    )
    loss = cornu.losses.SparseCategoricalCrossentropy(
        ignore_class=ignore_class, reduction="sum"
    )
    np.testing.assert_allclose(_numpy(loss(labels, probs)), want.sum(), 1e-5)


def test_ignore_class_on_segmentation_maps():
    rng = np.random.default_rng(4)
    labels = rng.integers(0, 3, size=(2, 4, 4))
    labels[0, :2] = 255
    probs = _softmax(rng.normal(size=(2, 4, 4, 3))).astype("float32")
    loss = cornu.losses.SparseCategoricalCrossentropy(ignore_class=255)
    valid = labels != 255
    one_hot = np.eye(3)[np.where(valid, labels, 0)]
    want = _cce(one_hot, probs)[valid].mean()
    np.testing.assert_allclose(_numpy(loss(labels, probs)), want, rtol=1e-5)


@pytest.mark.parametrize("q", [0.2, 0.5, 0.9])
def test_generalized_cross_entropy_matches_numpy(q):
    labels, one_hot, probs = _data()
    got = cornu.losses.categorical_generalized_cross_entropy(labels, probs, q)
    p = (one_hot * probs.astype("float64")).sum(-1)
    np.testing.assert_allclose(_numpy(got), (1 - p**q) / q, rtol=1e-5)
    column = cornu.losses.categorical_generalized_cross_entropy(
        labels[:, None], probs, q
    )
    np.testing.assert_allclose(_numpy(column), _numpy(got), rtol=1e-6)


def test_generalized_cross_entropy_keras_example():
    gce = cornu.losses.CategoricalGeneralizedCrossEntropy(q=0.7)
    y_pred = [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]]
    np.testing.assert_allclose(_numpy(gce([0, 1, 0, 1], y_pred)), 0.34529, 1e-4)


@pytest.mark.parametrize("q", [0.0, 1.0, 1.5, -0.1, "0.5", True])
def test_generalized_cross_entropy_q_out_of_range_is_refused(q):
    with pytest.raises(ValueError, match=r"in the interval \(0, 1\)"):
        cornu.losses.CategoricalGeneralizedCrossEntropy(q=q)


def test_classes_pass_their_arguments():
    labels, one_hot, probs = _data()
    logits = np.log(probs)
    cce = cornu.losses.CategoricalCrossentropy(
        from_logits=True, label_smoothing=0.1
    )
    smoothed = one_hot * 0.9 + 0.1 / 4
    np.testing.assert_allclose(
        _numpy(cce(one_hot, logits)), _cce(smoothed, probs).mean(), 1e-5
    )
    scce = cornu.losses.SparseCategoricalCrossentropy(from_logits=True)
    np.testing.assert_allclose(
        _numpy(scce(labels, logits)), _cce(one_hot, probs).mean(), 1e-5
    )
    config = cornu.losses.CategoricalFocalCrossentropy(
        alpha=[0.1, 0.9], gamma=3.0
    ).get_config()
    assert (config["alpha"], config["gamma"]) == ([0.1, 0.9], 3.0)
    assert cornu.losses.CategoricalGeneralizedCrossEntropy(0.3).q == 0.3


@pytest.mark.requires_capability("training")
@pytest.mark.parametrize("from_logits", [False, True])
def test_ignored_entries_get_no_gradient(from_logits):
    labels = np.array([0, 1, 2, 1])
    probs = _data(4, 3, seed=5)[2]
    loss = cornu.losses.SparseCategoricalCrossentropy(
        ignore_class=1, from_logits=from_logits
    )
    value_and_grad = backend.load_integration("gradients").value_and_grad
    value, grads = value_and_grad(
        lambda values: loss(labels, values[0]), [ops.convert_to_tensor(probs)]
    )
    grad = _numpy(grads[0])
    assert np.all(np.isfinite(grad))
    np.testing.assert_array_equal(grad[[1, 3]], 0.0)
    assert np.all(grad[[0, 2]] != 0.0)
    expected = cornu.losses.sparse_categorical_crossentropy(
        labels[[0, 2]], probs[[0, 2]], from_logits=from_logits
    )
    np.testing.assert_allclose(
        _numpy(value), _numpy(expected).mean(), rtol=1e-5
    )
