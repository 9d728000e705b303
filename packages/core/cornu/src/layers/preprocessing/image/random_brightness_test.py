"""RandomBrightness: the layer harness, a NumPy reference for the drawn
deltas, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_brightness_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomBrightness,
        init_kwargs={"factor": 0.2, "seed": 1},
        input_shape=(2, 3, 3, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


def test_random_brightness_matches_numpy():
    x = np.random.default_rng(0).uniform(0, 255, (4, 3, 3, 3))
    x = x.astype("float32")
    layer = cornu.layers.RandomBrightness((-0.3, 0.5), seed=2)
    t = layer.get_random_transformation(x)
    delta = ops.convert_to_numpy(t["rgb_delta"])
    assert delta.shape == (4, 1, 1, 1)
    assert np.all((delta >= -0.3 * 255) & (delta <= 0.5 * 255))
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    np.testing.assert_allclose(y, np.clip(x + delta, 0, 255), rtol=1e-5)


def test_random_brightness_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")
    a, b = (
        cornu.layers.RandomBrightness(0.5, value_range=(0, 1), seed=3)
        for _ in range(2)
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"factor": 1.5}, "factor"),
        ({"factor": 0.1, "value_range": (0, 1, 2)}, "value_range"),
        ({"factor": 0.1, "value_range": 255}, "value_range"),
    ],
)
def test_random_brightness_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomBrightness(**kwargs)
