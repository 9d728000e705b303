"""Atomic writes: a save either lands whole or leaves the old file alone.

Every writer in `cornu.saving` goes through `atomic_write` (one file) or
`atomic_directory` (a folder, for unzipped archives). Both write into a
temporary name in the target's own folder (so the final rename never
crosses a file system), flush and `fsync` the data, then `os.replace` it
onto the target name and `fsync` the folder. A process killed at any
point leaves either the previous complete file or the new complete one
(plus, at worst, a stray `.<name>.*.tmp` file next to it).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from typing import IO
from typing import Any
from typing import Iterator


def _read_umask() -> int:
    # `mkstemp`/`mkdtemp` create owner-only entries; saved models get the
    # permissions an ordinary `open(path, "w")`/`os.mkdir` would give.
    # Linux reports the umask without changing it; elsewhere it is set
    # and restored once, at import.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
_FILE_MODE = 0o666 & ~_UMASK
_FOLDER_MODE = 0o777 & ~_UMASK


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. folders cannot be opened on this platform
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _target(path: Any) -> tuple[str, str]:
    path = os.path.abspath(os.fspath(path))
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        raise FileNotFoundError(
            f"Cannot save to {path!r}: the folder {folder!r} does not "
            "exist. Create it first, e.g. `os.makedirs(folder)`."
        )
    return path, folder


@contextlib.contextmanager
def atomic_write(path: Any) -> Iterator[IO[bytes]]:
    """Opens a temporary binary file that replaces `path` on success.

    Write to the yielded file object; when the `with` block ends without
    an exception the data is flushed, synced and renamed onto `path`. On
    an exception the temporary file is deleted and `path` keeps its
    previous contents.

    Args:
        path: The file to write (str or path-like).

    Returns:
        A context manager yielding a writable, seekable binary file.

    Example:

    >>> import os, tempfile
    >>> from cornu.src.saving import file_utils
    >>> target = os.path.join(tempfile.mkdtemp(), "data.bin")
    >>> with file_utils.atomic_write(target) as f:
    ...     _ = f.write(b"new")
    >>> open(target, "rb").read()
    b'new'
    """
    path, folder = _target(path)
    fd, temp = tempfile.mkstemp(
        prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder
    )
    try:
        with os.fdopen(fd, "w+b") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        mode = _FILE_MODE
        if os.path.isfile(path):
            mode = os.stat(path).st_mode & 0o7777
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(folder)


def _sync_tree(root: str) -> None:
    for folder, _, files in os.walk(root):
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                os.fsync(f.fileno())
        _fsync_folder(folder)


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


@contextlib.contextmanager
def atomic_directory(path: Any) -> Iterator[str]:
    """Yields a temporary folder that replaces the folder `path` on success.

    Fill the yielded folder; when the `with` block ends without an
    exception, its files are synced and it is renamed onto `path`. An
    existing `path` is first renamed aside and deleted only once the new
    folder is in place (two renames: POSIX has no atomic swap of
    folders, so a crash between them leaves the old folder under a
    `.<name>.*.old` name next to `path`, never a half-written one).

    Args:
        path: The folder to write (str or path-like).

    Returns:
        A context manager yielding the temporary folder's path.
    """
    path, folder = _target(path)
    name = os.path.basename(path)
    temp = tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        yield temp
        os.chmod(temp, _FOLDER_MODE)
        _sync_tree(temp)
        if os.path.lexists(path):
            old = tempfile.mkdtemp(
                prefix=f".{name}.", suffix=".old", dir=folder
            )
            os.rmdir(old)
            os.replace(path, old)
            try:
                os.replace(temp, path)
            except BaseException:
                os.replace(old, path)
                raise
            _remove(old)
        else:
            os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise
    _fsync_folder(folder)


def ask_to_proceed_with_overwrite(filepath: str) -> bool:
    """Asks on the terminal whether to overwrite `filepath` (Keras's
    `overwrite=False` behaviour).

    Args:
        filepath: The existing file.

    Returns:
        True to overwrite, False to cancel.
    """
    answer = input(f"[WARNING] {filepath} already exists - overwrite? [y/n]")
    answer = answer.strip().lower()
    while answer not in ("y", "n"):
        answer = input('Enter "y" (overwrite) or "n" (cancel).').strip()
        answer = answer.lower()
    if answer == "n":
        return False
    return True


__all__ = ["ask_to_proceed_with_overwrite", "atomic_directory", "atomic_write"]
