"""LSTMCell: one step against NumPy, weights layout, per-gate dropout."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose


def _states(rng, units):
    return [rng.normal(size=(2, units)).astype("float32") for _ in range(2)]


def test_lstm_cell_step_matches_numpy(ref):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3)).astype("float32")
    states = _states(rng, 4)
    cell = cornu.layers.LSTMCell(4)
    cell.build((2, 3))
    weights = ref.random_weights(cell)
    h, (h_again, c) = cell(x, states)
    want_h, (_, want_c) = ref.lstm_step(weights, x, states)
    assert_allclose(ops.convert_to_numpy(h), want_h, rtol=1e-5, atol=1e-6)
    assert_allclose(ops.convert_to_numpy(c), want_c, rtol=1e-5, atol=1e-6)
    assert cell.state_size == [4, 4] and cell.output_size == 4


def test_lstm_cell_implementation_1_gives_the_same_step(ref):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 3)).astype("float32")
    states = _states(rng, 4)
    fused = cornu.layers.LSTMCell(4)
    split = cornu.layers.LSTMCell(4, implementation=1)
    fused.build((2, 3))
    split.build((2, 3))
    split.set_weights(ref.random_weights(fused))
    assert_allclose(
        ops.convert_to_numpy(split(x, states)[0]),
        ops.convert_to_numpy(fused(x, states)[0]),
        rtol=1e-5,
        atol=1e-6,
    )


def test_lstm_cell_recurrent_dropout_draws_one_mask_per_gate():
    cell = cornu.layers.LSTMCell(3, dropout=0.5, recurrent_dropout=0.5, seed=0)
    assert cell.implementation == 1 and cell.dropout_mask_count == 4
    masks = cell.get_dropout_mask(np.ones((2, 5), "float32"))
    assert len(masks) == 4
    assert cell.get_dropout_mask(np.ones((2, 5), "float32")) is masks
    cell.reset_dropout_mask()
    assert cell.get_dropout_mask(np.ones((2, 5), "float32")) is not masks


def test_lstm_cell_clips_dropout_rates_and_round_trips_its_config():
    cell = cornu.layers.LSTMCell(3, dropout=1.5, recurrent_dropout=-1.0)
    assert cell.dropout == 1.0 and cell.recurrent_dropout == 0.0
    config = cell.get_config()
    assert cornu.layers.LSTMCell.from_config(config).get_config() == config


@pytest.mark.parametrize("units", [0, -2, 2.5, True])
def test_lstm_cell_rejects_bad_units(units):
    with pytest.raises(ValueError, match=r"positive integer\. Received"):
        cornu.layers.LSTMCell(units)
