"""RandomErasing: the drawn boxes and fills against NumPy, box sizes,
fill values, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_erasing_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomErasing,
        init_kwargs={"seed": 1, "value_range": (-5, 5)},
        input_shape=(2, 4, 4, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 4, 4, 3),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_erasing_fills_the_drawn_boxes(fmt):
    x = np.random.default_rng(0).uniform(0, 255, (6, 8, 8, 3)).astype("f4")
    layer = cornu.layers.RandomErasing(
        factor=0.7,
        scale=(0.1, 0.4),
        fill_value=(10.0, 20.0, 30.0),
        seed=2,
        data_format=fmt,
    )
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    mask = ops.convert_to_numpy(t["batch_masks"])
    apply = ops.convert_to_numpy(t["apply_erasing"])
    if fmt == "channels_first":
        y, mask = y.transpose(0, 2, 3, 1), mask.transpose(0, 2, 3, 1)
    fill = np.broadcast_to([10.0, 20.0, 30.0], x.shape)
    want = np.where(mask & apply[:, None, None, None], fill, x)
    np.testing.assert_array_equal(y, want)
    # A box is a rectangle of 1 to 8 pixels a side (sqrt of [0.1, 0.4]
    # times 8 = [2.5, 5.1] pixels, rounded by the pixel grid).
    rows = mask[..., 0].any(axis=2).sum(axis=1)
    cols = mask[..., 0].any(axis=1).sum(axis=1)
    assert np.all((rows >= 2) & (rows <= 6) & (cols >= 2) & (cols <= 6))
    np.testing.assert_array_equal(mask[..., 0].sum(axis=(1, 2)), rows * cols)


def test_random_erasing_default_fill_is_clipped_noise():
    x = np.full((2, 6, 6, 1), 0.5, "float32")
    layer = cornu.layers.RandomErasing(
        factor=(1.0, 1.0), value_range=(0, 1), seed=3
    )
    y = ops.convert_to_numpy(layer(x))
    assert np.all((y >= 0) & (y <= 1)) and np.any(y != 0.5)


def test_random_erasing_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 5, 5, 3)).astype("float32")
    a, b = (
        cornu.layers.RandomErasing(fill_value=0.0, seed=3) for _ in range(2)
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"fill_value": (1, 2)}, "fill_value"),
        ({"fill_value": "black"}, "fill_value"),
        ({"scale": 1.5}, "scale"),
        ({"factor": -0.5}, "factor"),
    ],
)
def test_random_erasing_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomErasing(**kwargs)
