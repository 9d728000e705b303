import numpy as np
import pytest

import cornu
from cornu import ops


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def _ctc_reference(labels, logits):
    """-log p(labels | logits) by the CTC forward recursion, blank = 0."""
    probs = np.exp(logits - logits.max(-1, keepdims=True))
    probs = probs / probs.sum(-1, keepdims=True)
    ext = [0]
    for label in labels:
        ext += [int(label), 0]
    alpha = np.zeros(len(ext))
    alpha[0] = probs[0, ext[0]]
    if len(ext) > 1:
        alpha[1] = probs[0, ext[1]]
    for t in range(1, len(probs)):
        new = np.zeros_like(alpha)
        for s in range(len(ext)):
            total = alpha[s] + (alpha[s - 1] if s > 0 else 0.0)
            if s > 1 and ext[s] != 0 and ext[s] != ext[s - 2]:
                total += alpha[s - 2]
            new[s] = total * probs[t, ext[s]]
        alpha = new
    last = alpha[-1] + (alpha[-2] if len(ext) > 1 else 0.0)
    return -np.log(last)


def test_ctc_matches_the_forward_recursion():
    rng = np.random.default_rng(0)
    y_true = np.array([[1, 2, 2, 0], [3, 1, 0, 0], [2, 0, 0, 0]])
    logits = rng.normal(size=(3, 8, 4)).astype("float32")
    got = _numpy(cornu.losses.ctc(y_true, logits))
    want = [
        _ctc_reference(row[row != 0], logits[i].astype("float64"))
        for i, row in enumerate(y_true)
    ]
    np.testing.assert_allclose(got, want, rtol=1e-5)
    loss = cornu.losses.CTC()(y_true, logits)
    np.testing.assert_allclose(_numpy(loss), np.mean(want), rtol=1e-5)


def test_float_labels_are_accepted():
    logits = np.zeros((1, 3, 2), "float32")
    got = cornu.losses.ctc(np.array([[1.0, 0.0]]), logits)
    np.testing.assert_allclose(_numpy(got), [np.log(8 / 6)], rtol=1e-5)


def test_label_rank_is_checked():
    with pytest.raises(ValueError, match=r"y_true.shape=\(2,\)"):
        cornu.losses.ctc(np.array([1, 2]), np.zeros((2, 3, 4), "float32"))


def test_logit_rank_is_checked():
    with pytest.raises(ValueError, match=r"y_pred.shape=\(2, 3\)"):
        cornu.losses.ctc(np.ones((2, 2)), np.zeros((2, 3), "float32"))
