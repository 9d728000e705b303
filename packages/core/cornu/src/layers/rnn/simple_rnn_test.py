"""SimpleRNN: NumPy reference, Keras's values, options, config."""

import functools

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test

# Keras 3.12 (jax backend) outputs, rounded to 6 decimals.
_KERAS_OUTPUT = [
    [[-0.224052, -0.228523], [-0.212726, -0.294359], [-0.251008, -0.56697]],
    [[-0.358459, -0.490855], [-0.006357, -0.003063], [-0.006357, -0.003063]],
]


def test_simple_rnn_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.SimpleRNN,
        init_kwargs={"units": 3, "return_sequences": True},
        input_shape=(2, 4, 5),
        expected_output_shape=(2, 4, 3),
        expected_num_trainable_weights=3,
        supports_masking=True,
    )


@pytest.mark.parametrize("unroll", [False, True], ids=str)
@pytest.mark.parametrize("mask_kind", [None, "right", "holes"], ids=str)
@pytest.mark.parametrize("go_backwards", [False, True], ids=str)
def test_simple_rnn_matches_numpy(ref, unroll, mask_kind, go_backwards):
    x = np.random.default_rng(1).normal(size=(3, 6, 4)).astype("float32")
    mask = {None: None, "right": ref.right_mask, "holes": ref.holes_mask}[
        mask_kind
    ]
    layer = cornu.layers.SimpleRNN(
        5,
        return_sequences=True,
        return_state=True,
        unroll=unroll,
        go_backwards=go_backwards,
    )
    layer.build(x.shape)
    weights = ref.random_weights(layer)
    outputs, h = layer(x, mask=mask)
    want, _, (want_h,) = ref.numpy_rnn(
        functools.partial(ref.simple_rnn_step, weights),
        x,
        [np.zeros((3, 5))],
        mask=mask,
        go_backwards=go_backwards,
    )
    assert_allclose(ops.convert_to_numpy(outputs), want, rtol=1e-5, atol=1e-6)
    assert_allclose(ops.convert_to_numpy(h), want_h, rtol=1e-5, atol=1e-6)


def test_simple_rnn_matches_values_measured_with_keras():
    x = np.random.default_rng(0).normal(size=(2, 3, 2)).astype("float32")
    layer = cornu.layers.SimpleRNN(2, return_sequences=True)
    layer.build((2, 3, 2))
    rng = np.random.default_rng(7)
    layer.set_weights(
        [
            rng.normal(scale=0.5, size=w.shape).astype("float32")
            for w in layer.get_weights()
        ]
    )
    mask = np.array([[1, 1, 1], [1, 1, 0]], bool)
    # Recorded to 6 decimals, hence atol=1e-6.
    assert_allclose(
        ops.convert_to_numpy(layer(x, mask=mask)),
        _KERAS_OUTPUT,
        rtol=0,
        atol=1e-6,
    )


def test_simple_rnn_forwards_the_cell_attributes():
    layer = cornu.layers.SimpleRNN(3, activation="relu", dropout=0.2)
    assert layer.units == 3 and layer.dropout == 0.2
    assert layer.activation is cornu.activations.relu
    assert layer.cell.name == "simple_rnn_cell"


def test_simple_rnn_config_round_trips():
    layer = cornu.layers.SimpleRNN(
        3, recurrent_dropout=0.2, seed=5, activity_regularizer="l2"
    )
    config = layer.get_config()
    clone = cornu.layers.SimpleRNN.from_config(config)
    assert clone.get_config() == config
    assert clone.cell.seed == 5


def test_simple_rnn_without_bias_has_two_weights():
    layer = cornu.layers.SimpleRNN(3, use_bias=False)
    layer.build((None, 2, 4))
    assert [w.shape for w in layer.get_weights()] == [(4, 3), (3, 3)]
