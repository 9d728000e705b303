"""`math` ops on the TensorFlow backend.

FFT-family ops take and return `(real, imag)` pairs of float tensors, as
Keras does; the public ops validate arguments before calling these.
Segment ops drop ids outside `[0, num_segments)`, as the other backends
do (`tf.math.unsorted_segment_*` drops only negative ids).
"""

import numpy as np
import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import is_float_dtype
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.nn.activations import scalar


def _float_tensor(x):
    """`x` as a tensor; integer and bool inputs become floatx."""
    x = convert_to_tensor(x)
    dtype = standardize_dtype(x.dtype.name)
    if is_float_dtype(dtype) or dtype.startswith("complex"):
        return x
    return tf.cast(x, config.floatx())


def _num_segments(segment_ids, num_segments):
    if num_segments is not None:
        return num_segments
    if not tf.executing_eagerly():
        raise ValueError(
            "segment ops need `num_segments` inside a compiled function on "
            "the TensorFlow backend: the output shape cannot depend on the "
            "values of `segment_ids`. Pass e.g. `num_segments=10`."
        )
    if segment_ids.shape[0] == 0:
        return 0
    return int(tf.reduce_max(segment_ids)) + 1


def _segment(reduce, data, segment_ids, num_segments):
    data = convert_to_tensor(data)
    segment_ids = convert_to_tensor(segment_ids)
    if segment_ids.dtype not in (tf.int32, tf.int64):
        segment_ids = tf.cast(segment_ids, tf.int64)
    num = _num_segments(segment_ids, num_segments)
    ids = tf.where(segment_ids < num, segment_ids, -1)
    if data.dtype == tf.bool:
        out = reduce(tf.cast(data, tf.int32), ids, num)
        return tf.cast(out, tf.bool)
    return reduce(data, ids, num)


def segment_sum(data, segment_ids, num_segments=None, sorted=False):
    return _segment(
        tf.math.unsorted_segment_sum, data, segment_ids, num_segments
    )


def _segment_max(data, ids, num):
    out = tf.math.unsorted_segment_max(data, ids, num)
    if not data.dtype.is_floating:
        return out
    # TensorFlow fills empty segments with the lowest finite value; the
    # other backends (and Keras on JAX) give -inf.
    count = tf.math.unsorted_segment_sum(tf.ones_like(ids, tf.int32), ids, num)
    count = tf.reshape(count, [-1] + [1] * (len(data.shape) - 1))
    return tf.where(count > 0, out, tf.constant(-np.inf, data.dtype))


def segment_max(data, segment_ids, num_segments=None, sorted=False):
    return _segment(_segment_max, data, segment_ids, num_segments)


def top_k(x, k, sorted=True):
    x = convert_to_tensor(x)
    # Always sorted (any order is allowed with sorted=False; this one
    # matches the other backends).
    values, indices = tf.math.top_k(x, k, sorted=True)
    return values, tf.cast(indices, tf.int32)


def in_top_k(targets, predictions, k):
    predictions = convert_to_tensor(predictions)
    targets = convert_to_tensor(targets)
    if targets.dtype not in (tf.int32, tf.int64):
        targets = tf.cast(targets, tf.int64)
    at_target = tf.gather(predictions, targets[:, None], axis=1, batch_dims=1)
    rank = tf.reduce_sum(tf.cast(predictions > at_target, tf.int32), axis=-1)
    # A NaN prediction for the target is never in the top k.
    return (
        tf.logical_and(
            rank < k, tf.logical_not(tf.math.is_nan(at_target[:, 0]))
        )
        if predictions.dtype.is_floating
        else rank < k
    )


def logsumexp(x, axis=None, keepdims=False):
    x = _float_tensor(x)
    if isinstance(axis, tuple):
        axis = list(axis)
    return tf.reduce_logsumexp(x, axis=axis, keepdims=keepdims)


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    return tf.signal.frame(x, sequence_length, sequence_stride, axis=-1)


def _work(dtype):
    return tf.float64 if dtype == tf.float64 else tf.float32


def _complex(x):
    real, imag = (convert_to_tensor(v) for v in x)
    work = _work(real.dtype)
    z = tf.complex(tf.cast(real, work), tf.cast(imag, work))
    return z, real.dtype


def _split(z, dtype):
    return tf.cast(tf.math.real(z), dtype), tf.cast(tf.math.imag(z), dtype)


def fft(x):
    z, dtype = _complex(x)
    return _split(tf.signal.fft(z), dtype)


def fft2(x):
    z, dtype = _complex(x)
    return _split(tf.signal.fft2d(z), dtype)


def ifft2(x):
    z, dtype = _complex(x)
    return _split(tf.signal.ifft2d(z), dtype)


def _rfft(x, n):
    """`numpy.fft.rfft(x, n)` along the last axis of a float tensor."""
    work = tf.cast(x, _work(x.dtype))
    return tf.signal.rfft(work, fft_length=[n])


def rfft(x, fft_length=None):
    x = _float_tensor(x)
    n = x.shape[-1] if fft_length is None else fft_length
    return _split(_rfft(x, n), x.dtype)


def _irfft(z, n):
    """`numpy.fft.irfft(z, n)` along the last axis."""
    return tf.signal.irfft(z, fft_length=[n])


def irfft(x, fft_length=None):
    z, dtype = _complex(x)
    n = 2 * (z.shape[-1] - 1) if fft_length is None else fft_length
    return tf.cast(_irfft(z, n), dtype)


def _window(window, sequence_length, fft_length, dtype):
    """The analysis window, zero-padded on both sides to `fft_length`."""
    if window is None:
        # Keras frames the whole `fft_length` when there is no window.
        return tf.ones([fft_length], dtype)
    if isinstance(window, str):
        # Periodic ("DFT-even") windows, as scipy.signal.get_window gives.
        phase = 2 * np.pi * np.arange(sequence_length) / sequence_length
        a0 = 0.5 if window == "hann" else 0.54
        win = tf.constant(a0 - (1 - a0) * np.cos(phase))
    else:
        win = convert_to_tensor(window)
    left = (fft_length - sequence_length) // 2
    right = fft_length - sequence_length - left
    return tf.cast(tf.pad(win, [[left, right]]), dtype)


def _reflect_pad_last(x, pad):
    rank = len(x.shape)
    return tf.pad(x, [[0, 0]] * (rank - 1) + [[pad, pad]], mode="REFLECT")


def stft(
    x,
    sequence_length,
    sequence_stride,
    fft_length,
    window="hann",
    center=True,
):
    x = convert_to_tensor(x)
    if center:
        x = _reflect_pad_last(x, fft_length // 2)
    win = _window(window, sequence_length, fft_length, x.dtype)
    frames = extract_sequences(x, fft_length, sequence_stride) * win
    return _split(_rfft(frames, fft_length), x.dtype)


def istft(
    x,
    sequence_length,
    sequence_stride,
    fft_length,
    length=None,
    window="hann",
    center=True,
):
    z, dtype = _complex(x)
    frames = _irfft(z, fft_length)
    num_frames = frames.shape[-2]
    win = _window(window, sequence_length, fft_length, frames.dtype)
    signal = tf.signal.overlap_and_add(frames * win, sequence_stride)
    norm = tf.signal.overlap_and_add(
        tf.tile((win * win)[None], [num_frames, 1]), sequence_stride
    )
    signal = signal / tf.where(norm > 1e-10, norm, tf.ones_like(norm))
    if window is None:
        # Keras's convention for no window: rescale the overlap-add.
        signal = signal * scalar(fft_length / sequence_stride, signal.dtype)
    out_len = fft_length + sequence_stride * (num_frames - 1)
    start = fft_length // 2 if center else 0
    end = start + length if length is not None else out_len - start
    return tf.cast(signal[..., start:end], dtype)


def rsqrt(x):
    return tf.math.rsqrt(_float_tensor(x))


def erf(x):
    return tf.math.erf(_float_tensor(x))


def erfinv(x):
    return tf.math.erfinv(_float_tensor(x))


def logdet(x):
    return tf.linalg.slogdet(_float_tensor(x))[1]


def view_as_complex(x):
    x = convert_to_tensor(x)
    if x.dtype != tf.float64:
        x = tf.cast(x, tf.float32)
    return tf.complex(x[..., 0], x[..., 1])


def view_as_real(x):
    x = convert_to_tensor(x)
    return tf.stack([tf.math.real(x), tf.math.imag(x)], axis=-1)
