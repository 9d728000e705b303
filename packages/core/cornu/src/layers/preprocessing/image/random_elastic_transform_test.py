"""RandomElasticTransform: the layer harness, the sampling against a
NumPy bilinear reference for the drawn field, identity cases, seeds,
clipping, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def _sample(image, src_y, src_x):
    # Bilinear, reflect-free: the test keeps points inside the image.
    h, w, _ = image.shape
    src_y = np.clip(src_y, 0, h - 1)
    src_x = np.clip(src_x, 0, w - 1)
    y0 = np.minimum(np.floor(src_y).astype(int), h - 2)
    x0 = np.minimum(np.floor(src_x).astype(int), w - 2)
    fy, fx = (src_y - y0)[..., None], (src_x - x0)[..., None]
    return (
        (1 - fy) * (1 - fx) * image[y0, x0]
        + (1 - fy) * fx * image[y0, x0 + 1]
        + fy * (1 - fx) * image[y0 + 1, x0]
        + fy * fx * image[y0 + 1, x0 + 1]
    )


@pytest.mark.parametrize("training", [True, False])
def test_random_elastic_transform_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomElasticTransform,
        init_kwargs={"scale": 0.5, "seed": 1, "value_range": (-5, 5)},
        input_shape=(2, 8, 8, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 8, 8, 2),
        expected_num_trainable_weights=0,
    )


def test_random_elastic_transform_samples_the_displaced_points():
    x = np.random.default_rng(0).random((2, 10, 10, 2)).astype("float32")
    layer = cornu.layers.RandomElasticTransform(
        factor=(1.0, 1.0), scale=0.2, seed=3, value_range=(0, 1)
    )
    t = layer.get_random_transformation(x)
    shift = ops.convert_to_numpy(t["displacement"])
    yy, xx = np.meshgrid(np.arange(10), np.arange(10), indexing="ij")
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    for b in range(2):
        src_y, src_x = yy + shift[b, ..., 1], xx + shift[b, ..., 0]
        inside = (src_y >= 0) & (src_y <= 9) & (src_x >= 0) & (src_x <= 9)
        want = _sample(x[b], src_y, src_x)
        np.testing.assert_allclose(
            y[b][inside], want[inside], rtol=1e-4, atol=1e-5
        )
    assert np.abs(shift).max() > 0


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_elastic_transform_zero_scale_is_the_identity(fmt):
    x = np.random.default_rng(0).random((2, 3, 6, 6)).astype("float32")
    layer = cornu.layers.RandomElasticTransform(scale=0.0, data_format=fmt)
    assert layer.get_random_transformation(x) is None
    np.testing.assert_array_equal(ops.convert_to_numpy(layer(x)), x)


def test_random_elastic_transform_seeds_clip_and_inference():
    x = np.random.default_rng(0).random((2, 8, 8, 1)).astype("float32") * 9
    a, b = (
        cornu.layers.RandomElasticTransform(seed=4, value_range=(0, 5))
        for _ in range(2)
    )
    ya = ops.convert_to_numpy(a(x))
    np.testing.assert_array_equal(ya, ops.convert_to_numpy(b(x)))
    assert ya.max() <= 5.0
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"scale": 1.5}, "scale"),
        ({"factor": -0.5}, "factor"),
        ({"interpolation": "bicubic"}, "interpolation"),
        ({"fill_mode": "edge"}, "fill_mode"),
        ({"value_range": (0,)}, "value_range"),
    ],
)
def test_random_elastic_transform_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomElasticTransform(**kwargs)
