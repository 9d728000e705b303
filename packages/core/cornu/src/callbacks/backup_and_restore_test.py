import json
import os
import re

import numpy as np
import pytest

import cornu


class Interrupt(Exception):
    pass


class Optimizer:
    def __init__(self):
        self.built = False
        self.iterations = 0

    def build(self, variables):
        self.built = True


class Model:
    """Stand-in whose state depends on the exact sequence of batches."""

    built = True
    name = "stand_in"

    def __init__(self):
        self.value = 0.0
        self.optimizer = Optimizer()
        self.trainable_variables = []
        self.stop_training = False
        self._initial_epoch = None
        self._initial_step = None

    def train_step(self, epoch, batch):
        self.value = self.value * 0.5 + (10 * epoch + batch)
        self.optimizer.iterations += 1

    def save_weights(self, filepath, overwrite=True):
        state = {"value": self.value, "iterations": self.optimizer.iterations}
        with open(filepath, "w") as f:
            json.dump(state, f)

    def load_weights(self, filepath):
        if not self.optimizer.built:
            raise AssertionError("the optimizer must be built first")
        with open(filepath) as f:
            state = json.load(f)
        self.value = state["value"]
        self.optimizer.iterations = state["iterations"]


def _fit(model, callback, epochs=4, steps=3, crash_at=None):
    """The trainer's side of the contract; returns the batches it ran."""
    callbacks = cornu.callbacks.CallbackList(
        [callback], model=model, epochs=epochs, steps=steps, verbose=0
    )
    model.stop_training = False
    callbacks.on_train_begin()
    start = model._initial_epoch or 0
    skip = model._initial_step or 0
    model._initial_epoch = model._initial_step = None
    ran = []
    for epoch in range(start, epochs):
        callbacks.on_epoch_begin(epoch)
        for batch in range(skip if epoch == start else 0, steps):
            if (epoch, batch) == crash_at:
                raise Interrupt
            callbacks.on_train_batch_begin(batch)
            model.train_step(epoch, batch)
            ran.append((epoch, batch))
            callbacks.on_train_batch_end(batch, {"loss": 1.0})
        callbacks.on_epoch_end(epoch, {"loss": 1.0})
    callbacks.on_train_end({"loss": 1.0})
    return ran


def _reference():
    model = Model()
    _fit(model, cornu.callbacks.Callback())
    return model.value, model.optimizer.iterations


@pytest.mark.parametrize(
    "save_freq, crash_at, resumes_at",
    [
        ("epoch", (2, 1), (2, 0)),  # Redo the interrupted epoch.
        (2, (2, 2), (2, 2)),  # Resume after the batches already saved.
        (2, (2, 1), (2, 0)),  # A save at an epoch's last batch.
        (4, (1, 2), (1, 1)),
    ],
)
def test_resumes_where_the_backup_was_taken(
    tmp_path, save_freq, crash_at, resumes_at
):
    folder = tmp_path / "backup"
    model = Model()
    backup = cornu.callbacks.BackupAndRestore(folder, save_freq=save_freq)
    with pytest.raises(Interrupt):
        _fit(model, backup, crash_at=crash_at)
    assert folder.exists()

    restarted = Model()
    backup = cornu.callbacks.BackupAndRestore(folder, save_freq=save_freq)
    ran = _fit(restarted, backup)
    assert ran[0] == resumes_at
    assert restarted.optimizer.built
    # Same weights and optimizer state as an uninterrupted training.
    assert (restarted.value, restarted.optimizer.iterations) == _reference()
    assert not folder.exists()


def test_keeps_the_backup_when_asked(tmp_path):
    folder = tmp_path / "backup"
    backup = cornu.callbacks.BackupAndRestore(folder, delete_checkpoint=False)
    _fit(Model(), backup)
    with open(folder / "training_metadata.json") as f:
        metadata = json.load(f)
    assert {k: metadata[k] for k in ("epoch", "batch")} == {
        "epoch": 4,
        "batch": 0,
    }
    # One weights file: the one the metadata names; older ones are gone.
    assert re.fullmatch(
        r"backup-e4-b0-[0-9a-f]{8}\.weights\.safetensors", metadata["weights"]
    )
    assert sorted(os.listdir(folder)) == [
        metadata["weights"],
        "training_metadata.json",
    ]
    # A new fit finds training complete and runs no epoch.
    model = Model()
    assert _fit(model, backup) == []
    assert model.value == _reference()[0]


def test_double_checkpoint_falls_back_to_the_previous_backup(tmp_path):
    folder = tmp_path / "backup"
    backup = cornu.callbacks.BackupAndRestore(folder, double_checkpoint=True)
    with pytest.raises(Interrupt):
        _fit(Model(), backup, crash_at=(3, 0))
    latest = json.loads((folder / "training_metadata.json").read_text())
    previous = json.loads((folder / "training_metadata.json.bkp").read_text())
    assert (latest["epoch"], previous["epoch"]) == (3, 2)
    assert sorted(os.listdir(folder)) == sorted(
        [
            latest["weights"],
            previous["weights"],
            "training_metadata.json",
            "training_metadata.json.bkp",
        ]
    )
    (folder / latest["weights"]).write_text("corrupt{")
    # Without double_checkpoint the corrupt file is an error.
    with pytest.raises(ValueError):
        _fit(Model(), cornu.callbacks.BackupAndRestore(folder))
    restarted = Model()
    backup = cornu.callbacks.BackupAndRestore(folder, double_checkpoint=True)
    ran = _fit(restarted, backup)
    # The previous backup was taken at the end of epoch 2 (1-based).
    assert ran[0] == (2, 0)
    assert (restarted.value, restarted.optimizer.iterations) == _reference()


def test_unbuilt_model_is_rejected(tmp_path):
    model = Model()
    model.built = False
    backup = cornu.callbacks.BackupAndRestore(tmp_path / "b")
    with pytest.raises(ValueError, match="must be built before"):
        _fit(model, backup)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(backup_dir=""), "empty `backup_dir`"),
        (dict(backup_dir="b", save_freq="batch"), "save_freq='batch'"),
        (dict(backup_dir="b", save_freq=-1), "save_freq=-1"),
    ],
)
def test_bad_arguments_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cornu.callbacks.BackupAndRestore(**kwargs)


def test_restores_a_real_model_and_its_optimizer_state(tmp_path):
    def make():
        model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
        model.optimizer = cornu.optimizers.SGD(learning_rate=0.1)
        model.optimizer.build(model.trainable_variables)
        return model

    folder = tmp_path / "backup"
    model = make()
    model.set_weights([np.full((2, 1), 5.0), np.full((1,), 6.0)])
    model.optimizer.iterations.assign(7)
    backup = cornu.callbacks.BackupAndRestore(folder)
    cornu.callbacks.CallbackList([backup], model=model).on_epoch_end(0)

    restored = make()
    backup = cornu.callbacks.BackupAndRestore(folder)
    cornu.callbacks.CallbackList([backup], model=restored).on_train_begin()
    for got, want in zip(
        restored.get_weights(), model.get_weights(), strict=True
    ):
        np.testing.assert_array_equal(got, want)
    assert int(cornu.ops.convert_to_numpy(restored.optimizer.iterations)) == 7
    assert restored._initial_epoch == 1 and restored._initial_step == 0


def test_a_crash_before_the_metadata_commit_keeps_a_consistent_pair(
    tmp_path, monkeypatch
):
    folder = tmp_path / "backup"
    backup = cornu.callbacks.BackupAndRestore(folder, delete_checkpoint=False)
    model = Model()
    _fit(model, backup, epochs=2)
    committed = json.loads((folder / "training_metadata.json").read_text())
    # The next save writes its weights file, then dies before the rename
    # of the metadata that would name it.
    from cornu.src.callbacks import checkpoint_io

    def killed(path, text):
        raise Interrupt

    monkeypatch.setattr(checkpoint_io, "atomic_write_text", killed)
    with pytest.raises(Interrupt):
        _fit(model, backup, epochs=3)
    monkeypatch.undo()
    assert len(os.listdir(folder)) == 3  # old pair + the orphan weights
    assert json.loads((folder / "training_metadata.json").read_text()) == (
        committed
    )
    # The restore reads the committed pair: epoch 2 with epoch 2's weights.
    restarted = Model()
    backup = cornu.callbacks.BackupAndRestore(folder)
    ran = _fit(restarted, backup, epochs=4)
    assert ran[0] == (2, 0)
    assert (restarted.value, restarted.optimizer.iterations) == _reference()


def test_restores_a_backup_in_the_earlier_fixed_name_layout(tmp_path):
    folder = tmp_path / "backup"
    folder.mkdir()
    model = Model()
    _fit(model, cornu.callbacks.Callback(), epochs=2)
    model.save_weights(str(folder / "latest.weights.safetensors"))
    (folder / "training_metadata.json").write_text('{"epoch": 2, "batch": 0}')
    restarted = Model()
    ran = _fit(restarted, cornu.callbacks.BackupAndRestore(folder))
    assert ran[0] == (2, 0)
    assert (restarted.value, restarted.optimizer.iterations) == _reference()
    assert not folder.exists()


@pytest.mark.parametrize(
    "content, error, match",
    [
        ("{not json", ValueError, "is not valid JSON"),
        ('{"batch": 1}', ValueError, "does not hold a backup position"),
        ('{"epoch": "x", "batch": 0}', ValueError, "backup position"),
        # A name with a folder part is read as the bare name, in the
        # backup folder: no file outside it is ever opened.
        ('{"epoch": 1, "batch": 0, "weights": "../../etc/passwd"}',
         FileNotFoundError, "passwd"),
    ],
)
def test_bad_metadata_is_a_clear_error(tmp_path, content, error, match):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "training_metadata.json").write_text(content)
    with pytest.raises(error, match=match):
        _fit(Model(), cornu.callbacks.BackupAndRestore(folder))
