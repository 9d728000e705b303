import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.callbacks import callback as callback_lib


def _recording_hook(hook):
    indexed = "batch" in hook or "epoch" in hook

    def method(self, *args, **kwargs):
        args = list(args)
        index = args.pop(0) if indexed else None
        logs = args[0] if args else kwargs["logs"]
        how = "keyword" if "logs" in kwargs else "positional"
        self.calls.append((self.name, hook, index, dict(logs), how))

    return method


class Recorder(cornu.callbacks.Callback):
    """Records every hook call: (name, hook, index, logs copy, how)."""

    def __init__(self, name, calls):
        super().__init__()
        self.name = name
        self.calls = calls


for _hook in callback_lib.HOOKS[:-2]:
    setattr(Recorder, _hook, _recording_hook(_hook))


def _model():
    return cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])


def _run_fit_like(callbacks, epochs=2, steps=2):
    callbacks.on_train_begin()
    for epoch in range(epochs):
        callbacks.on_epoch_begin(epoch)
        for batch in range(steps):
            callbacks.on_train_batch_begin(batch)
            callbacks.on_train_batch_end(batch, {"loss": 1.0 / (batch + 1)})
        callbacks.on_test_begin()
        callbacks.on_test_batch_begin(0)
        callbacks.on_test_batch_end(0, {"loss": 0.5})
        callbacks.on_test_end({"loss": 0.5})
        callbacks.on_epoch_end(epoch, {"loss": 0.5, "val_loss": 0.5})
    callbacks.on_train_end({"loss": 0.5})


def test_hooks_reach_every_callback_in_list_order():
    calls = []
    callbacks = cornu.callbacks.CallbackList(
        [Recorder("a", calls), [Recorder("b", calls)]]
    )
    _run_fit_like(callbacks, epochs=1, steps=1)
    expected_hooks = [
        ("on_train_begin", None, {}),
        ("on_epoch_begin", 0, {}),
        ("on_train_batch_begin", 0, {}),
        ("on_train_batch_end", 0, {"loss": 1.0}),
        ("on_test_begin", None, {}),
        ("on_test_batch_begin", 0, {}),
        ("on_test_batch_end", 0, {"loss": 0.5}),
        ("on_test_end", None, {"loss": 0.5}),
        ("on_epoch_end", 0, {"loss": 0.5, "val_loss": 0.5}),
        ("on_train_end", None, {"loss": 0.5}),
    ]
    expected = []
    for hook, index, logs in expected_hooks:
        # Batch hooks get `logs` by keyword (LambdaCallback relies on it).
        how = "keyword" if "batch" in hook else "positional"
        expected.append(("a", hook, index, logs, how))
        expected.append(("b", hook, index, logs, how))
    assert calls == expected


def test_predict_hooks_pass_outputs_unchanged():
    seen = []
    outputs = np.ones((2, 1), dtype="float32")
    callback = cornu.callbacks.LambdaCallback(
        on_predict_batch_end=lambda batch, logs: seen.append(logs["outputs"])
    )
    callbacks = cornu.callbacks.CallbackList([callback])
    callbacks.on_predict_begin()
    callbacks.on_predict_batch_begin(0)
    callbacks.on_predict_batch_end(0, {"outputs": outputs})
    callbacks.on_predict_end()
    assert seen[0] is outputs


def test_batch_hooks_call_only_callbacks_that_override_them():
    class EpochOnly(cornu.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            raise AssertionError("must not be called")

    callbacks = cornu.callbacks.CallbackList([cornu.callbacks.History()])
    assert callbacks._listeners["on_train_batch_end"] == ()
    assert callbacks._listeners["on_train_batch_begin"] == ()
    logs = {"loss": np.float32(0.5)}
    callbacks.on_train_batch_end(0, logs)
    # Nobody listened: the logs were left as they were (no conversion).
    assert type(logs["loss"]) is np.float32
    assert (
        len(
            cornu.callbacks.CallbackList([EpochOnly()])._listeners[
                "on_train_batch_end"
            ]
        )
        == 1
    )


def test_legacy_on_batch_end_counts_as_train_batch_listener():
    seen = []

    class Legacy(cornu.callbacks.Callback):
        def on_batch_end(self, batch, logs=None):
            seen.append((batch, logs))

    callbacks = cornu.callbacks.CallbackList([Legacy()])
    callbacks.on_train_batch_end(4, {"loss": 1.0})
    callbacks.on_batch_end(5, {"loss": 2.0})
    assert seen == [(4, {"loss": 1.0}), (5, {"loss": 2.0})]


def test_logs_become_python_floats_in_place_for_listeners():
    seen = []
    callback = cornu.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: seen.append(logs)
    )
    callbacks = cornu.callbacks.CallbackList([callback])
    vector = np.array([1.0, 2.0])
    logs = {
        "loss": ops.convert_to_tensor(0.25),
        "acc": np.float64(0.5),
        "count": 3,
        "name": "x",
        "vector": vector,
    }
    callbacks.on_epoch_end(0, logs)
    assert seen[0] is logs
    assert type(logs["loss"]) is float and logs["loss"] == 0.25
    assert type(logs["acc"]) is float and logs["acc"] == 0.5
    assert logs["count"] == 3 and logs["name"] == "x"
    assert logs["vector"] is vector


def test_progbar_batch_logs_are_not_converted_on_every_batch():
    callbacks = cornu.callbacks.CallbackList(
        add_progbar=True, verbose=0, epochs=1, steps=2
    )
    assert callbacks._needs_floats["on_train_batch_end"] is False
    assert callbacks._needs_floats["on_epoch_end"] is True
    logs = {"loss": np.float32(0.5)}
    callbacks.on_train_batch_end(0, logs)
    assert type(logs["loss"]) is np.float32


def test_default_callbacks_are_added_once():
    history = cornu.callbacks.History()
    callbacks = cornu.callbacks.CallbackList(
        [history],
        add_history=True,
        add_progbar=True,
        verbose=0,
        epochs=1,
        steps=1,
    )
    kinds = [type(c).__name__ for c in callbacks.callbacks]
    assert kinds == ["History", "ProgbarLogger"]
    assert callbacks.callbacks[0] is history


def test_set_model_and_set_params_reach_every_callback():
    model = _model()
    a, b = cornu.callbacks.Callback(), cornu.callbacks.Callback()
    callbacks = cornu.callbacks.CallbackList(
        [a, b], add_history=True, model=model, epochs=3, steps=4, verbose=0
    )
    for callback in callbacks.callbacks:
        assert callback.model is model
        assert callback.params == {"epochs": 3, "steps": 4, "verbose": 0}
    assert model.history is callbacks.callbacks[-1]


def test_append_and_late_hook_assignment_are_dispatched():
    seen = []
    callbacks = cornu.callbacks.CallbackList()
    late = cornu.callbacks.Callback()
    callbacks.append(late)
    late.on_train_batch_end = lambda batch, logs: seen.append(batch)
    # Picked up when the next loop starts.
    callbacks.on_train_begin()
    callbacks.on_train_batch_end(7, {})
    assert seen == [7]


def test_none_logs_become_an_empty_dict():
    seen = []
    callback = cornu.callbacks.LambdaCallback(
        on_train_begin=lambda logs: seen.append(logs),
        on_train_batch_begin=lambda batch, logs: seen.append(logs),
    )
    callbacks = cornu.callbacks.CallbackList([callback])
    callbacks.on_train_begin()
    callbacks.on_train_batch_begin(0)
    assert seen == [{}, {}]


def test_rejects_objects_that_are_not_callbacks():
    with pytest.raises(TypeError, match="Received an object of type int"):
        cornu.callbacks.CallbackList([3])


def test_checkpointing_callbacks_need_no_float_batch_logs(tmp_path):
    callbacks = cornu.callbacks.CallbackList(
        [
            cornu.callbacks.ModelCheckpoint(str(tmp_path / "m.keras")),
            cornu.callbacks.BackupAndRestore(str(tmp_path / "backup")),
        ]
    )
    assert callbacks._needs_floats["on_train_batch_end"] is False
    path = str(tmp_path / "m.keras")
    per_batch = cornu.callbacks.CallbackList(
        [cornu.callbacks.ModelCheckpoint(path, save_freq=2)]
    )
    assert per_batch._needs_floats["on_train_batch_end"] is True
