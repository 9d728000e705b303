import numpy as np
import pytest

from cornu import ops
from cornu.src.optimizers import clipping

RNG = np.random.default_rng(9)
VALUES = [
    RNG.normal(size=(3, 4)).astype("float32"),
    None,
    RNG.normal(size=(5,)).astype("float32"),
]


@pytest.mark.parametrize("clip_norm", [0.5, 100.0])
def test_clip_by_norm_matches_numpy(clip_norm):
    x = VALUES[0]
    norm = np.sqrt(np.sum(x.astype("float64") ** 2))
    expected = x * clip_norm / max(norm, clip_norm)
    actual = clipping.clip_by_norm(ops.convert_to_tensor(x), clip_norm)
    np.testing.assert_allclose(
        ops.convert_to_numpy(actual), expected, rtol=1e-5
    )


def test_global_norm_skips_none():
    values = [None if v is None else ops.convert_to_tensor(v) for v in VALUES]
    expected = np.sqrt(
        sum(np.sum(v.astype("float64") ** 2) for v in VALUES if v is not None)
    )
    actual = float(ops.convert_to_numpy(clipping.global_norm(values)))
    assert actual == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize("clip_norm", [1.0, 100.0])
def test_clip_by_global_norm_matches_numpy(clip_norm):
    values = [None if v is None else ops.convert_to_tensor(v) for v in VALUES]
    norm = np.sqrt(
        sum(np.sum(v.astype("float64") ** 2) for v in VALUES if v is not None)
    )
    clipped = clipping.clip_by_global_norm(values, clip_norm)
    assert clipped[1] is None
    for actual, x in zip(clipped, VALUES, strict=True):
        if x is not None:
            np.testing.assert_allclose(
                ops.convert_to_numpy(actual),
                x * clip_norm / max(norm, clip_norm),
                rtol=1e-5,
            )
