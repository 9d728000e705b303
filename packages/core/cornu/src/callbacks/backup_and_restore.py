"""`BackupAndRestore`: resumes an interrupted `fit` where it stopped.

Files in `backup_dir`:

- `training_metadata.json`: `{"epoch": e, "batch": k, "weights": name}`,
  meaning "resume at epoch `e` (0-based) after its first `k` batches, from
  the weights file `name`" (`k` is 0 at an epoch boundary);
- the weights file it names, `backup-e<epoch>-b<batch>-<id>.weights.
  safetensors`, written by `model.save_weights` (the model's variables and
  the optimizer's state, iteration counter included);
- with `double_checkpoint=True`, the previous metadata as
  `training_metadata.json.bkp` (and the weights file it names), used when
  the latest backup cannot be read.

A backup is committed by one atomic rename: each save writes a new
weights file under a fresh name, then renames the metadata that names it
into place, and only then deletes weights files no metadata names. A
process killed at any point leaves a metadata file whose weights file
exists and matches its epoch and batch. (Metadata from earlier releases
without a `"weights"` entry means `latest.weights.safetensors`.)

What the trainer provides (`Model.fit`): after `callbacks.on_train_begin`,
start at epoch `model._initial_epoch` when it is set (instead of the
`initial_epoch` argument) and, in that first epoch, skip the first
`model._initial_step` batches of the data (numbering the remaining
batches from `model._initial_step`); then reset both attributes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
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
        self._training_metadata_path = os.path.join(
            self.backup_dir, "training_metadata.json"
        )
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
            self._load(self._training_metadata_path)
        except (OSError, ValueError, KeyError):
            # The latest backup cannot be read: fall back to the previous.
            if not (
                self.double_checkpoint
                and os.path.exists(self._prev_training_metadata_path)
            ):
                raise
            self._load(self._prev_training_metadata_path)

    def _load(self, metadata_path: str) -> None:
        model = self.model
        epoch, step = 0, 0
        if os.path.exists(metadata_path):
            metadata = _read_metadata(metadata_path)
            weights = os.path.join(self.backup_dir, metadata["weights"])
            optimizer = getattr(model, "optimizer", None)
            if optimizer is not None and not optimizer.built:
                # The optimizer's variables must exist to be loaded.
                optimizer.build(model.trainable_variables)
            model.load_weights(weights)
            epoch, step = metadata["epoch"], metadata["batch"]
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
        name = (
            f"backup-e{epoch}-b{batches_done}-{uuid.uuid4().hex[:8]}"
            ".weights.safetensors"
        )
        # Written to a temporary file and renamed into place, under a
        # name no metadata refers to yet.
        self.model.save_weights(
            os.path.join(self.backup_dir, name), overwrite=True
        )
        if self.double_checkpoint and os.path.exists(
            self._training_metadata_path
        ):
            checkpoint_io.atomic_copy(
                self._training_metadata_path,
                self._prev_training_metadata_path,
            )
        # The commit: from here on, the new weights are the backup.
        metadata = {"epoch": epoch, "batch": batches_done, "weights": name}
        checkpoint_io.atomic_write_text(
            self._training_metadata_path, json.dumps(metadata)
        )
        self._remove_unreferenced_weights()

    def _remove_unreferenced_weights(self) -> None:
        keep = set()
        for path in (
            self._training_metadata_path,
            self._prev_training_metadata_path,
        ):
            try:
                keep.add(_read_metadata(path)["weights"])
            except (OSError, ValueError, KeyError):
                continue
        for name in os.listdir(self.backup_dir):
            if _WEIGHTS_FILE.fullmatch(name) and name not in keep:
                os.remove(os.path.join(self.backup_dir, name))


# Weights files this callback writes (and the fixed name of earlier
# releases, with its `.bkp` copy).
_WEIGHTS_FILE = re.compile(
    r"backup-e\d+-b\d+-[0-9a-f]{8}\.weights\.safetensors"
    r"|latest\.weights\.safetensors(\.bkp)?"
)


def _read_metadata(path: str) -> dict:
    """`training_metadata.json` as `{"epoch", "batch", "weights"}`; a
    ValueError names the file when it is not a backup's metadata."""
    with open(path, encoding="utf-8") as f:
        try:
            metadata = json.load(f)
        except json.JSONDecodeError as e:
            raise ValueError(
                f"BackupAndRestore: {path!r} is not valid JSON ({e}). "
                "Delete the backup folder to start training afresh."
            ) from e
    try:
        return {
            "epoch": int(metadata["epoch"]),
            "batch": int(metadata.get("batch", 0)),
            "weights": os.path.basename(
                str(metadata.get("weights", "latest.weights.safetensors"))
            ),
        }
    except (TypeError, KeyError, ValueError) as e:
        raise ValueError(
            f"BackupAndRestore: {path!r} does not hold a backup position "
            f'(expected {{"epoch": int, "batch": int, "weights": str}}, '
            f"received {metadata!r}). Delete the backup folder to start "
            "training afresh."
        ) from e
