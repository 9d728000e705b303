"""`GRU`: the gated recurrent unit layer, fused where possible."""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.layers.input_spec import InputSpec
from cornu.src.layers.rnn import fused_rnn
from cornu.src.layers.rnn.gru_cell import GRUCell
from cornu.src.layers.rnn.rnn import RNN
from cornu.src.layers.rnn.rnn import forward_to_cell
from cornu.src.layers.rnn.rnn import layer_config_with_cell_arguments

_CELL_ATTRIBUTES = (
    "units",
    "activation",
    "recurrent_activation",
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
    "reset_after",
)


@cornu_export("cornu.layers.GRU")
@forward_to_cell(*_CELL_ATTRIBUTES)
class GRU(RNN):
    """Gated recurrent unit layer (Cho et al., 2014).

    The recurrence is `GRUCell`'s, and the weights are the cell's
    (attribute `cell`): `kernel` `(input_dim, 3 * units)`,
    `recurrent_kernel` `(units, 3 * units)` and `bias` `(2, 3 * units)`
    (`(3 * units,)` with `reset_after=False`), gates in Keras's order z,
    r, h, so weights transfer to and from Keras unchanged.

    With tanh/sigmoid activations, no recurrent dropout, `unroll=False`,
    `use_bias=True`, `reset_after=True` and only right-padding masks
    (Keras's cuDNN conditions), the backend's fused implementation runs
    the whole sequence (PyTorch's GRU kernel on torch, the gates
    re-ordered at call time; a scan over pre-projected inputs on JAX),
    with the same results as the step-by-step loop.

    Args:
        units: Positive int, the size of the output.
        activation: Candidate activation (default `"tanh"`).
        recurrent_activation: Gate activation (default `"sigmoid"`).
        use_bias: Whether to add biases.
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
        seed: Random seed of the dropout masks.
        return_sequences: Return every step's output, or the last one.
        return_state: Also return the last state.
        go_backwards: Process the sequence backwards.
        stateful: Carry the last state over to the next batch.
        unroll: Unroll the loop.
        reset_after: Apply the reset gate after the recurrent product
            (default, cuDNN/PyTorch form) or before it.
        use_cudnn: `"auto"`, `True` (require the fused path) or `False`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.GRU(4, return_state=True)
    >>> output, state = layer(cornu.ops.ones((2, 7, 3)))
    >>> cornu.ops.shape(output), cornu.ops.shape(state)
    ((2, 4), (2, 4))
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
        reset_after: bool = True,
        use_cudnn: Any = "auto",
        **kwargs: Any,
    ) -> None:
        cell = GRUCell(
            units,
            activation=activation,
            recurrent_activation=recurrent_activation,
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
            reset_after=reset_after,
            dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True),
            name="gru_cell",
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
        if tree.is_nested(initial_state):
            initial_state = initial_state[0]
        mask = fused_rnn.first_mask(mask)
        inputs = fused_rnn.fused_inputs(self, sequences, training)
        if inputs is not None:
            try:
                return backend.rnn.gru(
                    inputs,
                    initial_state,
                    mask,
                    kernel=self.cell.kernel,
                    recurrent_kernel=self.cell.recurrent_kernel,
                    bias=self.cell.bias,
                    activation=self.cell.activation,
                    recurrent_activation=self.cell.recurrent_activation,
                    return_sequences=self.return_sequences,
                    go_backwards=self.go_backwards,
                    unroll=self.unroll,
                    reset_after=self.cell.reset_after,
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
    ) -> GRU:
        return cls(**config)
