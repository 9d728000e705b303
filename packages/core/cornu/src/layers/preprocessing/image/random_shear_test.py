"""RandomShear: the layer harness, the NumPy affine reference, seeds,
inference, config round trip, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing.image import affine_reference
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_shear_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomShear,
        init_kwargs={"x_factor": 0.2, "y_factor": (0.1, 0.3), "seed": 1},
        input_shape=(2, 4, 5, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 4, 5, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_shear_matches_the_numpy_affine_reference(fmt):
    x = np.random.default_rng(1).random((4, 6, 5, 2)).astype("float32")
    layer = cornu.layers.RandomShear(
        0.3, 0.2, fill_mode="constant", seed=2, data_format=fmt
    )
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    sx, sy = ops.convert_to_numpy(t["shear_factor"]).T
    ones, zeros = np.ones(4), np.zeros(4)
    transforms = np.stack(
        [ones, sx, zeros, sy, ones, zeros, zeros, zeros], axis=1
    )
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    np.testing.assert_allclose(
        y, affine_reference.affine(x, transforms), rtol=1e-4, atol=1e-5
    )
    assert np.all(np.abs(sx) <= 0.3) and np.all(np.abs(sy) <= 0.2)


def test_random_shear_seeds_inference_and_config():
    x = np.random.default_rng(0).random((2, 5, 5, 1)).astype("float32")
    a = cornu.layers.RandomShear(0.3, seed=7)
    b = cornu.layers.RandomShear.from_config(a.get_config())
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)
    assert a.x_factor == (-0.3, 0.3)
    # Written as Keras 3.15 can read it back (it refuses negative bounds).
    assert a.get_config()["x_factor"] == 0.3
    c = cornu.layers.RandomShear((0.1, 0.3))
    assert c.get_config()["x_factor"] == (0.1, 0.3)
    d = cornu.layers.RandomShear.from_config({"x_factor": [-0.3, 0.3]})
    assert d.x_factor == (-0.3, 0.3)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"x_factor": 1.5}, "x_factor"),
        ({"y_factor": (0.1, 2.0)}, "y_factor"),
        ({"fill_mode": "x"}, "fill_mode"),
        ({"interpolation": "area"}, "interpolation"),
    ],
)
def test_random_shear_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomShear(**kwargs)
