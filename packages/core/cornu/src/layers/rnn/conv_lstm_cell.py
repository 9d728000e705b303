"""`ConvLSTMCell`: one step of a convolutional LSTM (not public, as in
Keras; used by `ConvLSTM1D/2D/3D`)."""

from __future__ import annotations

from typing import Any

from cornu.src import activations
from cornu.src import constraints
from cornu.src import initializers
from cornu.src import ops
from cornu.src import regularizers
from cornu.src.layers.convolutional import base_conv
from cornu.src.layers.input_spec import InputSpec
from cornu.src.layers.layer import Layer
from cornu.src.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from cornu.src.ops.nn import conv_utils
from cornu.src.random import seed_generator


class ConvLSTMCell(Layer, DropoutRNNCell):
    """An LSTM step whose products are convolutions.

    Gates i, f, c, o (Keras's order) are `units`-wide blocks of the last
    axis of `kernel` `(*kernel_size, input_channels, 4 * filters)` and
    `recurrent_kernel` `(*kernel_size, filters, 4 * filters)`. The input
    convolution uses the layer's `strides`, `padding` and
    `dilation_rate`; the recurrent one has stride 1 and "same" padding.
    Dropout uses one mask per gate.

    Args:
        rank: Number of spatial dims (1, 2 or 3).
        filters: Number of output channels.
        kernel_size: Int or tuple of `rank` ints.
        strides: Int or tuple, strides of the input convolution.
        padding: `"valid"` or `"same"` (input convolution).
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        dilation_rate: Int or tuple, dilation of the input convolution.
        activation: Activation of the cell input and state.
        recurrent_activation: Activation of the gates.
        use_bias: Whether to add a bias `(4 * filters,)`.
        kernel_initializer: Initializer of `kernel`.
        recurrent_initializer: Initializer of `recurrent_kernel`.
        bias_initializer: Initializer of `bias`.
        unit_forget_bias: Start the forget gate's bias at 1.
        kernel_regularizer: Optional regularizer of `kernel`.
        recurrent_regularizer: Optional regularizer of
            `recurrent_kernel`.
        bias_regularizer: Optional regularizer of `bias`.
        kernel_constraint: Optional constraint of `kernel`.
        recurrent_constraint: Optional constraint of `recurrent_kernel`.
        bias_constraint: Optional constraint of `bias`.
        dropout: Fraction of the inputs dropped (training only).
        recurrent_dropout: Fraction of the state dropped (training only).
        seed: Random seed of the dropout masks.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).
    """

    def __init__(
        self,
        rank: int,
        filters: int,
        kernel_size: Any,
        strides: Any = 1,
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = 1,
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
        super().__init__(**kwargs)
        owner = type(self).__name__
        if rank not in (1, 2, 3):
            raise ValueError(
                f"{owner} supports convolutions of rank 1, 2 or 3. "
                f"Received: rank={rank!r}."
            )
        base_conv.check_positive_int(filters, "filters", owner)
        self.seed = seed
        self.seed_generator = seed_generator.SeedGenerator(seed=seed)
        self.rank = rank
        self.filters = filters
        base_conv.standardize_window_args(
            self, rank, kernel_size, strides, dilation_rate
        )
        self.padding = base_conv.standardize_padding(padding, owner)
        self.data_format = base_conv.standardize_data_format(data_format, owner)
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.unit_forget_bias = unit_forget_bias
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.dropout_mask_count = 4
        self.input_spec = InputSpec(ndim=rank + 2)
        # The states' shapes depend on the input's: see get_initial_state.
        self.state_size = -1

    def build(self, inputs_shape: tuple, states_shape: Any = None) -> None:
        _, spatial, channels = conv_utils.split_shape(
            tuple(inputs_shape), self.data_format
        )
        if None in spatial or channels is None:
            raise ValueError(
                f"{type(self).__name__} needs known spatial dims and "
                f"channels. Received: input_shape={tuple(inputs_shape)}. "
                "Give the `Input` a full shape."
            )
        self.spatial_dims = spatial
        self.input_dim = channels
        self.input_spec = InputSpec(
            ndim=self.rank + 2, shape=(None,) + tuple(inputs_shape[1:])
        )
        width = 4 * self.filters
        self.kernel = self.add_weight(
            shape=self.kernel_size + (channels, width),
            initializer=self.kernel_initializer,
            name="kernel",
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.recurrent_kernel = self.add_weight(
            shape=self.kernel_size + (self.filters, width),
            initializer=self.recurrent_initializer,
            name="recurrent_kernel",
            regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint,
        )
        if not self.use_bias:
            self.bias = None
            return
        initializer = self.bias_initializer
        if self.unit_forget_bias:
            filters, base = self.filters, self.bias_initializer
            ones = initializers.get("ones")

            def initializer(shape, dtype=None):
                return ops.concatenate(
                    [
                        base((filters,), dtype=dtype),
                        ones((filters,), dtype=dtype),
                        base((2 * filters,), dtype=dtype),
                    ]
                )

        self.bias = self.add_weight(
            shape=(width,),
            name="bias",
            initializer=initializer,
            regularizer=self.bias_regularizer,
            constraint=self.bias_constraint,
        )

    def call(self, inputs: Any, states: Any, training: bool = False) -> tuple:
        h_prev, c_prev = states[0], states[1]
        input_masks = recurrent_masks = [None] * 4
        if training and 0.0 < self.dropout < 1.0:
            input_masks = self.get_dropout_mask(inputs)
        if training and 0.0 < self.recurrent_dropout < 1.0:
            recurrent_masks = self.get_recurrent_dropout_mask(h_prev)
        kernels = ops.split(self.kernel, 4, axis=self.rank + 1)
        recurrent_kernels = ops.split(
            self.recurrent_kernel, 4, axis=self.rank + 1
        )
        biases = ops.split(self.bias, 4) if self.use_bias else [None] * 4
        gates = []
        for g in range(4):
            x = inputs if input_masks[g] is None else inputs * input_masks[g]
            h = h_prev
            if recurrent_masks[g] is not None:
                h = h_prev * recurrent_masks[g]
            gates.append(
                self._input_conv(x, kernels[g], biases[g])
                + self._recurrent_conv(h, recurrent_kernels[g])
            )
        i = self.recurrent_activation(gates[0])
        f = self.recurrent_activation(gates[1])
        c = f * c_prev + i * self.activation(gates[2])
        o = self.recurrent_activation(gates[3])
        h = o * self.activation(c)
        return h, [h, c]

    def _input_conv(self, x: Any, kernel: Any, bias: Any) -> Any:
        out = ops.conv(
            x,
            kernel,
            strides=self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate,
        )
        if bias is None:
            return out
        if self.data_format == "channels_last":
            shape = (1,) * (self.rank + 1) + (self.filters,)
        else:
            shape = (1, self.filters) + (1,) * self.rank
        return out + ops.reshape(bias, shape)

    def _recurrent_conv(self, h: Any, kernel: Any) -> Any:
        return ops.conv(
            h, kernel, strides=1, padding="same", data_format=self.data_format
        )

    def compute_output_shape(
        self, inputs_shape: tuple, states_shape: Any = None
    ) -> tuple:
        shape = conv_utils.compute_conv_output_shape(
            tuple(inputs_shape),
            self.kernel_size
            + (inputs_shape_channels(self, inputs_shape), self.filters),
            self.strides,
            self.padding,
            self.data_format,
            self.dilation_rate,
            type(self).__name__,
        )
        return shape, [shape, shape]

    def get_initial_state(self, batch_size: Any = None) -> list:
        """Zero `h` and `c`, shaped like the input convolution's output."""
        input_shape = conv_utils.join_shape(
            batch_size, self.spatial_dims, self.input_dim, self.data_format
        )
        state_shape = self.compute_output_shape(input_shape)[0]
        return [
            ops.zeros(state_shape, dtype=self.compute_dtype),
            ops.zeros(state_shape, dtype=self.compute_dtype),
        ]

    def get_config(self) -> dict:
        config = {
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "recurrent_activation": activations.serialize(
                self.recurrent_activation
            ),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(
                self.kernel_initializer
            ),
            "recurrent_initializer": initializers.serialize(
                self.recurrent_initializer
            ),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "unit_forget_bias": self.unit_forget_bias,
            "kernel_regularizer": regularizers.serialize(
                self.kernel_regularizer
            ),
            "recurrent_regularizer": regularizers.serialize(
                self.recurrent_regularizer
            ),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "recurrent_constraint": constraints.serialize(
                self.recurrent_constraint
            ),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "seed": self.seed,
        }
        return {**super().get_config(), **config}


def inputs_shape_channels(cell: ConvLSTMCell, inputs_shape: tuple) -> Any:
    """The channel count of a step input shape."""
    return conv_utils.split_shape(tuple(inputs_shape), cell.data_format)[2]
