import math

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu import random

N = 20000  # samples for the statistical checks


def _np(x):
    return ops.convert_to_numpy(x).astype("float64")


def _check_moments(x, mean, var, z=5.0):
    """Sample mean within z standard errors; variance within 5%."""
    x = _np(x).ravel()
    assert abs(x.mean() - mean) < z * math.sqrt(var / x.size)
    assert abs(x.var() - var) < 0.05 * var + 1e-9


@pytest.mark.parametrize("mean, stddev", [(0.0, 1.0), (3.0, 0.5)])
def test_normal_moments(mean, stddev):
    x = random.normal((N,), mean=mean, stddev=stddev, seed=1)
    assert ops.dtype(x) == "float32" and ops.shape(x) == (N,)
    _check_moments(x, mean, stddev**2)


def test_uniform_range_and_moments():
    x = random.uniform((100, 200), minval=-2.0, maxval=3.0, seed=2)
    values = _np(x)
    assert values.min() >= -2.0 and values.max() < 3.0
    _check_moments(x, 0.5, 25.0 / 12.0)


def test_randint_range_and_moments():
    x = random.randint((N,), 3, 9, seed=3)
    assert ops.dtype(x) == "int32"
    values = _np(x)
    assert set(values.tolist()) == set(range(3, 9))
    _check_moments(x, 5.5, (6**2 - 1) / 12.0)


def test_randint_dtype():
    assert ops.dtype(random.randint((3,), 0, 5, dtype="int64", seed=0)) == (
        "int64"
    )


def test_truncated_normal_bounds_and_variance():
    x = random.truncated_normal((N,), mean=1.0, stddev=2.0, seed=4)
    values = _np(x)
    assert values.min() >= 1.0 - 4.0 and values.max() <= 1.0 + 4.0
    # Variance of a standard normal truncated to [-2, 2].
    phi = math.exp(-2.0) / math.sqrt(2 * math.pi)
    mass = math.erf(2.0 / math.sqrt(2.0))
    _check_moments(x, 1.0, 4.0 * (1.0 - 4.0 * phi / mass))


@pytest.mark.parametrize("alpha", [0.5, 2.0, 9.0])
def test_gamma_moments(alpha):
    x = random.gamma((N,), alpha=alpha, seed=5)
    assert _np(x).min() > 0.0
    _check_moments(x, alpha, alpha)


@pytest.mark.parametrize("counts, p", [(10, 0.3), (1, 0.5), (50.0, 0.9)])
def test_binomial_moments(counts, p):
    x = random.binomial((N,), counts=counts, probabilities=p, seed=6)
    assert ops.dtype(x) == "float32"
    values = _np(x)
    assert values.min() >= 0 and values.max() <= counts
    assert np.all(values == np.round(values))
    _check_moments(x, counts * p, counts * p * (1 - p))


def test_binomial_with_array_parameters():
    p = np.array([0.1, 0.9], "float32")
    x = _np(random.binomial((N, 2), counts=20, probabilities=p, seed=7))
    assert abs(x[:, 0].mean() - 2.0) < 0.2 and abs(x[:, 1].mean() - 18.0) < 0.2


@pytest.mark.parametrize("a, b", [(2.0, 5.0), (0.5, 0.5)])
def test_beta_moments(a, b):
    x = random.beta((N,), a, b, seed=8)
    values = _np(x)
    assert values.min() >= 0.0 and values.max() <= 1.0
    var = a * b / ((a + b) ** 2 * (a + b + 1))
    _check_moments(x, a / (a + b), var)


def test_categorical_frequencies_follow_softmax():
    logits = np.log(np.array([[0.2, 0.5, 0.3], [0.9, 0.05, 0.05]]))
    x = random.categorical(logits.astype("float32"), N, seed=9)
    assert ops.shape(x) == (2, N) and ops.dtype(x) == "int32"
    values = ops.convert_to_numpy(x)
    for row, probs in zip(values, np.exp(logits), strict=True):
        freq = np.bincount(row, minlength=3) / N
        np.testing.assert_allclose(freq, probs, atol=0.015)


def test_categorical_dtype():
    x = random.categorical([[0.0, 0.0]], 4, dtype="int64", seed=0)
    assert ops.dtype(x) == "int64"


@pytest.mark.parametrize("rate", [0.0, 0.3, 0.75, 1.0])
def test_dropout_rate_and_scaling(rate):
    x = np.full((N,), 2.0, "float32")
    y = _np(random.dropout(x, rate, seed=10))
    kept = y != 0
    if rate < 1:
        np.testing.assert_allclose(y[kept], 2.0 / (1 - rate), rtol=1e-6)
    assert abs((~kept).mean() - rate) < 0.02
    assert abs(y.mean() - 2.0 * (rate < 1)) < 0.1


def test_dropout_noise_shape_shares_the_mask():
    x = ops.ones((50, 4, 3))
    y = _np(random.dropout(x, 0.5, noise_shape=(None, 1, 3), seed=11))
    assert (y == y[:, :1, :]).all()
    assert ops.dtype(random.dropout(x, 0.5, seed=0)) == "float32"


def test_shuffle_permutes_along_an_axis():
    x = np.arange(40).reshape(10, 4)
    y = ops.convert_to_numpy(random.shuffle(x, seed=12))
    assert sorted(y[:, 0].tolist()) == x[:, 0].tolist()
    assert (y == y[:, :1] + np.arange(4)).all()  # rows stay intact
    assert (y != x).any()
    z = ops.convert_to_numpy(random.shuffle(x, axis=-1, seed=12))
    assert (np.sort(z, axis=1) == x).all()


@pytest.mark.parametrize(
    "sample",
    [
        lambda seed: random.normal((5,), seed=seed),
        lambda seed: random.uniform((5,), seed=seed),
        lambda seed: random.randint((5,), 0, 1000, seed=seed),
        lambda seed: random.truncated_normal((5,), seed=seed),
        # Shape (N,), as in the moment tests: JAX compiles these once.
        lambda seed: random.gamma((N,), 1.0, seed=seed),
        lambda seed: random.beta((N,), 1.0, 2.0, seed=seed),
        lambda seed: random.binomial((N,), 100, 0.5, seed=seed),
        lambda seed: random.categorical([[0.0] * 50], 5, seed=seed),
        lambda seed: random.shuffle(np.arange(50), seed=seed),
        lambda seed: random.dropout(np.ones(50), 0.5, seed=seed),
    ],
    ids=["normal", "uniform", "randint", "truncated_normal", "gamma", "beta",
         "binomial", "categorical", "shuffle", "dropout"],
)
def test_seeding(sample):
    # Same int seed: same values. A SeedGenerator: new values each call,
    # reproducible from its initial seed. seed=None: new values each call.
    assert (_np(sample(7)) == _np(sample(7))).all()
    assert (_np(sample(7)) != _np(sample(8))).any()
    gen_a = random.SeedGenerator(3)
    first, second = _np(sample(gen_a)), _np(sample(gen_a))
    assert (first != second).any()
    gen_b = random.SeedGenerator(3)
    assert (_np(sample(gen_b)) == first).all()
    assert (_np(sample(None)) != _np(sample(None))).any()


@pytest.mark.parametrize("dtype", ["float16", "float64"])
def test_float_dtypes(dtype):
    for fn in (random.normal, random.uniform, random.truncated_normal):
        assert ops.dtype(fn((3,), dtype=dtype, seed=0)) == dtype


def test_float_dtypes_of_gamma_based_samplers():
    # One dtype only: these samplers compile slowly on JAX.
    assert ops.dtype(random.gamma((N,), 2.0, dtype="float16", seed=0)) == (
        "float16"
    )
    assert ops.dtype(random.beta((N,), 2.0, 2.0, dtype="float16", seed=0)) == (
        "float16"
    )
    x = random.binomial((N,), 5, 0.5, dtype="float16", seed=0)
    assert ops.dtype(x) == "float16"


def test_floatx_is_the_default_dtype():
    with cornu.config.scope(floatx="float64"):
        assert ops.dtype(random.normal((2,), seed=0)) == "float64"


def test_int_shape_is_accepted():
    assert ops.shape(random.uniform(3, seed=0)) == (3,)


@pytest.mark.requires_capability("jit")
@pytest.mark.parametrize(
    "shape, dtype",
    [((), "float32"), ((3, 5, 11), "float32"), ((300, 301), "float32"),
     ((3, 5, 11), "float64")],
)
@pytest.mark.parametrize("name", ["uniform", "normal", "truncated_normal"])
def test_eager_draws_equal_traced_draws(name, shape, dtype, jax_jit):
    # Eager draws may take a faster route than traced ones (no program
    # compiled per shape; (300, 301) spans several of its chunks): the
    # values must be the very same bits.
    jit = jax_jit
    sample = getattr(random, name)
    eager = _np(sample(shape, dtype=dtype, seed=11))
    traced = _np(jit(lambda: sample(shape, dtype=dtype, seed=11))())
    np.testing.assert_array_equal(eager, traced)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: random.uniform((2,), dtype="int32"), r"floating-point"),
        (lambda: random.normal((2,), dtype="int32"), r"floating-point"),
        (lambda: random.randint((2,), 0, 5, dtype="float32"), r"integer"),
        (lambda: random.randint((2,), 5, 5), r"minval < maxval"),
        (lambda: random.uniform((2,), 1.0, 0.0), r"Received: minval=1.0"),
        (lambda: random.normal((2, None)), r"Received: shape=\(2, None\)"),
        (lambda: random.normal((2,), seed=-1), r"Received: seed=-1"),
        (lambda: random.normal((2,), seed=1.5), r"type float"),
        (lambda: random.dropout(np.ones(3), 1.5), r"Received: rate=1.5"),
        (
            lambda: random.dropout(np.ones((2, 3)), 0.5, noise_shape=(2,)),
            r"noise_shape=\(2,\)",
        ),
        (
            lambda: random.dropout(np.ones((2, 3)), 0.5, noise_shape=(2, 2)),
            r"noise_shape=\(2, 2\)",
        ),
        (lambda: random.categorical([0.0, 1.0], 2), r"shape \(2,\)"),
        (lambda: random.categorical([[0.0]], 0), r"num_samples=0"),
        (
            lambda: random.categorical([[0.0]], 1, dtype="float32"),
            r"integer",
        ),
        (lambda: random.gamma((2,), alpha=0.0), r"alpha=0.0"),
        (lambda: random.beta((2,), 1.0, -1.0), r"beta=-1.0"),
        (lambda: random.binomial((2,), 5, 1.5), r"probabilities=1.5"),
        (lambda: random.binomial((2,), -1, 0.5), r"counts=-1"),
        (lambda: random.shuffle(np.ones(3), axis=2), r"axis"),
    ],
)
def test_argument_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda x: random.dropout(x, 0.5),
        lambda x: random.shuffle(x),
        lambda x: random.categorical(x, 2),
    ],
    ids=["dropout", "shuffle", "categorical"],
)
def test_symbolic_inputs_are_rejected(call):
    with pytest.raises(TypeError, match=r"Received: <KerasTensor"):
        call(cornu.KerasTensor((2, 3)))
