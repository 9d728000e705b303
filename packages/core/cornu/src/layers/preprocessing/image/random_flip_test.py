"""RandomFlip: the layer harness, NumPy flips for the drawn
transformation, seeds, training vs inference, formats, masks, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_flip_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomFlip,
        init_kwargs={"mode": "horizontal", "seed": 1},
        input_shape=(2, 3, 4, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 4, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize(
    "mode", ["horizontal", "vertical", "horizontal_and_vertical"]
)
@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_flip_applies_the_drawn_flips(mode, fmt):
    x = np.random.default_rng(0).random((8, 3, 4, 2)).astype("float32")
    layer = cornu.layers.RandomFlip(mode, seed=3, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    flips = ops.convert_to_numpy(t["flips"]).reshape(-1)
    for i, flip in enumerate(flips):
        want = x[i]
        if flip and mode != "vertical":
            want = want[:, ::-1]
        if flip and mode != "horizontal":
            want = want[::-1]
        np.testing.assert_array_equal(y[i], want)
    assert 0 < flips.sum() < 8  # seed 3 flips some, not all


def test_random_flip_seeds_and_inference():
    x = np.random.default_rng(0).random((16, 3, 3, 1)).astype("float32")
    a = cornu.layers.RandomFlip(seed=5)
    b = cornu.layers.RandomFlip(seed=5)
    first = ops.convert_to_numpy(a(x))
    np.testing.assert_array_equal(first, ops.convert_to_numpy(b(x)))
    assert not np.array_equal(first, ops.convert_to_numpy(a(x)))
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


def test_random_flip_moves_masks_and_keeps_labels():
    x = np.arange(8, dtype="float32").reshape(2, 1, 4, 1)
    layer = cornu.layers.RandomFlip("horizontal", seed=2)
    out = layer(
        {"images": x, "segmentation_masks": x, "labels": np.eye(2)},
        training=True,
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["images"]),
        ops.convert_to_numpy(out["segmentation_masks"]),
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["labels"]), np.eye(2)
    )


def test_random_flip_rejects_bad_modes():
    with pytest.raises(ValueError, match="mode"):
        cornu.layers.RandomFlip("diagonal")
