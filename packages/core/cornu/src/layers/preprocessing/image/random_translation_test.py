"""RandomTranslation: the layer harness, exact integer shifts, the NumPy
affine reference, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing.image import affine_reference
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_translation_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomTranslation,
        init_kwargs={"height_factor": 0.2, "width_factor": 0.3, "seed": 1},
        input_shape=(2, 4, 5, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 4, 5, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_translation_integer_shift_is_exact(fmt):
    # Height 4 * 0.25 = 1 pixel down, width 5 * -0.4 = 2 pixels left.
    x = np.random.default_rng(0).random((2, 4, 5, 3)).astype("float32")
    want = np.full_like(x, 7.0)
    want[:, 1:, :3] = x[:, :3, 2:]
    layer = cornu.layers.RandomTranslation(
        (0.25, 0.25),
        (-0.4, -0.4),
        fill_mode="constant",
        fill_value=7.0,
        data_format=fmt,
    )
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    y = ops.convert_to_numpy(layer(xf))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)


def test_random_translation_matches_the_numpy_affine_reference():
    x = np.random.default_rng(1).random((3, 6, 5, 2)).astype("float32")
    layer = cornu.layers.RandomTranslation(
        0.3, 0.3, fill_mode="constant", seed=2
    )
    t = layer.get_random_transformation(x)
    dx, dy = ops.convert_to_numpy(t["translations"]).T
    transforms = np.stack(
        [
            np.ones(3),
            np.zeros(3),
            -dx,
            np.zeros(3),
            np.ones(3),
            -dy,
            np.zeros(3),
            np.zeros(3),
        ],
        axis=1,
    )
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    want = affine_reference.affine(x, transforms)
    np.testing.assert_allclose(y, want, rtol=1e-4, atol=1e-5)
    assert np.all(np.abs(dy) <= 0.3 * 6) and np.all(np.abs(dx) <= 0.3 * 5)


def test_random_translation_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 5, 5, 1)).astype("float32")
    a = cornu.layers.RandomTranslation(0.3, 0.3, seed=7)
    b = cornu.layers.RandomTranslation(0.3, 0.3, seed=7)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"height_factor": 1.5, "width_factor": 0.1}, "height_factor"),
        ({"height_factor": 0.1, "width_factor": (0.1,)}, "width_factor"),
        (
            {"height_factor": 0.1, "width_factor": 0.1, "fill_mode": "x"},
            "fill_mode",
        ),
        (
            {
                "height_factor": 0.1,
                "width_factor": 0.1,
                "interpolation": "bicubic",
            },
            "interpolation",
        ),
    ],
)
def test_random_translation_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomTranslation(**kwargs)
