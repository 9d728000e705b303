"""`SimpleRNN`: a fully connected RNN whose output is fed back."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.layers.input_spec import InputSpec
from cornu.src.layers.rnn.rnn import RNN
from cornu.src.layers.rnn.rnn import forward_to_cell
from cornu.src.layers.rnn.rnn import layer_config_with_cell_arguments
from cornu.src.layers.rnn.simple_rnn_cell import SimpleRNNCell

_CELL_ATTRIBUTES = (
    "units",
    "activation",
    "use_bias",
    "kernel_initializer",
    "recurrent_initializer",
    "bias_initializer",
    "kernel_regularizer",
    "recurrent_regularizer",
    "bias_regularizer",
    "kernel_constraint",
    "recurrent_constraint",
    "bias_constraint",
    "dropout",
    "recurrent_dropout",
)


@cornu_export("cornu.layers.SimpleRNN")
@forward_to_cell(*_CELL_ATTRIBUTES)
class SimpleRNN(RNN):
    """Fully connected RNN: `h_t = activation(x_t @ kernel + h_{t-1} @
    recurrent_kernel + bias)`.

    Its weights are those of its `SimpleRNNCell` (attribute `cell`):
    `kernel` `(input_dim, units)`, `recurrent_kernel` `(units, units)`,
    `bias` `(units,)`, as in Keras.

    Args:
        units: Positive int, the size of the output.
        activation: Activation (default `"tanh"`).
        use_bias: Whether to add a bias.
        kernel_initializer: Initializer of `kernel`.
        recurrent_initializer: Initializer of `recurrent_kernel`.
        bias_initializer: Initializer of `bias`.
        kernel_regularizer: Optional regularizer of `kernel`.
        recurrent_regularizer: Optional regularizer of
            `recurrent_kernel`.
        bias_regularizer: Optional regularizer of `bias`.
        activity_regularizer: Optional regularizer of the output.
        kernel_constraint: Optional constraint of `kernel`.
        recurrent_constraint: Optional constraint of `recurrent_kernel`.
        bias_constraint: Optional constraint of `bias`.
        dropout: Fraction of the inputs dropped (training only).
        recurrent_dropout: Fraction of the state dropped (training only).
        return_sequences: Return every step's output, or the last one.
        return_state: Also return the last state.
        go_backwards: Process the sequence backwards.
        stateful: Carry the last state over to the next batch.
        unroll: Unroll the loop.
        seed: Random seed of the dropout masks.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.SimpleRNN(4, return_state=True)
    >>> output, state = layer(cornu.ops.ones((2, 7, 3)))
    >>> cornu.ops.shape(output), cornu.ops.shape(state)
    ((2, 4), (2, 4))
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
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        recurrent_constraint: Any = None,
        bias_constraint: Any = None,
        dropout: float = 0.0,
        recurrent_dropout: float = 0.0,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        cell = SimpleRNNCell(
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
            dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True),
            name="simple_rnn_cell",
        )
        super().__init__(
            cell,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            unroll=unroll,
            activity_regularizer=activity_regularizer,
            **kwargs,
        )
        self.input_spec = InputSpec(ndim=3)

    def call(
        self,
        sequences: Any,
        initial_state: Any = None,
        mask: Any = None,
        training: bool = False,
    ) -> Any:
        return super().call(
            sequences,
            initial_state=initial_state,
            mask=mask,
            training=training,
        )

    def get_config(self) -> dict:
        # Keras leaves the seed out of SimpleRNN's config (not out of
        # LSTM's or GRU's); cornu keeps it, so that configs round-trip.
        return layer_config_with_cell_arguments(self)

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> SimpleRNN:
        return cls(**config)
