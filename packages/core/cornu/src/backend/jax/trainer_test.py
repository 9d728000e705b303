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
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    _fit(model, epochs=3)
    # Nothing else held the state's arrays. (The metrics' variables share
    # the zeros of their resets, and are not donated.)
    assert copied == []
    held = model.layers[0].kernel.value
    before = np.asarray(held).copy()
    _fit(model, epochs=1)
    assert copied == [1]  # the one array the test holds
    np.testing.assert_array_equal(np.asarray(held), before)
    assert model.layers[0].kernel.value is not held


def test_resetting_metrics_copies_no_number_to_the_device():
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    _fit(model, epochs=1)
    model.reset_metrics()
    values = [v.value for v in model.metrics_variables]
    model.reset_metrics()
    # The same device scalars again, and zeros of the variables' dtypes.
    assert all(
        v.value is value
        for v, value in zip(model.metrics_variables, values, strict=True)
    )
    for variable in model.metrics_variables:
        assert variable.value.dtype == variable.dtype
        assert float(variable.value) == 0.0
    # A donated (deleted) scalar is made again.
    values[0].delete()
    model.reset_metrics()
    assert not model.metrics_variables[0].value.is_deleted()
    assert float(model.metrics_variables[0].value) == 0.0
    _fit(model, epochs=2)
    assert model.evaluate(np.ones((4, 3)), np.ones((4, 1)), verbose=0)[0] >= 0
