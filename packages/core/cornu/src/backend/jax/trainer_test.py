"""The jax trainer's donated state (runs only on that backend)."""

import numpy as np
import pytest

import cornu
from cornu import layers

# Feature detection (R7): only the jax trainer keeps a loop's state
# outside the variables, in buffers its compiled steps donate.
if not hasattr(cornu.Model, "_jax_state"):
    pytest.skip(
        "the active backend's trainer does not donate its state",
        allow_module_level=True,
    )

from cornu.src.backend.jax import trainer as jax_trainer  # noqa: E402


def _fit(model, epochs):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((32, 3)).astype("float32")
    y = rng.standard_normal((32, 1)).astype("float32")
    model.fit(x, y, batch_size=8, epochs=epochs, verbose=0)


def test_epochs_donate_the_variables_arrays_without_copying(monkeypatch):
    copied = []
    copy = jax_trainer._copy_arrays

    def counting_copy(values):
        copied.append(len(values))
        return copy(values)

    monkeypatch.setattr(jax_trainer, "_copy_arrays", counting_copy)
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    _fit(model, epochs=3)
    assert copied == []  # nothing else held the state's arrays
    held = model.layers[0].kernel.value
    before = np.asarray(held).copy()
    _fit(model, epochs=1)
    assert copied == [1]  # the one array the test holds
    np.testing.assert_array_equal(np.asarray(held), before)
    assert model.layers[0].kernel.value is not held
