"""`MelSpectrogram`: mel-scaled power spectrograms of audio signals."""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.layer import Layer

_MEL_BREAK_FREQUENCY_HERTZ = 700.0
_MEL_HIGH_FREQUENCY_Q = 1127.0


@cornu_export("cornu.layers.MelSpectrogram")
class MelSpectrogram(Layer):
    """Converts raw audio to a mel spectrogram (in decibels by default).

    The signal is split into overlapping frames (centered, reflect-padded
    as in `cornu.ops.stft`), each is windowed and Fourier transformed;
    the magnitudes raised to `mag_exp` are projected onto `num_mel_bins`
    triangular mel filters between `min_freq` and `max_freq`, and
    optionally converted to decibels, clipped `top_db` below the peak.

    Args:
        fft_length: DFT size. Defaults to 2048.
        sequence_stride: Samples between frames. Defaults to 512.
        sequence_length: Samples per frame (`<= fft_length`); defaults to
            `fft_length`.
        window: `"hann"` (default), `"hamming"` or `None`.
        sampling_rate: The signal's sample rate in Hz. Defaults to 16000.
        num_mel_bins: The number of mel bands. Defaults to 128.
        min_freq: Lowest band edge in Hz. Defaults to 20.
        max_freq: Highest band edge in Hz; defaults to
            `sampling_rate / 2`.
        power_to_db: Convert to decibels. Defaults to `True`.
        top_db: Dynamic range kept below the peak, in dB. Defaults to 80.
        mag_exp: Exponent of the magnitude (2 gives power). Defaults to 2.
        min_power: Floor of the power before the log. Defaults to 1e-10.
        ref_power: Power that maps to 0 dB. Defaults to 1.
        **kwargs: Base layer arguments.

    Input shape:
        `(batch, samples)` or `(samples,)`.

    Output shape:
        `(batch, num_mel_bins, frames)` or `(num_mel_bins, frames)`.

    Example:

    >>> import numpy as np
    >>> layer = cornu.layers.MelSpectrogram(fft_length=64,
    ...     sequence_stride=16, num_mel_bins=8, sampling_rate=8000)
    >>> y = layer(np.zeros((2, 160), dtype="float32"))
    >>> tuple(y.shape)
    (2, 8, 11)
    """

    def __init__(
        self,
        fft_length: int = 2048,
        sequence_stride: int = 512,
        sequence_length: int | None = None,
        window: str | None = "hann",
        sampling_rate: int = 16000,
        num_mel_bins: int = 128,
        min_freq: float = 20.0,
        max_freq: float | None = None,
        power_to_db: bool = True,
        top_db: float = 80.0,
        mag_exp: float = 2.0,
        min_power: float = 1e-10,
        ref_power: float = 1.0,
        **kwargs: Any,
    ) -> None:
        self.fft_length = fft_length
        self.sequence_stride = sequence_stride
        self.sequence_length = sequence_length or fft_length
        if self.fft_length < self.sequence_length:
            raise ValueError(
                "MelSpectrogram: `fft_length` must be >= `sequence_length`. "
                f"Received: sequence_length={self.sequence_length}, "
                f"fft_length={self.fft_length}."
            )
        self.window = window
        self.sampling_rate = sampling_rate
        self.num_mel_bins = num_mel_bins
        self.min_freq = min_freq
        self.max_freq = max_freq or int(sampling_rate / 2)
        self.power_to_db = power_to_db
        self.top_db = top_db
        self.mag_exp = mag_exp
        self.min_power = min_power
        self.ref_power = ref_power
        super().__init__(**kwargs)
        self.built = True

    def call(self, inputs: Any) -> Any:
        dtype = self.compute_dtype
        if dtype not in ("float32", "float64"):
            dtype = "float32"
        inputs = ops.cast(inputs, dtype)
        real, imag = ops.stft(
            inputs,
            sequence_length=self.sequence_length,
            sequence_stride=self.sequence_stride,
            fft_length=self.fft_length,
            window=self.window,
            center=True,
        )
        spectrum = ops.power(
            ops.sqrt(ops.square(real) + ops.square(imag)), self.mag_exp
        )
        matrix = self.linear_to_mel_weight_matrix(
            num_mel_bins=self.num_mel_bins,
            num_spectrogram_bins=spectrum.shape[-1],
            sampling_rate=self.sampling_rate,
            lower_edge_hertz=self.min_freq,
            upper_edge_hertz=self.max_freq,
        )
        outputs = ops.tensordot(
            spectrum, ops.convert_to_tensor(matrix, dtype=dtype), axes=1
        )
        if self.power_to_db:
            outputs = self._dbscale(outputs)
        outputs = ops.swapaxes(outputs, -1, -2)
        return ops.cast(outputs, self.compute_dtype)

    def _dbscale(self, inputs: Any) -> Any:
        log_spec = 10.0 * ops.log10(ops.maximum(inputs, self.min_power))
        ref = max(abs(self.ref_power), self.min_power)
        log_spec = log_spec - 10.0 * float(np.log10(np.float32(ref)))
        return ops.maximum(log_spec, ops.max(log_spec) - self.top_db)

    def linear_to_mel_weight_matrix(
        self,
        num_mel_bins: int = 20,
        num_spectrogram_bins: int = 129,
        sampling_rate: float = 8000,
        lower_edge_hertz: float = 125.0,
        upper_edge_hertz: float = 3800.0,
        dtype: str = "float32",
    ) -> np.ndarray:
        """The `(num_spectrogram_bins, num_mel_bins)` matrix of triangular
        mel filters (rows: linear frequency bins from 0 to Nyquist; the
        DC row is zero), computed in `dtype` as Keras 3 does."""
        floats = np.dtype(dtype).type
        nyquist = floats(sampling_rate) / floats(2.0)
        frequencies = np.linspace(
            floats(0.0), nyquist, num_spectrogram_bins, dtype=dtype
        )[1:]
        bins_mel = self._hertz_to_mel(frequencies, floats)[:, None]
        edges = np.linspace(
            self._hertz_to_mel(floats(lower_edge_hertz), floats),
            self._hertz_to_mel(floats(upper_edge_hertz), floats),
            num_mel_bins + 2,
            dtype=dtype,
        )
        lower = edges[:-2][None, :]
        center = edges[1:-1][None, :]
        upper = edges[2:][None, :]
        lower_slopes = (bins_mel - lower) / (center - lower)
        upper_slopes = (upper - bins_mel) / (upper - center)
        weights = np.maximum(
            floats(0.0), np.minimum(lower_slopes, upper_slopes)
        )
        return np.pad(weights, [[1, 0], [0, 0]]).astype(dtype)

    @staticmethod
    def _hertz_to_mel(frequencies: Any, floats: Any) -> Any:
        return floats(_MEL_HIGH_FREQUENCY_Q) * np.log(
            floats(1.0) + frequencies / floats(_MEL_BREAK_FREQUENCY_HERTZ)
        )

    def compute_output_shape(self, input_shape: Any) -> tuple:
        input_shape = tuple(input_shape)
        time_seq = input_shape[-1]
        frames = (
            (time_seq + self.sequence_stride + 1) // self.sequence_stride
            if time_seq is not None
            else None
        )
        if len(input_shape) == 1:
            return (self.num_mel_bins, frames)
        return (input_shape[0], self.num_mel_bins, frames)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "fft_length": self.fft_length,
                "sequence_stride": self.sequence_stride,
                "sequence_length": self.sequence_length,
                "window": self.window,
                "sampling_rate": self.sampling_rate,
                "num_mel_bins": self.num_mel_bins,
                "min_freq": self.min_freq,
                "max_freq": self.max_freq,
                "power_to_db": self.power_to_db,
                "top_db": self.top_db,
                "mag_exp": self.mag_exp,
                "min_power": self.min_power,
                "ref_power": self.ref_power,
            }
        )
        return config
