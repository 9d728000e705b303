"""Reading and writing the safetensors format, checked before allocating.

A safetensors file is an 8-byte little-endian header length `N`, `N`
bytes of JSON (`{"name": {"dtype": "F32", "shape": [2, 3],
"data_offsets": [begin, end]}, ..., "__metadata__": {str: str}}`), then
the raw little-endian tensor bytes (https://github.com/huggingface/
safetensors). Files written here load with the `safetensors` package and
back.

cornu reads the format itself rather than through the package so that it
can (1) map tensors straight from a region of a larger file (an
uncompressed member of a `.cornu` zip), copy-on-write, without reading
the file into memory, and (2) check every declared dtype, shape and
offset against the real byte count before anything is allocated: a
hostile header declaring 10**12 elements is refused, not allocated.
"""

from __future__ import annotations

import json
import math
import os
import struct
from typing import IO
from typing import Any
from typing import Iterable

import ml_dtypes
import numpy as np

# safetensors dtype name <-> NumPy dtype.
DTYPES = {
    "BOOL": np.dtype(np.bool_),
    "U8": np.dtype(np.uint8),
    "I8": np.dtype(np.int8),
    "U16": np.dtype(np.uint16),
    "I16": np.dtype(np.int16),
    "U32": np.dtype(np.uint32),
    "I32": np.dtype(np.int32),
    "U64": np.dtype(np.uint64),
    "I64": np.dtype(np.int64),
    "F16": np.dtype(np.float16),
    "BF16": np.dtype(ml_dtypes.bfloat16),
    "F32": np.dtype(np.float32),
    "F64": np.dtype(np.float64),
    "C64": np.dtype(np.complex64),
    "F8_E4M3": np.dtype(ml_dtypes.float8_e4m3fn),
    "F8_E5M2": np.dtype(ml_dtypes.float8_e5m2),
}
_NAMES = {dtype: name for name, dtype in DTYPES.items()}

# The safetensors package refuses headers above 100 MB; so does cornu.
MAX_HEADER_SIZE = 100_000_000
METADATA_KEY = "__metadata__"


class TensorSpec:
    """dtype, shape and byte range of one tensor in a data buffer."""

    __slots__ = ("dtype", "shape", "begin", "end")

    def __init__(
        self, dtype: np.dtype, shape: tuple, begin: int, end: int
    ) -> None:
        self.dtype = dtype
        self.shape = shape
        self.begin = begin
        self.end = end


def _bad(source: str, problem: str) -> ValueError:
    return ValueError(
        f"The safetensors data in {source} is corrupted or not a "
        f"safetensors file: {problem}. Re-save the weights, or check that "
        "the file was copied completely."
    )


def _no_duplicates(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        duplicate = next(k for k in keys if keys.count(k) > 1)
        raise ValueError(f"duplicate key {duplicate!r} in the header")
    return dict(pairs)


def parse_header(
    header: bytes, data_size: int, source: str
) -> tuple[dict[str, TensorSpec], dict[str, str]]:
    """Validates a header against the size of the data that follows it.

    Args:
        header: The JSON header bytes.
        data_size: The number of bytes after the header.
        source: The file (or archive member) named in error messages.

    Returns:
        `(specs, metadata)`: name -> `TensorSpec`, and the
        `__metadata__` dict.

    Raises:
        ValueError: for malformed JSON, unknown dtypes, bad shapes,
            offsets outside the data, sizes that disagree with shapes,
            overlaps or gaps.
    """
    try:
        raw = json.loads(
            header.decode("utf-8"), object_pairs_hook=_no_duplicates
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _bad(source, f"its header is not valid JSON ({error})") from None
    if not isinstance(raw, dict):
        raise _bad(source, "its header is not a JSON object")
    metadata = raw.pop(METADATA_KEY, None) or {}
    if not isinstance(metadata, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()
    ):
        raise _bad(source, "'__metadata__' must map strings to strings")
    specs = {}
    for name, entry in raw.items():
        specs[name] = _parse_entry(name, entry, data_size, source)
    ranges = sorted(
        (spec.begin, spec.end, name)
        for name, spec in specs.items()
        if spec.end > spec.begin
    )
    position = 0
    for begin, end, name in ranges:
        if begin != position:
            problem = (
                "overlaps another tensor"
                if begin < position
                else ("leaves a gap before it")
            )
            raise _bad(source, f"tensor {name!r} {problem}")
        position = end
    if position != data_size:
        raise _bad(
            source,
            f"the tensors cover {position} bytes but {data_size} bytes "
            "follow the header",
        )
    return specs, dict(metadata)


def _parse_entry(
    name: str, entry: Any, data_size: int, source: str
) -> TensorSpec:
    if not isinstance(entry, dict) or set(entry) != {
        "dtype",
        "shape",
        "data_offsets",
    }:
        raise _bad(
            source,
            f"tensor {name!r} must have exactly the keys 'dtype', 'shape' "
            f"and 'data_offsets'; found {entry!r:.200}",
        )
    dtype = (
        DTYPES.get(entry["dtype"]) if isinstance(entry["dtype"], str) else None
    )
    if dtype is None:
        raise _bad(
            source,
            f"tensor {name!r} has unknown dtype {entry['dtype']!r:.50} "
            f"(known: {sorted(DTYPES)})",
        )
    shape = entry["shape"]
    if not isinstance(shape, list) or not all(
        type(d) is int and d >= 0 for d in shape
    ):
        raise _bad(
            source,
            f"tensor {name!r} has shape {shape!r:.200}; expected a list of "
            "non-negative ints",
        )
    offsets = entry["data_offsets"]
    if (
        not isinstance(offsets, list)
        or len(offsets) != 2
        or not all(type(o) is int for o in offsets)
        or not 0 <= offsets[0] <= offsets[1] <= data_size
    ):
        raise _bad(
            source,
            f"tensor {name!r} has data_offsets {offsets!r:.200}, outside "
            f"the {data_size} bytes of data (a truncated file?)",
        )
    count = math.prod(shape)
    nbytes = count * dtype.itemsize
    if nbytes != offsets[1] - offsets[0]:
        raise _bad(
            source,
            f"tensor {name!r} declares shape {tuple(shape)} of "
            f"{entry['dtype']} ({count} elements, {nbytes} bytes) but its "
            f"data_offsets hold {offsets[1] - offsets[0]} bytes",
        )
    return TensorSpec(dtype, tuple(shape), offsets[0], offsets[1])


def map_array(path: str, offset: int, dtype: Any, shape: tuple) -> Any:
    """A copy-on-write memory map of one array stored in a file.

    Each array gets its own map, released when the array is dropped: a
    model loading tensor by tensor holds at most one tensor's file pages
    besides its own weights, never a second copy of the whole file.
    """
    array = np.memmap(path, dtype=dtype, mode="c", offset=offset, shape=shape)
    return array.view(np.ndarray)


class SafetensorsReader:
    """Lazy access to the tensors of a safetensors file or file region.

    The header is read and fully validated on construction; each tensor
    is memory-mapped copy-on-write when asked for (`map_array`), so
    `get()` returns writable NumPy arrays backed by the file (no read, no
    copy until written to). A `bytes`-like `buffer` may be given instead
    of a path.

    Args:
        path: The file holding the data (unused when `buffer` is given).
        offset: Where the safetensors data starts in the file.
        length: Its length; defaults to the rest of the file.
        source: How error messages name the data.
        buffer: Optional in-memory safetensors bytes (a writable
            `bytearray` keeps the returned arrays writable).
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
        self._buffer = buffer
        if buffer is not None:
            total = len(buffer)
            prefix = bytes(buffer[:8])
        else:
            total = os.path.getsize(path) - offset
            if length is not None:
                if length > total:
                    raise _bad(
                        self.source,
                        f"it should hold {length} bytes but only {total} "
                        "are present (truncated file)",
                    )
                total = length
            with open(path, "rb") as f:
                f.seek(offset)
                prefix = f.read(8)
        if total < 8 or len(prefix) < 8:
            raise _bad(self.source, f"it has only {total} bytes")
        (header_size,) = struct.unpack("<Q", prefix)
        if header_size > min(MAX_HEADER_SIZE, total - 8):
            raise _bad(
                self.source,
                f"its header declares {header_size} bytes but the data "
                f"has {total} bytes in all (limit {MAX_HEADER_SIZE})",
            )
        if buffer is not None:
            header = bytes(buffer[8 : 8 + header_size])
        else:
            with open(path, "rb") as f:
                f.seek(offset + 8)
                header = f.read(header_size)
        self._data_offset = offset + 8 + header_size
        self._data_size = total - 8 - header_size
        self.specs, self.metadata = parse_header(
            header, self._data_size, self.source
        )

    def keys(self) -> list[str]:
        """The tensor names, in file order."""
        return list(self.specs)

    def __contains__(self, name: str) -> bool:
        return name in self.specs

    def get(self, name: str) -> np.ndarray:
        """The tensor `name` as a NumPy array (file-backed when possible).

        Args:
            name: A key of `keys()`.

        Returns:
            A NumPy array of the declared dtype and shape.
        """
        spec = self.specs[name]
        if spec.end == spec.begin:
            return np.zeros(spec.shape, spec.dtype)
        if self._buffer is not None:
            start = self._data_offset + spec.begin
            raw = np.frombuffer(self._buffer, np.uint8)[
                start : start + spec.end - spec.begin
            ]
            return raw.view(spec.dtype).reshape(spec.shape)
        return map_array(
            self.path, self._data_offset + spec.begin, spec.dtype, spec.shape
        )

    def close(self) -> None:
        """Drops this reader's buffer (arrays already returned stay
        valid)."""
        self._buffer = None


def as_array(value: Any, name: str) -> np.ndarray:
    """`value` as a little-endian, C-contiguous array safetensors can hold."""
    array = np.asarray(value)
    if not array.flags.c_contiguous:  # (0-d arrays always are)
        array = np.ascontiguousarray(array)
    if array.dtype.byteorder == ">":
        array = array.astype(array.dtype.newbyteorder("<"))
    if array.dtype not in _NAMES:
        raise ValueError(
            f"Cannot save {name!r}: its dtype {array.dtype} has no "
            f"safetensors equivalent (supported: "
            f"{sorted(str(d) for d in _NAMES)}). Cast it, e.g. to float32."
        )
    return array


def _layout(
    arrays: Iterable[tuple[str, np.ndarray]], metadata: dict | None
) -> tuple[bytes, list]:
    # Larger items first keeps every tensor aligned to its item size.
    entries = sorted(arrays, key=lambda item: -item[1].dtype.itemsize)
    header: dict[str, Any] = {}
    if metadata:
        header[METADATA_KEY] = {str(k): str(v) for k, v in metadata.items()}
    position = 0
    for name, array in entries:
        header[name] = {
            "dtype": _NAMES[array.dtype],
            "shape": list(array.shape),
            "data_offsets": [position, position + array.nbytes],
        }
        position += array.nbytes
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text, entries


def serialized_size(
    arrays: list[tuple[str, np.ndarray]], metadata: dict | None = None
) -> int:
    """The number of bytes `write` produces for these arrays."""
    prefix, entries = _layout(arrays, metadata)
    return len(prefix) + sum(array.nbytes for _, array in entries)


def write(
    f: IO[bytes],
    arrays: list[tuple[str, np.ndarray]],
    metadata: dict | None = None,
) -> int:
    """Writes `(name, array)` pairs to `f` in safetensors format.

    Args:
        f: A binary file object.
        arrays: Pairs of unique names and arrays made by `as_array`.
        metadata: Optional str -> str dict stored as `__metadata__`.

    Returns:
        The number of bytes written.
    """
    prefix, entries = _layout(arrays, metadata)
    f.write(prefix)
    written = len(prefix)
    for _, array in entries:
        if array.nbytes:
            f.write(memoryview(array.reshape(-1).view(np.uint8)))
            written += array.nbytes
    return written


__all__ = [
    "DTYPES",
    "SafetensorsReader",
    "TensorSpec",
    "as_array",
    "map_array",
    "parse_header",
    "serialized_size",
    "write",
]
