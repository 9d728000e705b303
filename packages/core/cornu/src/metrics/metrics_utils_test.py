import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import metrics as sk_metrics

import cornu
from cornu import ops
from cornu.src.metrics import metrics_utils as mu

CM = mu.ConfusionMatrix


def _variables(shape):
    return {key: cornu.Variable(np.zeros(shape, "float32")) for key in CM}


def _reference_counts(y_true, y_pred, weights, thresholds, multi_label):
    """tp, fp, tn, fn per threshold (per label with multi_label)."""
    axis = 0 if multi_label else None
    positive = y_true != 0
    out = {key: [] for key in CM}
    for t in thresholds:
        above = y_pred > t
        out[CM.TRUE_POSITIVES].append(
            np.sum(weights * (positive & above), axis)
        )
        out[CM.FALSE_POSITIVES].append(
            np.sum(weights * (~positive & above), axis)
        )
        out[CM.TRUE_NEGATIVES].append(
            np.sum(weights * (~positive & ~above), axis)
        )
        out[CM.FALSE_NEGATIVES].append(
            np.sum(weights * (positive & ~above), axis)
        )
    return {key: np.array(v) for key, v in out.items()}


def _data(rng, shape=(40, 3)):
    y_true = rng.integers(0, 2, shape).astype("float32")
    y_pred = rng.random(shape).astype("float32")
    return y_true, y_pred


EVEN_11 = [i / 10 for i in range(11)]
EVEN_EPS = [-1e-7] + [i / 10 for i in range(1, 10)] + [1 + 1e-7]
UNEVEN = [0.05, 0.3, 0.35, 0.9]


@pytest.mark.parametrize("multi_label", [False, True], ids=["flat", "multi"])
@pytest.mark.parametrize(
    "thresholds, evenly",
    [(EVEN_11, True), (EVEN_EPS, True), (UNEVEN, False), (EVEN_11, False)],
    ids=["even", "even_eps", "uneven", "even_compared"],
)
@pytest.mark.parametrize(
    "weight_kind", ["none", "per_sample", "per_entry", "scalar"]
)
def test_update_matches_numpy(multi_label, thresholds, evenly, weight_kind):
    rng = np.random.default_rng(0)
    y_true, y_pred = _data(rng)
    # Predictions exactly on thresholds and at the ends of [0, 1].
    y_pred[:4, 0] = [0.0, 1.0, 0.5, 0.3]
    weights = {
        "none": None,
        "per_sample": rng.random(40).astype("float32"),
        "per_entry": rng.random((40, 3)).astype("float32"),
        "scalar": np.float32(2.5),
    }[weight_kind]
    shape = (len(thresholds), 3) if multi_label else (len(thresholds),)
    variables = _variables(shape)
    mu.update_confusion_matrix_variables(
        variables,
        y_true,
        y_pred,
        thresholds,
        sample_weight=weights,
        multi_label=multi_label,
        thresholds_distributed_evenly=evenly,
    )
    if weights is None:
        full = np.ones_like(y_pred)
    elif np.ndim(weights) == 1:
        full = np.broadcast_to(weights[:, None], y_pred.shape)
    else:
        full = np.broadcast_to(weights, y_pred.shape)
    expected = _reference_counts(y_true, y_pred, full, thresholds, multi_label)
    for key in CM:
        assert_allclose(
            variables[key].numpy(), expected[key], rtol=1e-5, atol=1e-5
        )


def test_update_accumulates_over_calls():
    rng = np.random.default_rng(1)
    variables = _variables((11,))
    total = {key: 0.0 for key in CM}
    for _ in range(3):
        y_true, y_pred = _data(rng, (20,))
        weights = rng.random(20).astype("float32")
        mu.update_confusion_matrix_variables(
            variables,
            y_true,
            y_pred,
            EVEN_11,
            sample_weight=weights,
            thresholds_distributed_evenly=True,
        )
        counts = _reference_counts(y_true, y_pred, weights, EVEN_11, False)
        total = {key: total[key] + counts[key] for key in CM}
    for key in CM:
        # tn and fn are totals minus tp/fp: float32 cancellation near 0.
        assert_allclose(
            variables[key].numpy(), total[key], rtol=1e-5, atol=1e-5
        )


def test_update_label_weights_flattened():
    rng = np.random.default_rng(2)
    y_true, y_pred = _data(rng)
    label_weights = np.array([0.5, 1.0, 2.0], "float32")
    variables = _variables((4,))
    mu.update_confusion_matrix_variables(
        variables, y_true, y_pred, UNEVEN, label_weights=label_weights
    )
    full = np.broadcast_to(label_weights, y_pred.shape)
    expected = _reference_counts(y_true, y_pred, full, UNEVEN, False)
    for key in CM:
        assert_allclose(variables[key].numpy(), expected[key], rtol=1e-5)


def test_update_top_k_and_class_id():
    rng = np.random.default_rng(3)
    y_true, y_pred = _data(rng, (30, 5))
    variables = _variables((1,))
    mu.update_confusion_matrix_variables(
        variables, y_true, y_pred, [mu.NEG_INF], top_k=2, class_id=1
    )
    rank = np.argsort(np.argsort(-y_pred, axis=-1), axis=-1)
    kept = rank < 2
    positive = y_true[:, 1] != 0
    above = kept[:, 1]
    assert_allclose(
        variables[CM.TRUE_POSITIVES].numpy(), [np.sum(positive & above)]
    )
    assert_allclose(
        variables[CM.FALSE_POSITIVES].numpy(), [np.sum(~positive & above)]
    )
    assert_allclose(
        variables[CM.FALSE_NEGATIVES].numpy(), [np.sum(positive & ~above)]
    )


def test_update_trailing_axis_of_one_and_rank_1_weights():
    # y_pred (N, 1) against y_true (N,): ranks are reconciled.
    variables = _variables((1,))
    mu.update_confusion_matrix_variables(
        variables,
        [1, 0, 1, 1],
        [[0.9], [0.8], [0.2], [0.7]],
        [0.5],
        sample_weight=[1.0, 2.0, 3.0, 4.0],
    )
    assert_allclose(variables[CM.TRUE_POSITIVES].numpy(), [5.0])
    assert_allclose(variables[CM.FALSE_POSITIVES].numpy(), [2.0])
    assert_allclose(variables[CM.FALSE_NEGATIVES].numpy(), [3.0])
    assert_allclose(variables[CM.TRUE_NEGATIVES].numpy(), [0.0])


def test_update_errors():
    v = {CM.TRUE_POSITIVES: cornu.Variable(np.zeros((1,), "float32"))}
    with pytest.raises(ValueError, match="label_weights.*multilabel"):
        mu.update_confusion_matrix_variables(
            v, [1], [1.0], [0.5], multi_label=True, label_weights=[1.0]
        )
    with pytest.raises(ValueError, match="at least one valid"):
        mu.update_confusion_matrix_variables(
            {"tp": v[CM.TRUE_POSITIVES]}, [1], [1.0], [0.5]
        )
    with pytest.raises(ValueError, match="Invalid keys"):
        mu.update_confusion_matrix_variables(
            {**v, "bad": v[CM.TRUE_POSITIVES]}, [1], [1.0], [0.5]
        )
    with pytest.raises(ValueError, match="class_id is provided"):
        mu.update_confusion_matrix_variables(
            v, [1, 0], [0.3, 0.6], [0.5], class_id=0
        )
    assert mu.update_confusion_matrix_variables(None, [1], [1.0], [0.5]) is (
        None
    )


def test_thresholds_parsing_and_range():
    assert mu.parse_init_thresholds(None) == [0.5]
    assert mu.parse_init_thresholds(0.3) == [0.3]
    assert mu.parse_init_thresholds((0.1, 0.9)) == [0.1, 0.9]
    assert mu.parse_init_thresholds(None, mu.NEG_INF) == [mu.NEG_INF]
    parsed = mu.parse_init_thresholds(np.array([0.25, 0.75]))
    assert parsed == [0.25, 0.75]
    with pytest.raises(ValueError, match=r"must be in \[0, 1\].*\[1.5\]"):
        mu.parse_init_thresholds([0.2, 1.5])
    with pytest.raises(ValueError, match=r"Received: \[None\]"):
        mu.assert_thresholds_range([None])


def test_evenly_distributed_thresholds():
    assert mu.is_evenly_distributed_thresholds([0.0, 0.5, 1.0])
    assert mu.is_evenly_distributed_thresholds(EVEN_11)
    assert not mu.is_evenly_distributed_thresholds([0.0, 1.0])
    assert not mu.is_evenly_distributed_thresholds(UNEVEN)


def test_enum_parsing():
    assert mu.AUCCurve.from_str("pr") is mu.AUCCurve.PR
    assert mu.AUCCurve.from_str("ROC") is mu.AUCCurve.ROC
    with pytest.raises(ValueError, match='Invalid AUC curve value: "PRG"'):
        mu.AUCCurve.from_str("PRG")
    method = mu.AUCSummationMethod
    assert method.from_str("Majoring") is method.MAJORING
    assert method.from_str("minoring") is method.MINORING
    assert method.from_str("interpolation") is method.INTERPOLATION
    with pytest.raises(ValueError, match='summation method value: "mid"'):
        method.from_str("mid")


def test_squeeze_or_expand_to_same_rank():
    a = ops.ones((4, 1))
    b = ops.ones((4,))
    x, y = mu.squeeze_or_expand_to_same_rank(a, b)
    assert tuple(x.shape) == (4, 1) and tuple(y.shape) == (4, 1)
    x, y = mu.squeeze_or_expand_to_same_rank(a, b, expand_rank_1=False)
    assert tuple(x.shape) == (4,) and tuple(y.shape) == (4,)
    x, y = mu.squeeze_or_expand_to_same_rank(
        ops.ones((2, 3)), ops.ones((2, 3, 1))
    )
    assert tuple(y.shape) == (2, 3)


@pytest.mark.parametrize("weighted", [False, True])
def test_confusion_matrix_matches_sklearn(weighted):
    rng = np.random.default_rng(4)
    labels = rng.integers(0, 4, 50)
    predictions = rng.integers(0, 4, 50)
    weights = rng.random(50).astype("float32") if weighted else None
    cm = mu.confusion_matrix(
        labels,
        predictions,
        4,
        weights=weights,
        dtype="float32" if weighted else "int32",
    )
    expected = sk_metrics.confusion_matrix(
        labels, predictions, labels=range(4), sample_weight=weights
    )
    assert_allclose(ops.convert_to_numpy(cm), expected, rtol=1e-5)
