"""`GRUCell`: one step of a gated recurrent unit."""

from __future__ import annotations

from typing import Any

from cornu.src import activations
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.rnn.base_rnn_cell import BaseRNNCell
from cornu.src.layers.rnn.base_rnn_cell import gate_matmul
from cornu.src.layers.rnn.base_rnn_cell import masked


@cornu_export("cornu.layers.GRUCell")
class GRUCell(BaseRNNCell):
    """Cell of `GRU` (Cho et al., 2014).

    Kernels hold three `units`-wide blocks z (update), r (reset) and h
    (candidate), Keras's order. With `sig` the `recurrent_activation` and
    `act` the `activation`: `z = sig(x_z + h_prev @ U_z)`, `r = sig(x_r +
    h_prev @ U_r)`, and the candidate is `act(x_h + r * (h_prev @ U_h +
    b_rh))` with `reset_after=True` (the default, PyTorch's and cuDNN's
    form), or `act(x_h + (r * h_prev) @ U_h)` otherwise; then `h = z *
    h_prev + (1 - z) * candidate`.

    Args:
        units: Positive int, the size of the output and state.
        activation: Candidate activation (default `"tanh"`).
        recurrent_activation: Gate activation (default `"sigmoid"`).
        use_bias: Whether to add biases: shape `(2, 3 * units)` (input
            and recurrent biases) with `reset_after`, else `(3 * units,)`.
        kernel_initializer: Initializer of `kernel` `(input_dim, 3 *
            units)`.
        recurrent_initializer: Initializer of `recurrent_kernel` `(units,
            3 * units)`.
        bias_initializer: Initializer of `bias`.
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
        reset_after: Apply the reset gate after the recurrent product.
        seed: Random seed of the dropout masks.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        inputs: A `(batch, features)` step input.
        states: The previous state `(batch, units)` (or a list of it).
        training: Whether dropout is active.

    Example:

    >>> cell = cornu.layers.GRUCell(4)
    >>> h, _ = cell(cornu.ops.ones((2, 3)), cornu.ops.zeros((2, 4)))
    >>> cornu.ops.shape(h), [tuple(w.shape) for w in cell.weights]
    ((2, 4), [(3, 12), (4, 12), (2, 12)])
    """

    gates = 3

    def __init__(
        self,
        units: int,
        activation: Any = "tanh",
        recurrent_activation: Any = "sigmoid",
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
        reset_after: bool = True,
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
        self.reset_after = reset_after
        self.implementation = (
            1 if self.recurrent_dropout != 0.0 else implementation
        )
        if self.implementation == 1:
            self.dropout_mask_count = 3
        self.state_size = units

    def build(self, input_shape: tuple) -> None:
        self._build_kernels(input_shape)
        if not self.use_bias:
            self.bias = None
            return
        # Separate input and recurrent biases with reset_after (Keras's
        # shape (2, 3 * units), not CuDNNGRU's flat (6 * units,)).
        shape = (2, 3 * self.units) if self.reset_after else (3 * self.units,)
        self._add_bias(shape, self.bias_initializer)

    def call(self, inputs: Any, states: Any, training: bool = False) -> tuple:
        nested = isinstance(states, (list, tuple))
        h_prev = states[0] if nested else states
        input_mask = recurrent_mask = None
        if training and 0.0 < self.dropout < 1.0:
            input_mask = self.get_dropout_mask(inputs)
        if training and 0.0 < self.recurrent_dropout < 1.0:
            recurrent_mask = self.get_recurrent_dropout_mask(h_prev)
        units = self.units
        input_bias = recurrent_bias = None
        if self.use_bias:
            if self.reset_after:
                input_bias, recurrent_bias = self.bias[0], self.bias[1]
            else:
                input_bias = self.bias
        x = gate_matmul(inputs, self.kernel, input_mask, 3)
        if input_bias is not None:
            x = ops.add(x, input_bias)
        x_z, x_r, x_h = ops.split(x, 3, axis=-1)
        kernel_zr = self.recurrent_kernel[:, : 2 * units]
        kernel_h = self.recurrent_kernel[:, 2 * units :]
        if self.reset_after:
            inner = gate_matmul(
                h_prev, self.recurrent_kernel, recurrent_mask, 3
            )
            if recurrent_bias is not None:
                inner = ops.add(inner, recurrent_bias)
            r_z, r_r, r_h = ops.split(inner, 3, axis=-1)
        else:
            zr_mask = (
                recurrent_mask[:2]
                if isinstance(recurrent_mask, list)
                else recurrent_mask
            )
            r_z, r_r = ops.split(
                gate_matmul(h_prev, kernel_zr, zr_mask, 2), 2, axis=-1
            )
        z = self.recurrent_activation(x_z + r_z)
        r = self.recurrent_activation(x_r + r_r)
        if self.reset_after:
            r_h = r * r_h
        else:
            h_in = masked(h_prev, recurrent_mask, 2)
            r_h = ops.matmul(r * h_in, kernel_h)
        candidate = self.activation(x_h + r_h)
        h = z * h_prev + (1 - z) * candidate
        return h, [h] if nested else h

    def get_config(self) -> dict:
        config = super().get_config()
        config["recurrent_activation"] = activations.serialize(
            self.recurrent_activation
        )
        config["reset_after"] = self.reset_after
        return config
