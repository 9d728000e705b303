"""RandomSaturation: grayscale and identity end points, a colorsys
reference for the drawn factors, seeds, inference, errors."""

import colorsys

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_saturation_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomSaturation,
        init_kwargs={"factor": 0.4, "seed": 1, "value_range": (0, 1)},
        input_data=np.random.default_rng(0)
        .random((2, 3, 3, 3))
        .astype("float32"),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


def test_random_saturation_matches_colorsys():
    x = np.random.default_rng(1).random((3, 2, 2, 3)).astype("float32")
    layer = cornu.layers.RandomSaturation(
        (0.2, 0.8), value_range=(0, 1), seed=2
    )
    t = layer.get_random_transformation(x)
    scale = ops.convert_to_numpy(t["factor"])
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    for b in range(3):
        for i in range(2):
            for j in range(2):
                h, s, v = colorsys.rgb_to_hsv(*x[b, i, j])
                want = colorsys.hsv_to_rgb(h, min(s * scale[b], 1.0), v)
                np.testing.assert_allclose(
                    y[b, i, j], want, rtol=1e-4, atol=1e-5
                )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_saturation_end_points(fmt):
    x = np.random.default_rng(1).random((2, 3, 3, 3)).astype("float32")
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    gray = cornu.layers.RandomSaturation((0.0, 0.0), data_format=fmt)(xf)
    gray = ops.convert_to_numpy(gray)
    if fmt == "channels_first":
        gray = gray.transpose(0, 2, 3, 1)
    np.testing.assert_allclose(
        gray, np.repeat(x.max(axis=-1, keepdims=True), 3, -1), rtol=1e-5
    )
    same = cornu.layers.RandomSaturation((0.5, 0.5), data_format=fmt)(xf)
    np.testing.assert_allclose(
        ops.convert_to_numpy(same), xf, rtol=1e-4, atol=1e-5
    )


def test_random_saturation_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 3, 3, 3)).astype("float32")
    a, b = (cornu.layers.RandomSaturation(0.9, seed=3) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize("factor", [1.5, -0.5])
def test_random_saturation_rejects_bad_factors(factor):
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomSaturation(factor)


@pytest.mark.parametrize(
    "stored, factor",
    [([-0.4, 0.4], (0.0, 0.4)), ([0.2, 0.4], (0.2, 0.4)), (0.4, (0.0, 0.4))],
)
def test_random_saturation_reads_keras_written_factors(stored, factor):
    # Keras 3.15 writes a float `f` as `[-f, f]`: read back as `f`.
    config = {"factor": stored, "seed": 1}
    layer = cornu.layers.RandomSaturation.from_config(config)
    np.testing.assert_allclose(layer.factor, factor)


def test_random_saturation_from_config_refuses_other_negative_pairs():
    # Layer.from_config reports the constructor's ValueError as TypeError.
    with pytest.raises(TypeError, match="factor"):
        cornu.layers.RandomSaturation.from_config({"factor": [-0.4, 0.3]})
