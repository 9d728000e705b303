"""MelSpectrogram: against a NumPy reference (reflect-padded frames,
periodic Hann window, rfft, triangular mel filters, decibels), the mel
matrix against values measured with Keras 3.15, shapes, config, errors."""

import numpy as np
import pytest
import scipy.signal

import cornu
from cornu import ops

# keras.layers.MelSpectrogram().linear_to_mel_weight_matrix(4, 9, 8000,
# 100.0, 3000.0), measured with Keras 3.15.
KERAS_MEL_MATRIX = [
    [0.0, 0.0, 0.0, 0.0],
    [0.6762279868125916, 0.32377201318740845, 0.0, 0.0],
    [0.0, 0.5390681624412537, 0.4609318971633911, 0.0],
    [0.0, 0.0, 0.6973017454147339, 0.3026982247829437],
    [0.0, 0.0, 0.02868412435054779, 0.971315860748291],
    [0.0, 0.0, 0.0, 0.47399407625198364],
    [0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0],
]


def _mel(hz):
    return 1127.0 * np.log(1.0 + hz / 700.0)


def _mel_matrix(num_mel_bins, num_bins, rate, low, high):
    freqs = np.linspace(0.0, rate / 2.0, num_bins)[1:]
    bins = _mel(freqs)[:, None]
    edges = np.linspace(_mel(low), _mel(high), num_mel_bins + 2)
    lower, center, upper = edges[:-2], edges[1:-1], edges[2:]
    weights = np.maximum(
        0.0,
        np.minimum(
            (bins - lower) / (center - lower), (upper - bins) / (upper - center)
        ),
    )
    return np.pad(weights, [(1, 0), (0, 0)])


def _reference(x, fft, stride, mels, rate, to_db):
    padded = np.pad(x, [(0, 0), (fft // 2, fft // 2)], mode="reflect")
    frames = 1 + (padded.shape[1] - fft) // stride
    window = scipy.signal.get_window("hann", fft)  # periodic
    stacked = np.stack(
        [padded[:, i * stride : i * stride + fft] for i in range(frames)], 1
    )
    power = np.abs(np.fft.rfft(stacked * window, axis=-1)) ** 2
    out = power @ _mel_matrix(mels, fft // 2 + 1, rate, 20.0, rate / 2)
    if to_db:
        out = 10.0 * np.log10(np.maximum(out, 1e-10))
        out = np.maximum(out, out.max() - 80.0)
    return out.transpose(0, 2, 1)


@pytest.mark.parametrize("to_db", [True, False])
def test_mel_spectrogram_matches_numpy(to_db):
    x = np.random.default_rng(0).normal(size=(2, 400)).astype("float32")
    layer = cornu.layers.MelSpectrogram(
        fft_length=64,
        sequence_stride=16,
        num_mel_bins=8,
        sampling_rate=8000,
        power_to_db=to_db,
    )
    out = ops.convert_to_numpy(layer(x))
    expected = _reference(x.astype("float64"), 64, 16, 8, 8000, to_db)
    assert out.shape == (2, 8, 26) == expected.shape
    # float32 STFT of 64 samples: dB values to 1e-3, powers relatively.
    if to_db:
        np.testing.assert_allclose(out, expected, atol=1e-3)
    else:
        np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-5)


def test_mel_weight_matrix_matches_keras():
    layer = cornu.layers.MelSpectrogram()
    matrix = layer.linear_to_mel_weight_matrix(4, 9, 8000, 100.0, 3000.0)
    np.testing.assert_allclose(matrix, KERAS_MEL_MATRIX, atol=1e-6)
    np.testing.assert_allclose(
        matrix, _mel_matrix(4, 9, 8000, 100.0, 3000.0), atol=1e-6
    )


def test_mel_spectrogram_unbatched_shapes_and_config():
    layer = cornu.layers.MelSpectrogram(
        fft_length=32,
        sequence_stride=8,
        num_mel_bins=5,
        sampling_rate=4000,
        window="hamming",
        sequence_length=24,
    )
    out = layer(np.zeros((100,), "float32"))
    assert tuple(out.shape) == (5, 13)
    assert layer.compute_output_shape((100,)) == (5, 13)
    assert layer.compute_output_shape((3, None)) == (3, 5, None)
    config = layer.get_config()
    assert config["max_freq"] == 2000 and config["sequence_length"] == 24
    clone = cornu.layers.MelSpectrogram.from_config(config)
    assert clone.get_config() == {**config, "name": clone.name}


def test_mel_spectrogram_rejects_short_fft():
    with pytest.raises(ValueError, match="sequence_length=64, fft_length=32"):
        cornu.layers.MelSpectrogram(fft_length=32, sequence_length=64)
