"""RandomZoom: the layer harness, the NumPy affine reference, shared
height/width draws, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing.image import affine_reference
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_zoom_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomZoom,
        init_kwargs={"height_factor": 0.2, "seed": 1},
        input_shape=(2, 4, 5, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 4, 5, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_zoom_matches_the_numpy_affine_reference(fmt):
    x = np.random.default_rng(1).random((3, 6, 5, 2)).astype("float32")
    layer = cornu.layers.RandomZoom(
        0.4, (-0.3, 0.2), fill_mode="constant", seed=2, data_format=fmt
    )
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    zy = ops.convert_to_numpy(t["height_zoom"])[:, 0]
    zx = ops.convert_to_numpy(t["width_zoom"])[:, 0]
    zeros = np.zeros(3)
    transforms = np.stack(
        [zx, zeros, 2.0 * (1 - zx), zeros, zy, 2.5 * (1 - zy), zeros, zeros],
        axis=1,
    )
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    np.testing.assert_allclose(
        y, affine_reference.affine(x, transforms), rtol=1e-4, atol=1e-5
    )
    assert np.all((zy >= 0.6) & (zy <= 1.4))
    assert np.all((zx >= 0.7) & (zx <= 1.2))


def test_random_zoom_without_width_factor_keeps_the_aspect_ratio():
    layer = cornu.layers.RandomZoom(0.5, seed=3)
    t = layer.get_random_transformation(np.ones((4, 3, 3, 1), "float32"))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(t["height_zoom"]),
        ops.convert_to_numpy(t["width_zoom"]),
    )


def test_random_zoom_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 5, 5, 1)).astype("float32")
    a = cornu.layers.RandomZoom(0.3, seed=7)
    b = cornu.layers.RandomZoom(0.3, seed=7)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"height_factor": -1.0}, "height_factor"),
        ({"height_factor": 0.1, "width_factor": 2.0}, "width_factor"),
        ({"height_factor": 0.1, "fill_mode": "x"}, "fill_mode"),
        ({"height_factor": 0.1, "interpolation": "area"}, "interpolation"),
    ],
)
def test_random_zoom_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomZoom(**kwargs)
