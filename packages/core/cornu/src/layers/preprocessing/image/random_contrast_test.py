"""RandomContrast: the layer harness, a NumPy reference, data formats,
seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_contrast_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomContrast,
        init_kwargs={"factor": 0.2, "seed": 1},
        input_shape=(2, 3, 3, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_contrast_matches_numpy(fmt):
    x = np.random.default_rng(0).uniform(0, 255, (4, 5, 4, 3))
    x = x.astype("float32")
    layer = cornu.layers.RandomContrast((0.4, 0.6), seed=2, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    c = ops.convert_to_numpy(t["contrast_factor"]).reshape(4, 1, 1, 1)
    assert np.all((c >= 0.6) & (c <= 1.6))
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    mean = x.mean(axis=(1, 2), keepdims=True)
    want = np.clip((x - mean) * c + mean, 0, 255)
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-3)


def test_random_contrast_single_float_follows_keras():
    # Keras 3: factor=f draws contrast from [1, 1 + f].
    assert cornu.layers.RandomContrast(0.3).factor == (0, 0.3)


def test_random_contrast_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")
    a, b = (
        cornu.layers.RandomContrast(0.5, value_range=(0, 1), seed=3)
        for _ in range(2)
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize("factor", [1.5, -0.1, (0.1, 0.2, 0.3), "x"])
def test_random_contrast_rejects_bad_factors(factor):
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomContrast(factor)
