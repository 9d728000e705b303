"""`STFTSpectrogram`: a short-time Fourier transform computed as a
convolution with fixed (non-trainable by default) DFT kernels."""

from __future__ import annotations

import math
import warnings
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.backend.common import dtypes
from cornu.src.initializers import constant_initializers
from cornu.src.layers.input_spec import InputSpec
from cornu.src.layers.layer import Layer
from cornu.src.ops.nn import conv_utils

_MODES = ("log", "magnitude", "psd", "real", "imag", "angle", "stft")


@cornu_export("cornu.layers.STFTSpectrogram")
class STFTSpectrogram(Layer):
    """Computes the spectrogram of 1-D signals (one per channel) with a
    short-time Fourier transform.

    Each frame of `frame_length` samples (every `frame_step` samples) is
    windowed and Fourier transformed; the transform is a 1-D convolution
    with kernels holding the windowed DFT basis (`real_kernel`,
    `imag_kernel`, made by `cornu.initializers.STFT`), as in Keras 3, so
    the weights are interchangeable and can be fine-tuned.

    Args:
        mode: `"log"` (default, log magnitude), `"magnitude"`, `"psd"`
            (power spectral density), `"real"`, `"imag"`, `"angle"` or
            `"stft"` (real and imaginary parts concatenated).
        frame_length: Samples per frame. Defaults to 256.
        frame_step: Samples between frames; defaults to
            `frame_length // 2`.
        fft_length: DFT size (`>= frame_length`); defaults to the next
            power of two.
        window: A `scipy.signal` window name or `None`. Defaults to
            `"hann"`.
        periodic: Whether the window is periodic (else symmetric).
        scaling: `"density"` (default), `"spectrum"` or `None`.
        padding: `"valid"` (default) or `"same"`.
        expand_dims: Keep channels as a separate last (or first) axis.
        data_format: `"channels_last"` (`(batch, time, channels)`) or
            `"channels_first"`; defaults to the global image data format.
        **kwargs: Base layer arguments.

    Example:

    >>> import numpy as np
    >>> layer = cornu.layers.STFTSpectrogram(mode="magnitude",
    ...                                      frame_length=8, frame_step=4)
    >>> y = layer(np.ones((1, 32, 1), dtype="float32"))
    >>> tuple(y.shape)
    (1, 7, 5)
    """

    def __init__(
        self,
        mode: str = "log",
        frame_length: int = 256,
        frame_step: int | None = None,
        fft_length: int | None = None,
        window: Any = "hann",
        periodic: bool = False,
        scaling: str | None = "density",
        padding: str = "valid",
        expand_dims: bool = False,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        if frame_step is not None and (
            frame_step > frame_length or frame_step < 1
        ):
            raise ValueError(
                "STFTSpectrogram: `frame_step` should be a positive integer "
                "not greater than `frame_length`. Received "
                f"frame_step={frame_step}, frame_length={frame_length}."
            )
        if fft_length is not None and fft_length < frame_length:
            raise ValueError(
                "STFTSpectrogram: `fft_length` should be at least "
                f"`frame_length`. Received fft_length={fft_length}, "
                f"frame_length={frame_length}."
            )
        if fft_length is not None and fft_length & -fft_length != fft_length:
            warnings.warn(
                "`fft_length` is recommended to be a power of two. "
                f"Received fft_length={fft_length}",
                stacklevel=2,
            )
        if mode not in _MODES:
            raise ValueError(
                "STFTSpectrogram: invalid `mode`; it must be one of "
                f"{', '.join(_MODES)}. Received: mode={mode!r}."
            )
        if scaling is not None and scaling not in ("density", "spectrum"):
            raise ValueError(
                "STFTSpectrogram: `scaling` must be None, 'density' or "
                f"'spectrum'. Received scaling={scaling!r}."
            )
        if padding not in ("valid", "same"):
            raise ValueError(
                "STFTSpectrogram: `padding` must be 'valid' or 'same'. "
                f"Received: padding={padding!r}."
            )
        # Validates the window name now, as Keras 3 does.
        constant_initializers.STFT("real", window, scaling, periodic)
        super().__init__(**kwargs)
        self.mode = mode
        self.frame_length = frame_length
        self.frame_step = frame_step
        self._frame_step = frame_step or frame_length // 2
        self.fft_length = fft_length
        self._fft_length = fft_length or 2 ** int(
            math.ceil(math.log2(frame_length))
        )
        self.window = window
        self.periodic = periodic
        self.scaling = scaling
        self.padding = padding
        self.expand_dims = expand_dims
        self.data_format = conv_utils.standardize_data_format(
            data_format, "STFTSpectrogram"
        )
        self.input_spec = InputSpec(ndim=3)

    def build(self, input_shape: Any) -> None:
        shape = (self.frame_length, 1, self._fft_length // 2 + 1)
        if self.mode != "imag":
            self.real_kernel = self.add_weight(
                name="real_kernel",
                shape=shape,
                initializer=constant_initializers.STFT(
                    "real", self.window, self.scaling, self.periodic
                ),
            )
        if self.mode != "real":
            self.imag_kernel = self.add_weight(
                name="imag_kernel",
                shape=shape,
                initializer=constant_initializers.STFT(
                    "imag", self.window, self.scaling, self.periodic
                ),
            )

    def _apply_conv(self, inputs: Any, kernel: Any) -> Any:
        """`(batch, channels, freq, time)` from one kernel."""
        if self.data_format == "channels_last":
            _, time_seq, channels = ops.shape(inputs)
            inputs = ops.transpose(inputs, [0, 2, 1])
            inputs = ops.reshape(inputs, [-1, time_seq, 1])
        else:
            _, channels, time_seq = ops.shape(inputs)
            inputs = ops.reshape(inputs, [-1, 1, time_seq])
        outputs = ops.conv(
            inputs,
            ops.cast(kernel, dtypes.standardize_dtype(inputs.dtype)),
            padding=self.padding,
            strides=self._frame_step,
            data_format=self.data_format,
        )
        if self.data_format == "channels_last":
            _, time_seq, freq = ops.shape(outputs)
            outputs = ops.transpose(outputs, [0, 2, 1])
        else:
            _, freq, time_seq = ops.shape(outputs)
        return ops.reshape(outputs, [-1, channels, freq, time_seq])

    def _adjust_shapes(self, outputs: Any) -> Any:
        _, channels, freq, time_seq = ops.shape(outputs)
        if self.data_format == "channels_last":
            if self.expand_dims:
                return ops.transpose(outputs, [0, 3, 2, 1])
            outputs = ops.reshape(outputs, [-1, channels * freq, time_seq])
            return ops.transpose(outputs, [0, 2, 1])
        if self.expand_dims:
            return ops.transpose(outputs, [0, 1, 3, 2])
        return ops.reshape(outputs, [-1, channels * freq, time_seq])

    def call(self, inputs: Any) -> Any:
        dtype = dtypes.standardize_dtype(inputs.dtype)
        if dtype not in ("float16", "float32", "float64"):
            raise TypeError(
                "STFTSpectrogram: invalid input type. Expected `float16`, "
                f"`float32` or `float64`. Received: input type={dtype}."
            )
        real = imag = None
        if self.mode != "imag":
            real = self._apply_conv(inputs, self.real_kernel)
        if self.mode != "real":
            imag = self._apply_conv(inputs, self.imag_kernel)
        if self.mode == "real":
            return self._adjust_shapes(real)
        if self.mode == "imag":
            return self._adjust_shapes(imag)
        if self.mode == "angle":
            return self._adjust_shapes(ops.arctan2(imag, real))
        if self.mode == "stft":
            return self._adjust_shapes(ops.concatenate([real, imag], axis=2))
        power = ops.square(real) + ops.square(imag)
        if self.mode == "psd":
            inner = ops.pad(
                power[:, :, 1:-1, :], [[0, 0], [0, 0], [1, 1], [0, 0]]
            )
            return self._adjust_shapes(power + inner)
        magnitude = self._adjust_shapes(
            ops.sqrt(ops.maximum(power, config.epsilon()))
        )
        if self.mode == "magnitude":
            return magnitude
        return ops.log(ops.maximum(magnitude, config.epsilon()))

    def compute_output_shape(self, input_shape: Any) -> tuple:
        input_shape = tuple(input_shape)
        if self.data_format == "channels_last":
            batch, time_seq, channels = input_shape
        else:
            batch, channels, time_seq = input_shape
        freq = self._fft_length // 2 + 1
        if self.mode == "stft":
            freq *= 2
        if time_seq is None:
            frames = None
        elif self.padding == "valid":
            frames = (time_seq - self.frame_length) // self._frame_step + 1
        else:
            frames = -(-time_seq // self._frame_step)
        if self.expand_dims:
            if self.data_format == "channels_last":
                return (batch, frames, freq, channels)
            return (batch, channels, frames, freq)
        width = None if channels is None else freq * channels
        if self.data_format == "channels_last":
            return (batch, frames, width)
        return (batch, width, frames)

    def get_config(self) -> dict:
        config_ = super().get_config()
        config_.update(
            {
                "mode": self.mode,
                "frame_length": self.frame_length,
                "frame_step": self.frame_step,
                "fft_length": self.fft_length,
                "window": self.window,
                "periodic": self.periodic,
                "scaling": self.scaling,
                "padding": self.padding,
                "data_format": self.data_format,
                "expand_dims": self.expand_dims,
            }
        )
        return config_
