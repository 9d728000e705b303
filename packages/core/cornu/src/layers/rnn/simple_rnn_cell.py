"""`SimpleRNNCell`: one step of a fully connected RNN."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.rnn.base_rnn_cell import BaseRNNCell
from cornu.src.layers.rnn.base_rnn_cell import masked


@cornu_export("cornu.layers.SimpleRNNCell")
class SimpleRNNCell(BaseRNNCell):
    """Cell of `SimpleRNN`: `h = activation(x @ kernel + h_prev @
    recurrent_kernel + bias)`; the output is `h`.

    Args:
        units: Positive int, the size of the state and output.
        activation: Activation (default `"tanh"`; `None`: linear).
        use_bias: Whether to add a bias.
        kernel_initializer: Initializer of `kernel` `(input_dim, units)`.
        recurrent_initializer: Initializer of `recurrent_kernel`
            `(units, units)`.
        bias_initializer: Initializer of `bias` `(units,)`.
        kernel_regularizer: Optional regularizer of `kernel`.
        recurrent_regularizer: Optional regularizer of
            `recurrent_kernel`.
        bias_regularizer: Optional regularizer of `bias`.
        kernel_constraint: Optional constraint of `kernel`.
        recurrent_constraint: Optional constraint of `recurrent_kernel`.
        bias_constraint: Optional constraint of `bias`.
        dropout: Fraction of the inputs dropped (training only).
        recurrent_dropout: Fraction of the previous state dropped
            (training only).
        seed: Random seed of the dropout masks.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        sequence: A `(batch, features)` step input.
        states: The previous state `(batch, units)` (or a list of it).
        training: Whether dropout is active.

    Example:

    >>> rnn = cornu.layers.RNN(cornu.layers.SimpleRNNCell(4))
    >>> cornu.ops.shape(rnn(cornu.ops.ones((2, 7, 3))))
    (2, 4)
    """

    def __init__(
        self,
        units: int,
        activation: Any = "tanh",
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        recurrent_initializer: Any = "orthogonal",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        recurrent_regularizer: Any = None,
        bias_regularizer: Any = None,
        kernel_constraint: Any = None,
        recurrent_constraint: Any = None,
        bias_constraint: Any = None,
        dropout: float = 0.0,
        recurrent_dropout: float = 0.0,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            units,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            **kwargs,
        )
        self.state_size = units

    def build(self, input_shape: tuple) -> None:
        self._build_kernels(input_shape)
        if self.use_bias:
            self._add_bias((self.units,), self.bias_initializer)
        else:
            self.bias = None

    def call(self, sequence: Any, states: Any, training: bool = False) -> tuple:
        nested = isinstance(states, (list, tuple))
        previous = states[0] if nested else states
        if training:
            sequence = masked(sequence, self.get_dropout_mask(sequence), 0)
            previous = masked(
                previous, self.get_recurrent_dropout_mask(previous), 0
            )
        h = ops.matmul(sequence, self.kernel)
        if self.bias is not None:
            h = ops.add(h, self.bias)
        output = h + ops.matmul(previous, self.recurrent_kernel)
        if self.activation is not None:
            output = self.activation(output)
        return output, [output] if nested else output
