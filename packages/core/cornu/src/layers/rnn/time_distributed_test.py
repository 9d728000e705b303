"""TimeDistributed: values against NumPy, shapes, masks, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def test_time_distributed_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.TimeDistributed,
        init_kwargs={"layer": cornu.layers.Dense(3)},
        input_shape=(2, 4, 5),
        expected_output_shape=(2, 4, 3),
        expected_num_trainable_weights=2,
        supports_masking=True,
    )


def test_time_distributed_dense_matches_numpy():
    x = np.random.default_rng(0).normal(size=(2, 4, 5)).astype("float32")
    layer = cornu.layers.TimeDistributed(cornu.layers.Dense(3))
    got = ops.convert_to_numpy(layer(x))
    kernel, bias = layer.get_weights()
    assert_allclose(got, x @ kernel + bias, rtol=1e-5, atol=1e-6)


def test_time_distributed_conv_on_a_video():
    layer = cornu.layers.TimeDistributed(cornu.layers.Conv2D(2, 3))
    out = layer(np.ones((1, 3, 6, 6, 1), "float32"))
    assert ops.shape(out) == (1, 3, 4, 4, 2)
    assert layer.compute_output_shape((None, 3, 6, 6, 1)) == (None, 3, 4, 4, 2)


def test_time_distributed_passes_the_mask_through():
    layer = cornu.layers.TimeDistributed(cornu.layers.Dense(2))
    mask = np.array([[True, False, True]])
    assert np.asarray(layer.compute_mask(None, mask)).tolist() == (
        mask.tolist()
    )
    out = layer(np.ones((1, 3, 2), "float32"), mask=mask)
    assert ops.shape(out) == (1, 3, 2)


def test_time_distributed_errors_are_explained():
    with pytest.raises(ValueError, match=r"Received: layer='dense'"):
        cornu.layers.TimeDistributed("dense")
    layer = cornu.layers.TimeDistributed(cornu.layers.Dense(2))
    with pytest.raises(ValueError, match=r"rank 3 or more"):
        layer.compute_output_shape((2, 3))
    with pytest.raises(ValueError, match=r"mask of shape \(1, 4\)"):
        layer(np.ones((1, 3, 2), "float32"), mask=np.ones((1, 4), bool))
    with pytest.raises(ValueError, match=r"mask of rank 2"):
        layer(np.ones((1, 3, 2), "float32"), mask=np.ones((1,), bool))
