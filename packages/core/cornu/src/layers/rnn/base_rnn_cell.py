"""`BaseRNNCell`: what SimpleRNNCell, LSTMCell and GRUCell share.

The shared constructor arguments (activations, initializers,
regularizers and constraints of `kernel`, `recurrent_kernel` and `bias`,
dropout rates, seed), their config, the creation of the two kernels, and
the zero initial states.
"""

from __future__ import annotations

from typing import Any

from cornu.src import activations
from cornu.src import constraints
from cornu.src import initializers
from cornu.src import ops
from cornu.src import regularizers
from cornu.src.layers.layer import Layer
from cornu.src.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from cornu.src.random import seed_generator


class BaseRNNCell(Layer, DropoutRNNCell):
    """Shared state and config of the built-in cells (not public).

    Subclasses set `gates` (the number of `units`-wide blocks of the
    kernels) and `state_size`, and implement `build` (calling
    `_build_kernels`) and `call`.
    """

    gates = 1

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
        if isinstance(units, bool) or not isinstance(units, int) or units <= 0:
            raise ValueError(
                f"{type(self).__name__} expects `units` to be a positive "
                f"integer. Received: units={units!r}. Pass the size of the "
                f"state, e.g. `{type(self).__name__}(32)`."
            )
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        # Rates are clipped into [0, 1], as Keras does.
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.seed = seed
        self.seed_generator = seed_generator.SeedGenerator(seed=seed)
        self.output_size = units

    def _build_kernels(self, input_shape: tuple) -> None:
        width = self.units * self.gates
        self.kernel = self.add_weight(
            shape=(input_shape[-1], width),
            name="kernel",
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, width),
            name="recurrent_kernel",
            initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint,
        )

    def _add_bias(self, shape: tuple, initializer: Any) -> None:
        self.bias = self.add_weight(
            shape=shape,
            name="bias",
            initializer=initializer,
            regularizer=self.bias_regularizer,
            constraint=self.bias_constraint,
        )

    def get_initial_state(self, batch_size: Any = None) -> list:
        """Zero states, one `(batch_size, size)` tensor per state."""
        sizes = self.state_size
        sizes = sizes if isinstance(sizes, (list, tuple)) else [sizes]
        return [
            ops.zeros((batch_size, size), dtype=self.compute_dtype)
            for size in sizes
        ]

    def get_config(self) -> dict:
        config = {
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(
                self.kernel_initializer
            ),
            "recurrent_initializer": initializers.serialize(
                self.recurrent_initializer
            ),
            "bias_initializer": initializers.serialize(self.bias_initializer),
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


def masked(x: Any, mask: Any, index: int) -> Any:
    """`x * mask` (the gate `index`'s mask when there is one per gate);
    `x` itself without a mask."""
    if mask is None:
        return x
    if isinstance(mask, (list, tuple)):
        mask = mask[index]
    return x * mask


def gate_matmul(x: Any, kernel: Any, mask: Any, gates: int) -> Any:
    """`x @ kernel`, with dropout `mask` applied to `x`: one product for
    a single mask, one per gate block for per-gate masks."""
    if not isinstance(mask, (list, tuple)):
        return ops.matmul(masked(x, mask, 0), kernel)
    blocks = ops.split(kernel, gates, axis=1)
    return ops.concatenate(
        [
            ops.matmul(masked(x, mask, i), block)
            for i, block in enumerate(blocks)
        ],
        axis=-1,
    )
