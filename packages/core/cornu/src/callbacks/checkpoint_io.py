"""Atomic small-file writes of the checkpointing callbacks, on
`saving.file_utils.atomic_write` (a temporary file in the destination
folder, renamed over the destination). Model and weights files need
nothing here: `model.save()`/`save_weights()` already write atomically.
"""

from __future__ import annotations

import shutil

from cornu.src.saving import file_utils


def atomic_write_text(filepath: str, text: str) -> None:
    """Writes `text` (UTF-8) to `filepath` atomically."""
    with file_utils.atomic_write(filepath) as f:
        f.write(text.encode("utf-8"))


def atomic_copy(source: str, destination: str) -> None:
    """Copies the file `source` to `destination` atomically."""
    with open(source, "rb") as src, file_utils.atomic_write(destination) as f:
        shutil.copyfileobj(src, f)
