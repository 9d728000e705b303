"""Callbacks driven by a real `fit`: stopping, checkpoints, logs, NaNs and
resuming a run killed with SIGKILL."""

import csv
import os
import pathlib
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import cornu
from cornu import layers

pytestmark = pytest.mark.requires_capability("training")
CORE = pathlib.Path(cornu.__file__).resolve().parent.parent


def _model(learning_rate=0.05):
    model = cornu.Sequential(
        [cornu.Input((3,)), layers.Dense(1, kernel_initializer="zeros")]
    )
    model.compile(
        optimizer=cornu.optimizers.SGD(learning_rate, momentum=0.5),
        loss="mse",
    )
    return model


def _data(n=16):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 3)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5]], "float32") + 0.3
    return x, y


class _Recorder(cornu.callbacks.Callback):
    """Keeps the weights at the end of every epoch."""

    def __init__(self):
        super().__init__()
        self.weights = []

    def on_epoch_end(self, epoch, logs=None):
        self.weights.append([w.copy() for w in self.model.get_weights()])


def test_early_stopping_stops_and_restores_the_best_weights():
    x, y = _data()
    model = _model()
    recorder = _Recorder()
    # Validation on data the model cannot fit: the val loss rises after
    # the first epochs while the training loss falls.
    x_val, y_val = x[:4], -5.0 * y[:4]
    stop = cornu.callbacks.EarlyStopping(
        monitor="val_loss", patience=2, restore_best_weights=True
    )
    history = model.fit(
        x,
        y,
        batch_size=4,
        epochs=30,
        validation_data=(x_val, y_val),
        shuffle=False,
        callbacks=[recorder, stop],
        verbose=0,
    )
    val = history.history["val_loss"]
    best = int(np.argmin(val))
    assert len(val) == best + 3  # patience 2 after the best epoch
    assert stop.stopped_epoch == best + 2
    for got, want in zip(
        model.get_weights(), recorder.weights[best], strict=True
    ):
        np.testing.assert_array_equal(got, want)


def test_model_checkpoint_writes_the_best_file(tmp_path):
    x, y = _data()
    model = _model()
    path = tmp_path / "best.weights.safetensors"
    recorder = _Recorder()
    checkpoint = cornu.callbacks.ModelCheckpoint(
        str(path), monitor="loss", save_best_only=True, save_weights_only=True
    )
    history = model.fit(
        x,
        y,
        batch_size=4,
        epochs=4,
        shuffle=False,
        callbacks=[recorder, checkpoint],
        verbose=0,
    )
    best = int(np.argmin(history.history["loss"]))
    restored = _model()
    restored.load_weights(str(path))
    for got, want in zip(
        restored.get_weights(), recorder.weights[best], strict=True
    ):
        np.testing.assert_array_equal(got, want)


def test_csv_logger_rows(tmp_path):
    x, y = _data()
    model = _model()
    path = tmp_path / "log.csv"
    history = model.fit(
        x,
        y,
        epochs=3,
        callbacks=[cornu.callbacks.CSVLogger(str(path))],
        verbose=0,
    )
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["epoch"]) for r in rows] == [0, 1, 2]
    np.testing.assert_allclose(
        [float(r["loss"]) for r in rows], history.history["loss"], rtol=1e-6
    )


def test_terminate_on_nan_stops_cleanly():
    x, y = _data()
    model = _model(learning_rate=1e12)
    history = model.fit(
        x,
        1e6 * y,
        batch_size=4,
        epochs=5,
        callbacks=[cornu.callbacks.TerminateOnNaN()],
        verbose=0,
    )
    assert len(history.history["loss"]) == 1
    assert model.stop_training
    # The model is still usable: predict runs and returns one row each.
    assert model.predict(x, verbose=0).shape == (16, 1)


_RUN = textwrap.dedent(
    """
    import os, signal, sys
    import numpy as np
    import cornu
    from cornu import layers

    backup, out, kill = sys.argv[1], sys.argv[2], sys.argv[3] == "kill"
    rng = np.random.default_rng(0)
    x = rng.standard_normal((16, 3)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5]], "float32") + 0.3
    model = cornu.Sequential(
        [cornu.Input((3,)), layers.Dense(1, kernel_initializer="zeros")]
    )
    model.compile(
        optimizer=cornu.optimizers.SGD(0.05, momentum=0.5), loss="mse"
    )

    class Kill(cornu.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.epoch = 0

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch = epoch

        def on_train_batch_end(self, batch, logs=None):
            if kill and self.epoch == 1 and batch == 2:
                os.kill(os.getpid(), signal.SIGKILL)

    callbacks = [Kill()]
    if backup != "-":
        callbacks.insert(
            0, cornu.callbacks.BackupAndRestore(backup, save_freq=2)
        )
    model.fit(x, y, batch_size=4, epochs=3, shuffle=False,
              callbacks=callbacks, verbose=0)
    np.save(out, np.concatenate([w.ravel() for w in model.get_weights()]))
    """
)


def test_backup_and_restore_resumes_a_killed_run(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(_RUN)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(CORE), env.get("PYTHONPATH", "")])

    def run(*args):
        return subprocess.run(
            [sys.executable, str(script), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    backup = str(tmp_path / "backup")
    killed = run(backup, str(tmp_path / "unused.npy"), "kill")
    assert killed.returncode == -9, killed.stderr
    assert os.listdir(backup)
    resumed = run(backup, str(tmp_path / "resumed.npy"), "no")
    assert resumed.returncode == 0, resumed.stderr
    straight = run("-", str(tmp_path / "straight.npy"), "no")
    assert straight.returncode == 0, straight.stderr
    np.testing.assert_allclose(
        np.load(tmp_path / "resumed.npy"),
        np.load(tmp_path / "straight.npy"),
        rtol=1e-6,
        atol=1e-7,
    )
