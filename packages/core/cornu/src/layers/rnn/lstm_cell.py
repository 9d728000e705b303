"""`LSTMCell`: one step of a long short-term memory network."""

from __future__ import annotations

from typing import Any

from cornu.src import activations
from cornu.src import initializers
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.rnn.base_rnn_cell import BaseRNNCell
from cornu.src.layers.rnn.base_rnn_cell import gate_matmul


@cornu_export("cornu.layers.LSTMCell")
class LSTMCell(BaseRNNCell):
    """Cell of `LSTM` (Hochreiter & Schmidhuber, 1997).

    With `z = x @ kernel + h_prev @ recurrent_kernel + bias` split into
    four `units`-wide blocks i, f, c, o (Keras's gate order):
    `c = sig(f) * c_prev + sig(i) * act(c_block)`, `h = sig(o) * act(c)`,
    where `sig` is `recurrent_activation` and `act` is `activation`. The
    output is `h`; the states are `[h, c]`.

    Args:
        units: Positive int, the size of the output and of each state.
        activation: Activation of the cell input and state (default
            `"tanh"`).
        recurrent_activation: Activation of the gates (default
            `"sigmoid"`).
        use_bias: Whether to add a bias `(4 * units,)`.
        kernel_initializer: Initializer of `kernel` `(input_dim, 4 *
            units)`.
        recurrent_initializer: Initializer of `recurrent_kernel` `(units,
            4 * units)`.
        bias_initializer: Initializer of `bias`.
        unit_forget_bias: Whether the forget gate's bias starts at 1 (the
            other blocks use `bias_initializer`).
        kernel_regularizer: Optional regularizer of `kernel`.
        recurrent_regularizer: Optional regularizer of
            `recurrent_kernel`.
        bias_regularizer: Optional regularizer of `bias`.
        kernel_constraint: Optional constraint of `kernel`.
        recurrent_constraint: Optional constraint of `recurrent_kernel`.
        bias_constraint: Optional constraint of `bias`.
        dropout: Fraction of the inputs dropped (training only).
        recurrent_dropout: Fraction of the previous `h` dropped
            (training only).
        seed: Random seed of the dropout masks.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        inputs: A `(batch, features)` step input.
        states: `[h_prev, c_prev]`, each `(batch, units)`.
        training: Whether dropout is active.

    Example:

    >>> cell = cornu.layers.LSTMCell(4)
    >>> h, (h_again, c) = cell(cornu.ops.ones((2, 3)),
    ...                        [cornu.ops.zeros((2, 4))] * 2)
    >>> cornu.ops.shape(h), cornu.ops.shape(c)
    ((2, 4), (2, 4))
    >>> [tuple(w.shape) for w in cell.weights]
    [(3, 16), (4, 16), (16,)]
    """

    gates = 4

    def __init__(
        self,
        units: int,
        activation: Any = "tanh",
        recurrent_activation: Any = "sigmoid",
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        recurrent_initializer: Any = "orthogonal",
        bias_initializer: Any = "zeros",
        unit_forget_bias: bool = True,
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
        implementation = kwargs.pop("implementation", 2)
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
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        # Implementation 1 (Keras's choice with recurrent dropout) uses
        # one dropout mask per gate.
        self.implementation = (
            1 if self.recurrent_dropout != 0.0 else implementation
        )
        if self.implementation == 1:
            self.dropout_mask_count = 4
        self.state_size = [units, units]

    def build(self, input_shape: tuple) -> None:
        self._build_kernels(input_shape)
        if not self.use_bias:
            self.bias = None
            return
        initializer = self.bias_initializer
        if self.unit_forget_bias:
            units, base = self.units, self.bias_initializer
            ones = initializers.get("ones")

            def initializer(shape, dtype=None):
                return ops.concatenate(
                    [
                        base((units,), dtype=dtype),
                        ones((units,), dtype=dtype),
                        base((2 * units,), dtype=dtype),
                    ]
                )

        self._add_bias((4 * self.units,), initializer)

    def call(self, inputs: Any, states: Any, training: bool = False) -> tuple:
        h_prev, c_prev = states[0], states[1]
        input_mask = recurrent_mask = None
        if training and 0.0 < self.dropout < 1.0:
            input_mask = self.get_dropout_mask(inputs)
        if training and 0.0 < self.recurrent_dropout < 1.0:
            recurrent_mask = self.get_recurrent_dropout_mask(h_prev)
        z = gate_matmul(inputs, self.kernel, input_mask, 4)
        z = ops.add(
            z, gate_matmul(h_prev, self.recurrent_kernel, recurrent_mask, 4)
        )
        if self.use_bias:
            z = ops.add(z, self.bias)
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=1)
        i = self.recurrent_activation(z_i)
        f = self.recurrent_activation(z_f)
        c = f * c_prev + i * self.activation(z_c)
        o = self.recurrent_activation(z_o)
        h = o * self.activation(c)
        return h, [h, c]

    def get_config(self) -> dict:
        config = super().get_config()
        config["recurrent_activation"] = activations.serialize(
            self.recurrent_activation
        )
        config["unit_forget_bias"] = self.unit_forget_bias
        return config
