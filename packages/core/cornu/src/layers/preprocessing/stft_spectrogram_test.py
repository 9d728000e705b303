"""STFTSpectrogram: every mode against a NumPy STFT (`np.fft.rfft` of
windowed frames), both data formats, shapes, weights, config, errors."""

import numpy as np
import pytest
import scipy.signal

import cornu
from cornu import ops
from cornu.testing import run_layer_test

EPS = 1e-7  # cornu.config.epsilon()


def _reference_stft(x, frame_length, step, fft_length, window, scaling):
    """Complex STFT of (batch, time, channels): (batch, frames, freq, ch)."""
    w = (
        np.ones(frame_length)
        if window is None
        else scipy.signal.get_window(window, frame_length, fftbins=False)
    )
    frames = (x.shape[1] - frame_length) // step + 1
    stacked = np.stack(
        [x[:, t * step : t * step + frame_length] for t in range(frames)], 1
    )
    spectrum = np.fft.rfft(stacked * w[:, None], n=fft_length, axis=2)
    if scaling == "density":
        spectrum /= np.sqrt(np.sum(w**2))
    elif scaling == "spectrum":
        spectrum /= np.sum(w)
    return spectrum


def _channels_last(parts):
    # (batch, frames, freq, channels) -> (batch, frames, channels * freq)
    return np.concatenate([parts[..., c] for c in range(parts.shape[-1])], -1)


@pytest.mark.parametrize(
    "mode", ["real", "imag", "magnitude", "log", "angle", "stft", "psd"]
)
@pytest.mark.parametrize("scaling", ["density", "spectrum", None])
def test_stft_spectrogram_matches_numpy(mode, scaling):
    x = np.random.default_rng(0).normal(size=(2, 40, 2)).astype("float32")
    layer = cornu.layers.STFTSpectrogram(
        mode=mode,
        frame_length=8,
        frame_step=4,
        fft_length=16,
        scaling=scaling,
        data_format="channels_last",
    )
    s = _reference_stft(x.astype("float64"), 8, 4, 16, "hann", scaling)
    power = s.real**2 + s.imag**2
    expected = {
        "real": s.real,
        "imag": s.imag,
        "magnitude": np.sqrt(np.maximum(power, EPS)),
        "log": np.log(np.maximum(np.sqrt(np.maximum(power, EPS)), EPS)),
        "angle": np.arctan2(s.imag, s.real),
        "psd": power
        + np.pad(power[:, :, 1:-1], [(0, 0), (0, 0), (1, 1), (0, 0)]),
    }
    if mode == "stft":
        reference = np.concatenate(
            [
                _channels_last(s.real)[..., :9],
                _channels_last(s.imag)[..., :9],
                _channels_last(s.real)[..., 9:],
                _channels_last(s.imag)[..., 9:],
            ],
            -1,
        )
    else:
        reference = _channels_last(expected[mode])
    out = ops.convert_to_numpy(layer(x))
    if mode == "angle":
        # The DC and Nyquist bins have a zero imaginary part, whose
        # rounding sign decides between -pi and pi: compare on the circle.
        out, reference = np.exp(1j * out), np.exp(1j * reference)
    # float32 sums of 8 products.
    np.testing.assert_allclose(out, reference, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("expand_dims", [False, True])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_stft_spectrogram_data_formats_agree(expand_dims, padding):
    x = np.random.default_rng(1).normal(size=(2, 33, 3)).astype("float32")
    kwargs = {
        "mode": "magnitude",
        "frame_length": 8,
        "frame_step": 3,
        "padding": padding,
        "expand_dims": expand_dims,
    }
    last = cornu.layers.STFTSpectrogram(data_format="channels_last", **kwargs)
    first = cornu.layers.STFTSpectrogram(data_format="channels_first", **kwargs)
    a = ops.convert_to_numpy(last(x))
    b = ops.convert_to_numpy(first(x.transpose(0, 2, 1)))
    if expand_dims:  # (batch, frames, freq, ch) vs (batch, ch, frames, freq)
        b = b.transpose(0, 2, 3, 1)
    else:
        b = b.transpose(0, 2, 1)
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert last.compute_output_shape(x.shape) == tuple(last(x).shape)
    frames = 11 if padding == "same" else 9
    assert a.shape[1] == frames


def test_stft_spectrogram_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.STFTSpectrogram,
        init_kwargs={
            "mode": "log",
            "frame_length": 8,
            "frame_step": 4,
            "data_format": "channels_last",
        },
        input_shape=(2, 32, 1),
        expected_output_shape=(2, 7, 5),
        expected_num_trainable_weights=2,
        run_mixed_precision_check=False,
    )


def test_stft_spectrogram_defaults_and_config():
    layer = cornu.layers.STFTSpectrogram(data_format="channels_last")
    assert layer.get_config()["frame_step"] is None
    assert layer._frame_step == 128 and layer._fft_length == 256
    layer.build((None, 512, 1))
    assert [w.name for w in layer.weights] == ["real_kernel", "imag_kernel"]
    assert layer.real_kernel.shape == (256, 1, 129)
    clone = cornu.layers.STFTSpectrogram.from_config(layer.get_config())
    assert clone.get_config() == {**layer.get_config(), "name": clone.name}
    with pytest.warns(UserWarning, match="power of two"):
        cornu.layers.STFTSpectrogram(frame_length=8, fft_length=12)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"frame_length": 8, "frame_step": 9}, "frame_step=9"),
        ({"frame_length": 8, "fft_length": 4}, "fft_length=4"),
        ({"mode": "bad"}, "mode='bad'"),
        ({"scaling": "bad"}, "scaling='bad'"),
        ({"padding": "causal"}, "padding='causal'"),
        ({"window": "no-such-window"}, "no-such-window"),
    ],
)
def test_stft_spectrogram_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.STFTSpectrogram(**kwargs)


def test_stft_spectrogram_rejects_integer_inputs():
    layer = cornu.layers.STFTSpectrogram(
        frame_length=4, data_format="channels_last"
    )
    with pytest.raises(TypeError, match="input type=int32"):
        layer(ops.convert_to_tensor(np.ones((1, 8, 1), "int32")))
