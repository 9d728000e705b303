"""RandomInvert: the reference for the drawn choices, seeds, inference,
errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_invert_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomInvert,
        init_kwargs={"factor": 0.5, "seed": 1},
        input_shape=(2, 3, 3, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


def test_random_invert_applies_the_drawn_choices():
    x = np.random.default_rng(0).uniform(0, 2, (8, 2, 2, 1)).astype("f4")
    layer = cornu.layers.RandomInvert(0.8, value_range=(0, 2), seed=4)
    t = layer.get_random_transformation(x)
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    chosen = ops.convert_to_numpy(t["apply_inversion"])
    want = np.where(chosen[:, None, None, None], 2.0 - x, x)
    np.testing.assert_allclose(y, want, rtol=1e-6)
    assert 0 < chosen.sum() < 8


def test_random_invert_seeds_and_inference():
    x = np.random.default_rng(0).random((4, 2, 2, 3)).astype("float32")
    a, b = (cornu.layers.RandomInvert(seed=3) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


def test_random_invert_rejects_bad_arguments():
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomInvert(1.5)
    with pytest.raises(ValueError, match="value_range"):
        cornu.layers.RandomInvert(value_range="0-255")
