"""Solarization: a NumPy reference for the drawn additions and
thresholds, fixed factors, value ranges, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_solarization_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.Solarization,
        init_kwargs={
            "addition_factor": 0.2,
            "threshold_factor": 0.5,
            "seed": 1,
        },
        input_shape=(2, 3, 3, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("value_range", [(0, 255), (-1, 1)])
def test_solarization_matches_numpy(value_range):
    lo, hi = value_range
    x = np.random.default_rng(0).uniform(lo, hi, (4, 3, 3, 3)).astype("f4")
    layer = cornu.layers.Solarization(
        0.3, (0.2, 0.8), value_range=value_range, seed=2
    )
    t = layer.get_random_transformation(x)
    add = ops.convert_to_numpy(t["additions"])
    thr = ops.convert_to_numpy(t["thresholds"])
    assert np.all((add >= 0) & (add <= 0.3 * 255))
    assert np.all((thr >= 0.2 * 255) & (thr <= 0.8 * 255))
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    z = np.clip((x - lo) / (hi - lo) * 255 + add, 0, 255)
    z = np.where(z < thr, z, 255 - z)
    np.testing.assert_allclose(
        y, z / 255 * (hi - lo) + lo, rtol=1e-4, atol=1e-4
    )


def test_solarization_default_inverts_everything_and_fixed_factors():
    x = np.array([[[[10.0, 200.0]]]], "float32")
    y = cornu.layers.Solarization()(x)
    np.testing.assert_allclose(ops.convert_to_numpy(y), 255 - x)
    y = cornu.layers.Solarization(threshold_factor=(0.5, 0.5))(x)
    np.testing.assert_allclose(ops.convert_to_numpy(y), [[[[10.0, 55.0]]]])


def test_solarization_seeds_and_inference():
    x = np.random.default_rng(0).uniform(0, 255, (2, 3, 3, 3)).astype("f4")
    a, b = (cornu.layers.Solarization(0.5, 0.5, seed=3) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"addition_factor": 1.5}, "addition_factor"),
        ({"threshold_factor": -0.1}, "threshold_factor"),
        ({"value_range": (0,)}, "value_range"),
    ],
)
def test_solarization_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.Solarization(**kwargs)
