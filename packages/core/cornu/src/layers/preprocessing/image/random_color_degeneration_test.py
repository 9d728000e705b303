"""RandomColorDegeneration: a NumPy luma reference, seeds, inference,
errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test

_LUMA = np.array([0.2989, 0.587, 0.114])


@pytest.mark.parametrize("training", [True, False])
def test_random_color_degeneration_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomColorDegeneration,
        init_kwargs={"factor": 0.4, "seed": 1},
        input_shape=(2, 3, 3, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_color_degeneration_matches_numpy(fmt):
    x = np.random.default_rng(0).uniform(0, 255, (4, 3, 2, 3))
    x = x.astype("float32")
    layer = cornu.layers.RandomColorDegeneration(0.7, seed=2, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    f = ops.convert_to_numpy(t["factor"]).reshape(4, 1, 1, 1)
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    gray = (x @ _LUMA)[..., None]
    want = np.clip(x + f * (gray - x), 0, 255)
    np.testing.assert_allclose(y, want, rtol=1e-4, atol=1e-3)


def test_random_color_degeneration_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")
    a, b = (cornu.layers.RandomColorDegeneration(0.9, seed=3) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


def test_random_color_degeneration_rejects_bad_factors():
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomColorDegeneration(2.0)
