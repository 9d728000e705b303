"""`cornu.ops.math` on the OpenVINO backend (the fourier family, which
takes and returns `(real, imag)` pairs, is in `_fourier.py`;
`view_as_complex`/`view_as_real` are in the backend's `UNSUPPORTED` map).

Segment reductions are `ScatterNDUpdate` reductions into a tensor of
the reduction's identity; their output length, when `num_segments` is
not given, is read from concrete `segment_ids` (inside a `predict`
trace the trace then stops with `SymbolicValueError`, and the model runs
op by op). `erfinv` refines a closed-form first guess by
Newton steps on OpenVINO's `Erf`.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.openvino._fourier import fft
from cornu.src.backend.openvino._fourier import fft2
from cornu.src.backend.openvino._fourier import ifft2
from cornu.src.backend.openvino._fourier import irfft
from cornu.src.backend.openvino._fourier import istft
from cornu.src.backend.openvino._fourier import rfft
from cornu.src.backend.openvino._fourier import stft
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import concrete_value
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import run_node
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import normalize_axes
from cornu.src.backend.openvino.numpy.promotion import scalar_int

__all__ = [
    "erf",
    "erfinv",
    "rsqrt",
    "logsumexp",
    "top_k",
    "in_top_k",
    "segment_sum",
    "segment_max",
    "extract_sequences",
    "logdet",
    "fft",
    "fft2",
    "ifft2",
    "rfft",
    "irfft",
    "stft",
    "istft",
]


def erf(x):
    return wrap(ovops.erf(as_float(x).output))


def rsqrt(x):
    x = as_float(x)
    return wrap(ovops.divide(const(1.0, x.dtype), ovops.sqrt(x.output)))


def logsumexp(x, axis=None, keepdims=False):
    x = as_float(x)
    reduced = normalize_axes(axis, x.ndim)
    if any(x.shape[a] == 0 for a in reduced):
        # The log of an empty sum: -inf, as in NumPy.
        shape = [
            1 if i in reduced else d
            for i, d in enumerate(x.shape)
            if keepdims or i not in reduced
        ]
        return from_numpy(np.full(shape, -np.inf, dtype=x.dtype))
    axes = int_const(reduced)
    high = ovops.reduce_max(x.output, axes, True)
    # A row of -inf keeps -inf (not nan): shift by 0 there.
    finite = ovops.is_finite(high)
    shift = ovops.select(finite, high, const(0.0, x.dtype))
    total = ovops.reduce_sum(
        ovops.exp(ovops.subtract(x.output, shift)), axes, True
    )
    out = ovops.add(ovops.log(total), shift)
    if not keepdims:
        out = ovops.squeeze(out, axes)
    return wrap(out)


def top_k(x, k, sorted=True):  # noqa: A002 - Keras's name
    x = convert_to_tensor(x)
    # Stable: ties keep the lower index first, as in Keras.
    node = ovops.topk(
        x.output,
        ovops.constant(np.int64(k)),
        x.ndim - 1,
        "max",
        "value",
        "i32",
        True,
    )
    values, indices = run_node(node)
    return values, indices


def in_top_k(targets, predictions, k):
    predictions = convert_to_tensor(predictions)
    targets = cast(convert_to_tensor(targets), "int64")
    column = ovops.unsqueeze(targets.output, int_const([1]))
    at_target = ovops.gather_elements(predictions.output, column, 1)
    # The target's rank: how many predictions beat it (ties do not).
    beaten = ovops.convert(ovops.greater(predictions.output, at_target), "i32")
    rank = ovops.reduce_sum(beaten, int_const([1]), False)
    inside = ovops.less(rank, const(int(k), "int32"))
    if "int" in predictions.dtype:
        return wrap(inside)
    # A NaN prediction for the target is never in the top k.
    nan = ovops.squeeze(ovops.is_nan(at_target), int_const([1]))
    return wrap(ovops.logical_and(inside, ovops.logical_not(nan)))


def _lowest(dtype):
    if dtype == "bool":
        return False
    if "int" in dtype:
        return np.iinfo(dtype).min
    return -np.inf


def _segment_reduce(data, segment_ids, num_segments, reduction, initial):
    data = convert_to_tensor(data)
    ids = cast(convert_to_tensor(segment_ids), "int64")
    if num_segments is None:
        # The output's length needs the ids: inside a `predict` trace this
        # raises `SymbolicValueError` (the model then runs op by op).
        values = concrete_value(ids, f"math.segment_{reduction}")
        num_segments = int(values.max()) + 1 if values.size else 0
    num_segments = int(num_segments)
    rest = list(data.shape[1:])
    dtype = data.dtype
    base = ovops.broadcast(
        const(initial, dtype), int_const([num_segments, *rest])
    )
    if ids.size == 0 or num_segments == 0:
        return wrap(base)
    # Ids outside [0, num_segments) are sent to row 0 with the identity.
    inside = ovops.logical_and(
        ovops.greater_equal(ids.output, const(0, "int64")),
        ovops.less(ids.output, const(num_segments, "int64")),
    )
    index = ovops.select(inside, ids.output, const(0, "int64"))
    mask = ovops.reshape(inside, int_const([-1] + [1] * len(rest)), False)
    updates = ovops.select(mask, data.output, const(initial, dtype))
    index = ovops.unsqueeze(index, int_const([1]))
    node = ovops.scatter_nd_update(base, index, updates, reduction)
    return wrap(node)


def segment_sum(
    data, segment_ids, num_segments=None, sorted=False  # noqa: A002
):
    dtype = convert_to_tensor(data).dtype
    zero = False if dtype == "bool" else 0
    return _segment_reduce(data, segment_ids, num_segments, "sum", zero)


def segment_max(
    data, segment_ids, num_segments=None, sorted=False  # noqa: A002
):
    dtype = convert_to_tensor(data).dtype
    return _segment_reduce(
        data, segment_ids, num_segments, "max", _lowest(dtype)
    )


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    length, stride = int(sequence_length), int(sequence_stride)
    frames = 1 + (x.shape[-1] - length) // stride
    index = (
        np.arange(max(frames, 0))[:, None] * stride + np.arange(length)[None]
    )
    node = ovops.gather(x.output, int_const(index), scalar_int(x.ndim - 1))
    return wrap(node)


def erfinv(x):
    x = as_float(x)
    dtype = x.dtype
    compute = "float64" if dtype == "float64" else "float32"
    value = cast(x, compute).output
    one = const(1.0, compute)
    # First guess (Winitzki's closed form, ~1e-3 relative error).
    a = 0.147
    log_term = ovops.log(ovops.subtract(one, ovops.multiply(value, value)))
    first = ovops.add(
        const(2.0 / (np.pi * a), compute),
        ovops.multiply(log_term, const(0.5, compute)),
    )
    inner = ovops.subtract(
        ovops.multiply(first, first),
        ovops.multiply(log_term, const(1.0 / a, compute)),
    )
    guess = ovops.sqrt(ovops.subtract(ovops.sqrt(inner), first))
    y = ovops.multiply(ovops.sign(value), guess)
    # Newton steps on erf(y) = x: y -= (erf(y) - x) / erf'(y).
    slope = const(2.0 / np.sqrt(np.pi), compute)
    for _ in range(3):
        derivative = ovops.multiply(
            slope, ovops.exp(ovops.negative(ovops.multiply(y, y)))
        )
        error = ovops.subtract(ovops.erf(y), value)
        step = ovops.divide(error, derivative)
        # At |x| = 1 the guess is +-inf already; keep it.
        step = ovops.select(ovops.is_finite(step), step, const(0.0, compute))
        y = ovops.subtract(y, step)
    return cast(wrap(y), dtype)


def logdet(x):
    from cornu.src.backend.openvino.numpy import slogdet

    x = as_float(x)
    return slogdet(x)[1]
