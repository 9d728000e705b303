"""Rescaling: the layer harness, a NumPy reference, per-channel scales,
config round trip with array arguments."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def test_rescaling_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.Rescaling,
        init_kwargs={"scale": 0.5, "offset": -1.0},
        input_shape=(2, 3, 4, 3),
        expected_output_shape=(2, 3, 4, 3),
        expected_output_dtype="float32",
        expected_num_trainable_weights=0,
        expected_num_non_trainable_weights=0,
        supports_masking=True,
    )


@pytest.mark.parametrize("dtype", ["uint8", "int32", "float32"])
def test_rescaling_matches_numpy(dtype):
    x = np.random.default_rng(0).integers(0, 256, (2, 4, 4, 3)).astype(dtype)
    y = cornu.layers.Rescaling(1 / 127.5, offset=-1)(x)
    assert str(ops.convert_to_numpy(y).dtype) == "float32"
    np.testing.assert_allclose(
        ops.convert_to_numpy(y),
        x.astype("float32") / 127.5 - 1,
        rtol=1e-5,
        atol=1e-6,
    )


def test_rescaling_per_channel_scale_channels_last():
    x = np.ones((2, 2, 2, 3), "float32")
    layer = cornu.layers.Rescaling([1.0, 2.0, 3.0], offset=[0.0, 0.5, 1.0])
    y = ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(y[0, 0, 0], [1.0, 2.5, 4.0])


def test_rescaling_per_channel_scale_channels_first():
    x = np.ones((2, 3, 2, 2), "float32")
    with cornu.config.scope(image_data_format="channels_first"):
        y = ops.convert_to_numpy(cornu.layers.Rescaling([1.0, 2.0, 3.0])(x))
    np.testing.assert_allclose(y[0, :, 0, 0], [1.0, 2.0, 3.0])


def test_rescaling_config_round_trip_with_arrays():
    layer = cornu.layers.Rescaling(np.array([1.0, 2.0]), offset=0.5)
    clone = cornu.layers.Rescaling.from_config(layer.get_config())
    x = np.ones((1, 2), "float32")
    np.testing.assert_allclose(
        ops.convert_to_numpy(clone(x)), ops.convert_to_numpy(layer(x))
    )
