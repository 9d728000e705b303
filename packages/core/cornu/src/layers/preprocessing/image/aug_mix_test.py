"""AugMix: the layer harness, the mix of chains stays in range and is
the identity when the mix weight is 1, seeds, inference, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


@pytest.mark.parametrize("training", [True, False])
def test_aug_mix_passes_the_layer_checks(training):
    run_layer_test(
        cornu.layers.AugMix,
        init_kwargs={
            "num_chains": 1,
            "chain_depth": 1,
            "seed": 1,
            "all_ops": False,
        },
        input_data=np.random.default_rng(0)
        .uniform(0, 255, (2, 4, 4, 3))
        .astype("float32"),
        call_kwargs={"training": training},
        expected_output_shape=(2, 4, 4, 3),
        expected_num_trainable_weights=0,
    )


def test_aug_mix_draws_a_dirichlet_mix_and_clips():
    x = np.random.default_rng(0).uniform(0, 255, (2, 4, 4, 3)).astype("f4")
    layer = cornu.layers.AugMix(num_chains=2, chain_depth=1, seed=2)
    t = layer.get_random_transformation(x)
    weights = ops.convert_to_numpy(t["chain_mixing_weights"])
    np.testing.assert_allclose(weights.sum(), 1.0, rtol=1e-5)
    choices = ops.convert_to_numpy(t["layer_choices"])
    assert choices.shape == (2, 1)
    assert np.all((choices >= 0) & (choices <= 11))
    y = ops.convert_to_numpy(layer.transform_images(x, t))
    assert np.all((y >= 0) & (y <= 255))
    # With the mix weight at 1 the input comes back unchanged.
    t["weight_sample"] = ops.convert_to_tensor(1.0)
    np.testing.assert_allclose(
        ops.convert_to_numpy(layer.transform_images(x, t)), x, rtol=1e-6
    )


def test_aug_mix_seeds_and_inference():
    x = np.random.default_rng(0).uniform(0, 255, (2, 4, 4, 3)).astype("f4")
    a, b = (
        cornu.layers.AugMix(num_chains=1, chain_depth=2, seed=3)
        for _ in range(2)
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(a(x)), ops.convert_to_numpy(b(x))
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(a(x, training=False)), x)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"num_chains": 0}, "num_chains"),
        ({"chain_depth": 1.5}, "chain_depth"),
        ({"alpha": 0}, "alpha"),
        ({"factor": 2.0}, "factor"),
        ({"interpolation": "area"}, "interpolation"),
    ],
)
def test_aug_mix_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.AugMix(**kwargs)
