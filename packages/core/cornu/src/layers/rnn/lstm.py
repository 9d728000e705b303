"""`LSTM`: the long short-term memory layer, fused where possible."""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.layers.input_spec import InputSpec
from cornu.src.layers.rnn import fused_rnn
from cornu.src.layers.rnn.lstm_cell import LSTMCell
from cornu.src.layers.rnn.rnn import RNN
from cornu.src.layers.rnn.rnn import forward_to_cell
from cornu.src.layers.rnn.rnn import layer_config_with_cell_arguments

_CELL_ATTRIBUTES = (
    "units",
    "activation",
    "recurrent_activation",
    "use_bias",
    "unit_forget_bias",
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


@cornu_export("cornu.layers.LSTM")
@forward_to_cell(*_CELL_ATTRIBUTES)
class LSTM(RNN):
    """Long short-term memory layer (Hochreiter & Schmidhuber, 1997).

    The recurrence is `LSTMCell`'s, and the weights are the cell's
    (attribute `cell`): `kernel` `(input_dim, 4 * units)`,
    `recurrent_kernel` `(units, 4 * units)` and `bias` `(4 * units,)`,
    gates in Keras's order i, f, c, o, so weights transfer to and from
    Keras unchanged.

    When `activation` is tanh, `recurrent_activation` is sigmoid,
    `recurrent_dropout` is 0, `unroll` is False, `use_bias` is True and a
    mask (if any) only right-pads the sequences (Keras's cuDNN
    conditions), the backend's fused implementation runs the whole
    sequence (PyTorch's LSTM kernel on torch; a scan over inputs
    projected in one product on JAX), with the same results as the
    step-by-step loop.

    Args:
        units: Positive int, the size of the output.
        activation: Activation (default `"tanh"`).
        recurrent_activation: Gate activation (default `"sigmoid"`).
        use_bias: Whether to add a bias.
        kernel_initializer: Initializer of `kernel`.
        recurrent_initializer: Initializer of `recurrent_kernel`.
        bias_initializer: Initializer of `bias`.
        unit_forget_bias: Start the forget gate's bias at 1.
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
        seed: Random seed of the dropout masks.
        return_sequences: Return every step's output, or the last one.
        return_state: Also return the last states `h` and `c`.
        go_backwards: Process the sequence backwards.
        stateful: Carry the last states over to the next batch.
        unroll: Unroll the loop.
        use_cudnn: `"auto"` (use the fused implementation when the
            configuration allows it), `True` (require it) or `False`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.LSTM(4, return_sequences=True,
    ...                           return_state=True)
    >>> outputs, h, c = layer(cornu.ops.ones((2, 7, 3)))
    >>> cornu.ops.shape(outputs), cornu.ops.shape(h), cornu.ops.shape(c)
    ((2, 7, 4), (2, 4), (2, 4))
    """

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
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        recurrent_constraint: Any = None,
        bias_constraint: Any = None,
        dropout: float = 0.0,
        recurrent_dropout: float = 0.0,
        seed: int | None = None,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        use_cudnn: Any = "auto",
        **kwargs: Any,
    ) -> None:
        cell = LSTMCell(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            unit_forget_bias=unit_forget_bias,
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
            dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True),
            name="lstm_cell",
            seed=seed,
            implementation=kwargs.pop("implementation", 2),
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
        self.use_cudnn = fused_rnn.check_use_cudnn(self, use_cudnn)

    def inner_loop(
        self,
        sequences: Any,
        initial_state: Any,
        mask: Any,
        training: bool = False,
    ) -> tuple:
        mask = fused_rnn.first_mask(mask)
        inputs = fused_rnn.fused_inputs(self, sequences, training)
        if inputs is not None:
            try:
                return backend.rnn.lstm(
                    inputs,
                    initial_state[0],
                    initial_state[1],
                    mask,
                    kernel=self.cell.kernel,
                    recurrent_kernel=self.cell.recurrent_kernel,
                    bias=self.cell.bias,
                    activation=self.cell.activation,
                    recurrent_activation=self.cell.recurrent_activation,
                    return_sequences=self.return_sequences,
                    go_backwards=self.go_backwards,
                    unroll=self.unroll,
                    zero_output_for_mask=self.zero_output_for_mask,
                )
            except NotImplementedError:
                pass
        fused_rnn.check_fallback_allowed(self)
        return super().inner_loop(
            sequences, initial_state, mask=mask, training=training
        )

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
        return layer_config_with_cell_arguments(self)

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> LSTM:
        return cls(**config)
