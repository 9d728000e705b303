import numpy as np
import pytest

import cornu


class Optimizer:
    def __init__(self, learning_rate, name="opt"):
        self.learning_rate = learning_rate
        self.name = name


def _model(optimizer):
    model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    model.optimizer = optimizer
    return model


def _epochs(callback, model, epochs):
    callbacks = cornu.callbacks.CallbackList([callback], model=model)
    logged = []
    for epoch in range(epochs):
        callbacks.on_epoch_begin(epoch)
        logs = {"loss": 1.0}
        callbacks.on_epoch_end(epoch, logs)
        logged.append(logs)
    return logged


def test_sets_the_learning_rate_from_the_epoch_and_current_rate():
    model = _model(Optimizer(1.0))
    scheduler = cornu.callbacks.LearningRateScheduler(
        lambda epoch, lr: lr * 0.5 if epoch >= 1 else lr
    )
    logged = _epochs(scheduler, model, 4)
    assert [logs["learning_rate"] for logs in logged] == [1.0, 0.5, 0.25, 0.125]


def test_one_argument_schedules_are_supported():
    model = _model(Optimizer(1.0))
    scheduler = cornu.callbacks.LearningRateScheduler(lambda epoch: 0.1 * epoch)
    _epochs(scheduler, model, 3)
    assert model.optimizer.learning_rate == pytest.approx(0.2)


def test_works_with_a_cornu_optimizer(capsys):
    optimizer = cornu.optimizers.SGD(learning_rate=0.1)
    model = _model(optimizer)
    scheduler = cornu.callbacks.LearningRateScheduler(
        lambda epoch, lr: 0.01 * (epoch + 1), verbose=1
    )
    logged = _epochs(scheduler, model, 2)
    np.testing.assert_allclose(
        [logs["learning_rate"] for logs in logged], [0.01, 0.02], rtol=1e-6
    )
    assert "Epoch 2: LearningRateScheduler setting learning rate to 0.02." in (
        capsys.readouterr().out
    )


def test_each_inner_optimizer_is_scheduled():
    class Multi:
        def __init__(self):
            self.optimizers = [Optimizer(1.0, "a"), Optimizer(2.0, "b")]

    model = _model(Multi())
    scheduler = cornu.callbacks.LearningRateScheduler(lambda e, lr: lr / 2)
    logged = _epochs(scheduler, model, 1)
    assert logged[0] == {
        "loss": 1.0,
        "learning_rate_a": 0.5,
        "learning_rate_b": 1.0,
    }


def test_schedule_must_return_a_float():
    model = _model(Optimizer(1.0))
    scheduler = cornu.callbacks.LearningRateScheduler(lambda e, lr: "fast")
    with pytest.raises(ValueError, match="Got: 'fast'"):
        _epochs(scheduler, model, 1)


def test_optimizer_needs_a_learning_rate():
    model = _model(object())
    scheduler = cornu.callbacks.LearningRateScheduler(lambda e, lr: lr)
    with pytest.raises(ValueError, match='must have a "learning_rate"'):
        _epochs(scheduler, model, 1)


def test_type_errors_inside_the_schedule_are_not_hidden():
    def schedule(epoch, lr):
        return lr + "oops"

    model = _model(Optimizer(1.0))
    scheduler = cornu.callbacks.LearningRateScheduler(schedule)
    with pytest.raises(TypeError, match="unsupported operand"):
        _epochs(scheduler, model, 1)
