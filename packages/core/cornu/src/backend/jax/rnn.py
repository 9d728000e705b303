"""Recurrent loops on JAX: `jax.lax.scan`, compiled with the step.

`rnn` scans the step function over time (a Python loop with
`unroll=True`). `lstm` and `gru` scan a step written directly in
`jax.numpy` (gates split with `jnp.split`, whose gradient XLA fuses into
one concatenation), under Keras's fused-kernel conditions (`tanh`/
`sigmoid`, no unrolling, a bias); they raise `NotImplementedError`
otherwise, which makes the layer fall back to `rnn` over its cell.

Projecting the whole input sequence with one product before the scan
was measured slower on XLA's CPU backend (10.4 ms against 6.4 ms for a
training step of LSTM(64) on 64x50x32 inputs): the scan then carries a
`(time, batch, 4 * units)` tensor and its cotangent.
"""

from __future__ import annotations

import contextlib
from typing import Any
from typing import Callable

import jax
import jax.numpy as jnp

from cornu.src import tree
from cornu.src.backend.common import rnn_loop
from cornu.src.backend.common import stateless_scope
from cornu.src.backend.jax import core
from cornu.src.backend.jax import numpy as xnp


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
    With `unroll=False` the loop is one `jax.lax.scan` (and `outputs`
    always holds every step).
    """
    inputs = tree.map_structure(core.convert_to_tensor, inputs)
    if mask is not None:
        mask = core.convert_to_tensor(mask).astype(jnp.bool_)
    if unroll:
        return rnn_loop.python_rnn(
            xnp,
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
    constants = tuple(constants or ())
    flat_inputs = tree.flatten(inputs)
    if not time_major:
        flat_inputs = [
            rnn_loop.swap_batch_timestep(xnp, x) for x in flat_inputs
        ]
        if mask is not None:
            mask = rnn_loop.time_major_mask(xnp, mask, time_major=False)
    elif mask is not None:
        mask = rnn_loop.time_major_mask(xnp, mask, time_major=True)
    initial_states = list(initial_states)

    def step(states, flat_x):
        x = tree.pack_sequence_as(inputs, flat_x)
        output, new_states = step_function(x, tuple(states) + constants)
        new_states = tree.pack_sequence_as(states, tree.flatten(new_states))
        return output, new_states

    if mask is None:

        def body(states, flat_x):
            output, new_states = step(states, flat_x)
            return new_states, output

        init, xs = initial_states, flat_inputs
    else:
        output_spec = jax.eval_shape(
            lambda s, x: step(s, x)[0],
            initial_states,
            [x[0] for x in flat_inputs],
        )

        def body(carry, xs):
            states, previous = carry
            flat_x, mask_t = xs
            output, new_states = step(states, flat_x)
            if zero_output_for_mask:
                previous = jnp.zeros_like(output)
            output = jnp.where(
                rnn_loop.expand_mask(xnp, mask_t, output), output, previous
            )
            new_states = tree.map_structure(
                lambda new, old: jnp.where(
                    rnn_loop.expand_mask(xnp, mask_t, new), new, old
                ),
                new_states,
                states,
            )
            return (new_states, output), output

        init = (
            initial_states,
            jnp.zeros(output_spec.shape, output_spec.dtype),
        )
        xs = (flat_inputs, mask)
    with _stateless():
        carry, outputs = jax.lax.scan(body, init, xs, reverse=go_backwards)
    new_states = carry if mask is None else carry[0]
    if go_backwards:
        outputs = jnp.flip(outputs, axis=0)
    last_output = outputs[-1]
    if not time_major:
        outputs = rnn_loop.swap_batch_timestep(xnp, outputs)
    return last_output, outputs, list(new_states)


def _stateless() -> Any:
    """Variables must not change while `scan` traces the step: reuse the
    open stateless scope, or open one."""
    if stateless_scope.in_stateless_scope():
        return contextlib.nullcontext()
    return stateless_scope.StatelessScope()


def cudnn_ok(
    activation: Any,
    recurrent_activation: Any,
    unroll: bool,
    use_bias: bool = True,
) -> bool:
    """Whether the configuration allows the `jax.numpy` LSTM/GRU scan."""
    return rnn_loop.fused_activations_ok(
        activation,
        recurrent_activation,
        unroll,
        use_bias,
        tanh_extra=(jnp.tanh,),
        sigmoid_extra=(jax.nn.sigmoid,),
    )


def lstm(
    inputs: Any,
    initial_state_h: Any,
    initial_state_c: Any,
    mask: Any,
    kernel: Any,
    recurrent_kernel: Any,
    bias: Any,
    activation: Any,
    recurrent_activation: Any,
    return_sequences: bool = False,
    go_backwards: bool = False,
    unroll: bool = False,
    zero_output_for_mask: bool = False,
) -> tuple:
    """A whole LSTM sequence as one scan of a `jax.numpy` step.

    Returns `(last_output, outputs, [h, c])` like `rnn`.

    Raises:
        NotImplementedError: for configurations outside Keras's fused
            conditions.
    """
    if not cudnn_ok(
        activation, recurrent_activation, unroll, use_bias=bias is not None
    ):
        raise NotImplementedError
    inputs = core.convert_to_tensor(inputs)
    dtype = inputs.dtype
    kernel = core.convert_to_tensor(kernel).astype(dtype)
    recurrent_kernel = core.convert_to_tensor(recurrent_kernel).astype(dtype)
    bias = core.convert_to_tensor(bias).astype(dtype)

    def step(x, states):
        h, c = states
        z = jnp.matmul(x, kernel) + jnp.matmul(h, recurrent_kernel) + bias
        i, f, g, o = jnp.split(z, 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return h, [h, c]

    return _scan_fused(
        inputs,
        [initial_state_h, initial_state_c],
        step,
        mask,
        return_sequences,
        go_backwards,
        zero_output_for_mask,
        dtype,
    )


def gru(
    inputs: Any,
    initial_state: Any,
    mask: Any,
    kernel: Any,
    recurrent_kernel: Any,
    bias: Any,
    activation: Any,
    recurrent_activation: Any,
    return_sequences: bool = False,
    go_backwards: bool = False,
    unroll: bool = False,
    reset_after: bool = True,
    zero_output_for_mask: bool = False,
) -> tuple:
    """A whole GRU sequence (`reset_after=True`) as one scan of a
    `jax.numpy` step.

    Returns `(last_output, outputs, [h])` like `rnn`.

    Raises:
        NotImplementedError: for configurations outside Keras's fused
            conditions (which include `reset_after=True`).
    """
    if not reset_after or not cudnn_ok(
        activation, recurrent_activation, unroll, use_bias=bias is not None
    ):
        raise NotImplementedError
    inputs = core.convert_to_tensor(inputs)
    dtype = inputs.dtype
    kernel = core.convert_to_tensor(kernel).astype(dtype)
    recurrent_kernel = core.convert_to_tensor(recurrent_kernel).astype(dtype)
    bias = core.convert_to_tensor(bias).astype(dtype)
    input_bias, recurrent_bias = bias[0], bias[1]

    def step(x, states):
        h = states[0]
        x_z, x_r, x_h = jnp.split(
            jnp.matmul(x, kernel) + input_bias, 3, axis=-1
        )
        inner = jnp.matmul(h, recurrent_kernel) + recurrent_bias
        r_z, r_r, r_h = jnp.split(inner, 3, axis=-1)
        z = jax.nn.sigmoid(x_z + r_z)
        r = jax.nn.sigmoid(x_r + r_r)
        candidate = jnp.tanh(x_h + r * r_h)
        h = z * h + (1 - z) * candidate
        return h, [h]

    return _scan_fused(
        inputs,
        [initial_state],
        step,
        mask,
        return_sequences,
        go_backwards,
        zero_output_for_mask,
        dtype,
    )


def _scan_fused(
    inputs,
    initial_states,
    step,
    mask,
    return_sequences,
    go_backwards,
    zero_output_for_mask,
    dtype,
):
    initial_states = [
        core.convert_to_tensor(s).astype(dtype) for s in initial_states
    ]
    last_output, outputs, states = rnn(
        step,
        inputs,
        initial_states,
        go_backwards=go_backwards,
        mask=mask,
        zero_output_for_mask=zero_output_for_mask,
    )
    if not return_sequences:
        outputs = last_output[:, None, :]
    return last_output, outputs, states
