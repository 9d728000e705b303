"""Every optimizer creates its variables in Keras 3's order.

A saved optimizer state is positional (`optimizer/vars/0`, `1`, ...), so
files move between cornu and Keras 3 only if both create the same
variables in the same order. The expected lists were recorded from Keras
3.15.1 (`optimizer.build([a, b])` with a of shape (2,), b of shape (3, 4);
the last part of each variable's path, with shapes).
"""

import numpy as np
import pytest

import cornu

A, B = "a", "b"
KERAS_ORDER = {
    "Adadelta": [
        "a_accumulated_grad",
        "a_accumulated_delta_var",
        "b_accumulated_grad",
        "b_accumulated_delta_var",
    ],
    "Adafactor": ["a_r", "a_c", "a_velocity", "b_r", "b_c", "b_velocity"],
    "Adagrad": ["a_accumulator", "b_accumulator"],
    "Adam": [
        "a_momentum",
        "a_velocity",
        "b_momentum",
        "b_velocity",
        "a_velocity_hat",
        "b_velocity_hat",
    ],
    "AdamW": ["a_momentum", "a_velocity", "b_momentum", "b_velocity"],
    "Adamax": ["a_momentum", "a_norm", "b_momentum", "b_norm"],
    "Ftrl": ["a_accumulator", "a_linear", "b_accumulator", "b_linear"],
    "Lamb": ["a_momentum", "a_velocity", "b_momentum", "b_velocity"],
    "Lion": ["a_momentum", "b_momentum"],
    "Muon": ["a_momentum", "a_velocity", "b_momentum"],
    "Nadam": [
        "a_momentum",
        "a_velocity",
        "b_momentum",
        "b_velocity",
        "u_product",
    ],
    "RMSprop": [
        "a_velocity",
        "b_velocity",
        "a_momentum",
        "b_momentum",
        "a_average_gradient",
        "b_average_gradient",
    ],
    "SGD": ["a_momentum", "b_momentum"],
}
# Shapes Keras gives the slots (Adafactor's unfactored placeholders are
# int32 scalars; its factored `r`/`c` drop the last/second-last axis).
KERAS_SHAPES = {
    "Adafactor": [(), (), (2,), (3,), (4,), (3, 4)],
}
ARGS = {
    "Adam": {"amsgrad": True},
    "RMSprop": {"momentum": 0.9, "centered": True},
    "SGD": {"momentum": 0.9},
}


@pytest.mark.parametrize("name", sorted(KERAS_ORDER))
def test_slots_are_created_in_keras_order(name):
    variables = [
        cornu.Variable(np.zeros((2,), "float32"), name=A),
        cornu.Variable(np.zeros((3, 4), "float32"), name=B),
    ]
    optimizer = getattr(cornu.optimizers, name)(**ARGS.get(name, {}))
    optimizer.build(variables)
    slots = optimizer.variables[2:]
    assert [v.path.split("/")[-1] for v in slots] == KERAS_ORDER[name]
    if name in KERAS_SHAPES:
        assert [tuple(v.shape) for v in slots] == KERAS_SHAPES[name]
