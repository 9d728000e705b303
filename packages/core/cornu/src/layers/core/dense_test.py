"""Dense: values against NumPy, the layer harness, errors, LoRA."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def test_dense_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.Dense,
        init_kwargs={"units": 3, "activation": "relu"},
        input_shape=(2, 4),
        expected_output_shape=(2, 3),
        expected_output_dtype="float32",
        expected_num_trainable_weights=2,
        expected_num_non_trainable_weights=0,
        supports_masking=True,
    )


def test_dense_on_rank_3_inputs_without_bias():
    run_layer_test(
        cornu.layers.Dense,
        init_kwargs={"units": 5, "use_bias": False},
        input_shape=(2, 3, 4),
        expected_output_shape=(2, 3, 5),
        expected_num_trainable_weights=1,
    )


@pytest.mark.parametrize("activation", [None, "relu", "tanh"])
def test_dense_matches_numpy(activation):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 2, 4)).astype("float32")
    layer = cornu.layers.Dense(6, activation=activation)
    y = ops.convert_to_numpy(layer(x))
    kernel, bias = layer.get_weights()
    want = x @ kernel + bias
    if activation == "relu":
        want = np.maximum(want, 0)
    elif activation == "tanh":
        want = np.tanh(want)
    assert_allclose(y, want, rtol=1e-5, atol=1e-6)


def test_dense_parameter_count_matches_keras():
    layer = cornu.layers.Dense(32)
    layer.build((None, 784))
    assert layer.count_params() == 784 * 32 + 32


def test_dense_regularizers_and_constraints_round_trip():
    layer = cornu.layers.Dense(
        2,
        kernel_regularizer="l2",
        bias_constraint=cornu.constraints.NonNeg(),
        activity_regularizer=cornu.regularizers.L1(0.01),
    )
    config = layer.get_config()
    clone = cornu.layers.Dense.from_config(config)
    assert clone.get_config() == config
    clone(np.ones((1, 3), "float32"))
    assert len(clone.losses) == 2  # kernel penalty + activity penalty


def test_dense_on_a_rank_1_input_is_explained():
    with pytest.raises(
        ValueError, match=r'"dense.*expected min_ndim=2, found ndim=1'
    ):
        cornu.layers.Dense(3, name="dense_rank1")(np.ones((4,), "float32"))


def test_dense_called_with_a_different_last_dim_is_explained():
    layer = cornu.layers.Dense(3)
    layer(np.ones((2, 4), "float32"))
    with pytest.raises(ValueError, match=r"axis -1.*value 4.*\(2, 5\)"):
        layer(np.ones((2, 5), "float32"))


@pytest.mark.parametrize("units", [0, -1, 2.5, "3"])
def test_dense_rejects_bad_units(units):
    with pytest.raises(ValueError, match="positive integer"):
        cornu.layers.Dense(units)


def test_lora_starts_at_the_frozen_kernel_and_trains_the_update():
    x = np.random.default_rng(1).normal(size=(2, 4)).astype("float32")
    layer = cornu.layers.Dense(3)
    before = ops.convert_to_numpy(layer(x))
    layer.enable_lora(2)
    assert_allclose(ops.convert_to_numpy(layer(x)), before, rtol=1e-6)
    assert [w.name for w in layer.trainable_weights] == [
        "bias",
        "lora_kernel_a",
        "lora_kernel_b",
    ]
    layer.lora_kernel_b.assign(np.ones((2, 3), "float32"))
    a = layer.lora_kernel_a.numpy()
    kernel = layer._kernel.numpy()
    want = x @ (kernel + a @ np.ones((2, 3))) + layer.bias.numpy()
    assert_allclose(ops.convert_to_numpy(layer(x)), want, rtol=1e-5)
    with pytest.raises(ValueError, match="already enabled"):
        layer.enable_lora(2)


def test_lora_rank_in_the_constructor_enables_lora_at_build():
    layer = cornu.layers.Dense(3, lora_rank=2, lora_alpha=4)
    layer.build((None, 5))
    assert layer.lora_enabled and not layer._kernel.trainable
    assert [w.shape for w in layer.trainable_weights] == [
        (3,), (5, 2), (2, 3)
    ]
    assert layer.get_config()["lora_alpha"] == 4


def test_reading_the_kernel_before_build_names_the_problem():
    with pytest.raises(AttributeError, match="no kernel until it is built"):
        _ = cornu.layers.Dense(3).kernel


def test_quantization_config_none_round_trips_and_other_values_raise():
    # Keras 3 writes `"quantization_config": null` in every Dense config.
    layer = cornu.layers.Dense(2, quantization_config=None)
    config = layer.get_config()
    assert config["quantization_config"] is None
    assert cornu.layers.Dense.from_config(config).units == 2
    with pytest.raises(ValueError, match="Dense does not support quantiz"):
        cornu.layers.Dense(2, quantization_config={"mode": "int8"})
