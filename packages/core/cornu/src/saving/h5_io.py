"""Keras 3's h5 weights layout, read and written with h5py, defensively.

Keras 3 keeps a model's state in `model.weights.h5` (inside a `.keras`
zip) or a `*.weights.h5` file: one HDF5 group per object path, holding a
`vars` group whose datasets `"0"`, `"1"`, ... are that object's
variables, and whose `name` attribute is the object's name:

    layers/dense/vars/0        (4, 3) float32
    layers/dense/vars/1        (3,)   float32
    optimizer/vars/0           ()     int64
    vars                       (the model's own group; often empty)

The group paths are the flat keys cornu uses everywhere
(`state_walk`), so an `H5Reader` is interchangeable with a
`safetensors_io.SafetensorsReader`. bfloat16 data is stored as 2-byte
opaque values with a `dtype="bfloat16"` attribute, as Keras does.

HDF5 is a rich format, and a hostile file can use features that reach
outside it. Before anything is read, every object in the file is checked:

- soft and external links, virtual datasets and datasets whose data
  lives in external files are refused (they could read any file);
- dataset filters are limited to HDF5's built-in ones (gzip, shuffle,
  fletcher32, lzf); any other filter id would make HDF5 look for a
  plugin library to load;
- dtypes are limited to plain numbers and booleans;
- a dataset's declared size is checked against the bytes it really has
  in the file (uncompressed data must be fully stored; compressed data
  may not expand more than `MAX_RATIO` times), so a tiny file cannot
  declare 10**12 elements and have them allocated.

Uncompressed, contiguous datasets are memory-mapped (copy-on-write)
straight from the file, even inside a `.keras` zip, so loading does not
hold the file's bytes and the model's weights in memory at once.
"""

from __future__ import annotations

import io
import math
import os
from typing import IO
from typing import Any
from typing import Iterable

import ml_dtypes
import numpy as np

from cornu.src.backend.common.optional_dependency import optional_dependency
from cornu.src.saving import safetensors_io

# Imported on first use: `import cornu` does not pay for it.
h5py = optional_dependency("h5py")

VARS = "vars"
MAX_RATIO = 1000
MAX_OBJECTS = 1_000_000
# HDF5's built-in filters: deflate, shuffle, fletcher32, and h5py's lzf.
ALLOWED_FILTERS = {1: "gzip", 2: "shuffle", 3: "fletcher32", 32000: "lzf"}
_BFLOAT16 = np.dtype(ml_dtypes.bfloat16)


def _bad(source: str, problem: str) -> ValueError:
    return ValueError(
        f"Cannot load the h5 weights in {source}: {problem}. The file is "
        "not a valid Keras weights file (or was damaged or truncated in "
        "transfer); for safety nothing from it was used."
    )


class _Window(io.RawIOBase):
    """A read-only file object over bytes `[offset, offset + length)` of
    a file: h5py reads an uncompressed zip member in place through it."""

    def __init__(self, path: str, offset: int, length: int) -> None:
        self._file = open(path, "rb")
        self._offset = offset
        self._length = length
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, position: int, whence: int = 0) -> int:
        base = (0, self._position, self._length)[whence]
        self._position = max(0, base + position)
        return self._position

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer: Any) -> int:
        count = max(0, min(len(buffer), self._length - self._position))
        if not count:
            return 0
        self._file.seek(self._offset + self._position)
        data = self._file.read(count)
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def close(self) -> None:
        self._file.close()
        super().close()


class _Entry:
    __slots__ = ("dataset", "dtype", "shape", "mapped_at")

    def __init__(self, dataset, dtype, shape, mapped_at) -> None:
        self.dataset = dataset
        self.dtype = dtype
        self.shape = shape
        self.mapped_at = mapped_at


class H5Reader:
    """Lazy, checked access to the variables of a Keras h5 weights file.

    Args:
        path: The file holding the h5 data (unused with `buffer`).
        offset: Where the h5 data starts in the file (an uncompressed
            member of a zip).
        length: Its length; defaults to the rest of the file.
        source: How error messages name the data.
        buffer: Optional in-memory h5 bytes instead of a path.

    Raises:
        ValueError: for files that are not HDF5, are truncated, or use
            any of the refused features listed in the module docstring.
    """

    def __init__(
        self,
        path: str | None = None,
        offset: int = 0,
        length: int | None = None,
        source: str | None = None,
        buffer: Any = None,
    ) -> None:
        self.path = path
        self.source = source or repr(path)
        self._offset = offset
        self._buffer = buffer
        if buffer is not None:
            self._size = len(buffer)
            handle: Any = io.BytesIO(buffer)
        else:
            available = os.path.getsize(path) - offset
            self._size = available if length is None else length
            if self._size > available:
                raise _bad(
                    self.source,
                    f"it should hold {self._size} bytes but only "
                    f"{available} are present (truncated file)",
                )
            handle = _Window(path, offset, self._size)
        self._handle = handle
        try:
            self._file = h5py.File(handle, "r")
        except (OSError, ValueError) as error:
            handle.close()
            raise _bad(
                self.source, f"it is not a readable HDF5 file ({error})"
            ) from None
        try:
            self._entries: dict[str, _Entry] = {}
            self.names: dict[str, str] = {}
            self._scan()
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ checks
    def _scan(self) -> None:
        pending = [("", self._file)]
        seen = 0
        while pending:
            path, group = pending.pop()
            for name in sorted(group):
                seen += 1
                if seen > MAX_OBJECTS:
                    raise _bad(
                        self.source, f"it has over {MAX_OBJECTS} objects"
                    )
                full = f"{path}/{name}" if path else name
                link = group.get(name, getlink=True)
                if not isinstance(link, h5py.HardLink):
                    raise _bad(
                        self.source,
                        f"{full!r} is a {type(link).__name__}, which could "
                        "point outside the file",
                    )
                try:
                    item = group[name]
                except (KeyError, OSError, ValueError) as error:
                    raise _bad(
                        self.source, f"{full!r} is damaged ({error})"
                    ) from None
                if isinstance(item, h5py.Group):
                    pending.append((full, item))
                    if name == VARS:
                        self._record_name(path, item)
                elif isinstance(item, h5py.Dataset):
                    self._entries[full] = self._check_dataset(full, item)
                else:
                    raise _bad(
                        self.source, f"{full!r} is an unexpected HDF5 object"
                    )

    def _record_name(self, path: str, group: h5py.Group) -> None:
        name = group.attrs.get("name")
        if isinstance(name, bytes):
            name = name.decode("utf-8", "replace")
        if isinstance(name, str):
            self.names[path] = name[:1000]

    def _check_dataset(self, key: str, dataset: h5py.Dataset) -> _Entry:
        if dataset.is_virtual:
            raise _bad(self.source, f"{key!r} is a virtual dataset")
        plist = dataset.id.get_create_plist()
        if plist.get_external_count():
            raise _bad(
                self.source, f"{key!r} keeps its data in an external file"
            )
        filters = [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]
        unknown = [f for f in filters if f not in ALLOWED_FILTERS]
        if unknown:
            raise _bad(
                self.source,
                f"{key!r} uses the HDF5 filter id(s) {unknown}; only the "
                f"built-in filters {sorted(ALLOWED_FILTERS.values())} are "
                "read (others would load plugin code)",
            )
        dtype = dataset.dtype
        stored_as = dataset.attrs.get("dtype")
        if isinstance(stored_as, bytes):
            stored_as = stored_as.decode("utf-8", "replace")
        if stored_as == "bfloat16" and dtype.itemsize == 2:
            dtype = _BFLOAT16
        elif dtype.kind not in "biufc" or dtype.fields is not None:
            raise _bad(
                self.source,
                f"{key!r} has dtype {dtype}; weights are numbers or booleans",
            )
        if dataset.shape is None:
            raise _bad(self.source, f"{key!r} has no dataspace (empty)")
        shape = tuple(int(d) for d in dataset.shape)
        nbytes = math.prod(shape) * dtype.itemsize
        stored = int(dataset.id.get_storage_size())
        limit = stored if not filters else stored * MAX_RATIO
        if nbytes > limit or stored > self._size:
            problem = (
                "but its data is not in the file (truncated or hostile)"
                if not filters
                else f"from {stored} stored bytes (a decompression bomb)"
            )
            raise _bad(
                self.source,
                f"{key!r} declares shape {shape} of {dtype} ({nbytes} "
                f"bytes) {problem}",
            )
        mapped_at = None
        if not filters and dataset.chunks is None and nbytes:
            offset = dataset.id.get_offset()
            if offset is not None and offset + nbytes <= self._size:
                mapped_at = int(offset)
        return _Entry(dataset, dtype, shape, mapped_at)

    # ------------------------------------------------------------ access
    def keys(self) -> list[str]:
        """The flat keys of every dataset, e.g. `layers/dense/vars/0`."""
        return list(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def get(self, key: str) -> np.ndarray:
        """The dataset `key` as a NumPy array (file-backed when the data
        is stored uncompressed and contiguous)."""
        entry = self._entries[key]
        dtype = entry.dtype
        if entry.mapped_at is not None and not dtype.isnative:
            entry.mapped_at = None  # big-endian: read and convert
        if entry.mapped_at is not None:
            if self._buffer is not None:
                nbytes = math.prod(entry.shape) * dtype.itemsize
                start = entry.mapped_at
                raw = np.frombuffer(self._buffer, np.uint8)[
                    start : start + nbytes
                ]
                return raw.view(dtype).reshape(entry.shape)
            return safetensors_io.map_array(
                self.path, self._offset + entry.mapped_at, dtype, entry.shape
            )
        try:
            value = np.asarray(entry.dataset[()])
        except (OSError, ValueError) as error:
            raise _bad(
                self.source, f"{key!r} could not be read ({error})"
            ) from None
        if dtype is _BFLOAT16:
            return value.view(_BFLOAT16).reshape(entry.shape)
        if not value.dtype.isnative:
            value = value.astype(value.dtype.newbyteorder("="))
        return value.reshape(entry.shape)

    def close(self) -> None:
        """Closes the file (arrays already returned stay valid)."""
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()
            self._file = None
        self._handle.close()


def _group_of(key: str) -> tuple[str, str]:
    path, _, name = key.rpartition("/")
    return path, name


def write(
    f: str | IO[bytes],
    arrays: Iterable[tuple[str, np.ndarray]],
    names: dict[str, str] | None = None,
) -> None:
    """Writes `(flat key, array)` pairs in Keras 3's h5 layout.

    Args:
        f: A path or a writable, seekable binary file object.
        arrays: Pairs such as `("layers/dense/vars/0", kernel)`.
        names: Optional `{object path: object name}`; each object's
            `vars` group gets its name as the `name` attribute (Keras
            writes one for every object it walks, even without
            variables).
    """
    with h5py.File(f, "w") as file:
        for path, name in (names or {}).items():
            group = file.require_group(f"{path}/{VARS}" if path else VARS)
            group.attrs["name"] = name
        for key, value in arrays:
            array = np.asarray(value)
            group_path, name = _group_of(key)
            group = file.require_group(group_path) if group_path else file
            if array.dtype == _BFLOAT16:
                dataset = group.create_dataset(
                    name, data=array.view(np.dtype("V2"))
                )
                dataset.attrs["dtype"] = "bfloat16"
            else:
                group.create_dataset(name, data=array)


__all__ = ["H5Reader", "write"]
