"""ActivityRegularization: the layer harness, the penalty value, config."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def test_activity_regularization_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.ActivityRegularization,
        init_kwargs={"l1": 0.01, "l2": 0.02},
        input_shape=(2, 3),
        expected_output_shape=(2, 3),
        expected_output_dtype="float32",
        expected_num_trainable_weights=0,
        expected_num_losses=1,
        supports_masking=True,
    )


@pytest.mark.parametrize("l1, l2", [(0.01, 0.0), (0.0, 0.5), (0.3, 0.2)])
def test_activity_regularization_penalty_matches_numpy(l1, l2):
    x = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
    layer = cornu.layers.ActivityRegularization(l1=l1, l2=l2)
    y = layer(x)
    np.testing.assert_array_equal(ops.convert_to_numpy(y), x)
    (loss,) = layer.losses
    # Divided by the batch size, as in Keras 3.
    want = (l1 * np.abs(x).sum() + l2 * np.square(x).sum()) / len(x)
    assert_allclose(ops.convert_to_numpy(loss), want, rtol=1e-5)


def test_activity_regularization_config_has_l1_l2_only():
    config = cornu.layers.ActivityRegularization(l1=0.1).get_config()
    assert "activity_regularizer" not in config
    assert (config["l1"], config["l2"]) == (0.1, 0.0)


def test_activity_regularization_rejects_negative_factors():
    with pytest.raises(ValueError, match="l1"):
        cornu.layers.ActivityRegularization(l1=-1.0)
