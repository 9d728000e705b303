"""SpectralNormalization: harness, power iteration against NumPy and
`np.linalg.svd`, inference leaves the kernel alone, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test

SN = cornu.layers.SpectralNormalization


@pytest.mark.parametrize("training", [True, False])
def test_spectral_normalization_passes_the_layer_checks(training):
    run_layer_test(
        SN,
        init_kwargs={"layer": cornu.layers.Dense(3), "power_iterations": 2},
        input_shape=(2, 4),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3),
        expected_output_dtype="float32",
        expected_num_trainable_weights=2,
        expected_num_non_trainable_weights=1,
    )


def test_spectral_normalization_of_a_conv_kernel_passes_the_layer_checks():
    run_layer_test(
        SN,
        init_kwargs={"layer": cornu.layers.Conv2D(2, 2)},
        input_shape=(1, 5, 5, 1),
        call_kwargs={"training": True},
        expected_output_shape=(1, 4, 4, 2),
        expected_num_trainable_weights=2,
        expected_num_non_trainable_weights=1,
    )


def _np_power_iteration(kernel, u, steps):
    w = kernel.reshape(-1, kernel.shape[-1]).astype("float64")
    u = u.astype("float64")
    for _ in range(steps):
        v = u @ w.T
        v /= np.linalg.norm(v)
        u = v @ w
        u /= np.linalg.norm(u)
    sigma = (v @ w @ u.T).item()
    return u, kernel / sigma


@pytest.mark.parametrize("steps", [1, 3])
def test_one_training_call_matches_numpy(steps):
    x = np.random.default_rng(0).normal(size=(2, 4)).astype("float32")
    layer = SN(cornu.layers.Dense(3), power_iterations=steps)
    layer.build(x.shape)
    kernel = layer.layer.kernel.numpy()
    u0 = layer.vector_u.numpy()
    u, want = _np_power_iteration(kernel, u0, steps)
    y = ops.convert_to_numpy(layer(x, training=True))
    assert_allclose(layer.layer.kernel.numpy(), want, rtol=1e-4, atol=1e-6)
    assert_allclose(layer.vector_u.numpy(), u, rtol=1e-4, atol=1e-6)
    assert_allclose(
        y, x @ want + layer.layer.bias.numpy(), rtol=1e-4, atol=1e-5
    )


def _fixed_start(layer, rng):
    """A kernel with a clear spectral gap and a fixed start vector, so
    the convergence of power iteration does not depend on the seed."""
    kernel = layer.kernel.numpy()
    rows = int(np.prod(kernel.shape[:-1]))
    cols = kernel.shape[-1]
    left, _ = np.linalg.qr(rng.normal(size=(rows, cols)))
    right, _ = np.linalg.qr(rng.normal(size=(cols, cols)))
    singular = np.linspace(3.0, 0.5, cols)
    value = (left * singular) @ right.T
    layer.kernel.assign(value.reshape(kernel.shape).astype("float32"))
    layer.vector_u.assign(rng.normal(size=(1, cols)).astype("float32"))


def test_the_normalized_kernel_has_spectral_norm_one():
    rng = np.random.default_rng(1)
    layer = SN(cornu.layers.Conv2D(4, 3), power_iterations=20)
    x = np.ones((1, 6, 6, 2), "float32")
    layer.build(x.shape)
    _fixed_start(layer, rng)
    layer(x, training=True)
    kernel = layer.layer.kernel.numpy()
    top = np.linalg.svd(kernel.reshape(-1, 4), compute_uv=False)[0]
    # The error of power iteration shrinks like (2.17 / 3) ** (2 * steps).
    assert abs(top - 1.0) < 1e-4


def test_inference_leaves_the_kernel_and_vector_alone():
    layer = SN(cornu.layers.Dense(3))
    x = np.ones((2, 4), "float32")
    layer.build(x.shape)
    kernel, u = layer.layer.kernel.numpy(), layer.vector_u.numpy()
    y = ops.convert_to_numpy(layer(x))
    assert_allclose(layer.layer.kernel.numpy(), kernel)
    assert_allclose(layer.vector_u.numpy(), u)
    assert_allclose(y, x @ kernel, rtol=1e-5, atol=1e-6)


def test_an_all_zero_kernel_is_left_unchanged():
    layer = SN(cornu.layers.Dense(2, kernel_initializer="zeros"))
    layer.build((None, 3))
    u = layer.vector_u.numpy()
    layer(np.ones((1, 3), "float32"), training=True)
    assert_allclose(layer.layer.kernel.numpy(), np.zeros((3, 2)))
    assert_allclose(layer.vector_u.numpy(), u)


def test_an_embedding_is_normalized_through_its_embeddings():
    layer = SN(cornu.layers.Embedding(5, 3), power_iterations=20)
    layer.build((1, 2))
    _fixed_start(layer, np.random.default_rng(2))
    layer(np.array([[0, 1]], "int32"), training=True)
    top = np.linalg.svd(layer.kernel.numpy(), compute_uv=False)[0]
    assert abs(top - 1.0) < 1e-4
    assert layer.vector_u.shape == (1, 3)


@pytest.mark.parametrize("steps", [0, -1, 1.5])
def test_bad_power_iterations_are_explained(steps):
    with pytest.raises(ValueError, match="greater than zero"):
        SN(cornu.layers.Dense(2), power_iterations=steps)


def test_a_layer_without_a_kernel_is_explained():
    with pytest.raises(ValueError, match="neither a `kernel` nor"):
        SN(cornu.layers.Identity()).build((None, 3))


def test_a_non_layer_is_explained():
    with pytest.raises(ValueError, match="isn't a supported layer"):
        SN("dense")


def test_own_variables_are_saved_in_keras_order_kernel_then_vector_u():
    # Keras 3's files hold `[kernel, vector_u]` for the wrapper itself.
    layer = cornu.layers.SpectralNormalization(cornu.layers.Dense(3))
    layer.build((None, 4))
    store = {}
    layer.save_own_variables(store)
    assert {k: tuple(v.shape) for k, v in store.items()} == {
        "0": (4, 3),
        "1": (1, 3),
    }
    rng = np.random.default_rng(0)
    kernel = rng.normal(size=(4, 3)).astype("float32")
    vector_u = rng.normal(size=(1, 3)).astype("float32")
    layer.load_own_variables({"0": kernel, "1": vector_u})
    np.testing.assert_array_equal(
        cornu.ops.convert_to_numpy(layer.layer.kernel), kernel
    )
    np.testing.assert_array_equal(
        cornu.ops.convert_to_numpy(layer.vector_u), vector_u
    )
    with pytest.raises(ValueError, match="expects 2 variables"):
        layer.load_own_variables({"0": vector_u})
