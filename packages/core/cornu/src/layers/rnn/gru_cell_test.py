"""GRUCell: one step against NumPy (both reset conventions), weights."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose


@pytest.mark.parametrize("reset_after", [True, False], ids=str)
@pytest.mark.parametrize("implementation", [1, 2])
def test_gru_cell_step_matches_numpy(ref, reset_after, implementation):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3)).astype("float32")
    h = rng.normal(size=(2, 4)).astype("float32")
    cell = cornu.layers.GRUCell(
        4, reset_after=reset_after, implementation=implementation
    )
    cell.build((2, 3))
    weights = ref.random_weights(cell)
    got, state = cell(x, h)
    want, _ = ref.gru_step(weights, x, [h], reset_after=reset_after)
    assert_allclose(ops.convert_to_numpy(got), want, rtol=1e-5, atol=1e-6)
    assert not isinstance(state, list)  # an unnested state stays unnested
    _, nested = cell(x, [h])
    assert isinstance(nested, list)


def test_gru_cell_weights_layout():
    cell = cornu.layers.GRUCell(2, use_bias=False)
    cell.build((None, 5))
    assert [w.shape for w in cell.get_weights()] == [(5, 6), (2, 6)]
    assert cell.state_size == 2


def test_gru_cell_config_round_trips():
    cell = cornu.layers.GRUCell(3, reset_after=False, recurrent_dropout=0.2)
    config = cell.get_config()
    assert config["reset_after"] is False
    assert cornu.layers.GRUCell.from_config(config).get_config() == config
    assert cell.implementation == 1 and cell.dropout_mask_count == 3


def test_gru_cell_rejects_bad_units():
    with pytest.raises(ValueError, match=r"Received: units=0"):
        cornu.layers.GRUCell(0)
