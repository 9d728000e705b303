import pytest

import cornu


def test_functions_are_called_by_the_matching_hooks():
    calls = []
    callback = cornu.callbacks.LambdaCallback(
        on_train_begin=lambda logs: calls.append(("train_begin", logs)),
        on_epoch_begin=lambda epoch, logs: calls.append(("epoch_begin", epoch)),
        on_train_batch_begin=lambda batch, logs: calls.append(
            ("batch_begin", batch)
        ),
        on_train_batch_end=lambda batch, logs: calls.append(
            ("batch_end", batch, logs["loss"])
        ),
        on_epoch_end=lambda epoch, logs: calls.append(
            ("epoch_end", epoch, logs["loss"])
        ),
        on_train_end=lambda logs: calls.append(("train_end", logs)),
        on_test_end=lambda logs: calls.append(("test_end", logs["loss"])),
        on_predict_batch_end=lambda batch, logs: calls.append(
            ("predict_batch_end", batch)
        ),
    )
    callbacks = cornu.callbacks.CallbackList([callback])
    callbacks.on_train_begin()
    callbacks.on_epoch_begin(0)
    callbacks.on_train_batch_begin(0)
    callbacks.on_train_batch_end(0, {"loss": 0.5})
    callbacks.on_test_begin()
    callbacks.on_test_end({"loss": 0.75})
    callbacks.on_epoch_end(0, {"loss": 0.5})
    callbacks.on_train_end({"loss": 0.5})
    callbacks.on_predict_batch_end(3, {"outputs": None})
    assert calls == [
        ("train_begin", {}),
        ("epoch_begin", 0),
        ("batch_begin", 0),
        ("batch_end", 0, 0.5),
        ("test_end", 0.75),
        ("epoch_end", 0, 0.5),
        ("train_end", {"loss": 0.5}),
        ("predict_batch_end", 3),
    ]


def test_hooks_not_given_stay_no_ops():
    callback = cornu.callbacks.LambdaCallback()
    assert callback.on_epoch_end(0, {}) is None
    assert (
        cornu.callbacks.CallbackList([callback])._listeners["on_epoch_end"]
        == ()
    )


def test_unknown_hook_names_are_rejected():
    with pytest.raises(ValueError, match=r"not callback hooks: \['on_epoch'\]"):
        cornu.callbacks.LambdaCallback(on_epoch=lambda epoch, logs: None)
