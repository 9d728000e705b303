import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src import backend
from cornu.src.backend.common import masking


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def _embeddings(n, dim, seed):
    x = np.random.default_rng(seed).normal(size=(n, dim))
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype("float32")


def _circle(labels, emb, ref_labels, ref_emb, remove_diagonal, gamma, margin):
    dist = np.maximum(1 - emb.astype("float64") @ ref_emb.T, 0)
    pos = labels[:, None] == ref_labels[None, :]
    neg = ~pos
    if remove_diagonal:
        pos = pos & ~np.eye(len(labels), len(ref_labels), dtype=bool)
    pos_w = np.maximum((margin + dist) * pos, 0)
    neg_w = np.maximum((1 + margin - dist) * neg, 0)
    pos_l = np.where(pos, -gamma * pos_w * (margin - dist), -np.inf)
    neg_l = np.where(neg, gamma * neg_w * ((1 - margin) - dist), -np.inf)

    def lse(x):
        top = x.max(1, keepdims=True)
        safe = np.where(np.isfinite(top), top, 0)
        with np.errstate(divide="ignore"):
            return (np.log(np.exp(x - safe).sum(1, keepdims=True)) + safe)[:, 0]

    return np.logaddexp(0, lse(pos_l) + lse(neg_l))


@pytest.mark.parametrize("remove_diagonal", [True, False])
@pytest.mark.parametrize("gamma, margin", [(80.0, 0.4), (16.0, 0.25)])
def test_circle_matches_numpy(remove_diagonal, gamma, margin):
    labels = np.array([0, 1, 0, 2, 1, 2, 0, 3])
    emb = _embeddings(8, 5, seed=0)
    got = cornu.losses.circle(
        labels, emb, remove_diagonal=remove_diagonal, gamma=gamma, margin=margin
    )
    want = _circle(labels, emb, labels, emb, remove_diagonal, gamma, margin)
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(_numpy(masking.get_keras_mask(got)), want > 0)


def test_circle_against_reference_embeddings():
    labels = np.array([0, 1, 2])
    ref_labels = np.array([0, 0, 1, 2, 2])
    emb, ref_emb = _embeddings(3, 4, seed=1), _embeddings(5, 4, seed=2)
    got = cornu.losses.circle(
        labels,
        emb,
        ref_labels=ref_labels,
        ref_embeddings=ref_emb,
        remove_diagonal=False,
    )
    want = _circle(labels, emb, ref_labels, ref_emb, False, 80, 0.4)
    np.testing.assert_allclose(_numpy(got), want, rtol=1e-4, atol=1e-6)


def test_class_averages_over_nonzero_losses_only():
    labels = np.array([0, 1, 0, 2, 1, 3])  # class 3 has no positive pair
    emb = _embeddings(6, 4, seed=3)
    want = _circle(labels, emb, labels, emb, True, 32.0, 0.3)
    assert want[-1] == 0.0
    loss = cornu.losses.Circle(gamma=32.0, margin=0.3)
    np.testing.assert_allclose(
        _numpy(loss(labels, emb)), want[want > 0].mean(), rtol=1e-4
    )
    config = loss.get_config()
    assert (config["gamma"], config["margin"]) == (32.0, 0.3)
    assert config["remove_diagonal"] is True


@pytest.mark.requires_capability("training")
def test_gradient_is_finite_with_a_label_without_positives():
    labels = np.array([0, 1, 0, 2, 1, 3])
    emb = _embeddings(6, 4, seed=4)
    loss = cornu.losses.Circle()
    value_and_grad = backend.load_integration("gradients").value_and_grad
    _, grads = value_and_grad(
        lambda values: loss(labels, values[0]), [ops.convert_to_tensor(emb)]
    )
    assert np.all(np.isfinite(_numpy(grads[0])))
