"""The Fourier transforms of `cornu.ops.math` on the OpenVINO backend.

Complex values travel as `(real, imag)` pairs of float tensors, as in
Keras; OpenVINO's transform nodes hold them as one tensor with a trailing
axis of size 2, so each op stacks the pair, builds one node and splits
its output. `fft`/`fft2`/`ifft2` are `DFT`/`IDFT`, `rfft`/`irfft` are
`RDFT`/`IRDFT`, `stft`/`istft` are the `STFT` (opset15) and `ISTFT`
(opset16) nodes, whose framing, centred window padding and
squared-window normalization are those of the numpy backend.

OpenVINO's transforms take f32/f16/bf16 only: every input is computed in
float32 (float64 too, as the CPU plugin computes every f64 op) and the
results are cast back. `RDFT`'s CPU kernel cannot zero-pad (a
`signal_size` above the input length) and `IRDFT`'s reads past its input
when given fewer than `n // 2 + 1` bins, so the inputs are cropped or
zero-padded to the transform size first. The batch dims and, for
`stft`/`istft`, the signal and frame axes may be dynamic inside a
`predict` graph.

These nodes have no reference `evaluate` (an eager call would compile
each of an op's nodes as its own one-node model), so an eager call
compiles the op's whole small graph once per signature, with the tensors
as `Parameter`s and the axes and sizes as constants (the CPU plugin
needs those constant), and runs it; inside a `predict` trace the same
nodes become part of the model. An empty batch runs as a batch of one
(some of OpenVINO's kernels abort on zero-size inputs).
"""

import numpy as np
import openvino as ov
import openvino.opset15 as ovops
import openvino.opset16 as ovops16

from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import ov_core
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.promotion import scalar_int

__all__ = ["fft", "fft2", "ifft2", "rfft", "irfft", "stft", "istft"]

_WORK = "float32"
_END = np.iinfo(np.int64).max
# Compiled eager graphs, keyed by builder, static arguments and shapes.
_COMPILED: dict = {}


def _apply(build, tensors, dtype, axes, **static):
    """The outputs of `build(*outputs, **static)` on float32 `tensors`,
    cast to `dtype`: graph nodes when a tensor is symbolic (inside a
    `predict` trace), else run at once by a cached compiled graph. The
    op transforms the last `axes` axes of `tensors[0]`; the others are
    batch dims, which lead the results too."""
    tensors = [cast(convert_to_tensor(t), _WORK) for t in tensors]
    if any(t.is_symbolic for t in tensors):
        return [
            cast(wrap(out), dtype)
            for out in build(*(t.output for t in tensors), **static)
        ]
    if any(0 in t.shape for t in tensors):
        return _empty_batch(build, tensors, dtype, axes, static)
    key = (build.__name__, repr(sorted(static.items())))
    key += tuple(t.shape for t in tensors)
    compiled = _COMPILED.get(key)
    if compiled is None:
        params = [ovops.parameter(list(t.shape), ov.Type.f32) for t in tensors]
        outputs = build(*(p.output(0) for p in params), **static)
        model = ov.Model(outputs, params, "cornu_fourier")
        compiled = ov_core().compile_model(
            model, "CPU", {"INFERENCE_PRECISION_HINT": "f32"}
        )
        if len(_COMPILED) > 256:
            _COMPILED.clear()
        _COMPILED[key] = compiled
    results = compiled([t.numpy() for t in tensors])
    return [
        cast(from_numpy(np.array(results[i])), dtype)
        for i in range(len(compiled.outputs))
    ]


def _empty_batch(build, tensors, dtype, axes, static):
    """`_apply` on an empty batch (OpenVINO's kernels may abort on
    zero-size inputs): the shapes of a batch of one, emptied."""
    shape = tensors[0].shape
    batch = len(shape) - axes
    if 0 in shape[batch:]:
        raise ValueError(
            "The openvino backend cannot transform an empty axis. "
            f"Received: x.shape={shape}."
        )
    ones = [
        from_numpy(np.zeros([max(d, 1) for d in t.shape], t.dtype))
        for t in tensors
    ]
    empty = tuple(slice(0, 0) if d == 0 else slice(None) for d in shape[:batch])
    return [
        from_numpy(out.numpy()[empty])
        for out in _apply(build, ones, dtype, axes, **static)
    ]


def _stacked(real, imag):
    """A `(real, imag)` pair as one output with a trailing axis of 2."""
    axis = int_const([-1])
    parts = [ovops.unsqueeze(v, axis) for v in (real, imag)]
    return ovops.concat(parts, -1).output(0)


def _split(output):
    """The real and imaginary parts of an output whose last axis is 2."""
    return [
        ovops.gather(output, scalar_int(i), scalar_int(-1)).output(0)
        for i in (0, 1)
    ]


def _resize(output, axis, size):
    """`output` cropped or zero-padded at the end of `axis` to `size`."""
    rank = len(output.get_partial_shape())
    axis %= rank
    current = output.get_partial_shape()[axis].get_length()
    if size < current:
        return ovops.slice(
            output,
            int_const([0]),
            int_const([size]),
            int_const([1]),
            int_const([axis]),
        ).output(0)
    if size > current:
        end = [0] * rank
        end[axis] = size - current
        return ovops.pad(
            output, int_const([0] * rank), int_const(end), "constant"
        ).output(0)
    return output


def _complex_dft(real, imag, dims, inverse):
    transform = ovops.idft if inverse else ovops.dft
    node = transform(_stacked(real, imag), int_const(list(dims)))
    return _split(node.output(0))


def _real_dft(x, n):
    if n is not None:
        x = _resize(x, -1, n)
    return _split(ovops.rdft(x, int_const([-1])).output(0))


def _inverse_real_dft(real, imag, n):
    data = _resize(_stacked(real, imag), -2, n // 2 + 1)
    return [ovops.irdft(data, int_const([-1]), int_const([n])).output(0)]


def _pair(x):
    real, imag = (convert_to_tensor(v) for v in x)
    return [real, imag], real.dtype


def fft(x):
    pair, dtype = _pair(x)
    return tuple(
        _apply(_complex_dft, pair, dtype, 1, dims=(-1,), inverse=False)
    )


def fft2(x):
    pair, dtype = _pair(x)
    return tuple(
        _apply(_complex_dft, pair, dtype, 2, dims=(-2, -1), inverse=False)
    )


def ifft2(x):
    pair, dtype = _pair(x)
    return tuple(
        _apply(_complex_dft, pair, dtype, 2, dims=(-2, -1), inverse=True)
    )


def rfft(x, fft_length=None):
    x = as_float(x)
    n = None if fft_length is None else int(fft_length)
    return tuple(_apply(_real_dft, [x], x.dtype, 1, n=n))


def irfft(x, fft_length=None):
    pair, dtype = _pair(x)
    bins = pair[0].shape[-1]
    n = 2 * (bins - 1) if fft_length is None else int(fft_length)
    if n < 1:
        raise ValueError(
            "irfft: the output length (`fft_length`, by default "
            "2 * (bins - 1)) must be at least 1. Received: x[0].shape="
            f"{pair[0].shape}, fft_length={fft_length}."
        )
    return _apply(_inverse_real_dft, pair, dtype, 1, n=n)[0]


def _window_constant(window, sequence_length, fft_length):
    """A named or absent window as a float32 constant (`STFT`/`ISTFT`
    centre and zero-pad a window shorter than `fft_length`)."""
    if window is None:
        # Keras frames the whole `fft_length` when there is no window.
        return const(np.ones(fft_length), _WORK)
    # Periodic ("DFT-even") windows, as scipy.signal.get_window gives.
    phase = 2 * np.pi * np.arange(sequence_length) / sequence_length
    a0 = 0.5 if window == "hann" else 0.54
    return const(a0 - (1 - a0) * np.cos(phase), _WORK)


def _flat_batch(output, keep):
    """`output` with all but its last `keep` axes merged into one, and
    the shape of the merged axes (an output), or `None` when there is at
    most one of them (nothing to merge)."""
    rank = len(output.get_partial_shape())
    if rank <= keep + 1:
        return output, None
    shape = ovops.shape_of(output, "i64")
    cut = rank - keep
    batch = ovops.slice(shape, int_const([0]), int_const([cut]), int_const([1]))
    tail = ovops.slice(
        shape, int_const([cut]), int_const([_END]), int_const([1])
    )
    target = ovops.concat([int_const([-1]), tail], 0)
    return ovops.reshape(output, target, False).output(0), batch


def _unflat_batch(output, batch):
    """Splits the first axis of `output` back into the `batch` shape of
    `_flat_batch` (nothing to do when `batch` is `None`)."""
    if batch is None:
        return output
    shape = ovops.shape_of(output, "i64")
    tail = ovops.slice(shape, int_const([1]), int_const([_END]), int_const([1]))
    target = ovops.concat([batch, tail], 0)
    return ovops.reshape(output, target, False).output(0)


def _frames(x, *window, named, sequence_length, stride, fft_length, center):
    window = (
        window[0]
        if window
        else _window_constant(named, sequence_length, fft_length)
    )
    rank = len(x.get_partial_shape())
    if center:
        pad = int_const([0] * (rank - 1) + [fft_length // 2])
        x = ovops.pad(x, pad, pad, "reflect").output(0)
    x, batch = _flat_batch(x, 1)
    node = ovops.stft(
        x, window, scalar_int(fft_length), scalar_int(stride), False
    )
    # (batch, frames, bins, 2), the batch dims restored in front.
    return _split(_unflat_batch(node.output(0), batch))


def _overlap_add(
    real,
    imag,
    *window,
    named,
    sequence_length,
    stride,
    fft_length,
    length,
    center,
):
    given = bool(window)
    window = (
        window[0]
        if window
        else _window_constant(named, sequence_length, fft_length)
    )
    data = _resize(_stacked(real, imag), -2, fft_length // 2 + 1)
    data, batch = _flat_batch(data, 3)
    # `ISTFT` reads (batch, bins, frames, 2).
    order = list(range(len(data.get_partial_shape())))
    order[-3], order[-2] = order[-2], order[-3]
    data = ovops.transpose(data, int_const(order))
    signal = ovops16.istft(
        data,
        window,
        scalar_int(fft_length),
        scalar_int(stride),
        False,
        False,
    ).output(0)
    if named is None and not given:
        # Keras's convention for no window: rescale the overlap-add.
        scale = const(fft_length / stride, _WORK)
        signal = ovops.multiply(signal, scale).output(0)
    # The crop of `center` and `length`: a slice, which stops early
    # (rather than zero-padding) when the signal is shorter, as NumPy's.
    start = fft_length // 2 if center else 0
    if length is not None:
        stop = start + length
    else:
        stop = -start if start else _END
    signal = ovops.slice(
        signal,
        int_const([start]),
        int_const([stop]),
        int_const([1]),
        int_const([-1]),
    ).output(0)
    return [_unflat_batch(signal, batch)]


def _window_args(window):
    """The window as a tensor input (or none) and as a static name."""
    if window is None or isinstance(window, str):
        return [], window
    return [convert_to_tensor(window)], None


def stft(
    x,
    sequence_length,
    sequence_stride,
    fft_length,
    window="hann",
    center=True,
):
    x = as_float(x)
    tensors, named = _window_args(window)
    return tuple(
        _apply(
            _frames,
            [x, *tensors],
            x.dtype,
            1,
            named=named,
            sequence_length=int(sequence_length),
            stride=int(sequence_stride),
            fft_length=int(fft_length),
            center=bool(center),
        )
    )


def istft(
    x,
    sequence_length,
    sequence_stride,
    fft_length,
    length=None,
    window="hann",
    center=True,
):
    pair, dtype = _pair(x)
    tensors, named = _window_args(window)
    return _apply(
        _overlap_add,
        [*pair, *tensors],
        dtype,
        2,
        named=named,
        sequence_length=int(sequence_length),
        stride=int(sequence_stride),
        fft_length=int(fft_length),
        length=None if length is None else int(length),
        center=bool(center),
    )[0]
