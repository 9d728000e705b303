"""LSTM: NumPy reference, Keras's values, fused == generic, training."""

import functools

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test

# Keras 3.12 (jax backend) outputs for the `_keras_case` set-up below,
# rounded to 6 decimals.
_KERAS_OUTPUT = [
    [[-0.008609, 0.084407], [-0.028413, 0.054243], [0.003867, 0.091934]],
    [[-0.036361, -0.160054], [-0.000517, 0.088733], [-0.000517, 0.088733]],
]


def _keras_case(layer):
    x = np.random.default_rng(0).normal(size=(2, 3, 2)).astype("float32")
    mask = np.array([[1, 1, 1], [1, 1, 0]], bool)
    layer.build((2, 3, 2))
    rng = np.random.default_rng(7)
    layer.set_weights(
        [
            rng.normal(scale=0.5, size=w.shape).astype("float32")
            for w in layer.get_weights()
        ]
    )
    return x, mask


def test_lstm_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.LSTM,
        init_kwargs={"units": 3, "return_sequences": True},
        input_shape=(2, 4, 5),
        expected_output_shape=(2, 4, 3),
        expected_num_trainable_weights=3,
        expected_num_non_trainable_weights=0,
        supports_masking=True,
    )


def test_lstm_with_state_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.LSTM,
        init_kwargs={"units": 3, "return_state": True, "go_backwards": True},
        input_shape=(2, 4, 5),
        expected_output_shape=[(2, 3), (2, 3), (2, 3)],
        expected_num_trainable_weights=3,
    )


@pytest.mark.parametrize("use_cudnn", ["auto", False], ids=str)
@pytest.mark.parametrize("mask_kind", [None, "right", "holes"], ids=str)
@pytest.mark.parametrize("go_backwards", [False, True], ids=str)
def test_lstm_matches_numpy(ref, use_cudnn, mask_kind, go_backwards):
    x = np.random.default_rng(1).normal(size=(3, 6, 4)).astype("float32")
    mask = {None: None, "right": ref.right_mask, "holes": ref.holes_mask}[
        mask_kind
    ]
    layer = cornu.layers.LSTM(
        5,
        return_sequences=True,
        return_state=True,
        go_backwards=go_backwards,
        use_cudnn=use_cudnn,
    )
    layer.build(x.shape)
    weights = ref.random_weights(layer)
    outputs, h, c = layer(x, mask=mask)
    want, last, (want_h, want_c) = ref.numpy_rnn(
        functools.partial(ref.lstm_step, weights),
        x,
        [np.zeros((3, 5))] * 2,
        mask=mask,
        go_backwards=go_backwards,
    )
    assert_allclose(ops.convert_to_numpy(outputs), want, rtol=1e-5, atol=1e-6)
    assert_allclose(ops.convert_to_numpy(h), want_h, rtol=1e-5, atol=1e-6)
    assert_allclose(ops.convert_to_numpy(c), want_c, rtol=1e-5, atol=1e-6)


def test_lstm_matches_values_measured_with_keras():
    layer = cornu.layers.LSTM(2, return_sequences=True)
    x, mask = _keras_case(layer)
    # Recorded to 6 decimals, hence atol=1e-6.
    assert_allclose(
        ops.convert_to_numpy(layer(x, mask=mask)),
        _KERAS_OUTPUT,
        rtol=0,
        atol=1e-6,
    )


@pytest.mark.parametrize("zero_output_for_mask", [False, True], ids=str)
@pytest.mark.parametrize("go_backwards", [False, True], ids=str)
@pytest.mark.parametrize("mask_kind", [None, "right", "holes"], ids=str)
def test_lstm_fused_and_generic_paths_agree(
    ref, zero_output_for_mask, go_backwards, mask_kind
):
    x = np.random.default_rng(2).normal(size=(3, 6, 4)).astype("float32")
    mask = {None: None, "right": ref.right_mask, "holes": ref.holes_mask}[
        mask_kind
    ]
    h0 = np.random.default_rng(3).normal(size=(3, 5)).astype("float32")
    results = []
    for use_cudnn in ("auto", False):
        layer = cornu.layers.LSTM(
            5,
            return_sequences=True,
            return_state=True,
            go_backwards=go_backwards,
            use_cudnn=use_cudnn,
            zero_output_for_mask=zero_output_for_mask,
        )
        layer.build(x.shape)
        ref.random_weights(layer)
        results.append(layer(x, initial_state=[h0, -h0], mask=mask))
    for fused, generic in zip(*results, strict=True):
        assert_allclose(
            ops.convert_to_numpy(fused),
            ops.convert_to_numpy(generic),
            rtol=1e-5,
            atol=1e-6,
        )


def test_lstm_bias_starts_with_the_forget_gate_at_one():
    layer = cornu.layers.LSTM(3)
    layer.build((None, 2, 4))
    kernel, recurrent, bias = layer.get_weights()
    assert kernel.shape == (4, 12) and recurrent.shape == (3, 12)
    assert bias.tolist() == [0.0] * 3 + [1.0] * 3 + [0.0] * 6
    plain = cornu.layers.LSTM(3, unit_forget_bias=False)
    plain.build((None, 2, 4))
    assert plain.get_weights()[2].tolist() == [0.0] * 12


def test_lstm_config_round_trips_with_keras_keys():
    layer = cornu.layers.LSTM(
        4,
        dropout=0.25,
        recurrent_dropout=0.5,
        seed=3,
        stateful=False,
        return_sequences=True,
    )
    config = layer.get_config()
    assert "cell" not in config
    for key in (
        "units",
        "recurrent_activation",
        "unit_forget_bias",
        "dropout",
        "recurrent_dropout",
        "seed",
        "go_backwards",
        "zero_output_for_mask",
        "activity_regularizer",
    ):
        assert key in config
    clone = cornu.layers.LSTM.from_config(config)
    assert clone.get_config() == config
    assert clone.units == 4 and clone.recurrent_dropout == 0.5


def test_lstm_dropout_is_active_in_training_only():
    x = np.random.default_rng(4).normal(size=(2, 5, 3)).astype("float32")
    layer = cornu.layers.LSTM(4, dropout=0.5, recurrent_dropout=0.3, seed=1)
    inference = ops.convert_to_numpy(layer(x))
    assert_allclose(ops.convert_to_numpy(layer(x, training=False)), inference)
    training = ops.convert_to_numpy(layer(x, training=True))
    assert not np.allclose(training, inference)


def test_lstm_input_dropout_uses_the_fused_path_too():
    x = np.random.default_rng(4).normal(size=(2, 5, 3)).astype("float32")
    layer = cornu.layers.LSTM(4, dropout=0.5, seed=1)
    inference = ops.convert_to_numpy(layer(x))
    training = ops.convert_to_numpy(layer(x, training=True))
    assert training.shape == (2, 4)
    assert not np.allclose(training, inference)


def test_lstm_rejects_a_bad_use_cudnn():
    with pytest.raises(ValueError, match=r"Received: use_cudnn='yes'"):
        cornu.layers.LSTM(2, use_cudnn="yes")


def test_lstm_use_cudnn_true_with_an_unfusable_configuration_is_explained():
    layer = cornu.layers.LSTM(2, activation="relu", use_cudnn=True)
    with pytest.raises(ValueError, match=r"use_cudnn=True.*use_cudnn='auto'"):
        layer(np.ones((1, 3, 2), "float32"))


def test_lstm_rejects_non_positive_units():
    with pytest.raises(ValueError, match=r"Received: units=0"):
        cornu.layers.LSTM(0)


def test_lstm_padded_and_unpadded_sequences_give_the_same_output():
    tokens = np.array([[3, 1, 4, 1, 5], [2, 7, 0, 0, 0]], "int32")
    embedding = cornu.layers.Embedding(10, 4, mask_zero=True)
    lstm = cornu.layers.LSTM(3)
    padded = ops.convert_to_numpy(lstm(embedding(tokens)))
    alone = ops.convert_to_numpy(lstm(embedding(tokens[1:, :2])))
    assert_allclose(padded[1:], alone, rtol=1e-5, atol=1e-6)


@pytest.mark.requires_capability("training")
def test_lstm_model_learns_a_sequence_task():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 8, 2)).astype("float32")
    y = (x[:, :, 0].sum(axis=1) > 0).astype("float32")[:, None]
    model = cornu.Sequential(
        [
            cornu.Input((8, 2)),
            cornu.layers.LSTM(8),
            cornu.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=cornu.optimizers.Adam(0.02),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(x, y, epochs=15, batch_size=32, verbose=0)
    losses = history.history["loss"]
    assert losses[-1] < 0.5 * losses[0]
    assert history.history["accuracy"][-1] > 0.9
