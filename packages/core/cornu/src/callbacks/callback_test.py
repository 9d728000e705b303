import inspect

import pytest

import cornu
from cornu.src.callbacks import callback as callback_lib


def test_hooks_are_defined_in_firing_order():
    defined = [
        name
        for name, _ in sorted(
            (
                (name, fn)
                for name, fn in vars(cornu.callbacks.Callback).items()
                if name.startswith("on_")
            ),
            key=lambda item: inspect.getsourcelines(item[1])[1],
        )
    ]
    assert tuple(defined) == callback_lib.HOOKS


@pytest.mark.parametrize("hook", callback_lib.HOOKS)
def test_every_hook_is_a_documented_no_op(hook):
    callback = cornu.callbacks.Callback()
    method = getattr(callback, hook)
    assert method.__doc__ and "\n" not in method.__doc__.strip()
    args = (0,) if "batch" in hook or "epoch" in hook else ()
    assert method(*args, logs={"loss": 1.0}) is None
    assert callback_lib.is_default_hook(callback, hook)


def test_overridden_and_assigned_hooks_are_not_defaults():
    class Custom(cornu.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            pass

    callback = Custom()
    callback.on_test_end = lambda logs: None
    assert not callback_lib.is_default_hook(callback, "on_epoch_end")
    assert not callback_lib.is_default_hook(callback, "on_test_end")
    assert callback_lib.is_default_hook(callback, "on_epoch_begin")
    assert callback_lib.is_default_hook(object(), "on_epoch_begin")


def test_train_batch_hooks_forward_to_the_legacy_aliases():
    calls = []

    class Legacy(cornu.callbacks.Callback):
        def on_batch_begin(self, batch, logs=None):
            calls.append(("begin", batch, logs))

        def on_batch_end(self, batch, logs=None):
            calls.append(("end", batch, logs))

    callback = Legacy()
    callback.on_train_batch_begin(3, logs={})
    callback.on_train_batch_end(3, logs={"loss": 0.5})
    assert calls == [("begin", 3, {}), ("end", 3, {"loss": 0.5})]


def test_set_params_and_set_model():
    model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    callback = cornu.callbacks.Callback()
    assert callback.params is None and callback.model is None
    callback.set_params({"epochs": 3, "steps": 5, "verbose": 0})
    callback.set_model(model)
    assert callback.params == {"epochs": 3, "steps": 5, "verbose": 0}
    assert callback.model is model


def test_model_property_lets_the_trainer_sync_its_state():
    class Model:
        syncs = 0

        def _sync_state_for_callbacks(self):
            self.syncs += 1

    model = Model()
    callback = cornu.callbacks.Callback()
    callback.set_model(model)
    assert callback.model is model
    assert callback.model is model
    assert model.syncs == 2
