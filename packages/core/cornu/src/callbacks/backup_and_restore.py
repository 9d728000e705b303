"""`BackupAndRestore`: resumes an interrupted `fit` where it stopped.

Files in `backup_dir`:

- `latest.weights.safetensors`: written by `model.save_weights` (the model's
  variables and the optimizer's state, iteration counter included);
- `training_metadata.json`: `{"epoch": e, "batch": k}`, meaning "resume
  at epoch `e` (0-based) after its first `k` batches" (`k` is 0 at an
  epoch boundary);
- with `double_checkpoint=True`, the previous pair as `*.bkp`, used when
  the latest one cannot be read.

Both files are written to a temporary name and renamed into place.

What the trainer provides (`Model.fit`): after `callbacks.on_train_begin`,
start at epoch `model._initial_epoch` when it is set (instead of the
`initial_epoch` argument) and, in that first epoch, skip the first
`model._initial_step` batches of the data (numbering the remaining
batches from `model._initial_step`); then reset both attributes.
"""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.callbacks import checkpoint_io
from cornu.src.callbacks.callback import Callback
from cornu.src.callbacks.model_checkpoint import check_save_freq


@cornu_export("cornu.callbacks.BackupAndRestore")
class BackupAndRestore(Callback):
    """Backs up the training state and restores it after an interruption.

    During `fit`, the callback saves the model's weights, the optimizer's
    state and the position in training (epoch and batch) to `backup_dir`,
    overwriting the previous backup. If `fit` is interrupted and run again
    with this callback, it restores that state at the start and training
    resumes at the saved epoch (and, with an int `save_freq`, after the
    batches already done in that epoch). When `fit` completes, the backup
    is deleted.

    The model (and its `compile` and `fit` arguments) must be the same as
    in the interrupted run, and the model must be built before `fit`.

    Args:
        backup_dir: Folder where the backup is kept. Use it for nothing
            else: it is deleted at the end of training.
        save_freq: `"epoch"` (back up at the end of each epoch) or an int
            (back up after every that many training batches).
        double_checkpoint: Whether to also keep the previous backup, used
            if the latest one cannot be read (e.g. a corrupted file).
            Doubles the disk space used.
        delete_checkpoint: Whether to delete the backup when training
            completes. Defaults to `True`.

    Example:

    >>> import os, tempfile
    >>> folder = os.path.join(tempfile.mkdtemp(), "backup")
    >>> backup = cornu.callbacks.BackupAndRestore(folder, save_freq=100)
    >>> backup.save_freq, os.path.basename(backup.backup_dir)
    (100, 'backup')
    """

    # Batch logs are not read (or converted here): no float() per batch.
    _handles_raw_batch_logs = True

    def __init__(
        self,
        backup_dir: Any,
        save_freq: Any = "epoch",
        double_checkpoint: bool = False,
        delete_checkpoint: bool = True,
    ) -> None:
        super().__init__()
        if not backup_dir:
            raise ValueError(
                "BackupAndRestore: empty `backup_dir` argument passed. "
                f"Received: backup_dir={backup_dir!r}. Pass a folder used "
                "only for this backup, e.g. '/tmp/backup'."
            )
        check_save_freq("BackupAndRestore", save_freq)
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.double_checkpoint = double_checkpoint
        self.delete_checkpoint = delete_checkpoint
        self._weights_path = os.path.join(
            self.backup_dir, "latest.weights.safetensors"
        )
        self._training_metadata_path = os.path.join(
            self.backup_dir, "training_metadata.json"
        )
        self._prev_weights_path = self._weights_path + ".bkp"
        self._prev_training_metadata_path = (
            self._training_metadata_path + ".bkp"
        )
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = -1
        self._current_epoch = 0

    def on_train_begin(self, logs: dict | None = None) -> None:
        if not self.model.built:
            raise ValueError(
                "To use the BackupAndRestore callback, your model must be "
                f"built before you call `fit()`. Model {self.model.name!r} "
                "is unbuilt. Build it beforehand, e.g. by calling it on a "
                "batch of data or with `model.build(input_shape)`."
            )
        try:
            self._load()
        except (OSError, ValueError, KeyError):
            # The latest backup cannot be read: fall back to the previous.
            if not (
                self.double_checkpoint
                and os.path.exists(self._prev_weights_path)
            ):
                raise
            checkpoint_io.atomic_copy(
                self._prev_weights_path, self._weights_path
            )
            if os.path.exists(self._prev_training_metadata_path):
                checkpoint_io.atomic_copy(
                    self._prev_training_metadata_path,
                    self._training_metadata_path,
                )
            elif os.path.exists(self._training_metadata_path):
                os.remove(self._training_metadata_path)
            self._load()

    def _load(self) -> None:
        model = self.model
        epoch, step = 0, 0
        if os.path.exists(self._weights_path):
            optimizer = getattr(model, "optimizer", None)
            if optimizer is not None and not optimizer.built:
                # The optimizer's variables must exist to be loaded.
                optimizer.build(model.trainable_variables)
            model.load_weights(self._weights_path)
        if os.path.exists(self._training_metadata_path):
            with open(self._training_metadata_path, encoding="utf-8") as f:
                metadata = json.load(f)
            epoch = int(metadata["epoch"])
            step = int(metadata.get("batch", 0))
            model._initial_epoch = epoch
            model._initial_step = step
        self._current_epoch = epoch
        self._last_batch_seen = step - 1
        self._batches_seen_since_last_saving = 0

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._current_epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self._should_save_on_batch(batch):
            epoch, done = self._current_epoch, batch + 1
            steps = (self.params or {}).get("steps")
            if steps and done >= steps:  # The epoch is complete.
                epoch, done = epoch + 1, 0
            self._save(epoch, done)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._current_epoch = epoch + 1
        self._last_batch_seen = -1
        if self.save_freq == "epoch":
            self._save(epoch + 1, 0)

    def on_train_end(self, logs: dict | None = None) -> None:
        if self.delete_checkpoint and os.path.exists(self.backup_dir):
            shutil.rmtree(self.backup_dir)

    def _should_save_on_batch(self, batch: int) -> bool:
        if self.save_freq == "epoch":
            return False
        if batch <= self._last_batch_seen:  # A new epoch started.
            added = batch + 1
        else:
            added = batch - self._last_batch_seen
        self._batches_seen_since_last_saving += added
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def _save(self, epoch: int, batches_done: int) -> None:
        os.makedirs(self.backup_dir, exist_ok=True)
        if self.double_checkpoint:
            if os.path.exists(self._weights_path):
                checkpoint_io.atomic_copy(
                    self._weights_path, self._prev_weights_path
                )
            if os.path.exists(self._training_metadata_path):
                checkpoint_io.atomic_copy(
                    self._training_metadata_path,
                    self._prev_training_metadata_path,
                )
        # Written to a temporary file and renamed into place.
        self.model.save_weights(self._weights_path, overwrite=True)
        metadata = {"epoch": epoch, "batch": batches_done}
        checkpoint_io.atomic_write_text(
            self._training_metadata_path, json.dumps(metadata)
        )
