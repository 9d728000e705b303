import cornu


def _model():
    return cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])


def test_history_records_every_epoch_and_points_the_model_to_itself():
    model = _model()
    callbacks = cornu.callbacks.CallbackList(add_history=True, model=model)
    history = model.history
    assert isinstance(history, cornu.callbacks.History)
    callbacks.on_train_begin()
    logs = [
        {"loss": 1.0, "val_loss": 2.0},
        {"loss": 0.5, "val_loss": 1.5},
        {"loss": 0.25, "val_loss": 1.25},
    ]
    for epoch, epoch_logs in enumerate(logs):
        callbacks.on_epoch_begin(epoch)
        callbacks.on_epoch_end(epoch, dict(epoch_logs))
    callbacks.on_train_end()
    assert history.epoch == [0, 1, 2]
    assert history.history == {
        "loss": [1.0, 0.5, 0.25],
        "val_loss": [2.0, 1.5, 1.25],
    }
    assert model.history is history


def test_history_keeps_values_across_fits_but_restarts_epochs():
    history = cornu.callbacks.History()
    history.set_model(_model())
    history.on_train_begin()
    history.on_epoch_end(0, {"loss": 1.0})
    history.on_train_begin()
    history.on_epoch_end(1, {"loss": 0.5})
    assert history.epoch == [1]
    assert history.history == {"loss": [1.0, 0.5]}
    assert history.model.history is history


def test_history_sees_keys_added_by_earlier_callbacks():
    class Optimizer:
        learning_rate = 0.5

    model = _model()
    model.optimizer = Optimizer()
    scheduler = cornu.callbacks.LearningRateScheduler(lambda e, lr: lr)
    callbacks = cornu.callbacks.CallbackList(
        [scheduler], add_history=True, model=model
    )
    callbacks.on_train_begin()
    callbacks.on_epoch_begin(0)
    callbacks.on_epoch_end(0, {"loss": 1.0})
    assert model.history.history == {"loss": [1.0], "learning_rate": [0.5]}
