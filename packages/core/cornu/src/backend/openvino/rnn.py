"""Recurrent loops on OpenVINO: a Python loop over time steps.

Each step builds graph nodes, so inside `predict` the loop is unrolled
into the traced graph. There are no fused LSTM/GRU kernels: `lstm` and
`gru` raise `NotImplementedError`, which makes the layers run `rnn`.
"""

from __future__ import annotations

from typing import Any
from typing import Callable

from cornu.src import tree
from cornu.src.backend.common import rnn_loop
from cornu.src.backend.openvino import core
from cornu.src.backend.openvino import numpy as xnp


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
    """
    inputs = tree.map_structure(core.convert_to_tensor, inputs)
    if mask is not None:
        mask = core.cast(core.convert_to_tensor(mask), "bool")
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
    """Whether a fused kernel could run: never on OpenVINO here."""
    return False


def lstm(*args: Any, **kwargs: Any) -> Any:
    """No fused LSTM: the layer falls back to `rnn`."""
    raise NotImplementedError


def gru(*args: Any, **kwargs: Any) -> Any:
    """No fused GRU: the layer falls back to `rnn`."""
    raise NotImplementedError
