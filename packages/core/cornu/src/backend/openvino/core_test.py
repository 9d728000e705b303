"""The openvino backend's tensors (runs only on that backend)."""

import numpy as np
import pytest

import cornu
from cornu import ops

# Feature detection (R7): only the openvino trainer compiles predict into
# an OpenVINO model.
if not hasattr(cornu.Model, "openvino_compiled_predict"):
    pytest.skip(
        "the active backend's tensors are not OpenVINO graph outputs",
        allow_module_level=True,
    )


def test_a_tensor_does_not_change_with_the_callers_array():
    # Tensors share memory with their constant node; the caller's own
    # array is copied first.
    a = np.arange(4, dtype="float32")
    t = ops.convert_to_tensor(a)
    a[0] = 100.0
    np.testing.assert_array_equal(ops.convert_to_numpy(t), [0, 1, 2, 3])
    np.testing.assert_array_equal(ops.convert_to_numpy(t + 1.0), [1, 2, 3, 4])


def test_non_contiguous_half_precision_keeps_its_dtype_and_values():
    x = np.moveaxis(
        np.arange(24, dtype="float32").reshape(2, 3, 4), -1, 1
    )
    t = ops.cast(ops.convert_to_tensor(x), "float16")
    assert t.dtype == "float16"
    out = ops.mean(t, axis=2)
    assert out.dtype == "float16"
    np.testing.assert_allclose(
        ops.convert_to_numpy(out), x.mean(axis=2), rtol=1e-3
    )


def test_scalars_stay_rank_zero():
    assert ops.convert_to_tensor(1.5).shape == ()
    assert ops.zeros(()).shape == ()
    assert ops.broadcast_to(ops.convert_to_tensor(2.0), ()).shape == ()


def test_eager_ops_keep_axis_inputs_constant_in_half_precision():
    # A float16 reduction has no reference kernel and runs as a compiled
    # one-node model; its axes must stay constants there.
    x = np.random.default_rng(0).normal(size=(2, 3, 4)).astype("float16")
    got = ops.max(x, axis=(1, 2))
    np.testing.assert_array_equal(ops.convert_to_numpy(got), x.max((1, 2)))


def test_float64_infinities_survive_eager_ops():
    x = np.array([1.0, np.inf, -np.inf, np.nan])
    np.testing.assert_array_equal(
        ops.convert_to_numpy(ops.isinf(x)), np.isinf(x)
    )
    # float64 carries float32 precision here (`float64_precision=False`).
    np.testing.assert_allclose(
        ops.convert_to_numpy(ops.exp(x)), np.exp(x), rtol=1e-6
    )
