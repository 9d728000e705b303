"""NumPy references of the recurrences, shared by this folder's tests.

Each reference is written from the equations (Keras 3's semantics), not
from cornu's code: the cells' steps, and the masked time loop (a masked
step keeps the states and repeats the previous output, zeros before the
first unmasked step, or zeros with `zero_output_for_mask`).
"""

import numpy as np
import pytest


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def simple_rnn_step(weights, x, states):
    kernel, recurrent, bias = weights
    h = np.tanh(x @ kernel + states[0] @ recurrent + bias)
    return h, [h]


def lstm_step(weights, x, states):
    kernel, recurrent, bias = weights
    h, c = states
    z = x @ kernel + h @ recurrent + bias
    i, f, g, o = np.split(z, 4, axis=-1)
    c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
    h = _sigmoid(o) * np.tanh(c)
    return h, [h, c]


def gru_step(weights, x, states, reset_after=True):
    kernel, recurrent, bias = weights
    h = states[0]
    units = h.shape[-1]
    if reset_after:
        x_bias, h_bias = bias[0], bias[1]
    else:
        x_bias, h_bias = bias, np.zeros_like(bias)
    x_z, x_r, x_h = np.split(x @ kernel + x_bias, 3, axis=-1)
    if reset_after:
        r_z, r_r, r_h = np.split(h @ recurrent + h_bias, 3, axis=-1)
    else:
        r_z, r_r = np.split(h @ recurrent[:, : 2 * units], 2, axis=-1)
    z = _sigmoid(x_z + r_z)
    r = _sigmoid(x_r + r_r)
    if reset_after:
        candidate = np.tanh(x_h + r * r_h)
    else:
        candidate = np.tanh(x_h + (r * h) @ recurrent[:, 2 * units :])
    h = z * h + (1 - z) * candidate
    return h, [h]


def numpy_rnn(
    step, x, states, mask=None, go_backwards=False, zero_output_for_mask=False
):
    """Returns (outputs in processing order, last output, final states)."""
    x = np.asarray(x, "float64")
    states = [np.asarray(s, "float64") for s in states]
    steps = range(x.shape[1])
    if go_backwards:
        steps = reversed(steps)
    outputs = []
    previous = None
    for t in steps:
        out, new_states = step(x[:, t], states)
        if mask is not None:
            keep = mask[:, t][:, None]
            if zero_output_for_mask or previous is None:
                fallback = np.zeros_like(out)
            else:
                fallback = previous
            out = np.where(keep, out, fallback)
            new_states = [
                np.where(keep, n, s)
                for n, s in zip(new_states, states, strict=True)
            ]
        outputs.append(out)
        previous, states = out, new_states
    return np.stack(outputs, axis=1), outputs[-1], states


def random_weights(layer, seed=7, scale=0.5):
    """Sets normal random weights on a built layer and returns them."""
    rng = np.random.default_rng(seed)
    weights = [
        rng.normal(scale=scale, size=w.shape).astype("float32")
        for w in layer.get_weights()
    ]
    layer.set_weights(weights)
    return weights


class References:
    """The references, handed to tests by the `ref` fixture."""

    simple_rnn_step = staticmethod(simple_rnn_step)
    lstm_step = staticmethod(lstm_step)
    gru_step = staticmethod(gru_step)
    numpy_rnn = staticmethod(numpy_rnn)
    random_weights = staticmethod(random_weights)
    # Right-padded, and with holes (not right-padded), for (3, 6) inputs.
    right_mask = np.array(
        [[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0], [1, 1, 0, 0, 0, 0]], bool
    )
    holes_mask = np.array(
        [[1, 0, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0], [0, 1, 1, 0, 1, 1]], bool
    )


@pytest.fixture
def ref():
    return References
