"""SimpleRNNCell: one step against NumPy, dropout, config."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose


def test_simple_rnn_cell_step_matches_numpy(ref):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3)).astype("float32")
    h = rng.normal(size=(2, 4)).astype("float32")
    cell = cornu.layers.SimpleRNNCell(4)
    cell.build((2, 3))
    weights = ref.random_weights(cell)
    got, state = cell(x, [h])
    want, _ = ref.simple_rnn_step(weights, x, [h])
    assert_allclose(ops.convert_to_numpy(got), want, rtol=1e-5, atol=1e-6)
    assert isinstance(state, list)


def test_simple_rnn_cell_dropout_applies_in_training_only():
    cell = cornu.layers.SimpleRNNCell(
        4, dropout=0.5, recurrent_dropout=0.5, seed=3
    )
    x = np.ones((8, 3), "float32")
    h = np.ones((8, 4), "float32")
    plain, _ = cell(x, h)
    dropped, _ = cell(x, h, training=True)
    assert not np.allclose(
        ops.convert_to_numpy(plain), ops.convert_to_numpy(dropped)
    )


def test_simple_rnn_cell_config_round_trips():
    cell = cornu.layers.SimpleRNNCell(3, activation="relu", seed=4)
    config = cell.get_config()
    assert config["seed"] == 4 and config["activation"] == "relu"
    assert cornu.layers.SimpleRNNCell.from_config(config).get_config() == config


def test_simple_rnn_cell_rejects_bad_units():
    with pytest.raises(ValueError, match=r"Received: units=-1"):
        cornu.layers.SimpleRNNCell(-1)
