import json
import os

import numpy as np
import pytest

import cornu


class RecordingModel:
    """Stand-in model whose save methods write its current `state`.

    The real `Model.save`/`save_weights` write cornu's file formats (tested
    in `cornu.saving`); here the files record which state was saved.
    """

    def __init__(self):
        self.state = None
        self.calls = []
        self.stop_training = False

    def _write(self, kind, filepath, overwrite):
        self.calls.append((kind, os.path.basename(filepath), overwrite))
        with open(filepath, "w") as f:
            json.dump({"kind": kind, "state": self.state}, f)

    def save(self, filepath, overwrite=True):
        self._write("model", filepath, overwrite)

    def save_weights(self, filepath, overwrite=True):
        self._write("weights", filepath, overwrite)


def _read(path):
    with open(path) as f:
        return json.load(f)


def _fit(checkpoint, model, epochs_logs, steps=1):
    callbacks = cornu.callbacks.CallbackList(
        [checkpoint], model=model, epochs=len(epochs_logs), steps=steps
    )
    callbacks.on_train_begin()
    for epoch, logs in enumerate(epochs_logs):
        callbacks.on_epoch_begin(epoch)
        for batch in range(steps):
            model.state = f"e{epoch}b{batch}"
            callbacks.on_train_batch_end(batch, dict(logs))
        model.state = f"e{epoch}"
        callbacks.on_epoch_end(epoch, dict(logs))
    callbacks.on_train_end()


def test_saves_every_epoch_with_formatted_paths(tmp_path):
    model = RecordingModel()
    pattern = str(tmp_path / "ckpt-{epoch:02d}-{val_loss:.2f}.keras")
    checkpoint = cornu.callbacks.ModelCheckpoint(pattern)
    _fit(checkpoint, model, [{"val_loss": 0.5}, {"val_loss": 0.25}])
    assert sorted(os.listdir(tmp_path)) == [
        "ckpt-01-0.50.keras",
        "ckpt-02-0.25.keras",
    ]
    assert _read(tmp_path / "ckpt-02-0.25.keras") == {
        "kind": "model",
        "state": "e1",
    }
    # Saved straight to the final name: `model.save()` itself writes a
    # temporary file and renames it (tested in saving/file_utils_test.py).
    assert all(name.startswith("ckpt-") for _, name, _ in model.calls)
    assert all(overwrite is True for _, _, overwrite in model.calls)


def test_save_best_only_keeps_the_best_epoch(tmp_path, capsys):
    model = RecordingModel()
    path = tmp_path / "best.weights.safetensors"
    checkpoint = cornu.callbacks.ModelCheckpoint(
        path, save_best_only=True, save_weights_only=True, verbose=1
    )
    values = [0.5, 0.3, 0.4, 0.2, 0.25]
    _fit(checkpoint, model, [{"val_loss": v} for v in values])
    assert _read(path) == {"kind": "weights", "state": "e3"}
    assert [kind for kind, _, _ in model.calls] == ["weights"] * 3
    assert checkpoint.best == 0.2
    out = capsys.readouterr().out
    assert "Epoch 1: val_loss improved from inf to 0.50000, saving" in out
    assert "Epoch 3: val_loss did not improve from 0.30000" in out


@pytest.mark.parametrize(
    "mode, monitor, values, best_state",
    [
        ("max", "val_acc", [0.5, 0.7, 0.6], "e1"),
        ("min", "val_acc", [0.5, 0.7, 0.6], "e0"),
        ("auto", "loss", [0.5, 0.7, 0.4], "e2"),
    ],
)
def test_mode_picks_the_best_direction(
    tmp_path, mode, monitor, values, best_state
):
    model = RecordingModel()
    path = tmp_path / "best.keras"
    checkpoint = cornu.callbacks.ModelCheckpoint(
        path, monitor=monitor, mode=mode, save_best_only=True
    )
    _fit(checkpoint, model, [{monitor: v} for v in values])
    assert _read(path)["state"] == best_state


def test_initial_value_threshold_must_be_beaten(tmp_path):
    model = RecordingModel()
    path = tmp_path / "best.keras"
    checkpoint = cornu.callbacks.ModelCheckpoint(
        path, save_best_only=True, initial_value_threshold=0.3
    )
    _fit(checkpoint, model, [{"val_loss": 0.5}, {"val_loss": 0.4}])
    assert not path.exists()
    _fit(checkpoint, model, [{"val_loss": 0.5}, {"val_loss": 0.2}])
    assert _read(path)["state"] == "e1"


def test_save_freq_counts_batches_across_epochs(tmp_path):
    model = RecordingModel()
    pattern = str(tmp_path / "ckpt-{epoch}-{batch}.keras")
    checkpoint = cornu.callbacks.ModelCheckpoint(pattern, save_freq=3)
    _fit(checkpoint, model, [{"loss": 1.0}] * 2, steps=4)
    # Batches 3 and 6 of 8: epoch 1 batch 3, epoch 2 batch 2 (1-based).
    assert sorted(os.listdir(tmp_path)) == ["ckpt-1-3.keras", "ckpt-2-2.keras"]
    assert _read(tmp_path / "ckpt-2-2.keras")["state"] == "e1b1"


def test_save_freq_with_steps_per_execution_jumps(tmp_path):
    model = RecordingModel()
    checkpoint = cornu.callbacks.ModelCheckpoint(
        str(tmp_path / "b{batch}.keras"), save_freq=4
    )
    callbacks = cornu.callbacks.CallbackList([checkpoint], model=model)
    callbacks.on_epoch_begin(0)
    for last in (1, 3, 5, 7):  # Two batches per call.
        callbacks.on_train_batch_end(last, {})
    assert sorted(os.listdir(tmp_path)) == ["b4.keras", "b8.keras"]


def test_missing_monitor_warns_and_saves(tmp_path):
    model = RecordingModel()
    path = tmp_path / "m.keras"
    checkpoint = cornu.callbacks.ModelCheckpoint(path, save_best_only=True)
    with pytest.warns(UserWarning, match="only with val_loss available"):
        _fit(checkpoint, model, [{"loss": 0.5}])
    assert path.exists()


def test_non_scalar_monitor_falls_back_to_saving(tmp_path):
    model = RecordingModel()
    path = tmp_path / "m.keras"
    checkpoint = cornu.callbacks.ModelCheckpoint(path, save_best_only=True)
    with pytest.warns(UserWarning, match="Falling back"):
        _fit(checkpoint, model, [{"val_loss": np.array([0.5, 0.1])}])
    assert path.exists()


def test_unknown_format_field_names_the_available_keys(tmp_path):
    checkpoint = cornu.callbacks.ModelCheckpoint(
        str(tmp_path / "{val_acc}.keras")
    )
    with pytest.raises(KeyError, match=r"keys of the logs \(loss\)"):
        _fit(checkpoint, RecordingModel(), [{"loss": 0.5}])


def test_existing_directory_is_rejected(tmp_path):
    (tmp_path / "d.keras").mkdir()
    checkpoint = cornu.callbacks.ModelCheckpoint(str(tmp_path / "d.keras"))
    with pytest.raises(IsADirectoryError, match="non-directory filepath"):
        _fit(checkpoint, RecordingModel(), [{"loss": 0.5}])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(filepath="m.txt"), "must end in `.cornu` or `.keras`"),
        (
            dict(filepath="m.keras", save_weights_only=True),
            "filepath must end in .safetensors or .index.json or .weights.h5",
        ),
        (
            # Refused before training, not after an epoch.
            dict(filepath="m.h5", save_weights_only=True),
            "filepath must end in .safetensors",
        ),
        (dict(filepath="m.h5"), "must end in `.cornu` or `.keras`"),
        (dict(filepath="m.keras", save_freq="batch"), "save_freq='batch'"),
        (dict(filepath="m.keras", save_freq=0), "save_freq=0"),
    ],
)
def test_bad_arguments_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cornu.callbacks.ModelCheckpoint(**kwargs)


def test_saves_a_real_model_with_its_save_methods(tmp_path):
    model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    model.set_weights([np.full((2, 1), 3.0), np.full((1,), 4.0)])
    path = tmp_path / "w-{epoch}.weights.safetensors"
    checkpoint = cornu.callbacks.ModelCheckpoint(
        str(path), save_weights_only=True
    )
    callbacks = cornu.callbacks.CallbackList([checkpoint], model=model)
    callbacks.on_epoch_end(0, {"loss": 1.0})
    clone = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    clone.load_weights(str(tmp_path / "w-1.weights.safetensors"))
    for got, want in zip(clone.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)
    assert os.listdir(tmp_path) == ["w-1.weights.safetensors"]
