"""Bidirectional: merge modes against NumPy, masks, states, config."""

import functools

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def test_bidirectional_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.Bidirectional,
        init_kwargs={"layer": cornu.layers.LSTM(3, return_sequences=True)},
        input_shape=(2, 4, 5),
        expected_output_shape=(2, 4, 6),
        expected_num_trainable_weights=6,
        supports_masking=True,
    )


@pytest.mark.parametrize(
    "merge_mode", ["concat", "sum", "mul", "ave", None], ids=str
)
@pytest.mark.parametrize("masked", [False, True], ids=str)
def test_bidirectional_matches_numpy(ref, merge_mode, masked):
    x = np.random.default_rng(1).normal(size=(3, 6, 4)).astype("float32")
    mask = ref.right_mask if masked else None
    layer = cornu.layers.Bidirectional(
        cornu.layers.GRU(5, return_sequences=True), merge_mode=merge_mode
    )
    layer.build(x.shape)
    weights = ref.random_weights(layer)
    got = layer(x, mask=mask) if masked else layer(x)
    zeros = [np.zeros((3, 5))]
    # The wrapper sets zero_output_for_mask=return_sequences on both.
    forward, _, _ = ref.numpy_rnn(
        functools.partial(ref.gru_step, weights[:3]),
        x,
        zeros,
        mask=mask,
        zero_output_for_mask=True,
    )
    backward, _, _ = ref.numpy_rnn(
        functools.partial(ref.gru_step, weights[3:]),
        x,
        zeros,
        mask=mask,
        go_backwards=True,
        zero_output_for_mask=True,
    )
    backward = backward[:, ::-1]
    want = {
        "concat": [np.concatenate([forward, backward], axis=-1)],
        "sum": [forward + backward],
        "mul": [forward * backward],
        "ave": [(forward + backward) / 2],
        None: [forward, backward],
    }[merge_mode]
    got = got if isinstance(got, list) else [got]
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert_allclose(ops.convert_to_numpy(g), w, rtol=1e-5, atol=1e-6)


def test_bidirectional_returns_both_directions_states():
    layer = cornu.layers.Bidirectional(cornu.layers.LSTM(3, return_state=True))
    x = np.random.default_rng(2).normal(size=(2, 5, 4)).astype("float32")
    output, fh, fc, bh, bc = layer(x)
    assert ops.shape(output) == (2, 6)
    assert_allclose(
        ops.convert_to_numpy(output)[:, :3], ops.convert_to_numpy(fh)
    )
    assert_allclose(
        ops.convert_to_numpy(output)[:, 3:], ops.convert_to_numpy(bh)
    )
    shapes = layer.compute_output_shape((2, 5, 4))
    assert [tuple(s) for s in shapes] == [(2, 6)] + [(2, 3)] * 4


def test_bidirectional_passes_initial_states_to_each_direction():
    layer = cornu.layers.Bidirectional(cornu.layers.SimpleRNN(3))
    x = np.random.default_rng(2).normal(size=(2, 5, 4)).astype("float32")
    layer.build(x.shape)
    h_f = np.full((2, 3), 0.5, "float32")
    h_b = np.full((2, 3), -0.5, "float32")
    got = ops.convert_to_numpy(layer(x, initial_state=[h_f, h_b]))
    forward = ops.convert_to_numpy(layer.forward_layer(x, initial_state=h_f))
    assert_allclose(got[:, :3], forward, rtol=1e-6)


def test_bidirectional_with_a_custom_backward_layer():
    backward = cornu.layers.GRU(2, go_backwards=True, name="mine")
    layer = cornu.layers.Bidirectional(
        cornu.layers.GRU(2), backward_layer=backward
    )
    assert layer.backward_layer is backward
    out = layer(np.ones((1, 3, 2), "float32"))
    assert ops.shape(out) == (1, 4)
    config = layer.get_config()
    clone = cornu.layers.Bidirectional.from_config(config)
    assert clone.backward_layer.name == "mine"
    assert clone.get_config() == config


def test_bidirectional_copies_have_prefixed_names():
    layer = cornu.layers.Bidirectional(cornu.layers.LSTM(2, name="enc"))
    assert layer.forward_layer.name == "forward_enc"
    assert layer.backward_layer.name == "backward_enc"
    assert layer.backward_layer.go_backwards


def test_bidirectional_errors_are_explained():
    with pytest.raises(ValueError, match=r"Received: layer=3"):
        cornu.layers.Bidirectional(3)
    with pytest.raises(ValueError, match=r"backward_layer='x'"):
        cornu.layers.Bidirectional(cornu.layers.GRU(2), backward_layer="x")
    with pytest.raises(ValueError, match=r"merge_mode='max'"):
        cornu.layers.Bidirectional(cornu.layers.GRU(2), merge_mode="max")
    with pytest.raises(ValueError, match=r"different `go_backwards`"):
        cornu.layers.Bidirectional(
            cornu.layers.GRU(2), backward_layer=cornu.layers.GRU(2)
        )
    with pytest.raises(ValueError, match=r"same `return_sequences`"):
        cornu.layers.Bidirectional(
            cornu.layers.GRU(2),
            backward_layer=cornu.layers.GRU(
                2, go_backwards=True, return_sequences=True
            ),
        )
    with pytest.raises(AttributeError, match=r"not stateful"):
        cornu.layers.Bidirectional(cornu.layers.GRU(2)).reset_state()


def test_bidirectional_output_mask():
    layer = cornu.layers.Bidirectional(
        cornu.layers.GRU(2, return_sequences=True), merge_mode=None
    )
    mask = np.array([[True, False]])
    masks = layer.compute_mask(np.ones((1, 2, 3)), mask)
    assert [np.asarray(m).tolist() for m in masks] == [[[True, False]]] * 2
