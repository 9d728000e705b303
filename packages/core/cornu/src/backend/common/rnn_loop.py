"""The recurrence of `backend.rnn` as a Python loop over time steps.

Eager backends (numpy, torch) and JAX's `unroll=True` run an RNN as a
plain loop; the array operations it needs come from the backend's
numpy-API namespace (`where`, `stack`, `zeros_like`, ...), so one
algorithm, and one masking rule, serves every backend.

The masking rule (Keras's): at a masked step the states keep their
previous values and the output repeats the previous step's output
(zeros before the first unmasked step), or is zeros with
`zero_output_for_mask=True`.
"""

from __future__ import annotations

from typing import Any
from typing import Callable

from cornu.src import tree


def swap_batch_timestep(xnp: Any, x: Any) -> Any:
    """`x` with its first two axes exchanged."""
    axes = list(range(len(x.shape)))
    axes[0], axes[1] = 1, 0
    return xnp.transpose(x, axes)


def expand_mask(xnp: Any, mask_t: Any, like: Any) -> Any:
    """A `(batch,)` mask broadcastable against `like` (batch first)."""
    for _ in range(len(like.shape) - len(mask_t.shape)):
        mask_t = xnp.expand_dims(mask_t, -1)
    return mask_t


def time_major_mask(xnp: Any, mask: Any, time_major: bool) -> Any:
    """A boolean mask `(batch, time[, 1])` as `(time, batch)`."""
    if len(mask.shape) == 3:
        mask = mask[:, :, 0]
    return mask if time_major else swap_batch_timestep(xnp, mask)


def python_rnn(
    xnp: Any,
    step_function: Callable,
    inputs: Any,
    initial_states: Any,
    go_backwards: bool = False,
    mask: Any = None,
    constants: Any = None,
    time_major: bool = False,
    zero_output_for_mask: bool = False,
    return_all_outputs: bool = True,
) -> tuple:
    """Runs `step_function` over the time axis of `inputs`.

    Args:
        xnp: The backend's numpy-API namespace.
        step_function: `(input_t, states) -> (output_t, new_states)`.
        inputs: A tensor (or nested tensors) `(batch, time, ...)`, or
            `(time, batch, ...)` with `time_major`.
        initial_states: The states at the first step (a list).
        go_backwards: Process the time steps in reverse order.
        mask: Optional boolean `(batch, time)` mask (already boolean).
        constants: Extra tensors passed to every step after the states.
        time_major: Whether the time axis comes first.
        zero_output_for_mask: Output zeros at masked steps.
        return_all_outputs: Whether `outputs` holds every step's output
            (else only the last one, with a time axis of size 1).

    Returns:
        `(last_output, outputs, new_states)`.
    """
    constants = tuple(constants or ())
    flat_inputs = tree.flatten(inputs)
    if not time_major:
        flat_inputs = [swap_batch_timestep(xnp, x) for x in flat_inputs]
    time_steps = flat_inputs[0].shape[0]
    order = range(time_steps - 1, -1, -1) if go_backwards else range(time_steps)
    if mask is not None:
        mask = time_major_mask(xnp, mask, time_major)
    states = list(initial_states)
    outputs = []
    output = None
    for t in order:
        input_t = tree.pack_sequence_as(inputs, [x[t] for x in flat_inputs])
        new_output, new_states = step_function(
            input_t, tuple(states) + constants
        )
        if mask is not None:
            mask_t = expand_mask(xnp, mask[t], new_output)
            if zero_output_for_mask or output is None:
                previous = xnp.zeros_like(new_output)
            else:
                previous = output
            new_output = xnp.where(mask_t, new_output, previous)
            flat_states = tree.flatten(states)
            flat_new = tree.flatten(new_states)
            new_states = tree.pack_sequence_as(
                new_states,
                [
                    xnp.where(expand_mask(xnp, mask[t], new), new, old)
                    for new, old in zip(flat_new, flat_states, strict=True)
                ],
            )
        output = new_output
        states = new_states
        if return_all_outputs or not outputs:
            outputs.append(output)
        else:
            outputs[0] = output
    stacked = xnp.stack(outputs, axis=0)
    if not time_major:
        stacked = swap_batch_timestep(xnp, stacked)
    return output, stacked, list(states)


def is_activation(fn: Any, name: str, extra: tuple = ()) -> bool:
    """Whether `fn` is cornu's activation `name` (or one of `extra`)."""
    if fn in extra:
        return True
    return getattr(fn, "__name__", None) == name and getattr(
        fn, "__module__", ""
    ).startswith("cornu.src.activations")


def fused_activations_ok(
    activation: Any,
    recurrent_activation: Any,
    unroll: bool,
    use_bias: bool = True,
    tanh_extra: tuple = (),
    sigmoid_extra: tuple = (),
) -> bool:
    """Keras's conditions for a fused (cuDNN-like) LSTM/GRU kernel that
    depend on the layer's configuration only: `tanh` and `sigmoid`
    activations, no unrolling, a bias."""
    return (
        is_activation(activation, "tanh", tanh_extra)
        and is_activation(recurrent_activation, "sigmoid", sigmoid_extra)
        and not unroll
        and bool(use_bias)
    )
