"""Checks every built-in loss class shares: reductions and sample weights,
config round trips, symbolic shapes, dtypes and finite gradients."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src import backend
from cornu.src.utils import naming

BATCH = 4


def _probs(rng, shape):
    x = rng.uniform(0.1, 1.0, size=shape)
    return (x / x.sum(-1, keepdims=True)).astype("float32")


def _one_hot(rng, n, k):
    return np.eye(k, dtype="float32")[rng.integers(0, k, size=n)]


def _real(rng):
    return (
        rng.normal(size=(BATCH, 3)).astype("float32"),
        rng.normal(size=(BATCH, 3)).astype("float32"),
    )


def _positive(rng):
    return (
        rng.uniform(0.5, 2.0, size=(BATCH, 3)).astype("float32"),
        rng.uniform(0.5, 2.0, size=(BATCH, 3)).astype("float32"),
    )


def _signs(rng):
    y_true = rng.choice([-1.0, 1.0], size=(BATCH, 3)).astype("float32")
    return y_true, rng.normal(size=(BATCH, 3)).astype("float32")


def _binary(rng):
    y_true = rng.integers(0, 2, size=(BATCH, 3)).astype("float32")
    return y_true, rng.uniform(0.05, 0.95, size=(BATCH, 3)).astype("float32")


def _categorical(rng):
    return _one_hot(rng, BATCH, 3), _probs(rng, (BATCH, 3))


def _sparse(rng):
    return rng.integers(0, 3, size=(BATCH,)), _probs(rng, (BATCH, 3))


def _distributions(rng):
    return _probs(rng, (BATCH, 3)), _probs(rng, (BATCH, 3))


def _counts(rng):
    y_true = rng.poisson(2.0, size=(BATCH, 3)).astype("float32")
    return y_true, rng.uniform(0.5, 3.0, size=(BATCH, 3)).astype("float32")


def _ctc(rng):
    y_true = np.array([[1, 2, 0], [3, 0, 0], [1, 1, 2], [2, 3, 1]])
    return y_true, rng.normal(size=(BATCH, 7, 4)).astype("float32")


def _circle(rng):
    emb = rng.normal(size=(6, 4))
    emb = (emb / np.linalg.norm(emb, axis=-1, keepdims=True)).astype("f4")
    return np.array([0, 1, 0, 1, 2, 2]), emb


CASES = [
    ("MeanSquaredError", {}, _real),
    ("MeanAbsoluteError", {}, _real),
    ("MeanAbsolutePercentageError", {}, _positive),
    ("MeanSquaredLogarithmicError", {}, _positive),
    ("CosineSimilarity", {"axis": -1}, _real),
    ("Huber", {"delta": 0.5}, _real),
    ("LogCosh", {}, _real),
    ("Hinge", {}, _signs),
    ("SquaredHinge", {}, _signs),
    ("CategoricalHinge", {}, _categorical),
    ("KLDivergence", {}, _distributions),
    ("Poisson", {}, _counts),
    ("BinaryCrossentropy", {"label_smoothing": 0.1}, _binary),
    ("BinaryFocalCrossentropy", {"apply_class_balancing": True}, _binary),
    ("CategoricalCrossentropy", {"label_smoothing": 0.2}, _categorical),
    ("CategoricalFocalCrossentropy", {"gamma": 1.5}, _categorical),
    ("SparseCategoricalCrossentropy", {}, _sparse),
    ("CategoricalGeneralizedCrossEntropy", {"q": 0.3}, _sparse),
    ("CTC", {}, _ctc),
    ("Dice", {"axis": (1,)}, _binary),
    ("Tversky", {"alpha": 0.3, "beta": 0.7, "axis": (1,)}, _binary),
]
IDS = [name for name, _, _ in CASES]
ALL_CLASSES = [name for name, _, _ in CASES] + ["Circle"]


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


@pytest.mark.parametrize("name, kwargs, make", CASES, ids=IDS)
@pytest.mark.parametrize("weighted", [False, True], ids=["plain", "weighted"])
def test_every_reduction_matches_the_per_sample_values(
    name, kwargs, make, weighted
):
    rng = np.random.default_rng(0)
    y_true, y_pred = make(rng)
    cls = getattr(cornu.losses, name)
    values = _numpy(cls(reduction=None, **kwargs)(y_true, y_pred))
    assert values.shape == (BATCH,)
    weight = rng.uniform(0.1, 2.0, size=BATCH).astype("float32")
    sample_weight = weight if weighted else None
    w = weight.astype("float64") if weighted else np.ones(BATCH)
    expected = {
        "sum": np.sum(values * w),
        "sum_over_batch_size": np.sum(values * w) / BATCH,
        "mean": np.sum(values * w) / BATCH,
        "mean_with_sample_weight": np.sum(values * w) / np.sum(w),
    }
    for reduction, want in expected.items():
        loss = cls(reduction=reduction, **kwargs)
        got = loss(y_true, y_pred, sample_weight=sample_weight)
        assert tuple(ops.shape(got)) == ()
        np.testing.assert_allclose(_numpy(got), want, rtol=1e-5, atol=1e-6)
    none = cls(reduction="none", **kwargs)(y_true, y_pred, sample_weight)
    np.testing.assert_allclose(_numpy(none), values * w, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", ALL_CLASSES)
def test_config_round_trip_keeps_every_argument(name):
    cls = getattr(cornu.losses, name)
    loss = cls(name="my_loss", reduction="sum")
    config = loss.get_config()
    assert config["name"] == "my_loss"
    assert config["reduction"] == "sum"
    clone = cls.from_config(config)
    assert type(clone) is cls
    assert clone.get_config() == config
    rebuilt = cornu.losses.deserialize(cornu.losses.serialize(loss))
    assert type(rebuilt) is cls
    assert rebuilt.get_config() == config


@pytest.mark.parametrize("name", ALL_CLASSES)
def test_default_name_and_reduction_are_those_of_keras(name):
    loss = getattr(cornu.losses, name)()
    assert loss.reduction == "sum_over_batch_size"
    assert loss.dtype == "float32"
    fn_names = {
        "Huber": "huber_loss",
        "KLDivergence": "kl_divergence",
        "CTC": "ctc",
    }
    snake = naming.to_snake_case(name)
    assert loss.name == fn_names.get(name, snake)


@pytest.mark.parametrize("name, kwargs, make", CASES, ids=IDS)
def test_symbolic_inputs_give_the_output_shape(name, kwargs, make):
    y_true, y_pred = make(np.random.default_rng(1))
    cls = getattr(cornu.losses, name)
    true_spec = cornu.KerasTensor(y_true.shape, dtype="float32")
    pred_spec = cornu.KerasTensor(y_pred.shape, dtype="float32")
    out = cls(**kwargs)(true_spec, pred_spec)
    assert isinstance(out, cornu.KerasTensor)
    assert tuple(out.shape) == ()
    out = cls(reduction=None, **kwargs)(true_spec, pred_spec)
    assert tuple(out.shape) == (BATCH,)
    assert out.dtype == "float32"


def test_symbolic_batch_size_may_be_unknown():
    spec = cornu.KerasTensor((None, 3))
    loss = cornu.losses.MeanSquaredError(reduction=None)
    assert tuple(loss(spec, spec).shape) == (None,)
    assert tuple(cornu.losses.MeanSquaredError()(spec, spec).shape) == ()


@pytest.mark.parametrize("name, kwargs, make", CASES, ids=IDS)
def test_float64_inputs_are_computed_in_the_loss_dtype(name, kwargs, make):
    y_true, y_pred = make(np.random.default_rng(2))
    loss = getattr(cornu.losses, name)(**kwargs)
    out = loss(y_true, y_pred.astype("float64"))
    assert backend.core.standardize_dtype(out.dtype) == "float32"


@pytest.mark.requires_capability("training")
@pytest.mark.parametrize("name, kwargs, make", CASES, ids=IDS)
def test_gradient_exists_and_is_finite(name, kwargs, make):
    y_true, y_pred = make(np.random.default_rng(3))
    loss = getattr(cornu.losses, name)(**kwargs)
    value_and_grad = backend.load_integration("gradients").value_and_grad
    value, grads = value_and_grad(
        lambda values: loss(y_true, values[0]),
        [ops.convert_to_tensor(y_pred)],
    )
    grad = _numpy(grads[0])
    assert grad.shape == y_pred.shape
    assert np.all(np.isfinite(grad))
    assert np.any(grad != 0)
    assert np.isfinite(_numpy(value))
