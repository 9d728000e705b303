"""`ConvLSTM3D`: a 3D convolutional LSTM."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.layers.rnn.conv_lstm import ConvLSTM


@cornu_export("cornu.layers.ConvLSTM3D")
class ConvLSTM3D(ConvLSTM):
    """3D convolutional LSTM: an LSTM whose input and recurrent
    products are 3D convolutions (Shi et al., 2015).

    Inputs are `(batch, time, dim1, dim2, dim3, channels)`
    (channels right after the time axis with
    `data_format="channels_first"`). The weights, on the cell (attribute
    `cell`), are `kernel` `(*kernel_size, channels, 4 * filters)`,
    `recurrent_kernel` `(*kernel_size, filters, 4 * filters)` and `bias`
    `(4 * filters,)`, gates i, f, c, o, as in Keras.

    Args:
        filters: Number of output channels.
        kernel_size: Int or tuple of 3 ints, the convolution window.
        strides: Int or tuple of 3 ints (input convolution). Strides
            above 1 cannot be combined with `dilation_rate` above 1.
        padding: `"valid"` or `"same"` (input convolution; the
            recurrent one is always "same").
        data_format: `"channels_last"` or `"channels_first"`; defaults
            to `cornu.config.image_data_format()`.
        dilation_rate: Int or tuple of 3 ints (input convolution).
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
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.ConvLSTM3D(4, 3)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 3, 5, 5, 5, 2))))
    (2, 3, 3, 3, 4)
    """

    def __init__(
        self,
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
        **kwargs: Any,
    ) -> None:
        super().__init__(
            rank=3,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            recurrent_activation=recurrent_activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint,
            return_sequences=return_sequences,
            return_state=return_state,
            go_backwards=go_backwards,
            stateful=stateful,
            dropout=dropout,
            recurrent_dropout=recurrent_dropout,
            seed=seed,
            **kwargs,
        )
