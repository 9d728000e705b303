"""RNN: any cell, options, masks, initial and stateful states, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


@cornu.saving.register_keras_serializable(package="rnn_test")
class MinimalCell(cornu.layers.Layer):
    """The cell of Keras's RNN docstring: `h = x @ W + h_prev @ U`."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units), name="kernel"
        )
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, self.units), name="recurrent_kernel"
        )

    def call(self, inputs, states):
        output = ops.matmul(inputs, self.kernel) + ops.matmul(
            states[0], self.recurrent_kernel
        )
        return output, [output]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def _linear_step(weights):
    kernel, recurrent = weights

    def step(x, states):
        h = x @ kernel + states[0] @ recurrent
        return h, [h]

    return step


def test_rnn_with_a_custom_cell_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.RNN,
        init_kwargs={"cell": MinimalCell(3), "return_sequences": True},
        input_shape=(2, 4, 5),
        expected_output_shape=(2, 4, 3),
        expected_num_trainable_weights=2,
        supports_masking=True,
        custom_objects={"MinimalCell": MinimalCell},
    )


@pytest.mark.parametrize("zero_output_for_mask", [False, True], ids=str)
@pytest.mark.parametrize("unroll", [False, True], ids=str)
@pytest.mark.parametrize("mask_kind", [None, "right", "holes"], ids=str)
@pytest.mark.parametrize("go_backwards", [False, True], ids=str)
def test_rnn_with_a_custom_cell_matches_numpy(
    ref, zero_output_for_mask, unroll, mask_kind, go_backwards
):
    x = np.random.default_rng(1).normal(size=(3, 6, 4)).astype("float32")
    h0 = np.random.default_rng(2).normal(size=(3, 5)).astype("float32")
    mask = {None: None, "right": ref.right_mask, "holes": ref.holes_mask}[
        mask_kind
    ]
    layer = cornu.layers.RNN(
        MinimalCell(5),
        return_sequences=True,
        return_state=True,
        go_backwards=go_backwards,
        unroll=unroll,
        zero_output_for_mask=zero_output_for_mask,
    )
    layer.build(x.shape)
    weights = ref.random_weights(layer, scale=0.3)
    outputs, h = layer(x, initial_state=h0, mask=mask)
    want, _, (want_h,) = ref.numpy_rnn(
        _linear_step(weights),
        x,
        [h0],
        mask=mask,
        go_backwards=go_backwards,
        zero_output_for_mask=zero_output_for_mask,
    )
    assert_allclose(ops.convert_to_numpy(outputs), want, rtol=1e-5, atol=1e-6)
    assert_allclose(ops.convert_to_numpy(h), want_h, rtol=1e-5, atol=1e-6)


def test_rnn_returns_the_last_output_without_return_sequences(ref):
    x = np.random.default_rng(1).normal(size=(3, 6, 4)).astype("float32")
    layer = cornu.layers.RNN(MinimalCell(5))
    layer.build(x.shape)
    weights = ref.random_weights(layer, scale=0.3)
    _, last, _ = ref.numpy_rnn(
        _linear_step(weights), x, [np.zeros((3, 5))], mask=ref.right_mask
    )
    got = layer(x, mask=ref.right_mask)
    assert_allclose(ops.convert_to_numpy(got), last, rtol=1e-5, atol=1e-6)


def test_rnn_of_a_list_of_cells_stacks_them():
    layer = cornu.layers.RNN(
        [cornu.layers.SimpleRNNCell(4), cornu.layers.LSTMCell(3)],
        return_state=True,
    )
    # As in Keras, each cell's states come back in the cell's structure.
    output, (h1,), (h2, c2) = layer(np.ones((2, 5, 6), "float32"))
    assert isinstance(layer.cell, cornu.layers.StackedRNNCells)
    assert ops.shape(output) == (2, 3) and ops.shape(h1) == (2, 4)
    assert_allclose(ops.convert_to_numpy(output), ops.convert_to_numpy(h2))


def test_rnn_stateful_carries_the_states_between_calls():
    x = np.random.default_rng(3).normal(size=(2, 4, 3)).astype("float32")
    stateful = cornu.layers.LSTM(5, stateful=True, return_sequences=True)
    first = stateful(x[:, :2])
    second = stateful(x[:, 2:])
    whole = cornu.layers.LSTM(5, return_sequences=True)
    whole.build(x.shape)
    whole.set_weights(stateful.get_weights())
    want = ops.convert_to_numpy(whole(x))
    got = np.concatenate(
        [ops.convert_to_numpy(first), ops.convert_to_numpy(second)], axis=1
    )
    assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert len(stateful.weights) == 3  # the states are not weights
    stateful.reset_state()
    assert all(not np.any(v.numpy()) for v in stateful.states)
    again = stateful(x[:, :2])
    assert_allclose(
        ops.convert_to_numpy(again),
        ops.convert_to_numpy(first),
        rtol=1e-5,
        atol=1e-6,
    )


def test_rnn_stateful_needs_a_fixed_batch_size():
    layer = cornu.layers.SimpleRNN(2, stateful=True)
    with pytest.raises(ValueError, match=r"stateful=True.*batch_size"):
        layer(cornu.Input((3, 4)))


def test_rnn_rejects_a_cell_without_call_or_state_size():
    with pytest.raises(ValueError, match=r"`call` method"):
        cornu.layers.RNN(object())

    class NoState:
        def call(self, inputs, states):
            return inputs, states

    with pytest.raises(ValueError, match=r"state_size=None"):
        cornu.layers.RNN(NoState())


def test_rnn_symbolic_call_and_output_shapes():
    inputs = cornu.Input((7, 3))
    outputs = cornu.layers.LSTM(4, return_sequences=True, return_state=True)(
        inputs
    )
    assert [tuple(o.shape) for o in outputs] == [
        (None, 7, 4),
        (None, 4),
        (None, 4),
    ]
    layer = cornu.layers.RNN(MinimalCell(2))
    assert layer.compute_output_shape((5, 7, 3)) == (5, 2)


def test_rnn_passes_the_mask_on_only_with_return_sequences():
    mask = np.array([[True, True, False]])
    inputs = np.ones((1, 3, 2), "float32")
    sequences = cornu.layers.GRU(2, return_sequences=True)
    assert np.asarray(sequences.compute_mask(inputs, mask)).tolist() == (
        mask.tolist()
    )
    assert cornu.layers.GRU(2).compute_mask(inputs, mask) is None
    with_state = cornu.layers.LSTM(2, return_state=True)
    assert with_state.compute_mask(inputs, mask) == [None, None, None]


def test_rnn_config_round_trips_a_custom_cell():
    layer = cornu.layers.RNN(
        MinimalCell(3), go_backwards=True, zero_output_for_mask=True
    )
    config = layer.get_config()
    clone = cornu.layers.RNN.from_config(
        config, custom_objects={"MinimalCell": MinimalCell}
    )
    assert clone.get_config() == config
    assert clone.go_backwards and clone.zero_output_for_mask


def test_rnn_in_a_functional_model_saves_and_loads(tmp_path):
    inputs = cornu.Input((5, 3))
    x = cornu.layers.LSTM(4, return_sequences=True)(inputs)
    x = cornu.layers.GRU(3)(x)
    model = cornu.Model(inputs, cornu.layers.Dense(1)(x))
    data = np.random.default_rng(0).normal(size=(2, 5, 3)).astype("float32")
    before = ops.convert_to_numpy(model(data))
    path = str(tmp_path / "model.cornu")
    model.save(path)
    loaded = cornu.saving.load_model(path)
    assert_allclose(ops.convert_to_numpy(loaded(data)), before, rtol=1e-6)
