"""RandomGrayscale: the luma reference, probabilities 0 and 1, drawn
choices, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test

_LUMA = np.array([0.2989, 0.587, 0.114])


@pytest.mark.parametrize("training", [True, False])
def test_random_grayscale_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomGrayscale,
        init_kwargs={"factor": 0.5, "seed": 1},
        input_shape=(2, 3, 3, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_grayscale_applies_the_drawn_choices(fmt):
    x = np.random.default_rng(0).random((8, 2, 3, 3)).astype("float32")
    layer = cornu.layers.RandomGrayscale(0.5, seed=4, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    chosen = ops.convert_to_numpy(t).reshape(-1)
    gray = np.repeat((x @ _LUMA)[..., None], 3, axis=-1)
    want = np.where(chosen[:, None, None, None], gray, x)
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)
    assert 0 < chosen.sum() < 8


def test_random_grayscale_probability_end_points_and_inference():
    x = np.random.default_rng(0).random((3, 2, 2, 3)).astype("float32")
    np.testing.assert_array_equal(
        ops.convert_to_numpy(cornu.layers.RandomGrayscale(0.0)(x)), x
    )
    y = ops.convert_to_numpy(cornu.layers.RandomGrayscale(1.0)(x))
    assert np.allclose(y[..., 0], y[..., 2])
    layer = cornu.layers.RandomGrayscale(1.0, seed=1)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(layer(x, training=False)), x
    )


@pytest.mark.parametrize("factor", [1.5, -0.1, "a", (0.1, 0.2)])
def test_random_grayscale_rejects_bad_factors(factor):
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.RandomGrayscale(factor)
