"""ContrastLimitedAdaptiveHistogramEqualization: a NumPy reference (loops
over tiles and pixels), both data formats, padding to whole tiles, clip
limits, value ranges, dtypes, unbatched input, the layer checks, config,
errors."""

import math

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test

CLAHE = cornu.layers.ContrastLimitedAdaptiveHistogramEqualization


def reference_clahe(image, grid, clip_limit):
    """CLAHE of one `(height, width)` float image in `[0, 255]`, written
    from Keras 3's description: symmetric padding to whole tiles, 256-bin
    histograms per tile clipped at `clip_limit * pixels / 256` with the
    excess spread evenly, mappings `(cdf - cdf[0]) * 255 / (pixels -
    cdf[0])`, and per pixel the bilinear blend of the four surrounding
    tiles' mappings at tile coordinates `y / tile_h - 0.5` (edge tiles
    repeated)."""
    height, width = image.shape
    grid_h, grid_w = grid
    tile_h, tile_w = math.ceil(height / grid_h), math.ceil(width / grid_w)
    padded = np.pad(
        image,
        ((0, tile_h * grid_h - height), (0, tile_w * grid_w - width)),
        mode="symmetric",
    )
    values = np.clip(padded, 0, 255).astype(np.int64)
    pixels = tile_h * tile_w
    maps = np.zeros((grid_h, grid_w, 256))
    for r in range(grid_h):
        for c in range(grid_w):
            tile = values[
                r * tile_h : (r + 1) * tile_h, c * tile_w : (c + 1) * tile_w
            ]
            hist = np.bincount(tile.ravel(), minlength=256).astype(float)
            if clip_limit > 0:
                limit = clip_limit * pixels / 256
                excess = np.maximum(hist - limit, 0).sum()
                hist = np.minimum(hist, limit) + excess / 256
            cdf = np.cumsum(hist)
            denominator = pixels - cdf[0] or 1.0
            maps[r, c] = np.clip((cdf - cdf[0]) * 255 / denominator, 0, 255)
    out = np.zeros((height, width))
    for y in range(height):
        ty = y / tile_h - 0.5
        r0 = math.floor(ty)
        wy = ty - r0
        for x in range(width):
            tx = x / tile_w - 0.5
            c0 = math.floor(tx)
            wx = tx - c0
            v = values[y, x]

            def at(r, c, v=v):
                r = min(max(r, 0), grid_h - 1)
                c = min(max(c, 0), grid_w - 1)
                return maps[r, c, v]

            top = at(r0, c0) * (1 - wx) + at(r0, c0 + 1) * wx
            bottom = at(r0 + 1, c0) * (1 - wx) + at(r0 + 1, c0 + 1) * wx
            out[y, x] = top * (1 - wy) + bottom * wy
    return out


def reference(images, grid, clip_limit, value_range=(0, 255)):
    """The reference over a channels-last batch, with the value range."""
    lo, hi = value_range
    x = (images.astype(np.float64) - lo) / (hi - lo) * 255.0
    out = np.zeros_like(x)
    for b in range(x.shape[0]):
        for ch in range(x.shape[-1]):
            out[b, ..., ch] = reference_clahe(x[b, ..., ch], grid, clip_limit)
    return out / 255.0 * (hi - lo) + lo


def _images(shape, seed=0, low=0.0, high=255.0):
    rng = np.random.default_rng(seed)
    # Low-contrast blobs, so that the clip limit matters.
    x = rng.normal(0.5, 0.08, shape) * (high - low) + low
    return np.clip(x, low, high).astype("float32")


def _call(layer, x, fmt):
    if fmt == "channels_first":
        x = x.transpose(0, 3, 1, 2)
    y = ops.convert_to_numpy(layer(x))
    return y if fmt == "channels_last" else y.transpose(0, 2, 3, 1)


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
@pytest.mark.parametrize(
    ("shape", "grid", "clip_limit"),
    [
        ((2, 16, 16, 3), (4, 4), 4.0),  # whole tiles
        ((1, 13, 10, 2), (3, 4), 2.0),  # padded to whole tiles
        ((2, 9, 12, 1), (2, 3), 0.0),  # no clipping
        ((1, 3, 5, 1), (8, 8), 4.0),  # padding longer than the image
    ],
)
def test_clahe_matches_numpy(fmt, shape, grid, clip_limit):
    x = _images(shape)
    layer = CLAHE(clip_limit=clip_limit, tile_grid_size=grid, data_format=fmt)
    # float32 against float64: the blend of mappings up to 255 loses
    # ~1e-5 absolute.
    np.testing.assert_allclose(
        _call(layer, x, fmt), reference(x, grid, clip_limit), atol=2e-4
    )


@pytest.mark.parametrize("value_range", [(0, 1), (-1, 1)])
def test_clahe_maps_the_value_range(value_range):
    x = _images((2, 8, 8, 3), seed=1, low=value_range[0], high=value_range[1])
    layer = CLAHE(value_range=value_range, tile_grid_size=(2, 2))
    y = _call(layer, x, "channels_last")
    want = reference(x, (2, 2), 4.0, value_range)
    np.testing.assert_allclose(y, want, atol=1e-6)
    assert y.min() >= value_range[0] and y.max() <= value_range[1]


def test_clahe_applies_in_training_and_inference_alike():
    x = _images((1, 8, 8, 1), seed=2)
    layer = CLAHE(tile_grid_size=(2, 2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(layer(x, training=False)),
        ops.convert_to_numpy(layer(x, training=True)),
    )
    assert not np.allclose(ops.convert_to_numpy(layer(x)), x)


@pytest.mark.parametrize("dtype", ["int32", "uint8"])
def test_clahe_keeps_integer_dtypes(dtype):
    x = _images((2, 8, 8, 3), seed=3)
    y = CLAHE(tile_grid_size=(2, 2))(x.astype(dtype))
    assert ops.convert_to_numpy(y).dtype == np.dtype(dtype)
    # The float result, truncated as the cast does.
    want = np.trunc(reference(np.trunc(x), (2, 2), 4.0))
    got = ops.convert_to_numpy(y).astype(np.float64)
    # Values within float32 rounding of an integer may truncate either way.
    assert np.mean(got == want) > 0.99
    np.testing.assert_allclose(got, want, atol=1.0)


def test_clahe_unbatched_image():
    x = _images((1, 12, 8, 2), seed=4)
    layer = CLAHE(tile_grid_size=(3, 2))
    np.testing.assert_allclose(
        ops.convert_to_numpy(layer(x[0])),
        ops.convert_to_numpy(layer(x))[0],
        rtol=1e-6,
    )


def test_clahe_passes_the_layer_checks():
    for fmt, shape in (
        ("channels_last", (1, 4, 4, 3)),
        ("channels_first", (1, 3, 4, 4)),
    ):
        run_layer_test(
            CLAHE,
            init_kwargs={"data_format": fmt, "tile_grid_size": (2, 2)},
            input_shape=shape,
            expected_output_shape=shape,
            expected_num_trainable_weights=0,
            expected_num_non_trainable_weights=0,
        )


def test_clahe_config_round_trip_and_defaults():
    layer = CLAHE()
    config = layer.get_config()
    assert config["value_range"] == [0, 255]
    assert config["clip_limit"] == 4.0
    assert config["tile_grid_size"] == (8, 8)
    clone = CLAHE.from_config(
        {**config, "tile_grid_size": [2, 2], "clip_limit": 1.5}
    )
    assert clone.tile_grid_size == (2, 2) and clone.clip_limit == 1.5
    symbolic = clone(cornu.Input((6, 6, 3)))
    assert symbolic.shape == (None, 6, 6, 3)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"tile_grid_size": (0, 2)}, r"tile_grid_size=\(0, 2\)"),
        ({"tile_grid_size": 8}, "tile_grid_size=8"),
        ({"tile_grid_size": (2.0, 2)}, r"tile_grid_size=\(2.0, 2\)"),
        ({"clip_limit": "4"}, "clip_limit='4'"),
        ({"clip_limit": True}, "clip_limit=True"),
        ({"value_range": (0,)}, r"value_range=\(0,\)"),
    ],
)
def test_clahe_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        CLAHE(**kwargs)


def test_clahe_rejects_images_of_the_wrong_rank():
    with pytest.raises(ValueError, match="rank 3"):
        CLAHE()(np.zeros((4, 4), "float32"))
