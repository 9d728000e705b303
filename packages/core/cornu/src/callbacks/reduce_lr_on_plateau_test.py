import numpy as np
import pytest

import cornu


class Optimizer:
    """Stand-in with a settable `learning_rate`, as the callbacks need."""

    def __init__(self, learning_rate):
        self.learning_rate = learning_rate


def _model(learning_rate=1.0, optimizer=None):
    model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    model.optimizer = optimizer or Optimizer(learning_rate)
    return model


def _run(callback, values, model, monitor="val_loss"):
    """Returns the learning rate logged at the end of every epoch."""
    callbacks = cornu.callbacks.CallbackList([callback], model=model)
    callbacks.on_train_begin()
    logged = []
    for epoch, value in enumerate(values):
        logs = {monitor: value}
        callbacks.on_epoch_end(epoch, logs)
        logged.append(logs["learning_rate"])
    return logged


def test_reduces_after_patience_epochs_without_improvement():
    model = _model(1.0)
    reduce = cornu.callbacks.ReduceLROnPlateau(factor=0.5, patience=2)
    logged = _run(reduce, [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5], model)
    # Logged before the epoch's reduction: reductions at epochs 2 and 4.
    assert logged == [1.0, 1.0, 1.0, 0.5, 0.5, 0.25, 0.25]
    # Epoch 5 improves: the wait restarts, so epoch 6 does not reduce.
    assert model.optimizer.learning_rate == 0.25


def test_min_delta_is_the_smallest_improvement():
    model = _model(1.0)
    reduce = cornu.callbacks.ReduceLROnPlateau(
        factor=0.5, patience=1, min_delta=0.1
    )
    _run(reduce, [1.0, 0.95], model)
    assert model.optimizer.learning_rate == 0.5


def test_cooldown_pauses_counting_after_a_reduction():
    model = _model(1.0)
    reduce = cornu.callbacks.ReduceLROnPlateau(
        factor=0.5, patience=1, cooldown=2
    )
    logged = _run(reduce, [1.0] * 5, model)
    # Reductions at epochs 1 and 3: epoch 2 is in cooldown.
    assert logged == [1.0, 1.0, 0.5, 0.5, 0.25]


def test_min_lr_bounds_the_learning_rate():
    model = _model(1.0)
    reduce = cornu.callbacks.ReduceLROnPlateau(
        factor=0.1, patience=1, min_lr=0.05
    )
    _run(reduce, [1.0] * 5, model)
    assert model.optimizer.learning_rate == 0.05


@pytest.mark.parametrize(
    "monitor, mode, values, reduced",
    [
        ("val_accuracy", "auto", [0.5, 0.6], False),
        ("val_accuracy", "auto", [0.6, 0.5], True),
        ("val_loss", "max", [0.5, 0.6], False),
        ("val_loss", "auto", [0.5, 0.6], True),
    ],
)
def test_mode_sets_the_direction(monitor, mode, values, reduced):
    model = _model(1.0)
    reduce = cornu.callbacks.ReduceLROnPlateau(
        monitor=monitor, mode=mode, factor=0.5, patience=1
    )
    _run(reduce, values, model, monitor=monitor)
    assert model.optimizer.learning_rate == (0.5 if reduced else 1.0)


def test_works_with_a_cornu_optimizer(capsys):
    optimizer = cornu.optimizers.SGD(learning_rate=0.5)
    model = _model(optimizer=optimizer)
    reduce = cornu.callbacks.ReduceLROnPlateau(
        factor=0.5, patience=1, verbose=1
    )
    logged = _run(reduce, [1.0, 1.0, 1.0], model)
    np.testing.assert_allclose(logged, [0.5, 0.5, 0.25], rtol=1e-6)
    np.testing.assert_allclose(
        cornu.ops.convert_to_numpy(optimizer.learning_rate), 0.125, rtol=1e-6
    )
    assert "Epoch 2: ReduceLROnPlateau reducing learning rate to 0.25." in (
        capsys.readouterr().out
    )


def test_factor_of_one_or_more_is_rejected():
    with pytest.raises(ValueError, match="Received: factor=1.0"):
        cornu.callbacks.ReduceLROnPlateau(factor=1.0)


def test_unknown_arguments_and_modes_warn():
    with pytest.warns(UserWarning, match=r"unknown arguments \['epsilon'\]"):
        cornu.callbacks.ReduceLROnPlateau(epsilon=1e-3)
    with pytest.warns(UserWarning, match="mode sideways is unknown"):
        reduce = cornu.callbacks.ReduceLROnPlateau(mode="sideways")
    assert reduce.mode == "auto"


def test_missing_monitor_warns_and_keeps_the_learning_rate():
    model = _model(1.0)
    reduce = cornu.callbacks.ReduceLROnPlateau(patience=0)
    with pytest.warns(UserWarning, match="Available metrics are: loss"):
        _run(reduce, [1.0, 2.0], model, monitor="loss")
    assert model.optimizer.learning_rate == 1.0
