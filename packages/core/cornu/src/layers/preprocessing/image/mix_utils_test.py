"""mix_utils: window bounds and box masks."""

import numpy as np
import pytest

from cornu import ops
from cornu.src.layers.preprocessing.image import mix_utils


def test_crop_bounds_stay_inside():
    ratio = ops.convert_to_tensor([0.25, 0.5, 1.0])
    start, end = mix_utils.crop_bounds(3, 8, ratio, seed=1)
    start, end = ops.convert_to_numpy(start), ops.convert_to_numpy(end)
    np.testing.assert_allclose(end - start, [2.0, 4.0, 8.0], rtol=1e-6)
    assert np.all(start >= 0) and np.all(end <= 8 + 1e-6)


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_box_mask_matches_numpy(fmt):
    shape = (2, 4, 5, 3) if fmt == "channels_last" else (2, 3, 4, 5)
    mask = ops.convert_to_numpy(
        mix_utils.box_mask(
            shape,
            ops.convert_to_tensor([1.0, 0.0]),
            ops.convert_to_tensor([3.0, 5.0]),
            ops.convert_to_tensor([0.5, 2.0]),
            ops.convert_to_tensor([2.0, 4.0]),
            fmt,
        )
    )
    want = np.zeros((2, 4, 5), bool)
    want[0, 1:2, 1:3] = True
    want[1, 2:4, 0:5] = True
    got = mask[..., 0] if fmt == "channels_last" else mask[:, 0]
    np.testing.assert_array_equal(got, want)
