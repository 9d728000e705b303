"""The active backend's `rnn` module: the loop and the fused kernels.

`backend.rnn.rnn` is checked against a NumPy loop; where the backend has
fused `lstm`/`gru` kernels (they raise `NotImplementedError` otherwise),
they must agree with the generic loop running the same recurrence.
"""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src import backend
from cornu.testing import assert_allclose

_RIGHT_MASK = np.array([[1, 1, 1, 1], [1, 1, 0, 0], [1, 0, 0, 0]], bool)


def _numpy_loop(x, h, mask, go_backwards, zero_output):
    outputs, previous = [], np.zeros_like(h)
    order = range(x.shape[1])
    for t in reversed(order) if go_backwards else order:
        new = np.tanh(x[:, t] + 0.5 * h)
        keep = mask[:, t][:, None] if mask is not None else True
        out = np.where(keep, new, 0.0 if zero_output else previous)
        h = np.where(keep, new, h)
        outputs.append(out)
        previous = out
    return np.stack(outputs, axis=1), h


@pytest.mark.parametrize("zero_output", [False, True], ids=str)
@pytest.mark.parametrize("unroll", [False, True], ids=str)
@pytest.mark.parametrize("go_backwards", [False, True], ids=str)
@pytest.mark.parametrize("masked", [False, True], ids=str)
def test_rnn_loop_matches_numpy(zero_output, unroll, go_backwards, masked):
    x = np.random.default_rng(0).normal(size=(3, 4, 2)).astype("float32")
    h0 = np.random.default_rng(1).normal(size=(3, 2)).astype("float32")
    mask = _RIGHT_MASK if masked else None

    def step(x_t, states):
        h = ops.tanh(x_t + 0.5 * states[0])
        return h, [h]

    last, outputs, (h,) = backend.rnn.rnn(
        step,
        ops.convert_to_tensor(x),
        [ops.convert_to_tensor(h0)],
        go_backwards=go_backwards,
        mask=None if mask is None else ops.convert_to_tensor(mask),
        unroll=unroll,
        zero_output_for_mask=zero_output,
    )
    want, want_h = _numpy_loop(x, h0, mask, go_backwards, zero_output)
    assert_allclose(ops.convert_to_numpy(outputs), want, rtol=1e-5, atol=1e-6)
    assert_allclose(
        ops.convert_to_numpy(last), want[:, -1], rtol=1e-5, atol=1e-6
    )
    assert_allclose(ops.convert_to_numpy(h), want_h, rtol=1e-5, atol=1e-6)


def test_rnn_loop_time_major_with_constants():
    x = np.random.default_rng(0).normal(size=(4, 3, 2)).astype("float32")

    def step(x_t, states):
        h = states[0] + x_t * states[1]
        return h, [h]

    last, outputs, (h,) = backend.rnn.rnn(
        step,
        ops.convert_to_tensor(x),
        [ops.zeros((3, 2))],
        constants=[ops.full((3, 2), 2.0)],
        time_major=True,
        return_all_outputs=False,
    )
    assert_allclose(ops.convert_to_numpy(h), 2 * x.sum(axis=0), rtol=1e-5)
    assert_allclose(ops.convert_to_numpy(last), 2 * x.sum(axis=0), rtol=1e-5)


def test_cudnn_ok_follows_keras_conditions():
    tanh, sigmoid = cornu.activations.tanh, cornu.activations.sigmoid
    ok = backend.rnn.cudnn_ok
    assert not ok(cornu.activations.relu, sigmoid, False)
    assert not ok(tanh, tanh, False)
    assert not ok(tanh, sigmoid, True)
    assert not ok(tanh, sigmoid, False, use_bias=False)


def _fused_case(kind, go_backwards, masked, zero_output):
    rng = np.random.default_rng(3)
    units, gates = 3, {"lstm": 4, "gru": 3}[kind]
    x = rng.normal(size=(3, 4, 2)).astype("float32")
    layer = {"lstm": cornu.layers.LSTM, "gru": cornu.layers.GRU}[kind](
        units,
        return_sequences=True,
        return_state=True,
        go_backwards=go_backwards,
        zero_output_for_mask=zero_output,
        use_cudnn=False,
    )
    layer.build(x.shape)
    layer.set_weights(
        [
            rng.normal(scale=0.5, size=w.shape).astype("float32")
            for w in layer.get_weights()
        ]
    )
    assert layer.get_weights()[0].shape == (2, gates * units)
    mask = _RIGHT_MASK if masked else None
    return layer, x, mask


@pytest.mark.parametrize("zero_output", [False, True], ids=str)
@pytest.mark.parametrize("go_backwards", [False, True], ids=str)
@pytest.mark.parametrize("masked", [False, True], ids=str)
@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_fused_kernels_agree_with_the_generic_loop(
    kind, go_backwards, masked, zero_output
):
    layer, x, mask = _fused_case(kind, go_backwards, masked, zero_output)
    cell = layer.cell
    units = cell.units
    h0 = np.random.default_rng(4).normal(size=(3, units)).astype("float32")
    c0 = -h0
    arguments = dict(
        kernel=cell.kernel,
        recurrent_kernel=cell.recurrent_kernel,
        bias=cell.bias,
        activation=cell.activation,
        recurrent_activation=cell.recurrent_activation,
        return_sequences=True,
        go_backwards=go_backwards,
        zero_output_for_mask=zero_output,
    )
    mask_tensor = None if mask is None else ops.convert_to_tensor(mask)
    inputs = ops.convert_to_tensor(x)
    try:
        if kind == "lstm":
            fused = backend.rnn.lstm(
                inputs,
                ops.convert_to_tensor(h0),
                ops.convert_to_tensor(c0),
                mask_tensor,
                **arguments,
            )
        else:
            fused = backend.rnn.gru(
                inputs, ops.convert_to_tensor(h0), mask_tensor, **arguments
            )
    except NotImplementedError:
        pytest.skip("this backend has no fused kernel (the layers loop)")
    states = [h0, c0] if kind == "lstm" else h0
    generic = layer(x, initial_state=states, mask=mask)
    last, outputs, fused_states = fused
    assert_allclose(
        ops.convert_to_numpy(outputs),
        ops.convert_to_numpy(generic[0]),
        rtol=1e-5,
        atol=1e-6,
    )
    assert_allclose(
        ops.convert_to_numpy(last),
        ops.convert_to_numpy(generic[0])[:, -1],
        rtol=1e-5,
        atol=1e-6,
    )
    for got, want in zip(fused_states, generic[1:], strict=True):
        assert_allclose(
            ops.convert_to_numpy(got),
            ops.convert_to_numpy(want),
            rtol=1e-5,
            atol=1e-6,
        )


def test_fused_kernels_decline_or_match_masks_with_holes():
    layer, x, _ = _fused_case("gru", False, False, False)
    cell = layer.cell
    holes = np.array([[1, 0, 1, 1], [1, 1, 0, 0], [0, 0, 0, 0]], bool)
    try:
        _, outputs, _ = backend.rnn.gru(
            ops.convert_to_tensor(x),
            ops.zeros((3, 3)),
            ops.convert_to_tensor(holes),
            kernel=cell.kernel,
            recurrent_kernel=cell.recurrent_kernel,
            bias=cell.bias,
            activation=cell.activation,
            recurrent_activation=cell.recurrent_activation,
            return_sequences=True,
        )
    except NotImplementedError:
        return  # e.g. cuDNN-like kernels: the layer loops instead
    generic = layer(x, mask=holes)[0]
    assert_allclose(
        ops.convert_to_numpy(outputs),
        ops.convert_to_numpy(generic),
        rtol=1e-5,
        atol=1e-6,
    )
