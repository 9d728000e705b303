"""RandomPerspective: the layer harness, identity cases, the corner
points drawn, per-image application, seeds, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_perspective_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomPerspective,
        init_kwargs={"scale": 0.3, "seed": 1},
        input_shape=(2, 4, 5, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 4, 5, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_perspective_zero_scale_is_the_identity(fmt):
    x = np.random.default_rng(0).random((2, 3, 6, 5)).astype("float32")
    layer = cornu.layers.RandomPerspective(scale=0.0, data_format=fmt)
    np.testing.assert_allclose(
        ops.convert_to_numpy(layer(x)), x, rtol=1e-5, atol=1e-5
    )


def test_random_perspective_draws_corner_offsets_within_scale():
    layer = cornu.layers.RandomPerspective(scale=0.4, seed=3)
    t = layer.get_random_transformation(np.ones((4, 6, 8, 1), "float32"))
    start = ops.convert_to_numpy(t["start_points"])
    end = ops.convert_to_numpy(t["end_points"])
    np.testing.assert_array_equal(start[0], [[0, 0], [7, 0], [0, 5], [7, 5]])
    ratio = np.divide(
        end - start, start, out=np.zeros_like(start), where=start != 0
    )
    assert np.all(np.abs(ratio) <= 0.2 + 1e-6)
    assert ops.convert_to_numpy(t["apply_perspective"]).dtype == bool


def test_random_perspective_factor_zero_never_applies():
    x = np.random.default_rng(0).random((3, 5, 5, 1)).astype("float32")
    layer = cornu.layers.RandomPerspective(factor=(0.0, 0.0), seed=1)
    np.testing.assert_array_equal(ops.convert_to_numpy(layer(x)), x)


def test_random_perspective_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 6, 6, 1)).astype("float32")
    a, b = (cornu.layers.RandomPerspective(seed=4) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"scale": 1.5}, "scale"),
        ({"factor": 2.0}, "factor"),
        ({"interpolation": "bicubic"}, "interpolation"),
    ],
)
def test_random_perspective_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomPerspective(**kwargs)
