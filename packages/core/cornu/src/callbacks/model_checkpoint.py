"""`ModelCheckpoint`: saves the model or its weights during training."""

from __future__ import annotations

import operator
import os
import sys
import warnings
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.callbacks.monitor_callback import MonitorCallback
from cornu.src.saving import saving_api

# File name endings accepted for whole-model and weights-only checkpoints:
# those `model.save`/`save_weights` write, checked before training starts.
MODEL_SUFFIXES = saving_api.ARCHIVE_SUFFIXES
WEIGHTS_SUFFIXES = saving_api.WEIGHTS_SUFFIXES


def check_save_freq(owner: str, save_freq: Any) -> None:
    """Raises unless `save_freq` is `"epoch"` or a positive int."""
    if save_freq == "epoch":
        return
    if isinstance(save_freq, bool) or not isinstance(save_freq, int):
        valid = False
    else:
        valid = save_freq > 0
    if not valid:
        raise ValueError(
            f"{owner}: unrecognized save_freq. Received: "
            f"save_freq={save_freq!r}. Expected 'epoch' or a positive int "
            "(a number of batches), e.g. `save_freq=100`."
        )


@cornu_export("cornu.callbacks.ModelCheckpoint")
class ModelCheckpoint(MonitorCallback):
    """Saves the model or its weights at some frequency during training.

    `filepath` may hold format fields filled with the 1-based `epoch`, the
    1-based `batch` (when saving every few batches) and the log values:
    `"ckpt-{epoch:02d}-{val_loss:.2f}.keras"`. Saves go to a temporary file
    renamed into place, so a crash never leaves a half-written checkpoint.

    Args:
        filepath: Path of the checkpoint (str or `PathLike`). Must end in
            `.weights.safetensors` (or Keras's `.weights.h5`) when
            `save_weights_only=True`, else in `.cornu` or `.keras`.
        monitor: Quantity used by `save_best_only`. Defaults to
            `"val_loss"`.
        verbose: 0 (silent) or 1 (a message at every decision).
        save_best_only: Whether to save only when `monitor` improves on
            the best value so far. Without format fields in `filepath`, the
            file then always holds the best model.
        save_weights_only: Whether to save with `model.save_weights`
            instead of `model.save`.
        mode: `"min"`, `"max"` or `"auto"` (inferred from the name of the
            quantity) for `save_best_only`.
        save_freq: `"epoch"` (at the end of each epoch) or an int: save
            after every that many training batches.
        initial_value_threshold: Initial best value of `monitor` for
            `save_best_only`: only better values are saved.

    Example:

    >>> cornu.callbacks.ModelCheckpoint("ckpt.txt")
    Traceback (most recent call last):
      ...
    ValueError: ModelCheckpoint: the filepath must end in `.cornu` or ...
    """

    def __init__(
        self,
        filepath: Any,
        monitor: str = "val_loss",
        verbose: int = 0,
        save_best_only: bool = False,
        save_weights_only: bool = False,
        mode: str = "auto",
        save_freq: Any = "epoch",
        initial_value_threshold: float | None = None,
    ) -> None:
        super().__init__(monitor, mode, initial_value_threshold)
        self.verbose = verbose
        self.filepath = os.fspath(filepath)
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        # Saving per epoch reads no batch logs: no float() per batch.
        self._handles_raw_batch_logs = save_freq == "epoch"
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = -1
        self._current_epoch = 0
        check_save_freq("ModelCheckpoint", save_freq)
        if save_weights_only:
            if not self.filepath.endswith(WEIGHTS_SUFFIXES):
                raise ValueError(
                    "ModelCheckpoint: with `save_weights_only=True`, the "
                    f"filepath must end in {' or '.join(WEIGHTS_SUFFIXES)}. "
                    f"Received: filepath={self.filepath!r}. Use e.g. "
                    "'ckpt.weights.safetensors'."
                )
        elif not self.filepath.endswith(MODEL_SUFFIXES):
            raise ValueError(
                "ModelCheckpoint: the filepath must end in `.cornu` or "
                "`.keras` (the model formats). Received: "
                f"filepath={self.filepath!r}. Use e.g. 'ckpt.keras', or "
                "pass `save_weights_only=True` with "
                "'ckpt.weights.safetensors'."
            )

    def _set_monitor_op(self) -> None:
        super()._set_monitor_op()
        if self.best is None:
            # As in Keras: the first value is compared with +inf or -inf.
            minimize = self.monitor_op is operator.lt
            self.best = float("inf") if minimize else float("-inf")

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._current_epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self._should_save_on_batch(batch):
            self._save_model(self._current_epoch, batch, logs)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if self.save_freq == "epoch":
            self._save_model(epoch, None, logs)

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

    def _should_save_model(self, epoch: int, logs: dict, filepath: str) -> bool:
        if not self.save_best_only:
            if self.verbose > 0:
                sys.stdout.write(
                    f"\nEpoch {epoch + 1}: saving model to {filepath}\n"
                )
            return True
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(
                f"Can save best model only with {self.monitor} available.",
                stacklevel=3,
            )
            return True
        shape = getattr(current, "shape", None)
        if shape is not None and len(shape) > 0:
            warnings.warn(
                "Can save best model only when `monitor` is a scalar value. "
                f"Received: {current}. Falling back to "
                "`save_best_only=False`.",
                stacklevel=3,
            )
            return True
        if self.monitor_op is None:
            self._set_monitor_op()
        best_text = f"{self.best:.5f}"
        if self._is_improvement(current, self.best):
            if self.verbose > 0:
                sys.stdout.write(
                    f"\nEpoch {epoch + 1}: {self.monitor} improved from "
                    f"{best_text} to {current:.5f}, saving model to "
                    f"{filepath}\n"
                )
            self.best = current
            return True
        if self.verbose > 0:
            sys.stdout.write(
                f"\nEpoch {epoch + 1}: {self.monitor} did not improve from "
                f"{best_text}\n"
            )
        return False

    def _save_model(self, epoch: int, batch: int | None, logs: Any) -> None:
        logs = logs or {}
        filepath = self._get_file_path(epoch, batch, logs)
        if not self._should_save_model(epoch, logs, filepath):
            return
        if os.path.isdir(filepath):
            raise IsADirectoryError(
                "Please specify a non-directory filepath for "
                "ModelCheckpoint. Filepath used is an existing directory: "
                f"{filepath}"
            )
        folder = os.path.dirname(filepath)
        if folder:
            os.makedirs(folder, exist_ok=True)
        # Both write to a temporary file and rename it into place.
        if self.save_weights_only:
            self.model.save_weights(filepath, overwrite=True)
        else:
            self.model.save(filepath, overwrite=True)

    def _get_file_path(self, epoch: int, batch: int | None, logs: dict) -> str:
        """The checkpoint path with its format fields filled in."""
        try:
            if batch is None or "batch" in logs:
                return self.filepath.format(epoch=epoch + 1, **logs)
            return self.filepath.format(
                epoch=epoch + 1, batch=batch + 1, **logs
            )
        except KeyError as e:
            raise KeyError(
                "Failed to format this callback filepath: "
                f'"{self.filepath}". Reason: {e}. Format fields must be '
                "`epoch`, `batch` or keys of the logs "
                f"({', '.join(sorted(logs))})."
            ) from None
