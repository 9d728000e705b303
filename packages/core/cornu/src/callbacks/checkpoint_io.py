"""Atomic file writes for the checkpointing callbacks.

A checkpoint is first written under a temporary name in the destination
folder, then renamed over the destination (`os.replace`, atomic on POSIX
and Windows within one file system). A crash during a save leaves the
previous checkpoint intact, never a half-written file. The temporary
name ends with the destination's name, so savers that check the file
extension (`.keras`, `.weights.h5`) accept it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from typing import Callable


def temporary_path(filepath: str) -> str:
    """A fresh path beside `filepath`, ending with its file name."""
    folder, name = os.path.split(filepath)
    return os.path.join(folder, f".tmp-{uuid.uuid4().hex[:12]}-{name}")


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.remove(path)


def atomic_save(save: Callable[[str], None], filepath: str) -> None:
    """Calls `save(temporary_path)` then moves the result to `filepath`.

    Args:
        save: Function writing a file (or folder) at the path it is given,
            e.g. `lambda path: model.save_weights(path, overwrite=True)`.
        filepath: Destination path. Its folder is created if missing.
    """
    folder = os.path.dirname(filepath)
    if folder:
        os.makedirs(folder, exist_ok=True)
    tmp = temporary_path(filepath)
    try:
        save(tmp)
        if os.path.isdir(tmp) and os.path.isdir(filepath):
            # A directory cannot replace a non-empty directory atomically.
            shutil.rmtree(filepath)
        os.replace(tmp, filepath)
    except BaseException:
        _remove(tmp)
        raise


def atomic_write_text(filepath: str, text: str) -> None:
    """Writes `text` (UTF-8) to `filepath` atomically."""

    def write(path: str) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())

    atomic_save(write, filepath)


def atomic_copy(source: str, destination: str) -> None:
    """Copies the file `source` to `destination` atomically."""
    atomic_save(lambda path: shutil.copyfile(source, path), destination)
