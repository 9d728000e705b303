"""RandAugment: the layer harness, each output is one of the candidate
augmentations, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_rand_augment_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.RandAugment,
        init_kwargs={"num_ops": 1, "seed": 1},
        input_data=np.random.default_rng(0)
        .uniform(0, 255, (2, 4, 4, 3))
        .astype("float32"),
        call_kwargs={"training": training},
        expected_output_shape=(2, 4, 4, 3),
        expected_num_trainable_weights=0,
    )


def test_rand_augment_applies_the_chosen_layer():
    x = np.random.default_rng(0).uniform(0, 255, (2, 4, 4, 3)).astype("f4")
    layer = cornu.layers.RandAugment(num_ops=1, factor=(0.3, 0.3), seed=2)
    t = layer.get_random_transformation(x)
    index = int(ops.convert_to_numpy(t["layer_idxes"])[0])
    assert 0 <= index < len(layer._AUGMENT_LAYERS)
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    # Deterministic candidates can be checked exactly.
    name = layer._AUGMENT_LAYERS[index]
    if name in ("auto_contrast", "equalization"):
        want = getattr(layer, name)(x)
        np.testing.assert_allclose(y, ops.convert_to_numpy(want), rtol=1e-5)
    assert y.shape == x.shape and np.all((y >= 0) & (y <= 255))


def test_rand_augment_seeds_inference_and_zero_ops():
    x = np.random.default_rng(0).uniform(0, 255, (2, 4, 4, 3)).astype("f4")
    a, b = (cornu.layers.RandAugment(num_ops=1, seed=3) for _ in range(2))
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)
    none = cornu.layers.RandAugment(num_ops=0)(x)
    np.testing.assert_array_equal(ops.convert_to_numpy(none), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"num_ops": -1}, "num_ops"),
        ({"factor": 2.0}, "factor"),
        ({"interpolation": "area"}, "interpolation"),
    ],
)
def test_rand_augment_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.RandAugment(**kwargs)
