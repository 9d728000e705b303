import numpy as np
import pytest

import cornu


def _model():
    return cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])


def _weights_of_epoch(epoch):
    return [np.full((2, 1), epoch, "float32"), np.full((1,), epoch, "float32")]


def _train(stopper, values, model=None, monitor="val_loss"):
    """Runs epochs until stopped; returns (epochs run, model)."""
    model = model or _model()
    model.stop_training = False
    callbacks = cornu.callbacks.CallbackList([stopper], model=model)
    callbacks.on_train_begin()
    epochs_run = 0
    for epoch, value in enumerate(values):
        callbacks.on_epoch_begin(epoch)
        model.set_weights(_weights_of_epoch(epoch))
        callbacks.on_epoch_end(epoch, {monitor: value, "other": 0.0})
        epochs_run += 1
        if model.stop_training:
            break
    callbacks.on_train_end()
    return epochs_run, model


@pytest.mark.parametrize(
    "patience, values, epochs_run",
    [
        (0, [1.0, 0.9, 0.95, 0.5], 3),
        (2, [1.0, 0.9, 0.95, 0.93, 0.92, 0.1], 4),
        (2, [1.0, 0.9, 0.8, 0.7, 0.6], 5),
        (1, [1.0, 1.0, 1.0], 2),  # An equal value is no improvement.
    ],
)
def test_stops_after_patience_epochs_without_improvement(
    patience, values, epochs_run
):
    stopper = cornu.callbacks.EarlyStopping(patience=patience)
    assert _train(stopper, values)[0] == epochs_run
    if epochs_run < len(values):
        assert stopper.stopped_epoch == epochs_run - 1


def test_min_delta_sets_the_smallest_improvement():
    stopper = cornu.callbacks.EarlyStopping(min_delta=0.1, patience=1)
    assert _train(stopper, [1.0, 0.95, 0.85, 0.7])[0] == 2
    stopper = cornu.callbacks.EarlyStopping(min_delta=-0.1, patience=1)
    assert stopper.min_delta == 0.1  # The sign is ignored.


@pytest.mark.parametrize(
    "mode, monitor, values, epochs_run",
    [
        ("max", "val_acc", [0.5, 0.6, 0.55, 0.9], 3),
        ("min", "val_acc", [0.5, 0.6, 0.55, 0.9], 2),
        ("auto", "loss", [0.5, 0.6, 0.4], 2),
    ],
)
def test_mode_sets_the_direction(mode, monitor, values, epochs_run):
    stopper = cornu.callbacks.EarlyStopping(monitor=monitor, mode=mode)
    assert _train(stopper, values, monitor=monitor)[0] == epochs_run


def test_auto_mode_needs_a_known_direction():
    stopper = cornu.callbacks.EarlyStopping(monitor="val_score")
    with pytest.raises(ValueError, match="monitor='val_score'"):
        _train(stopper, [1.0], monitor="val_score")


def test_unknown_mode_warns_and_falls_back_to_auto():
    with pytest.warns(UserWarning, match="mode 'up' is unknown"):
        stopper = cornu.callbacks.EarlyStopping(mode="up")
    assert stopper.mode == "auto"


def test_baseline_must_be_beaten_to_reset_the_wait():
    # Improving values that never beat the baseline still use up patience.
    stopper = cornu.callbacks.EarlyStopping(patience=2, baseline=0.5)
    assert _train(stopper, [0.9, 0.8, 0.85, 0.1])[0] == 3
    stopper = cornu.callbacks.EarlyStopping(patience=2)
    assert _train(stopper, [0.9, 0.8, 0.85, 0.1])[0] == 4
    stopper = cornu.callbacks.EarlyStopping(patience=2, baseline=0.5)
    assert _train(stopper, [0.4, 0.45, 0.42, 0.1])[0] == 3


def test_start_from_epoch_skips_warm_up_epochs():
    stopper = cornu.callbacks.EarlyStopping(patience=0, start_from_epoch=2)
    assert _train(stopper, [1.0, 2.0, 3.0, 3.5, 1.0])[0] == 4
    assert stopper.best == 3.0 and stopper.best_epoch == 2


def test_restore_best_weights_restores_the_best_epoch(capsys):
    stopper = cornu.callbacks.EarlyStopping(
        patience=1, restore_best_weights=True, verbose=1
    )
    epochs_run, model = _train(stopper, [1.0, 0.5, 0.7, 0.8])
    assert epochs_run == 3 and stopper.best_epoch == 1
    for got, want in zip(
        model.get_weights(), _weights_of_epoch(1), strict=True
    ):
        np.testing.assert_array_equal(got, want)
    assert capsys.readouterr().out == (
        "Epoch 3: early stopping\n"
        "Restoring model weights from the end of the best epoch: 2.\n"
    )


def test_restores_the_best_epoch_even_when_baseline_is_never_beaten():
    stopper = cornu.callbacks.EarlyStopping(
        patience=2, baseline=0.1, restore_best_weights=True
    )
    epochs_run, model = _train(stopper, [0.5, 0.6, 0.7])
    assert epochs_run == 2
    np.testing.assert_array_equal(model.get_weights()[0], np.zeros((2, 1)))


def test_without_restore_the_last_weights_are_kept():
    stopper = cornu.callbacks.EarlyStopping(patience=1)
    _, model = _train(stopper, [1.0, 0.5, 0.7, 0.8])
    np.testing.assert_array_equal(model.get_weights()[0], np.full((2, 1), 2))


def test_an_instance_can_be_reused_across_trainings():
    stopper = cornu.callbacks.EarlyStopping(patience=0)
    assert _train(stopper, [0.1, 0.2])[0] == 2
    # `best` restarts: 0.9 is not compared with the previous run's 0.1.
    assert _train(stopper, [0.9, 0.8, 0.85])[0] == 3
    assert stopper.best == 0.8


def test_missing_monitor_warns_and_never_stops():
    stopper = cornu.callbacks.EarlyStopping(monitor="val_loss", patience=0)
    with pytest.warns(UserWarning, match="Available metrics are: loss,other"):
        assert _train(stopper, [1.0, 2.0], monitor="loss")[0] == 2
