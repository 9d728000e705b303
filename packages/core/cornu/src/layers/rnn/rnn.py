"""`RNN`: runs a recurrent cell over the time axis of a sequence."""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src import ops
from cornu.src import regularizers
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.layers.layer import Layer
from cornu.src.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from cornu.src.layers.rnn.stacked_rnn_cells import StackedRNNCells
from cornu.src.layers.rnn.stacked_rnn_cells import output_size_of
from cornu.src.saving import serialization_lib


@cornu_export("cornu.layers.RNN")
class RNN(Layer):
    """Base class of recurrent layers: applies `cell` at every time step.

    A cell is an object (usually a layer) with a `call(input_t, states)`
    method returning `(output_t, new_states)`, a `state_size` attribute
    (an int, or a list of ints, one per state) and optionally
    `output_size` and `get_initial_state(batch_size)`. A list of cells is
    stacked with `StackedRNNCells`.

    Args:
        cell: An RNN cell, or a list of cells.
        return_sequences: Whether to return the output of every step
            `(batch, timesteps, output_size)` or only the last one.
        return_state: Whether to also return the last states.
        go_backwards: Process the sequence backwards (the returned
            sequence is then reversed too).
        stateful: Whether the last states of a batch are the initial
            states of the next batch (needs a fixed batch size).
        unroll: Whether to unroll the loop (a Python loop even on JAX:
            faster for short sequences, slower to compile for long ones).
        zero_output_for_mask: Whether masked steps output zeros (instead
            of repeating the previous output) when `return_sequences`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        sequences: A `(batch, timesteps, features)` tensor.
        initial_state: Optional tensor or list of tensors, the states at
            the first step.
        mask: Optional boolean `(batch, timesteps)` tensor; `False` steps
            are skipped (states unchanged).
        training: Whether dropout in the cell is active.

    Example:

    >>> layer = cornu.layers.RNN(cornu.layers.SimpleRNNCell(4),
    ...                          return_sequences=True)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 5, 3))))
    (2, 5, 4)
    """

    def __init__(
        self,
        cell: Any,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        zero_output_for_mask: bool = False,
        **kwargs: Any,
    ) -> None:
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if not callable(getattr(cell, "call", None)):
            raise ValueError(
                f"{type(self).__name__} expects `cell` to have a `call` "
                f"method. Received: cell={cell!r}. Pass an RNN cell such "
                "as `cornu.layers.LSTMCell(8)`, or a list of cells."
            )
        state_size = getattr(cell, "state_size", None)
        if state_size is None or not isinstance(state_size, (int, list, tuple)):
            raise ValueError(
                f"{type(self).__name__} expects the cell to have a "
                "`state_size` attribute: an int, or a list/tuple of ints "
                f"(one per state). Received: cell={cell!r} with "
                f"state_size={state_size!r}."
            )
        super().__init__(**kwargs)
        self.zero_output_for_mask = zero_output_for_mask
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.supports_masking = True
        self.input_spec = None
        self.states = None
        self.single_state = isinstance(state_size, int)
        self.state_size = (
            [state_size] if self.single_state else list(state_size)
        )

    # ------------------------------------------------------------ shapes
    def compute_output_shape(
        self, sequences_shape: tuple, initial_state_shape: Any = None
    ) -> Any:
        batch_size, length = sequences_shape[0], sequences_shape[1]
        states_shape = []
        for size in self.state_size:
            if isinstance(size, int):
                states_shape.append((batch_size, size))
            else:
                states_shape.append([(batch_size, s) for s in size])
        output_size = getattr(self.cell, "output_size", None)
        if output_size is None:
            output_size = self.state_size[0]
        if not isinstance(output_size, int):
            raise ValueError(
                f"{type(self).__name__}: the cell's `output_size` must be "
                f"an int. Received: output_size={output_size!r}."
            )
        if self.return_sequences:
            output_shape = (batch_size, length, output_size)
        else:
            output_shape = (batch_size, output_size)
        if self.return_state:
            return (output_shape, *states_shape)
        return output_shape

    def compute_mask(self, inputs: Any, mask: Any) -> Any:
        mask = tree.flatten(mask)[0] if mask is not None else None
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None for _ in self.state_size]
        return output_mask

    # ------------------------------------------------------------- build
    def build(
        self, sequences_shape: tuple, initial_state_shape: Any = None
    ) -> None:
        step_input_shape = (sequences_shape[0],) + tuple(sequences_shape[2:])
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build(step_input_shape)
            self.cell.built = True
        if self.stateful:
            if self.states is not None:
                self.reset_state()
            else:
                if sequences_shape[0] is None:
                    raise ValueError(
                        f"{type(self).__name__} {self.name!r} has "
                        "`stateful=True` and needs a fixed batch size. "
                        f"Received: sequences.shape={tuple(sequences_shape)}"
                        ". Pass `batch_size=...` to the model's `Input`."
                    )
                self._create_state_variables(sequences_shape[0])

    def _create_state_variables(self, batch_size: int) -> None:
        with name_scope(self.name, caller=self):
            states = [
                backend.Variable(
                    value,
                    trainable=False,
                    dtype=self.variable_dtype,
                    name="rnn_state",
                )
                for value in tree.flatten(self.get_initial_state(batch_size))
            ]
        # Not tracked: the states are neither weights nor saved, as in
        # Keras.
        object.__setattr__(self, "states", states)

    def get_initial_state(self, batch_size: Any) -> list:
        """The zero states (or the cell's `get_initial_state`)."""
        get_initial_state = getattr(self.cell, "get_initial_state", None)
        if get_initial_state is None:
            return [
                ops.zeros((batch_size, d), dtype=self.cell.compute_dtype)
                for d in self.state_size
            ]
        states = get_initial_state(batch_size=batch_size)
        if not tree.is_nested(states):
            states = [states]
        return list(states)

    def reset_states(self) -> None:
        """Alias of `reset_state`."""
        self.reset_state()

    def reset_state(self) -> None:
        """Sets the states of a stateful layer to zeros."""
        if self.states is not None:
            for variable in self.states:
                variable.assign(ops.zeros_like(variable.value))

    # -------------------------------------------------------------- call
    def inner_loop(
        self,
        sequences: Any,
        initial_state: Any,
        mask: Any,
        training: bool = False,
    ) -> tuple:
        """Runs the cell over time: `(last_output, outputs, states)`."""
        cell_kwargs = {}
        if _call_takes_training(self.cell):
            cell_kwargs["training"] = training

        def step(inputs, states):
            output, new_states = self.cell(inputs, states, **cell_kwargs)
            if not tree.is_nested(new_states):
                new_states = [new_states]
            return output, new_states

        if tree.is_nested(mask):
            mask = mask[0]
        if not tree.is_nested(initial_state):
            initial_state = [initial_state]
        return backend.rnn.rnn(
            step,
            sequences,
            initial_state,
            go_backwards=self.go_backwards,
            mask=mask,
            unroll=self.unroll,
            input_length=sequences.shape[1],
            zero_output_for_mask=self.zero_output_for_mask,
            return_all_outputs=self.return_sequences,
        )

    def call(
        self,
        sequences: Any,
        initial_state: Any = None,
        mask: Any = None,
        training: bool = False,
    ) -> Any:
        if initial_state is None:
            if self.stateful:
                # Copies: the loop must not hold the variables' storage,
                # which the assignment below overwrites.
                initial_state = [ops.copy(v.value) for v in self.states]
                initial_state = tree.pack_sequence_as(
                    self.get_initial_state(1), initial_state
                )
            else:
                initial_state = self.get_initial_state(
                    batch_size=ops.shape(sequences)[0]
                )
        if not tree.is_nested(initial_state):
            initial_state = [initial_state]
        initial_state = tree.map_structure(
            lambda x: ops.convert_to_tensor(x, dtype=self.cell.compute_dtype),
            list(initial_state),
        )
        if training:
            _config_dropout_masks(self.cell, sequences[:, 0], initial_state)
        try:
            last_output, outputs, states = self.inner_loop(
                sequences=sequences,
                initial_state=initial_state,
                mask=mask,
                training=training,
            )
        finally:
            _reset_dropout_masks(self.cell)
        last_output = ops.cast(last_output, self.compute_dtype)
        outputs = ops.cast(outputs, self.compute_dtype)
        states = tree.map_structure(
            lambda x: ops.cast(x, self.compute_dtype), states
        )
        if self.stateful:
            for variable, state in zip(
                self.states, tree.flatten(states), strict=True
            ):
                variable.assign(state)
        output = outputs if self.return_sequences else last_output
        if self.return_state:
            return (output, *states)
        return output

    # ------------------------------------------------------------ config
    def get_config(self) -> dict:
        config = {
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "stateful": self.stateful,
            "unroll": self.unroll,
            "zero_output_for_mask": self.zero_output_for_mask,
            "cell": serialization_lib.serialize_keras_object(self.cell),
        }
        return {**super().get_config(), **config}

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> RNN:
        config = dict(config)
        cell = serialization_lib.deserialize_keras_object(
            config.pop("cell"), custom_objects=custom_objects
        )
        return cls(cell, **config)


def _call_takes_training(cell: Any) -> bool:
    spec = getattr(cell, "_call_spec", None)
    return spec is not None and spec.has_training


def _config_dropout_masks(cell: Any, step_input: Any, states: Any) -> None:
    """Draws the cells' dropout masks before the loop (which then draws
    no random numbers: a pure function JAX can scan)."""
    if isinstance(cell, DropoutRNNCell):
        state = states[0] if isinstance(states, (list, tuple)) else states
        cell.get_dropout_mask(step_input)
        cell.get_recurrent_dropout_mask(tree.flatten(state)[0])
    if isinstance(cell, StackedRNNCells):
        batch = ops.shape(step_input)[0]
        for inner, inner_states in zip(cell.cells, states, strict=False):
            _config_dropout_masks(inner, step_input, inner_states)
            size = output_size_of(inner)
            step_input = ops.ones((batch, size), dtype=step_input.dtype)


def _reset_dropout_masks(cell: Any) -> None:
    if isinstance(cell, DropoutRNNCell):
        cell.reset_dropout_mask()
        cell.reset_recurrent_dropout_mask()
    if isinstance(cell, StackedRNNCells):
        for inner in cell.cells:
            _reset_dropout_masks(inner)


def forward_to_cell(*names: str) -> Any:
    """Class decorator adding read-only properties that return
    `self.cell.<name>` (the `units`, `activation`, ... of `LSTM`, `GRU`
    and `SimpleRNN`, as in Keras)."""

    def forward(name):
        return property(
            lambda self: getattr(self.cell, name),
            doc=f"The cell's `{name}`.",
        )

    def decorate(cls):
        for name in names:
            setattr(cls, name, forward(name))
        return cls

    return decorate


def layer_config_with_cell_arguments(layer: RNN) -> dict:
    """The config of an RNN layer that builds its own cell (`LSTM`,
    `GRU`, `SimpleRNN`): the RNN options plus the cell's arguments, in
    place of the serialized cell."""
    config = RNN.get_config(layer)
    del config["cell"]
    cell_config = layer.cell.get_config()
    for key in ("name", "trainable", "dtype"):
        cell_config.pop(key, None)
    config.update(cell_config)
    config["activity_regularizer"] = regularizers.serialize(
        layer.activity_regularizer
    )
    return config
