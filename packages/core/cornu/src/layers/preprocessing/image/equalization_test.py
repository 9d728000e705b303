"""Equalization: a NumPy per-image, per-channel reference, bins, value
ranges, data formats, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def _equalize(channel, bins):
    # `channel` holds values in [0, 255].
    index = np.clip((channel * (bins - 1) / 255).astype(int), 0, bins - 1)
    hist = np.bincount(index.ravel(), minlength=bins)
    if np.count_nonzero(hist) <= 1:
        return channel
    cdf = np.cumsum(hist)
    cdf_min = cdf[np.nonzero(cdf)[0][0]]
    table = np.clip(
        np.round((cdf - cdf_min) * 255 / (cdf[-1] - cdf_min)), 0, 255
    )
    return table[index]


@pytest.mark.parametrize("training", [True, False])
def test_equalization_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.Equalization,
        init_kwargs={"value_range": (-3, 3), "bins": 16},
        input_shape=(2, 3, 3, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 3, 3),
        expected_num_trainable_weights=0,
        expected_num_non_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
@pytest.mark.parametrize("bins", [256, 32])
def test_equalization_matches_numpy(fmt, bins):
    rng = np.random.default_rng(0)
    x = rng.integers(30, 120, (3, 6, 5, 3)).astype("float32")
    x[2, ..., 1] = 77.0  # a single-bin channel is unchanged
    want = np.empty_like(x)
    for b in range(3):
        for c in range(3):
            want[b, ..., c] = _equalize(x[b, ..., c], bins)
    layer = cornu.layers.Equalization(bins=bins, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    y = ops.convert_to_numpy(layer(xf))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    np.testing.assert_allclose(y, want, rtol=1e-6)


def test_equalization_value_range_and_inference():
    x = np.array([[[[0.1], [0.2], [0.2], [0.3]]]], "float32")
    layer = cornu.layers.Equalization(value_range=(0, 1))
    y = ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(y.ravel(), [0.0, 2 / 3, 2 / 3, 1.0], rtol=1e-5)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(layer(x, training=False)), x
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"bins": 1}, "bins"),
        ({"bins": 2.5}, "bins"),
        ({"value_range": [1]}, "value_range"),
    ],
)
def test_equalization_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.Equalization(**kwargs)
