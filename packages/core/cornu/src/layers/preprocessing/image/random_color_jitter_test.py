"""RandomColorJitter: single factors reduce to their layers, the order of
the steps, seeds, inference, config round trip."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_color_jitter_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomColorJitter,
        init_kwargs={
            "value_range": (0, 1),
            "brightness_factor": 0.2,
            "contrast_factor": 0.3,
            "saturation_factor": 0.4,
            "hue_factor": 0.1,
            "seed": 1,
        },
        input_data=np.random.default_rng(0)
        .random((2, 3, 3, 3))
        .astype("float32"),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


def test_random_color_jitter_fixed_brightness_then_saturation():
    # Saturation factor 0.5 keeps the saturation: only the brightness
    # shift remains.
    x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")
    layer = cornu.layers.RandomColorJitter(
        value_range=(0, 1),
        brightness_factor=(0.1, 0.1),
        saturation_factor=(0.5, 0.5),
    )
    y = ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(y, np.clip(x + 0.1, 0, 1), rtol=1e-4, atol=1e-5)


def test_random_color_jitter_without_factors_is_the_identity():
    x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")
    y = cornu.layers.RandomColorJitter()(x)
    np.testing.assert_array_equal(ops.convert_to_numpy(y), x)


def test_random_color_jitter_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")
    kwargs = {
        "value_range": (0, 1),
        "brightness_factor": 0.3,
        "hue_factor": 0.3,
        "seed": 3,
    }
    a = cornu.layers.RandomColorJitter(**kwargs)
    b = cornu.layers.RandomColorJitter.from_config(a.get_config())
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


def test_random_color_jitter_rejects_bad_factors():
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomColorJitter(brightness_factor=2.0)
