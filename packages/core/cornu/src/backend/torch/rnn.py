"""Recurrent loops on PyTorch: a Python loop, and PyTorch's fused kernels.

`rnn` runs the generic step loop. `lstm` and `gru` run the whole
sequence in one call of PyTorch's fused implementation (`torch.lstm` /
`torch.gru`: cuDNN on a GPU, a native loop on the CPU) whenever the
configuration allows it, and raise `NotImplementedError` otherwise, which
makes the layer fall back to `rnn`. The conditions are those under which
Keras uses cuDNN (`tanh`/`sigmoid` activations, no unrolling, a bias, a
mask only when it right-pads every sequence), on any device. Masked and
reversed sequences get exactly the generic loop's outputs and states.

Weights keep Keras's layout: `kernel` `(input_dim, 4 * units)` with
gates i, f, c, o (PyTorch's order too) for the LSTM; gates z, r, h for
the GRU, re-ordered at call time into PyTorch's r, z, n.
"""

from __future__ import annotations

from typing import Any
from typing import Callable

import torch

from cornu.src import tree
from cornu.src.backend.common import rnn_loop
from cornu.src.backend.torch import core
from cornu.src.backend.torch import numpy as xnp

_FUSED_DTYPES = (torch.float32, torch.float64)
_GPU_FUSED_DTYPES = (torch.float16, torch.bfloat16)


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
    Eager PyTorch runs every loop step by step, so `unroll` and
    `input_length` change nothing.
    """
    inputs = tree.map_structure(core.convert_to_tensor, inputs)
    if mask is not None:
        mask = core.convert_to_tensor(mask).to(torch.bool)
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


def cudnn_ok(
    activation: Any,
    recurrent_activation: Any,
    unroll: bool,
    use_bias: bool = True,
) -> bool:
    """Whether the configuration allows PyTorch's fused LSTM/GRU."""
    return rnn_loop.fused_activations_ok(
        activation,
        recurrent_activation,
        unroll,
        use_bias,
        tanh_extra=(torch.tanh,),
        sigmoid_extra=(torch.sigmoid,),
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
    """A whole LSTM sequence through `torch.lstm`.

    Returns `(last_output, outputs, [h, c])` like `rnn` (`outputs` has a
    time axis of size 1 unless `return_sequences`).

    Raises:
        NotImplementedError: when the configuration needs the generic
            loop (see the module docstring).
    """
    if not cudnn_ok(
        activation, recurrent_activation, unroll, use_bias=bias is not None
    ):
        raise NotImplementedError
    inputs = core.convert_to_tensor(inputs)
    _check_dtype(inputs)
    dtype = inputs.dtype
    units = recurrent_kernel.shape[0]
    bias = _tensor(bias, dtype)
    params = [
        _tensor(kernel, dtype).t(),
        _tensor(recurrent_kernel, dtype).t(),
        bias,
        torch.zeros(4 * units, dtype=dtype, device=bias.device),
    ]
    states = (
        _tensor(initial_state_h, dtype).unsqueeze(0),
        _tensor(initial_state_c, dtype).unsqueeze(0),
    )

    def run(x, hx):
        out, h, c = torch.lstm(
            x, hx, params, True, 1, 0.0, _train(), False, True
        )
        return out, (h, c)

    def run_packed(data, batch_sizes, hx):
        out, h, c = torch.lstm(
            data, batch_sizes, hx, params, True, 1, 0.0, _train(), False
        )
        return out, (h, c)

    return _fused(
        inputs,
        states,
        mask,
        run,
        run_packed,
        return_sequences,
        go_backwards,
        zero_output_for_mask,
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
    """A whole GRU sequence (`reset_after=True`) through `torch.gru`.

    Returns `(last_output, outputs, [h])` like `rnn`.

    Raises:
        NotImplementedError: when the configuration needs the generic
            loop (see the module docstring, plus `reset_after=False`).
    """
    if not reset_after or not cudnn_ok(
        activation, recurrent_activation, unroll, use_bias=bias is not None
    ):
        raise NotImplementedError
    inputs = core.convert_to_tensor(inputs)
    _check_dtype(inputs)
    dtype = inputs.dtype
    bias = _tensor(bias, dtype)
    params = [
        _zrh_to_rzn(_tensor(kernel, dtype), axis=1).t(),
        _zrh_to_rzn(_tensor(recurrent_kernel, dtype), axis=1).t(),
        _zrh_to_rzn(bias[0], axis=0),
        _zrh_to_rzn(bias[1], axis=0),
    ]
    states = (_tensor(initial_state, dtype).unsqueeze(0),)

    def run(x, hx):
        out, h = torch.gru(
            x, hx[0], params, True, 1, 0.0, _train(), False, True
        )
        return out, (h,)

    def run_packed(data, batch_sizes, hx):
        out, h = torch.gru(
            data, batch_sizes, hx[0], params, True, 1, 0.0, _train(), False
        )
        return out, (h,)

    return _fused(
        inputs,
        states,
        mask,
        run,
        run_packed,
        return_sequences,
        go_backwards,
        zero_output_for_mask,
    )


def _train() -> bool:
    return torch.is_grad_enabled()


def _tensor(x: Any, dtype: torch.dtype) -> torch.Tensor:
    x = core.convert_to_tensor(x)
    return x if x.dtype == dtype else x.to(dtype)


def _check_dtype(inputs: torch.Tensor) -> None:
    if inputs.dtype in _FUSED_DTYPES:
        return
    if inputs.dtype in _GPU_FUSED_DTYPES and inputs.device.type == "cuda":
        return
    raise NotImplementedError


def _zrh_to_rzn(x: torch.Tensor, axis: int) -> torch.Tensor:
    """Keras's GRU gate blocks z, r, h as PyTorch's r, z, n."""
    z, r, h = torch.chunk(x, 3, dim=axis)
    return torch.cat([r, z, h], dim=axis)


def _compiling() -> bool:
    is_compiling = getattr(torch.compiler, "is_compiling", None)
    return bool(is_compiling and is_compiling())


def _fused(
    inputs,
    states,
    mask,
    run,
    run_packed,
    return_sequences,
    go_backwards,
    zero_output_for_mask,
):
    """Runs a fused kernel with the generic loop's masking semantics."""
    time_steps = inputs.shape[1]
    lengths = None
    if mask is not None:
        lengths = _right_padded_lengths(mask, time_steps)
    if lengths is None:
        x = torch.flip(inputs, dims=[1]) if go_backwards else inputs
        outputs, new_states = run(x, states)
    else:
        outputs, new_states = _run_masked(
            inputs,
            states,
            lengths,
            run_packed,
            go_backwards,
            zero_output_for_mask,
        )
    last_output = outputs[:, -1]
    if not return_sequences:
        outputs = last_output.unsqueeze(1)
    return last_output, outputs, [s.squeeze(0) for s in new_states]


def _right_padded_lengths(mask: Any, time_steps: int) -> Any:
    """The sequence lengths of a right-padding mask; `None` when nothing
    is masked.

    Raises:
        NotImplementedError: for masks that are not right-padding, that
            mask a whole sequence, or when the lengths cannot be read
            (inside `torch.compile`).
    """
    if _compiling():
        raise NotImplementedError
    mask = core.convert_to_tensor(mask).to(torch.bool)
    if mask.ndim == 3:
        mask = mask[:, :, 0]
    lengths = mask.sum(dim=1)
    positions = torch.arange(time_steps, device=mask.device)
    right_padded = torch.all(mask == (positions < lengths[:, None]))
    flags = torch.stack(
        [right_padded, torch.all(lengths > 0), torch.all(lengths == time_steps)]
    ).cpu()
    if not (bool(flags[0]) and bool(flags[1])):
        raise NotImplementedError
    if bool(flags[2]):
        return None
    return lengths


def _run_masked(
    inputs, states, lengths, run_packed, go_backwards, zero_output_for_mask
):
    """Right-padded sequences as packed sequences. The generic loop keeps
    the states at a masked step and repeats the last output (or writes
    zeros); processing backwards, the padding comes first and its
    outputs are zeros."""
    batch, time_steps = inputs.shape[0], inputs.shape[1]
    positions = torch.arange(time_steps, device=inputs.device)[None, :]
    lengths_col = lengths[:, None]
    valid = positions < lengths_col
    if go_backwards:
        # Each sequence's valid part, reversed, then its padding.
        index = torch.where(valid, lengths_col - 1 - positions, positions)
        inputs = torch.take_along_dim(inputs, index[:, :, None], dim=1)
    packed = torch.nn.utils.rnn.pack_padded_sequence(
        inputs, lengths.cpu(), batch_first=True, enforce_sorted=False
    )
    order = packed.sorted_indices
    sorted_states = tuple(s.index_select(1, order) for s in states)
    data, new_states = run_packed(
        packed.data, packed.batch_sizes, sorted_states
    )
    unpacked, _ = torch.nn.utils.rnn.pad_packed_sequence(
        torch.nn.utils.rnn.PackedSequence(
            data, packed.batch_sizes, order, packed.unsorted_indices
        ),
        batch_first=True,
        total_length=time_steps,
    )
    new_states = tuple(
        s.index_select(1, packed.unsorted_indices) for s in new_states
    )
    if go_backwards:
        # Processing position p holds step p - (T - length), or zeros.
        shift = positions - (time_steps - lengths_col)
        index = torch.clamp(shift, min=0)
        outputs = torch.take_along_dim(unpacked, index[:, :, None], dim=1)
        outputs = torch.where((shift >= 0)[:, :, None], outputs, 0.0)
    elif zero_output_for_mask:
        outputs = unpacked
    else:
        index = torch.minimum(positions, lengths_col - 1).expand(
            batch, time_steps
        )
        outputs = torch.take_along_dim(unpacked, index[:, :, None], dim=1)
    return outputs, new_states
