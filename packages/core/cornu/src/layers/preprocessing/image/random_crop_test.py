"""RandomCrop: the layer harness, NumPy slices at the drawn position,
inference and small inputs (centred aspect crop + resize), errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_random_crop_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomCrop,
        init_kwargs={"height": 2, "width": 3, "seed": 1},
        input_shape=(2, 4, 5, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 2, 3, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_crop_slices_the_drawn_window(fmt):
    x = np.random.default_rng(0).random((2, 6, 7, 3)).astype("float32")
    layer = cornu.layers.RandomCrop(3, 4, seed=5, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    transformation = layer.get_random_transformation(xf)
    top, left = (
        int(ops.convert_to_numpy(transformation[k])) for k in ("top", "left")
    )
    assert 0 <= top <= 3 and 0 <= left <= 3
    y = ops.convert_to_numpy(layer.transform_images(xf, (top, left)))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    np.testing.assert_array_equal(y, x[:, top : top + 3, left : left + 4])


def test_random_crop_positions_vary_and_seeds_repeat():
    x = np.random.default_rng(0).random((1, 10, 10, 1)).astype("float32")
    a, b = (cornu.layers.RandomCrop(2, 2, seed=9) for _ in range(2))
    outs = [ops.convert_to_numpy(a(x)) for _ in range(6)]
    np.testing.assert_array_equal(outs[0], ops.convert_to_numpy(b(x)))
    assert len({o.tobytes() for o in outs}) > 1


def test_random_crop_inference_crops_the_centre_with_the_aspect_ratio():
    x = np.arange(36, dtype="float32").reshape(1, 6, 6, 1)
    y = cornu.layers.RandomCrop(3, 6, seed=1)(x, training=False)
    # The centred 3x6 window (aspect 1:2) is kept as is.
    np.testing.assert_allclose(ops.convert_to_numpy(y), x[:, 1:4])
    small = cornu.layers.RandomCrop(8, 8)(x, training=True)
    assert tuple(ops.shape(small)) == (1, 8, 8, 1)


@pytest.mark.parametrize("height, width", [(0, 2), (2, 1.5)])
def test_random_crop_rejects_bad_sizes(height, width):
    with pytest.raises(ValueError, match="positive int"):
        cornu.layers.RandomCrop(height, width)
