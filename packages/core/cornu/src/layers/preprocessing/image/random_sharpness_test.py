"""RandomSharpness: a NumPy 3x3 filter reference for the drawn factors,
data formats, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def _smooth(image):
    kernel = np.ones((3, 3)) / 13.0
    kernel[1, 1] = 5.0 / 13.0
    padded = np.pad(image, ((1, 1), (1, 1), (0, 0)))
    h, w, _ = image.shape
    return sum(
        kernel[i, j] * padded[i : i + h, j : j + w]
        for i in range(3)
        for j in range(3)
    )


@pytest.mark.parametrize("training", [True, False])
def test_random_sharpness_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomSharpness,
        init_kwargs={"factor": 0.4, "seed": 1},
        input_shape=(2, 3, 3, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_sharpness_matches_numpy(fmt):
    x = np.random.default_rng(0).uniform(0, 255, (3, 4, 5, 2))
    x = x.astype("float32")
    layer = cornu.layers.RandomSharpness(0.9, seed=2, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    f = ops.convert_to_numpy(t["factor"])
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    for b in range(3):
        want = x[b] + (1 - 2 * f[b]) * (_smooth(x[b]) - x[b])
        np.testing.assert_allclose(
            y[b], np.clip(want, 0, 255), rtol=1e-4, atol=1e-3
        )


def test_random_sharpness_seeds_and_inference():
    x = np.random.default_rng(0).uniform(0, 255, (2, 3, 3, 3)).astype("f4")
    a, b = (cornu.layers.RandomSharpness(0.9, seed=3) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


def test_random_sharpness_rejects_bad_factors():
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomSharpness(-0.5)
