"""RandomPosterization: a NumPy bit-mask reference for the drawn bit
counts, value ranges, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_posterization_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomPosterization,
        init_kwargs={"factor": 4, "seed": 1, "value_range": (0, 1)},
        input_data=np.random.default_rng(0)
        .random((2, 3, 3, 3))
        .astype("float32"),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("value_range", [(0, 255), (0, 1)])
def test_random_posterization_matches_numpy(value_range):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (6, 3, 3, 3))
    x = (pixels * value_range[1] / 255).astype("float32")
    layer = cornu.layers.RandomPosterization(
        (2, 7), value_range=value_range, seed=3
    )
    t = layer.get_random_transformation(x)
    shift = ops.convert_to_numpy(t["shift_factor"]).astype(int)
    assert np.all((shift >= 1) & (shift <= 6))
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    as_uint8 = (x.astype("f8") / value_range[1] * 255).astype(np.uint8)
    kept = (as_uint8 >> shift[:, None, None, None]) << shift[
        :, None, None, None
    ]
    want = kept * value_range[1] / 255
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)


def test_random_posterization_seeds_and_inference():
    x = np.random.default_rng(0).uniform(0, 255, (4, 2, 2, 3)).astype("f4")
    a, b = (cornu.layers.RandomPosterization(6, seed=3) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize("factor", [0, 9, (0, 4)])
def test_random_posterization_rejects_bad_factors(factor):
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomPosterization(factor)
