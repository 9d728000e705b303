import numpy as np
import pytest

import cornu


def _setup(**kwargs):
    model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    model.stop_training = False
    callbacks = cornu.callbacks.CallbackList(
        [cornu.callbacks.TerminateOnNaN(**kwargs)], model=model
    )
    return model, callbacks


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -np.inf])
def test_stops_on_nan_or_infinite_loss(bad, capsys):
    model, callbacks = _setup()
    callbacks.on_train_batch_end(0, {"loss": 0.5})
    assert model.stop_training is False
    callbacks.on_train_batch_end(1, {"loss": np.float32(bad)})
    assert model.stop_training is True
    assert capsys.readouterr().out == (
        "Batch 1: Invalid loss, terminating training\n"
    )


def test_batches_without_a_loss_are_ignored():
    model, callbacks = _setup()
    callbacks.on_train_batch_end(0, {"accuracy": float("nan")})
    callbacks.on_train_batch_end(1)
    assert model.stop_training is False


def test_raise_error_raises_at_once():
    model, callbacks = _setup(raise_error=True)
    with pytest.raises(RuntimeError, match="NaN or Inf loss encountered at"):
        callbacks.on_train_batch_end(2, {"loss": float("nan")})
    assert model.stop_training is False
