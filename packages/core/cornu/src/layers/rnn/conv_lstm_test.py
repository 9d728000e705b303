"""ConvLSTM1D/2D/3D: values against a NumPy ConvLSTM, shapes, config."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _conv(x, kernel, padding):
    """Stride-1 convolution, channels last, any rank."""
    window = kernel.shape[:-2]
    axes = tuple(range(1, 1 + len(window)))
    if padding == "same":
        pads = (
            [(0, 0)]
            + [((k - 1) // 2, k - 1 - (k - 1) // 2) for k in window]
            + [(0, 0)]
        )
        x = np.pad(x, pads)
    patches = np.lib.stride_tricks.sliding_window_view(x, window, axis=axes)
    letters = "ijk"[: len(window)]
    spatial = "xyz"[: len(window)]
    return np.einsum(
        f"b{spatial}c{letters},{letters}cf->b{spatial}f", patches, kernel
    )


def _numpy_conv_lstm(x, weights, padding):
    kernel, recurrent, bias = weights
    h = c = None
    outputs = []
    for t in range(x.shape[1]):
        z_x = _conv(x[:, t], kernel, padding) + bias
        if h is None:
            h = c = np.zeros(z_x.shape[:-1] + (kernel.shape[-1] // 4,))
        z = z_x + _conv(h, recurrent, "same")
        i, f, g, o = np.split(z, 4, axis=-1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs, axis=1), h, c


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize(
    "layer_cls, shape",
    [
        (cornu.layers.ConvLSTM1D, (2, 3, 7, 2)),
        (cornu.layers.ConvLSTM2D, (2, 3, 5, 6, 2)),
        (cornu.layers.ConvLSTM3D, (1, 2, 4, 4, 5, 2)),
    ],
    ids=["1d", "2d", "3d"],
)
def test_conv_lstm_matches_numpy(ref, layer_cls, shape, padding):
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    layer = layer_cls(
        3, 3, padding=padding, return_sequences=True, return_state=True
    )
    layer.build(shape)
    weights = ref.random_weights(layer, scale=0.3)
    outputs, h, c = layer(x)
    want, want_h, want_c = _numpy_conv_lstm(x, weights, padding)
    assert_allclose(
        ops.convert_to_numpy(outputs), want, rtol=1e-4, atol=1e-5
    )  # sums of up to 81 products per gate
    assert_allclose(ops.convert_to_numpy(h), want_h, rtol=1e-4, atol=1e-5)
    assert_allclose(ops.convert_to_numpy(c), want_c, rtol=1e-4, atol=1e-5)


def test_conv_lstm2d_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.ConvLSTM2D,
        init_kwargs={
            "filters": 2,
            "kernel_size": 3,
            "padding": "same",
            "return_sequences": True,
        },
        input_shape=(2, 3, 4, 4, 2),
        expected_output_shape=(2, 3, 4, 4, 2),
        expected_num_trainable_weights=3,
        supports_masking=True,
    )


def test_conv_lstm1d_passes_the_layer_checks_with_state():
    run_layer_test(
        cornu.layers.ConvLSTM1D,
        init_kwargs={"filters": 2, "kernel_size": 2, "return_state": True},
        input_shape=(2, 3, 5, 2),
        expected_output_shape=[(2, 4, 2), (2, 4, 2), (2, 4, 2)],
        expected_num_trainable_weights=3,
    )


def test_conv_lstm2d_channels_first_matches_channels_last():
    x = np.random.default_rng(1).normal(size=(2, 3, 5, 5, 2))
    x = x.astype("float32")
    last = cornu.layers.ConvLSTM2D(2, 3, return_sequences=True)
    first = cornu.layers.ConvLSTM2D(
        2, 3, return_sequences=True, data_format="channels_first"
    )
    last.build(x.shape)
    first.build((2, 3, 2, 5, 5))
    first.set_weights(last.get_weights())
    want = ops.convert_to_numpy(last(x))
    got = ops.convert_to_numpy(first(np.transpose(x, (0, 1, 4, 2, 3))))
    assert_allclose(
        np.transpose(got, (0, 1, 3, 4, 2)), want, rtol=1e-5, atol=1e-6
    )


def test_conv_lstm_weights_and_config():
    layer = cornu.layers.ConvLSTM2D(4, (3, 2), strides=2, dropout=0.1, seed=3)
    layer.build((None, 2, 9, 9, 3))
    assert [w.shape for w in layer.get_weights()] == [
        (3, 2, 3, 16),
        (3, 2, 4, 16),
        (16,),
    ]
    assert layer.get_weights()[2].tolist() == [0.0] * 4 + [1.0] * 4 + [0.0] * 8
    assert layer.compute_output_shape((None, 2, 9, 9, 3)) == (None, 4, 4, 4)
    config = layer.get_config()
    assert config["kernel_size"] == (3, 2) and config["strides"] == (2, 2)
    clone = cornu.layers.ConvLSTM2D.from_config(config)
    assert clone.get_config() == config


def test_conv_lstm_dropout_is_active_in_training_only():
    x = np.random.default_rng(2).normal(size=(2, 3, 6, 2)).astype("float32")
    layer = cornu.layers.ConvLSTM1D(
        2, 3, dropout=0.5, recurrent_dropout=0.5, seed=0
    )
    inference = ops.convert_to_numpy(layer(x))
    training = ops.convert_to_numpy(layer(x, training=True))
    assert not np.allclose(training, inference)


def test_conv_lstm_argument_errors():
    with pytest.raises(ValueError, match=r"Received: filters=0"):
        cornu.layers.ConvLSTM2D(0, 3)
    with pytest.raises(ValueError, match=r"padding='full'"):
        cornu.layers.ConvLSTM2D(2, 3, padding="full")
    with pytest.raises(ValueError, match=r"strides > 1"):
        cornu.layers.ConvLSTM2D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match=r"known spatial dims"):
        cornu.layers.ConvLSTM2D(2, 3)(cornu.Input((4, None, 5, 1)))
