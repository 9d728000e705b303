"""The openvino Fourier transforms inside a compiled `predict` graph.

The ops' own tests (`ops/math/fourier_test.py`, `signal_test.py`) check
their values eagerly; here each op runs on graph inputs (OpenVINO
`Parameter`s) and must give the eager result.
"""

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu import ops
from cornu.src.testing.assertions import assert_allclose

# Feature detection (R7): only the openvino trainer compiles predict into
# an OpenVINO model.
if not hasattr(cornu.Model, "openvino_compiled_predict"):
    pytest.skip(
        "the active backend's trainer does not compile predict with OpenVINO",
        allow_module_level=True,
    )

RNG = np.random.default_rng(0)
# Two batch dims before the transformed axes: (batch, 3, ...).
REAL = RNG.standard_normal((2, 3, 8, 6)).astype("float32")
IMAG = RNG.standard_normal((2, 3, 8, 6)).astype("float32")
SIGNAL = RNG.standard_normal((2, 3, 40)).astype("float32")
WINDOW = RNG.uniform(0.5, 1.0, 6).astype("float32")


def _joined(pair):
    """A `(real, imag)` pair as one tensor (one model output)."""
    return ops.concatenate(list(pair), axis=-1)


PAIR_OPS = {
    "fft": lambda r, i: _joined(ops.fft((r, i))),
    "fft2": lambda r, i: _joined(ops.fft2((r, i))),
    "ifft2": lambda r, i: _joined(ops.ifft2((r, i))),
    "irfft": lambda r, i: ops.irfft((r, i)),
    "irfft_7": lambda r, i: ops.irfft((r, i), fft_length=7),
    "istft_hann": lambda r, i: ops.istft((r, i), 8, 2, 10, length=12),
    "istft_none": lambda r, i: ops.istft(
        (r, i), 7, 3, 10, window=None, center=False
    ),
    "istft_array": lambda r, i: ops.istft((r, i), 6, 2, 10, window=WINDOW),
}
SIGNAL_OPS = {
    "rfft": lambda x: _joined(ops.rfft(x)),
    "rfft_32": lambda x: _joined(ops.rfft(x, fft_length=32)),
    "rfft_50": lambda x: _joined(ops.rfft(x, fft_length=50)),
    "stft_hann": lambda x: _joined(ops.stft(x, 8, 2, 8)),
    "stft_hamming": lambda x: _joined(
        ops.stft(x, 6, 3, 8, window="hamming", center=False)
    ),
    "stft_none": lambda x: _joined(ops.stft(x, 5, 2, 8, window=None)),
    "stft_array": lambda x: _joined(ops.stft(x, 6, 4, 16, window=WINDOW)),
}


def _predict(fn, *arrays):
    inputs = [cornu.Input(a.shape[1:]) for a in arrays]
    outputs = layers.Lambda(lambda xs: fn(*xs))(inputs)
    model = cornu.Model(inputs, outputs)
    # The ops became graph nodes: the model compiled as a whole.
    entry = model.openvino_compiled_predict(list(arrays))
    assert entry.compiled is not None, entry.eager_reason
    return model.predict(list(arrays), verbose=0)


@pytest.mark.parametrize("name", sorted(PAIR_OPS))
def test_pair_op_in_predict_matches_eager(name):
    fn = PAIR_OPS[name]
    got = _predict(fn, REAL, IMAG)
    want = ops.convert_to_numpy(fn(REAL, IMAG))
    assert got.shape == want.shape
    assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", sorted(SIGNAL_OPS))
def test_signal_op_in_predict_matches_eager(name):
    fn = SIGNAL_OPS[name]
    got = _predict(fn, SIGNAL)
    want = ops.convert_to_numpy(fn(SIGNAL))
    assert got.shape == want.shape
    assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_stft_round_trip_in_predict():
    def fn(x):
        return ops.istft(ops.stft(x, 16, 4, 16), 16, 4, 16, length=40)

    assert_allclose(_predict(fn, SIGNAL), SIGNAL, rtol=1e-4, atol=1e-4)


def test_empty_batches_and_axes():
    # OpenVINO's kernels may abort on zero-size inputs: an empty batch
    # is computed as a batch of one, then emptied.
    empty = np.zeros((0, 8), "float32")
    assert ops.shape(ops.fft((empty, empty))[0]) == (0, 8)
    assert ops.shape(ops.rfft(empty)[1]) == (0, 5)
    frames, _ = ops.stft(np.zeros((0, 32), "float32"), 8, 2, 8)
    assert ops.shape(frames) == (0, 17, 5)
    with pytest.raises(ValueError, match=r"empty axis.*x.shape=\(3, 0\)"):
        ops.fft((np.zeros((3, 0), "float32"),) * 2)
    with pytest.raises(ValueError, match=r"at least 1.*fft_length=None"):
        ops.irfft((np.ones((3, 1), "float32"),) * 2)
