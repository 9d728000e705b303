"""StackedRNNCells: the stack against NumPy, shapes, config, errors."""

import functools

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def test_stacked_cells_pass_the_layer_checks():
    run_layer_test(
        cornu.layers.RNN,
        init_kwargs={
            "cell": cornu.layers.StackedRNNCells(
                [cornu.layers.LSTMCell(3), cornu.layers.GRUCell(2)]
            ),
            "return_sequences": True,
        },
        input_shape=(2, 4, 5),
        expected_output_shape=(2, 4, 2),
        expected_num_trainable_weights=6,
    )


def test_stacked_cells_match_numpy(ref):
    x = np.random.default_rng(0).normal(size=(3, 6, 4)).astype("float32")
    layer = cornu.layers.RNN(
        [cornu.layers.LSTMCell(5), cornu.layers.SimpleRNNCell(3)],
        return_sequences=True,
    )
    layer.build(x.shape)
    weights = ref.random_weights(layer)
    lstm = functools.partial(ref.lstm_step, weights[:3])
    simple = functools.partial(ref.simple_rnn_step, weights[3:])

    def step(x_t, states):
        h1, (h1, c1) = lstm(x_t, states[:2])
        h2, (h2,) = simple(h1, states[2:])
        return h2, [h1, c1, h2]

    want, _, _ = ref.numpy_rnn(
        step,
        x,
        [np.zeros((3, 5)), np.zeros((3, 5)), np.zeros((3, 3))],
        mask=ref.holes_mask,
    )
    got = layer(x, mask=ref.holes_mask)
    assert_allclose(ops.convert_to_numpy(got), want, rtol=1e-5, atol=1e-6)


def test_stacked_cells_sizes_and_config():
    cells = cornu.layers.StackedRNNCells(
        [cornu.layers.LSTMCell(4), cornu.layers.GRUCell(3)]
    )
    assert cells.state_size == [[4, 4], 3] and cells.output_size == 3
    config = cells.get_config()
    clone = cornu.layers.StackedRNNCells.from_config(config)
    assert clone.get_config() == config
    assert [type(c).__name__ for c in clone.cells] == ["LSTMCell", "GRUCell"]


def test_stacked_cells_dropout_in_every_cell():
    layer = cornu.layers.RNN(
        [
            cornu.layers.LSTMCell(
                4, dropout=0.5, recurrent_dropout=0.5, seed=1
            ),
            cornu.layers.GRUCell(3, dropout=0.5, seed=2),
        ]
    )
    x = np.random.default_rng(0).normal(size=(2, 5, 3)).astype("float32")
    inference = ops.convert_to_numpy(layer(x))
    training = ops.convert_to_numpy(layer(x, training=True))
    assert training.shape == (2, 3)
    assert not np.allclose(training, inference)


def test_stacked_cells_reject_cells_without_call_or_state_size():
    with pytest.raises(ValueError, match=r"`call` method"):
        cornu.layers.StackedRNNCells([object()])

    class NoState:
        def call(self, inputs, states):
            return inputs, states

    with pytest.raises(ValueError, match=r"`state_size`"):
        cornu.layers.StackedRNNCells([NoState()])
