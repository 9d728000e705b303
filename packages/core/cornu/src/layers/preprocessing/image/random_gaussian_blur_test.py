"""RandomGaussianBlur: the layer harness, a NumPy separable-blur
reference for the drawn sigmas, per-image application, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def _blur(image, size, sigma):
    # Zero-padded separable Gaussian on a (H, W, C) image.
    out = image.astype("f8")
    for axis, (k, s) in enumerate(zip(size, sigma, strict=True)):
        taps = np.exp(-0.5 * ((np.arange(k) - (k - 1) / 2) / s) ** 2)
        taps /= taps.sum()
        pad = [(0, 0)] * 3
        pad[axis] = (k // 2, k // 2)
        padded = np.pad(out, pad)
        out = sum(
            taps[i]
            * np.take(padded, np.arange(i, i + image.shape[axis]), axis=axis)
            for i in range(k)
        )
    return out


@pytest.mark.parametrize("training", [True, False])
def test_random_gaussian_blur_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandomGaussianBlur,
        init_kwargs={"seed": 1, "value_range": (-5, 5)},
        input_shape=(2, 5, 5, 2),
        call_kwargs={"training": training},
        expected_output_shape=(2, 5, 5, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_random_gaussian_blur_matches_numpy(fmt):
    x = np.random.default_rng(0).random((3, 6, 7, 2)).astype("float32")
    layer = cornu.layers.RandomGaussianBlur(
        factor=0.7,
        kernel_size=(3, 5),
        sigma=(0.5, 1.0),
        value_range=(0, 1),
        seed=2,
        data_format=fmt,
    )
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    t = layer.get_random_transformation(xf)
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    sigma = ops.convert_to_numpy(t["blur_factor"])
    apply = ops.convert_to_numpy(t["should_apply_blur"])
    assert np.all((sigma >= 0.5) & (sigma <= 1.0 + 1e-5))
    for b in range(3):
        want = _blur(x[b], (3, 5), sigma) if apply[b] else x[b]
        np.testing.assert_allclose(
            y[b], np.clip(want, 0, 1), rtol=1e-5, atol=1e-6
        )


def test_random_gaussian_blur_seeds_and_inference():
    x = np.random.default_rng(0).random((2, 5, 5, 1)).astype("float32")
    a, b = (cornu.layers.RandomGaussianBlur(seed=4) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"kernel_size": 4}, "kernel_size"),
        ({"kernel_size": (3, 3, 3)}, "kernel_size"),
        ({"sigma": 2.0}, "sigma"),
        ({"factor": 1.5}, "factor"),
    ],
)
def test_random_gaussian_blur_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandomGaussianBlur(**kwargs)
