"""blur_utils: the tensor-sigma Gaussian blur against NumPy."""

import numpy as np
import pytest

from cornu import ops
from cornu.src.layers.preprocessing.image import blur_utils


def test_gaussian_taps_are_normalised():
    taps = ops.convert_to_numpy(blur_utils.gaussian_taps(5, 1.5))
    x = np.arange(5) - 2.0
    want = np.exp(-0.5 * (x / 1.5) ** 2)
    np.testing.assert_allclose(taps, want / want.sum(), rtol=1e-6)


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_gaussian_blur_matches_numpy(fmt):
    x = np.random.default_rng(0).random((2, 5, 6, 3)).astype("float32")
    taps_h = np.exp(-0.5 * ((np.arange(3) - 1.0) / 0.8) ** 2)
    taps_w = np.exp(-0.5 * ((np.arange(5) - 2.0) / 1.2) ** 2)
    taps_h, taps_w = taps_h / taps_h.sum(), taps_w / taps_w.sum()
    padded = np.pad(x, ((0, 0), (1, 1), (2, 2), (0, 0)))
    want = sum(
        taps_h[i] * taps_w[j] * padded[:, i : i + 5, j : j + 6]
        for i in range(3)
        for j in range(5)
    )
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    y = ops.convert_to_numpy(
        blur_utils.gaussian_blur(
            ops.convert_to_tensor(xf), (3, 5), (0.8, 1.2), fmt
        )
    )
    if fmt == "channels_first":
        y = y.transpose(0, 2, 3, 1)
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)
