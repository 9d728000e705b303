"""`StackedRNNCells`: several RNN cells acting as one cell."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.layers.layer import Layer
from cornu.src.saving import serialization_lib


@cornu_export("cornu.layers.StackedRNNCells")
class StackedRNNCells(Layer):
    """Wraps a list of RNN cells so that they behave as a single cell.

    At each step the first cell reads the input, each next cell reads the
    previous cell's output, and the states are the cells' states, in
    order. `RNN` builds one when given a list of cells.

    Args:
        cells: List of RNN cells.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> cells = [cornu.layers.LSTMCell(4), cornu.layers.GRUCell(3)]
    >>> layer = cornu.layers.RNN(cornu.layers.StackedRNNCells(cells))
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 5, 6))))
    (2, 3)
    """

    def __init__(self, cells: list, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for cell in cells:
            if not callable(getattr(cell, "call", None)):
                raise ValueError(
                    "StackedRNNCells expects every cell to have a `call` "
                    f"method. Received a cell without one: {cell!r}."
                )
            if getattr(cell, "state_size", None) is None:
                raise ValueError(
                    "StackedRNNCells expects every cell to have a "
                    f"`state_size` attribute. Received a cell without one: "
                    f"{cell!r}."
                )
        self.cells = list(cells)

    @property
    def state_size(self) -> list:
        """The cells' `state_size`s, in order."""
        return [cell.state_size for cell in self.cells]

    @property
    def output_size(self) -> int:
        """The last cell's output size."""
        return output_size_of(self.cells[-1])

    def get_initial_state(self, batch_size: Any = None) -> list:
        """Every cell's initial states (zeros unless the cell says)."""
        states = []
        for cell in self.cells:
            get_initial_state = getattr(cell, "get_initial_state", None)
            if get_initial_state is not None:
                states.append(get_initial_state(batch_size=batch_size))
            elif isinstance(cell.state_size, int):
                states.append(
                    ops.zeros(
                        (batch_size, cell.state_size), dtype=self.compute_dtype
                    )
                )
            else:
                states.append(
                    [
                        ops.zeros((batch_size, d), dtype=self.compute_dtype)
                        for d in cell.state_size
                    ]
                )
        return states

    def call(
        self, inputs: Any, states: Any, training: bool = False, **kwargs: Any
    ) -> tuple:
        new_states = []
        for cell, cell_states in zip(self.cells, states, strict=False):
            was_list = tree.is_nested(cell_states)
            cell_states = list(cell_states) if was_list else [cell_states]
            cell_kwargs = dict(kwargs)
            spec = getattr(cell, "_call_spec", None)
            if spec is not None and spec.has_training:
                cell_kwargs["training"] = training
            call = cell if callable(cell) else cell.call
            inputs, cell_states = call(inputs, cell_states, **cell_kwargs)
            if not tree.is_nested(cell_states):
                cell_states = [cell_states]
            if len(cell_states) == 1 and not was_list:
                cell_states = cell_states[0]
            new_states.append(cell_states)
        if len(new_states) == 1:
            new_states = new_states[0]
        return inputs, new_states

    def build(self, input_shape: tuple) -> None:
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                cell.build(input_shape)
                cell.built = True
            batch_size = tree.flatten(input_shape)[0]
            input_shape = (batch_size, output_size_of(cell))

    def get_config(self) -> dict:
        cells = [
            serialization_lib.serialize_keras_object(cell)
            for cell in self.cells
        ]
        return {**super().get_config(), "cells": cells}

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> StackedRNNCells:
        config = dict(config)
        cells = [
            serialization_lib.deserialize_keras_object(
                cell, custom_objects=custom_objects
            )
            for cell in config.pop("cells")
        ]
        return cls(cells, **config)


def output_size_of(cell: Any) -> int:
    """A cell's `output_size`, else its (first) `state_size`."""
    size = getattr(cell, "output_size", None)
    if size is not None:
        return size
    state_size = cell.state_size
    if isinstance(state_size, (list, tuple)):
        return state_size[0]
    return state_size
