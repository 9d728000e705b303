"""MixUp: mixed images and labels against NumPy, seeds, inference,
errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_mix_up_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.MixUp,
        init_kwargs={"seed": 1},
        input_shape=(3, 4, 4, 2),
        call_kwargs={"training": training},
        expected_output_shape=(3, 4, 4, 2),
        expected_num_trainable_weights=0,
    )


def test_mix_up_matches_numpy():
    rng = np.random.default_rng(0)
    x = rng.random((5, 4, 4, 3)).astype("float32")
    labels = np.eye(5, dtype="float32")
    layer = cornu.layers.MixUp(alpha=0.5, seed=2)
    t = layer.get_random_transformation(x)
    perm = ops.convert_to_numpy(t["permutation_order"])
    w = ops.convert_to_numpy(t["mix_weight"])
    assert sorted(perm.tolist()) == list(range(5))
    assert np.all((w >= 0) & (w <= 1))
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    ly = ops.convert_to_numpy(layer.transform_labels(labels, t))
    wb = w[:, None, None, None]
    np.testing.assert_allclose(
        y, wb * x + (1 - wb) * x[perm], rtol=1e-5, atol=1e-6
    )
    np.testing.assert_allclose(
        ly,
        w[:, None] * labels + (1 - w[:, None]) * labels[perm],
        rtol=1e-5,
        atol=1e-6,
    )


def test_mix_up_seeds_and_inference():
    x = np.random.default_rng(0).random((4, 3, 3, 3)).astype("float32")
    a, b = (cornu.layers.MixUp(seed=3) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize("alpha", [0, -1.0, "a"])
def test_mix_up_rejects_bad_alpha(alpha):
    with pytest.raises(ValueError, match="alpha"):
        cornu.layers.MixUp(alpha=alpha)


def test_mix_up_mixes_masks_like_images():
    rng = np.random.default_rng(1)
    x = rng.random((4, 3, 3, 1)).astype("float32")
    layer = cornu.layers.MixUp(seed=2)
    out = layer({"images": x, "segmentation_masks": x})
    np.testing.assert_allclose(
        ops.convert_to_numpy(out["segmentation_masks"]),
        ops.convert_to_numpy(out["images"]),
        rtol=1e-6,
    )
