"""Resizing: the layer harness, NumPy references (bilinear at pixel
centres, nearest), aspect-ratio options, dtypes, data formats, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def _bilinear_1d_weights(out_size, in_size):
    # Half-pixel centres: the output pixel i samples (i + 0.5) * s - 0.5.
    scale = in_size / out_size
    w = np.zeros((out_size, in_size))
    for i in range(out_size):
        src = (i + 0.5) * scale - 0.5
        src = min(max(src, 0.0), in_size - 1)
        lo = int(np.floor(src))
        hi = min(lo + 1, in_size - 1)
        frac = src - lo
        w[i, lo] += 1 - frac
        w[i, hi] += frac
    return w


@pytest.mark.parametrize("training", [True, False])
def test_resizing_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.Resizing,
        init_kwargs={"height": 3, "width": 5, "interpolation": "nearest"},
        input_shape=(2, 6, 4, 3),
        call_kwargs={"training": training},
        expected_output_shape=(2, 3, 5, 3),
        expected_num_trainable_weights=0,
        expected_num_non_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_resizing_bilinear_upsampling_matches_numpy(fmt):
    # Upsampling (no antialiasing question): a separable product of 1-D
    # interpolation matrices.
    x = np.random.default_rng(1).random((2, 3, 4, 2)).astype("float32")
    wy, wx = _bilinear_1d_weights(5, 3), _bilinear_1d_weights(7, 4)
    want = np.einsum("ih,jw,bhwc->bijc", wy, wx, x)
    if fmt == "channels_first":
        x, want = x.transpose(0, 3, 1, 2), want.transpose(0, 3, 1, 2)
    y = cornu.layers.Resizing(5, 7, data_format=fmt)(x)
    np.testing.assert_allclose(
        ops.convert_to_numpy(y), want, rtol=1e-5, atol=1e-6
    )


def test_resizing_nearest_downsampling_picks_centre_pixels():
    x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
    y = cornu.layers.Resizing(2, 2, interpolation="nearest")(x)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(y)[0, ..., 0], x[0, 1::2, 1::2, 0]
    )


def test_resizing_aspect_ratio_options():
    x = np.arange(24, dtype="float32").reshape(1, 4, 6, 1)
    crop = cornu.layers.Resizing(
        4, 4, crop_to_aspect_ratio=True, interpolation="nearest"
    )(x)
    np.testing.assert_array_equal(ops.convert_to_numpy(crop), x[:, :, 1:5])
    pad = cornu.layers.Resizing(
        6, 6, pad_to_aspect_ratio=True, fill_value=-1.0, interpolation="nearest"
    )(x)
    pad = ops.convert_to_numpy(pad)
    np.testing.assert_array_equal(pad[0, 0, :, 0], -np.ones(6))
    np.testing.assert_array_equal(pad[0, 1:5, :, 0], x[0, :, :, 0])


def test_resizing_keeps_integer_dtypes_and_unbatched_inputs():
    x = np.full((4, 4, 3), 200, "uint8")
    y = cornu.layers.Resizing(2, 3)(x)
    assert tuple(ops.shape(y)) == (2, 3, 3)
    assert str(ops.convert_to_numpy(y).dtype) == "uint8"
    assert (ops.convert_to_numpy(y) == 200).all()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"height": 0, "width": 2}, "height"),
        ({"height": 2, "width": 2.5}, "width"),
        ({"height": 2, "width": 2, "interpolation": "cubic"}, "interpolation"),
        ({"height": 2, "width": 2, "fill_mode": "reflect"}, "fill_mode"),
        (
            {
                "height": 2,
                "width": 2,
                "crop_to_aspect_ratio": True,
                "pad_to_aspect_ratio": True,
            },
            "only one of",
        ),
        ({"height": 2, "width": 2, "data_format": "nhwc"}, "data_format"),
    ],
)
def test_resizing_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.Resizing(**kwargs)


def test_resizing_rejects_bad_ranks():
    with pytest.raises(ValueError, match="rank 3"):
        cornu.layers.Resizing(2, 2)(np.ones((2, 2), "float32"))
