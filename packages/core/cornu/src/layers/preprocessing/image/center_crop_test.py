"""CenterCrop: the layer harness, NumPy slices, smaller inputs, data
formats, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def test_center_crop_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.CenterCrop,
        init_kwargs={"height": 2, "width": 3},
        input_shape=(2, 5, 6, 3),
        expected_output_shape=(2, 2, 3, 3),
        expected_num_trainable_weights=0,
        expected_num_non_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
@pytest.mark.parametrize("batched", [True, False])
def test_center_crop_matches_numpy_slicing(fmt, batched):
    x = np.random.default_rng(0).random((2, 7, 6, 3)).astype("float32")
    want = x[:, 2:5, 1:5]
    if fmt == "channels_first":
        x, want = x.transpose(0, 3, 1, 2), want.transpose(0, 3, 1, 2)
    if not batched:
        x, want = x[0], want[0]
    y = cornu.layers.CenterCrop(3, 4, data_format=fmt)(x)
    np.testing.assert_array_equal(ops.convert_to_numpy(y), want)


def test_center_crop_resizes_smaller_inputs():
    # Target 8x4 from 4x4: the centred 4x2 window (aspect 2:1) is
    # resized; each column pair is constant, so the result is exact.
    x = np.tile(np.arange(4, dtype="float32"), (4, 1))[None, ..., None]
    y = ops.convert_to_numpy(cornu.layers.CenterCrop(8, 4)(x))
    assert y.shape == (1, 8, 4, 1)
    np.testing.assert_allclose(y[0, 0, :, 0], [1.0, 1.25, 1.75, 2.0])


def test_center_crop_casts_to_the_compute_dtype():
    y = cornu.layers.CenterCrop(1, 1)(np.ones((3, 3, 1), "uint8"))
    assert str(ops.convert_to_numpy(y).dtype) == "float32"


@pytest.mark.parametrize("height, width", [(0, 2), (2, -1), (2.0, 2)])
def test_center_crop_rejects_bad_sizes(height, width):
    with pytest.raises(ValueError, match="positive int"):
        cornu.layers.CenterCrop(height, width)
