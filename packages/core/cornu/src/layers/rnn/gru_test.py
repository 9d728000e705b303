"""GRU: NumPy reference (both reset conventions), Keras's values, fused ==
generic, training."""

import functools

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test

# Keras 3.12 (jax backend) outputs for `_keras_case`, rounded to 6
# decimals.
_KERAS_OUTPUT = {
    True: [
        [[-0.003643, -0.097536], [-0.038385, -0.225645], [0.16851, 0.000714]],
        [
            [-0.022295, -0.172305],
            [-0.021094, -0.068388],
            [-0.021094, -0.068388],
        ],
    ],
    False: [
        [[-0.04091, -0.015816], [-0.085323, -0.120525], [0.057018, 0.100192]],
        [[-0.041872, -0.128806], [-0.075489, 0.086733], [-0.075489, 0.086733]],
    ],
}


@pytest.mark.parametrize("reset_after", [True, False], ids=str)
def test_gru_passes_the_layer_checks(reset_after):
    run_layer_test(
        cornu.layers.GRU,
        init_kwargs={
            "units": 3,
            "return_sequences": True,
            "reset_after": reset_after,
        },
        input_shape=(2, 4, 5),
        expected_output_shape=(2, 4, 3),
        expected_num_trainable_weights=3,
        expected_num_non_trainable_weights=0,
        supports_masking=True,
    )


def test_gru_bias_shape_follows_reset_after():
    after = cornu.layers.GRU(3)
    after.build((None, 2, 4))
    before = cornu.layers.GRU(3, reset_after=False)
    before.build((None, 2, 4))
    assert [w.shape for w in after.get_weights()] == [(4, 9), (3, 9), (2, 9)]
    assert before.get_weights()[2].shape == (9,)


@pytest.mark.parametrize("reset_after", [True, False], ids=str)
@pytest.mark.parametrize("mask_kind", [None, "right", "holes"], ids=str)
@pytest.mark.parametrize("go_backwards", [False, True], ids=str)
def test_gru_matches_numpy(ref, reset_after, mask_kind, go_backwards):
    x = np.random.default_rng(1).normal(size=(3, 6, 4)).astype("float32")
    mask = {None: None, "right": ref.right_mask, "holes": ref.holes_mask}[
        mask_kind
    ]
    layer = cornu.layers.GRU(
        5,
        return_sequences=True,
        return_state=True,
        go_backwards=go_backwards,
        reset_after=reset_after,
    )
    layer.build(x.shape)
    weights = ref.random_weights(layer)
    outputs, h = layer(x, mask=mask)
    step = functools.partial(ref.gru_step, weights, reset_after=reset_after)
    want, _, (want_h,) = ref.numpy_rnn(
        step, x, [np.zeros((3, 5))], mask=mask, go_backwards=go_backwards
    )
    assert_allclose(ops.convert_to_numpy(outputs), want, rtol=1e-5, atol=1e-6)
    assert_allclose(ops.convert_to_numpy(h), want_h, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("reset_after", [True, False], ids=str)
def test_gru_matches_values_measured_with_keras(reset_after):
    x = np.random.default_rng(0).normal(size=(2, 3, 2)).astype("float32")
    mask = np.array([[1, 1, 1], [1, 1, 0]], bool)
    layer = cornu.layers.GRU(2, return_sequences=True, reset_after=reset_after)
    layer.build((2, 3, 2))
    rng = np.random.default_rng(7)
    layer.set_weights(
        [
            rng.normal(scale=0.5, size=w.shape).astype("float32")
            for w in layer.get_weights()
        ]
    )
    # Recorded to 6 decimals, hence atol=1e-6.
    assert_allclose(
        ops.convert_to_numpy(layer(x, mask=mask)),
        _KERAS_OUTPUT[reset_after],
        rtol=0,
        atol=1e-6,
    )


@pytest.mark.parametrize("zero_output_for_mask", [False, True], ids=str)
@pytest.mark.parametrize("go_backwards", [False, True], ids=str)
@pytest.mark.parametrize("mask_kind", [None, "right", "holes"], ids=str)
def test_gru_fused_and_generic_paths_agree(
    ref, zero_output_for_mask, go_backwards, mask_kind
):
    x = np.random.default_rng(2).normal(size=(3, 6, 4)).astype("float32")
    mask = {None: None, "right": ref.right_mask, "holes": ref.holes_mask}[
        mask_kind
    ]
    h0 = np.random.default_rng(3).normal(size=(3, 5)).astype("float32")
    results = []
    for use_cudnn in ("auto", False):
        layer = cornu.layers.GRU(
            5,
            return_sequences=True,
            return_state=True,
            go_backwards=go_backwards,
            use_cudnn=use_cudnn,
            zero_output_for_mask=zero_output_for_mask,
        )
        layer.build(x.shape)
        ref.random_weights(layer)
        results.append(layer(x, initial_state=h0, mask=mask))
    for fused, generic in zip(*results, strict=True):
        assert_allclose(
            ops.convert_to_numpy(fused),
            ops.convert_to_numpy(generic),
            rtol=1e-5,
            atol=1e-6,
        )


def test_gru_config_round_trips():
    layer = cornu.layers.GRU(4, reset_after=False, dropout=0.1, seed=2)
    config = layer.get_config()
    assert config["reset_after"] is False and "cell" not in config
    clone = cornu.layers.GRU.from_config(config)
    assert clone.get_config() == config and clone.reset_after is False


def test_gru_use_cudnn_true_without_reset_after_is_explained():
    layer = cornu.layers.GRU(2, reset_after=False, use_cudnn=True)
    with pytest.raises(ValueError, match=r"reset_after=True"):
        layer(np.ones((1, 3, 2), "float32"))


def test_gru_rejects_a_bad_use_cudnn():
    with pytest.raises(ValueError, match=r"Received: use_cudnn=1.5"):
        cornu.layers.GRU(2, use_cudnn=1.5)


def test_gru_recurrent_dropout_is_active_in_training_only():
    x = np.random.default_rng(4).normal(size=(2, 5, 3)).astype("float32")
    for reset_after in (True, False):
        layer = cornu.layers.GRU(
            4,
            recurrent_dropout=0.5,
            dropout=0.2,
            reset_after=reset_after,
            seed=1,
        )
        inference = ops.convert_to_numpy(layer(x))
        training = ops.convert_to_numpy(layer(x, training=True))
        assert not np.allclose(training, inference)


@pytest.mark.requires_capability("training")
def test_gru_model_learns_a_sequence_task():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 8, 2)).astype("float32")
    y = (x[:, :, 0].sum(axis=1) > 0).astype("float32")[:, None]
    model = cornu.Sequential(
        [
            cornu.Input((8, 2)),
            cornu.layers.GRU(8),
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
