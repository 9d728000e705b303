"""CutMix: pasted boxes and mixed labels against NumPy, seeds,
inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_cut_mix_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.CutMix,
        init_kwargs={"seed": 1},
        input_shape=(3, 4, 4, 2),
        call_kwargs={"training": training},
        expected_output_shape=(3, 4, 4, 2),
        expected_num_trainable_weights=0,
    )


@pytest.mark.parametrize("fmt", ["channels_last", "channels_first"])
def test_cut_mix_matches_numpy(fmt):
    rng = np.random.default_rng(0)
    x = rng.random((5, 8, 6, 3)).astype("float32")
    labels = np.eye(5, dtype="float32")
    layer = cornu.layers.CutMix(seed=2, data_format=fmt)
    xf = x if fmt == "channels_last" else x.transpose(0, 3, 1, 2)
    data = {"images": xf, "labels": labels}
    t = layer.get_random_transformation(data)
    perm = ops.convert_to_numpy(t["permutation_order"])
    mask = ops.convert_to_numpy(t["batch_masks"])
    y = ops.convert_to_numpy(layer.transform_images(xf, t))
    ly = ops.convert_to_numpy(layer.transform_labels(labels, t))
    np.testing.assert_array_equal(y, np.where(mask, xf[perm], xf))
    area = mask.reshape(5, -1).mean(axis=1)
    want = (1 - area)[:, None] * labels + area[:, None] * labels[perm]
    np.testing.assert_allclose(ly, want, rtol=1e-5, atol=1e-6)
    assert sorted(perm.tolist()) == list(range(5))


def test_cut_mix_seeds_and_inference():
    x = np.random.default_rng(0).random((4, 5, 5, 3)).astype("float32")
    labels = np.eye(4, dtype="float32")
    a, b = (cornu.layers.CutMix(seed=3) for _ in range(2))
    out_a = a({"images": x, "labels": labels})
    out_b = b({"images": x, "labels": labels})
    for key in ("images", "labels"):
        np.testing.assert_array_equal(
            ops.convert_to_numpy(out_a[key]), ops.convert_to_numpy(out_b[key])
        )
    out = a({"images": x, "labels": labels}, training=False)
    np.testing.assert_array_equal(ops.convert_to_numpy(out["images"]), x)
    np.testing.assert_array_equal(ops.convert_to_numpy(out["labels"]), labels)


def test_cut_mix_rejects_bad_factors():
    with pytest.raises(ValueError, match="factor"):
        cornu.layers.CutMix(factor=1.5)


def test_cut_mix_pastes_masks_like_images():
    rng = np.random.default_rng(1)
    x = rng.random((4, 6, 6, 1)).astype("float32")
    layer = cornu.layers.CutMix(seed=2)
    out = layer({"images": x, "segmentation_masks": x})
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["segmentation_masks"]),
        ops.convert_to_numpy(out["images"]),
    )
