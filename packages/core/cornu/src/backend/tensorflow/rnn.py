"""Recurrent loops on TensorFlow: a Python loop eagerly, a `tf.while_loop`
inside `tf.function`.

Eagerly (and with `unroll=True`), `rnn` runs the shared Python loop
(`common/rnn_loop.py`), as `tf.while_loop` itself would. Inside a graph it
builds one `tf.while_loop` whose body calls the step function once, the
outputs collected in a `TensorArray`.

No fused LSTM/GRU: `lstm` and `gru` raise `NotImplementedError`, so the
layers run their cell through `rnn`. TensorFlow reaches cuDNN's RNN
kernels only through the low-level `CudnnRNN` ops with their own weight
layout (Keras's TF backend repacks the weights for them); inside a
compiled `tf.function` the generic loop becomes one `While` op whose
body Grappler/XLA fuse, and on CPU it is what TF runs anyway, so the
fused path would add a second, hard-to-test implementation for a GPU-only
speed-up.
"""

from __future__ import annotations

import types
from typing import Any
from typing import Callable

import tensorflow as tf

from cornu.src import tree
from cornu.src.backend.common import rnn_loop
from cornu.src.backend.tensorflow import core


def _transpose(x, axes):
    return tf.transpose(x, axes)


# The few array functions the shared Python loop needs.
_XNP = types.SimpleNamespace(
    transpose=_transpose,
    expand_dims=tf.expand_dims,
    where=tf.where,
    zeros_like=tf.zeros_like,
    stack=lambda xs, axis=0: tf.stack(xs, axis=axis),
)


def rnn(
    step_function: Callable,
    inputs: Any,
    initial_states: Any,
    go_backwards: bool = False,
    mask: Any = None,
    constants: Any = None,
    unroll: bool = False,
    input_length: Any = None,
    time_major: bool = False,
    zero_output_for_mask: bool = False,
    return_all_outputs: bool = True,
) -> tuple:
    """Iterates `step_function` over time; Keras's `backend.rnn`.

    Returns `(last_output, outputs, new_states)`; see
    `cornu.src.backend.common.rnn_loop.python_rnn` for the arguments.
    Inside a graph with `unroll=False`, `outputs` always holds every step.
    """
    inputs = tree.map_structure(core.convert_to_tensor, inputs)
    if mask is not None:
        mask = tf.cast(core.convert_to_tensor(mask), tf.bool)
    if unroll or tf.executing_eagerly():
        return rnn_loop.python_rnn(
            _XNP,
            step_function,
            inputs,
            initial_states,
            go_backwards=go_backwards,
            mask=mask,
            constants=constants,
            time_major=time_major,
            zero_output_for_mask=zero_output_for_mask,
            return_all_outputs=return_all_outputs,
        )
    return _while_rnn(
        step_function,
        inputs,
        initial_states,
        go_backwards,
        mask,
        constants,
        time_major,
        zero_output_for_mask,
    )


def _while_rnn(
    step_function,
    inputs,
    initial_states,
    go_backwards,
    mask,
    constants,
    time_major,
    zero_output_for_mask,
):
    constants = tuple(constants or ())
    flat_inputs = tree.flatten(inputs)
    if not time_major:
        flat_inputs = [
            rnn_loop.swap_batch_timestep(_XNP, x) for x in flat_inputs
        ]
    if mask is not None:
        mask = rnn_loop.time_major_mask(_XNP, mask, time_major)
    if go_backwards:
        flat_inputs = [tf.reverse(x, [0]) for x in flat_inputs]
        if mask is not None:
            mask = tf.reverse(mask, [0])
    time_steps = flat_inputs[0].shape[0]
    if time_steps is None:
        time_steps = tf.shape(flat_inputs[0])[0]
    initial_states = list(initial_states)

    def step(t, flat_states):
        x = tree.pack_sequence_as(inputs, [v[t] for v in flat_inputs])
        states = tree.pack_sequence_as(initial_states, flat_states)
        output, new_states = step_function(x, tuple(states) + constants)
        flat_new = [
            tf.cast(new, old.dtype)
            for new, old in zip(
                tree.flatten(new_states), flat_states, strict=True
            )
        ]
        return output, flat_new

    def masked(t, output, previous, flat_new, flat_states):
        if mask is None:
            return output, flat_new
        mask_t = mask[t]
        if zero_output_for_mask:
            previous = tf.zeros_like(output)
        output = tf.where(
            rnn_loop.expand_mask(_XNP, mask_t, output), output, previous
        )
        flat_new = [
            tf.where(rnn_loop.expand_mask(_XNP, mask_t, new), new, old)
            for new, old in zip(flat_new, flat_states, strict=True)
        ]
        return output, flat_new

    # Step 0 is traced once outside the loop only to learn the output's
    # shape and dtype; the loop then runs every step from 0 into an empty
    # TensorArray (the pattern that converters such as tf2onnx map to a
    # scan output). The "previous output" of masked steps starts at 0.
    flat_states = [
        core.convert_to_tensor(s) for s in tree.flatten(initial_states)
    ]
    output0, _ = step(0, flat_states)
    outputs_ta = tf.TensorArray(
        output0.dtype, size=time_steps, element_shape=output0.shape
    )

    def body(t, output, flat_states, outputs_ta):
        new_output, flat_new = step(t, flat_states)
        new_output, flat_new = masked(
            t, new_output, output, flat_new, flat_states
        )
        return t + 1, new_output, flat_new, outputs_ta.write(t, new_output)

    _, last_output, flat_states, outputs_ta = tf.while_loop(
        lambda t, *_: t < time_steps,
        body,
        (tf.constant(0), tf.zeros_like(output0), flat_states, outputs_ta),
    )
    outputs = outputs_ta.stack()
    if not time_major:
        outputs = rnn_loop.swap_batch_timestep(_XNP, outputs)
    new_states = tree.pack_sequence_as(initial_states, flat_states)
    return last_output, outputs, list(new_states)


def cudnn_ok(
    activation: Any,
    recurrent_activation: Any,
    unroll: bool,
    use_bias: bool = True,
) -> bool:
    """Whether a fused kernel could run: never on this backend (see the
    module docstring)."""
    return False


def lstm(*args: Any, **kwargs: Any) -> Any:
    """No fused LSTM on TensorFlow: the layer falls back to `rnn`."""
    raise NotImplementedError


def gru(*args: Any, **kwargs: Any) -> Any:
    """No fused GRU on TensorFlow: the layer falls back to `rnn`."""
    raise NotImplementedError
