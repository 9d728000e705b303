"""RandomRotation: the layer harness, a NumPy affine reference and exact
quarter turns, seeds, inference, formats, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing.image import affine_reference
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_rotation_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomRotation,
        init_kwargs={"factor": 0.2, "seed": 1},
        input_shape=(2, 4, 4, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 4, 4, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_rotation_quarter_turn_is_exact(fmt):
    # factor 0.25 turn = 90 degrees: out[y, x] = in[x, n - 1 - y].
    x = np.random.default_rng(0).random((2, 5, 5, 3)).astype("float32")
    want = np.stack([np.rot90(img, k=1) for img in x])
    layer = cornu.layers.RandomRotation((0.25, 0.25), data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    y = ops.convert_to_numpy(layer(xf))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-5)


def test_random_rotation_matches_the_numpy_affine_reference():
    x = np.random.default_rng(1).random((3, 6, 7, 2)).astype("float32")
    layer = cornu.layers.RandomRotation(
        0.1, fill_mode="constant", fill_value=0.5, seed=4
    )
    t = layer.get_random_transformation(x)
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    want = affine_reference.affine(
        x, ops.convert_to_numpy(t["rotation_matrix"]), 0.5
    )
    # The sampling points are computed in float32.
    np.testing.assert_allclose(y, want, rtol=1e-4, atol=1e-4)
    angles = ops.convert_to_numpy(t["angle"])
    assert np.all(np.abs(angles) <= 36.0) and np.ptp(angles) > 0


def test_random_rotation_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 5, 5, 1)).astype("float32")
    a = cornu.layers.RandomRotation(0.3, seed=7)
    b = cornu.layers.RandomRotation(0.3, seed=7)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"factor": 1.5}, "factor"),
        ({"factor": (0.1, 0.2, 0.3)}, "factor"),
        ({"factor": "0.1"}, "factor"),
        ({"factor": 0.1, "fill_mode": "mirror"}, "fill_mode"),
        ({"factor": 0.1, "interpolation": "bicubic"}, "interpolation"),
    ],
)
def test_random_rotation_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomRotation(**kwargs)
