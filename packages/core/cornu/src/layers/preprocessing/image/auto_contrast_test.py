"""AutoContrast: a NumPy per-channel reference, constant channels, data
formats, training and inference alike, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def test_auto_contrast_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.AutoContrast,
        init_kwargs={"value_range": (-3, 3)},
        input_shape=(2, 3, 3, 3),
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
        expected_num_non_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
@pytest.mark.parametrize("training", [True, False])
def test_auto_contrast_matches_numpy(fmt, training):
    x = np.random.default_rng(0).uniform(0.2, 0.7, (2, 4, 3, 3)).astype("f4")
    x[1, ..., 2] = 0.5  # a constant channel is left unchanged
    lo = x.min(axis=(1, 2), keepdims=True)
    hi = x.max(axis=(1, 2), keepdims=True)
    span = np.where(hi > lo, hi - lo, 1.0)
    want = np.where(hi > lo, (x - lo) / span, x)
    layer = cornu.layers.AutoContrast(value_range=(0, 1), data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    y = ops.convert_to_numpy(layer(xf, training=training))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)


def test_auto_contrast_unbatched_uint8():
    x = np.array([[[50], [100], [150]]], "uint8")
    y = cornu.layers.AutoContrast()(x)
    np.testing.assert_allclose(
        ops.convert_to_numpy(y)[0, :, 0], [0.0, 127.5, 255.0], rtol=1e-6
    )


def test_auto_contrast_rejects_bad_value_ranges():
    with pytest.raises(ValueError, match="value_range"):
        cornu.layers.AutoContrast(value_range=(0, "a"))
