"""RandomHue: a colorsys reference for the drawn shifts, value ranges,
seeds, inference, errors."""

import colorsys

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_hue_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomHue,
        init_kwargs={"factor": 0.4, "seed": 1, "value_range": (0, 1)},
        input_data=np.random.default_rng(0)
        .random((2, 3, 3, 3))
        .astype("float32"),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_hue_matches_colorsys(fmt):
    x = np.random.default_rng(1).uniform(0, 255, (3, 2, 2, 3))
    x = x.astype("float32")
    layer = cornu.layers.RandomHue(0.8, seed=2, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    shift = ops.convert_to_numpy(t["factor"])
    assert np.all(np.abs(shift) <= 0.4)
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    for b in range(3):
        for i in range(2):
            for j in range(2):
                h, s, v = colorsys.rgb_to_hsv(*(x[b, i, j] / 255.0))
                want = colorsys.hsv_to_rgb((h + shift[b]) % 1.0, s, v)
                np.testing.assert_allclose(
                    y[b, i, j] / 255.0, want, rtol=1e-4, atol=1e-4
                )


def test_random_hue_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")
    a, b = (
        cornu.layers.RandomHue(0.9, value_range=(0, 1), seed=3)
        for _ in range(2)
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


def test_random_hue_rejects_bad_factors():
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomHue(1.5)
