"""Reading model archives (zip or folder) without trusting them.

An archive holds `config.json`, `metadata.json`, the weights
(`model.weights.safetensors` in cornu's `.cornu` layout,
`model.weights.h5` in Keras 3's `.keras` layout) and `assets/...`.
Reading is defensive:

- the zip's member list is checked first: a member name that is
  absolute, climbs out (`..`), uses backslashes or drive letters, or
  appears twice makes the whole archive refused;
- members are read only by their exact expected names, never extracted
  wholesale; assets are copied one by one into a fresh temporary folder
  under names checked component by component;
- declared sizes are checked against the archive before anything is
  read: a stored member must lie inside the file (truncation), a
  compressed one may not expand more than `MAX_RATIO` times beyond
  `MAX_EXPANDED` bytes (decompression bombs), and the JSON members have
  a size cap;
- the weights member, stored uncompressed by cornu and by Keras 3, is
  memory-mapped in place (see `safetensors_io` and `h5_io`, which also
  check the weights data itself), so loading never holds the file's
  bytes and the model's weights in memory at once.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import tempfile
import zipfile
from typing import Any

from cornu.src.saving import h5_io
from cornu.src.saving import safetensors_io

CONFIG_FILENAME = "config.json"
METADATA_FILENAME = "metadata.json"
WEIGHTS_FILENAME = "model.weights.safetensors"
KERAS_WEIGHTS_FILENAME = "model.weights.h5"
ASSETS_DIRNAME = "assets"

MAX_JSON_SIZE = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_EXPANDED = 64 * 1024 * 1024

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_BAD_COMPONENT = re.compile(r'[\\:\x00<>"|?*]')


def _archive_error(path: str, problem: str) -> ValueError:
    return ValueError(
        f"Cannot load {path!r}: {problem}. The file is not a valid "
        "`.cornu`/`.keras` model archive (or was damaged or truncated in "
        "transfer); for safety nothing from it was used."
    )


def safe_components(name: str) -> list[str] | None:
    """The path components of a member name, or None if it is unsafe."""
    if not name or name.startswith("/") or "\\" in name:
        return None
    parts = name.rstrip("/").split("/")
    for part in parts:
        if part in ("", ".", "..") or _BAD_COMPONENT.search(part):
            return None
    return parts


class ZipArchive:
    """A `.cornu`/`.keras` zip opened for checked, by-name reading."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.size = os.path.getsize(path)
        try:
            self._zip = zipfile.ZipFile(path, "r")
        except zipfile.BadZipFile as error:
            raise _archive_error(
                path, f"it is not a readable zip archive ({error})"
            ) from None
        try:
            self._infos = self._check_members()
        except BaseException:
            self._zip.close()
            raise

    def _check_members(self) -> dict[str, zipfile.ZipInfo]:
        infos: dict[str, zipfile.ZipInfo] = {}
        for info in self._zip.infolist():
            name = info.filename
            if safe_components(name) is None:
                raise _archive_error(
                    self.path,
                    f"it has a member named {name!r}, which points outside "
                    "the archive (absolute, '..', backslash or drive "
                    "letter)",
                )
            if name in infos:
                raise _archive_error(
                    self.path, f"the member {name!r} appears twice"
                )
            if info.header_offset + info.compress_size > self.size:
                raise _archive_error(
                    self.path,
                    f"the member {name!r} extends past the end of the file "
                    f"({self.size} bytes): the file is truncated",
                )
            if (
                info.compress_type != zipfile.ZIP_STORED
                and info.file_size > MAX_EXPANDED
                and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            ):
                raise _archive_error(
                    self.path,
                    f"the member {name!r} declares {info.file_size} bytes "
                    f"compressed into {info.compress_size} (a decompression "
                    "bomb)",
                )
            infos[name] = info
        return infos

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str, limit: int) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise _archive_error(self.path, f"it has no {name!r} member")
        if info.file_size > limit:
            raise _archive_error(
                self.path,
                f"its {name!r} member declares {info.file_size} bytes, "
                f"above the {limit}-byte limit",
            )
        try:
            with self._zip.open(info) as f:
                return f.read(limit + 1)[:limit]
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise _archive_error(
                self.path, f"its {name!r} member is damaged ({error})"
            ) from None

    def _stored_region(self, name: str) -> tuple[int, int]:
        """`(start, size)` of the data of the uncompressed member `name`
        in the archive file."""
        info = self._infos[name]
        if info.file_size != info.compress_size:
            raise _archive_error(
                self.path,
                f"the stored member {name!r} declares two sizes "
                f"({info.file_size} and {info.compress_size})",
            )
        with open(self.path, "rb") as f:
            f.seek(info.header_offset)
            fixed = f.read(_LOCAL_HEADER.size)
        if len(fixed) != _LOCAL_HEADER.size or fixed[:4] != _LOCAL_SIGNATURE:
            raise _archive_error(
                self.path, f"the local header of {name!r} is bad"
            )
        fields = _LOCAL_HEADER.unpack(fixed)
        start = (
            info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]
        )
        if start + info.file_size > self.size:
            raise _archive_error(
                self.path,
                f"the member {name!r} extends past the end of the file "
                f"({self.size} bytes): the file is truncated",
            )
        return start, info.file_size

    def weights_reader(self) -> Any:
        """A reader of the weights member: cornu's safetensors, or the
        h5 of an archive in Keras's layout. Uncompressed members are read
        in place (memory-mapped); compressed ones are inflated into
        memory (their size was checked when the archive was opened)."""
        name = weights_member(self)
        source = f"{self.path!r} (member {name!r})"
        reader = READERS[name]
        info = self._infos[name]
        if info.compress_type != zipfile.ZIP_STORED:
            data = bytearray(self.read(name, info.file_size))
            return reader(buffer=data, source=source)
        start, size = self._stored_region(name)
        return reader(self.path, offset=start, length=size, source=source)

    def extract_assets(self, inner_path: str) -> str | None:
        """Copies the members under `assets/<inner_path>/` into a new
        temporary folder (names checked) and returns it, or None."""
        prefix = "/".join(p for p in (ASSETS_DIRNAME, inner_path) if p) + "/"
        members = [
            name
            for name in self._infos
            if name.startswith(prefix) and not name.endswith("/")
        ]
        if not members:
            return None
        folder = tempfile.mkdtemp(prefix="cornu_assets_")
        for name in members:
            parts = safe_components(name[len(prefix) :])
            target = os.path.join(folder, *parts)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            info = self._infos[name]
            with self._zip.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
        return folder

    def close(self) -> None:
        self._zip.close()


class FolderArchive:
    """The unzipped form: a folder holding the same files."""

    def __init__(self, path: str) -> None:
        self.path = path

    def _file(self, name: str) -> str:
        return os.path.join(self.path, *name.split("/"))

    def has(self, name: str) -> bool:
        return os.path.isfile(self._file(name))

    def read(self, name: str, limit: int) -> bytes:
        path = self._file(name)
        if not os.path.isfile(path):
            raise _archive_error(self.path, f"it has no {name!r} file")
        if os.path.getsize(path) > limit:
            raise _archive_error(
                self.path, f"its {name!r} file is above the {limit}-byte limit"
            )
        with open(path, "rb") as f:
            return f.read(limit)

    def weights_reader(self) -> Any:
        """A reader of the folder's weights file (safetensors or h5)."""
        path = self._file(weights_member(self))
        return READERS[os.path.basename(path)](path, source=repr(path))

    def extract_assets(self, inner_path: str) -> str | None:
        folder = os.path.join(self.path, ASSETS_DIRNAME, *inner_path.split("/"))
        return folder if os.path.isdir(folder) else None

    def close(self) -> None:
        pass


READERS = {
    WEIGHTS_FILENAME: safetensors_io.SafetensorsReader,
    KERAS_WEIGHTS_FILENAME: h5_io.H5Reader,
}


def weights_member(archive: Any) -> str:
    """The name of the archive's weights member: cornu's safetensors or
    Keras's h5 (an archive holding both is refused as ambiguous)."""
    present = [name for name in READERS if archive.has(name)]
    if len(present) == 2:
        raise _archive_error(
            archive.path,
            f"it holds both {WEIGHTS_FILENAME!r} and "
            f"{KERAS_WEIGHTS_FILENAME!r}, so which weights to load is "
            "ambiguous",
        )
    if not present:
        raise _archive_error(
            archive.path,
            f"it has no weights ({WEIGHTS_FILENAME!r} or "
            f"{KERAS_WEIGHTS_FILENAME!r})",
        )
    return present[0]


def open_archive(path: str) -> ZipArchive | FolderArchive:
    """Opens a zip archive or an archive folder for reading."""
    if os.path.isdir(path):
        if not os.path.isfile(os.path.join(path, CONFIG_FILENAME)):
            raise _archive_error(
                path, f"the folder has no {CONFIG_FILENAME!r} file"
            )
        return FolderArchive(path)
    if not os.path.exists(path):
        raise FileNotFoundError(
            f"No file or folder found at {path!r}. Check the path (the "
            "model is saved with `model.save(path)`)."
        )
    return ZipArchive(path)


def read_json(archive: Any, name: str) -> Any:
    """Parses the JSON member `name` of an archive."""
    data = archive.read(name, MAX_JSON_SIZE)
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _archive_error(
            archive.path, f"its {name!r} is not valid JSON ({error})"
        ) from None


__all__ = [
    "ASSETS_DIRNAME",
    "CONFIG_FILENAME",
    "FolderArchive",
    "KERAS_WEIGHTS_FILENAME",
    "METADATA_FILENAME",
    "WEIGHTS_FILENAME",
    "ZipArchive",
    "open_archive",
    "weights_member",
    "read_json",
    "safe_components",
]
