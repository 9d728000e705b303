"""Weights-only files: one `.safetensors` file, or shards plus an index.

`save_weights(model, "m.weights.safetensors")` writes one safetensors
file keyed by Keras 3's object paths (`layers/dense/vars/0`, ...). With
`max_shard_size`, the arrays are split into files of at most that size
(a larger single array gets a file of its own) named
`m.weights-<token>-00001-of-00003.safetensors`, listed in
`m.weights.safetensors.index.json`, Hugging Face's layout:

    {"metadata": {"total_size": <bytes of tensor data>, ...},
     "weight_map": {"layers/dense/vars/0": "<shard file name>", ...}}

Shards get a fresh token on every save and the index is replaced last,
so a save that dies half-way leaves the previous index and its shards
intact; the previous shards are deleted once the new index is in place.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import uuid
from typing import Any

from cornu.src.saving import archive_io
from cornu.src.saving import file_utils
from cornu.src.saving import h5_io
from cornu.src.saving import keras_shards
from cornu.src.saving import safetensors_io
from cornu.src.saving import saving_lib

INDEX_SUFFIX = ".index.json"
H5_SUFFIX = ".h5"
MAX_INDEX_SIZE = 256 * 1024 * 1024

_UNITS = {
    "B": 1,
    "KB": 10**3,
    "MB": 10**6,
    "GB": 10**9,
    "TB": 10**12,
    "KIB": 2**10,
    "MIB": 2**20,
    "GIB": 2**30,
    "TIB": 2**40,
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]*)\s*$")


def parse_shard_size(max_shard_size: Any) -> int:
    """Bytes per shard from Keras's `max_shard_size` (a number of GB) or
    a string with a unit (`"500MB"`, `"2GiB"`, `"1000B"`).

    Raises:
        ValueError: for anything else, or a size below one byte.
    """
    size = None
    if isinstance(max_shard_size, (int, float)) and not isinstance(
        max_shard_size, bool
    ):
        if math.isfinite(max_shard_size):
            size = int(max_shard_size * _UNITS["GB"])
    elif isinstance(max_shard_size, str):
        match = _SIZE.match(max_shard_size)
        unit = match.group(2).upper() if match else None
        if match and (unit or "B") in _UNITS:
            size = int(float(match.group(1)) * _UNITS[unit or "B"])
    if size is None or size < 1:
        raise ValueError(
            "`max_shard_size` must be a positive number of gigabytes (as in "
            "Keras, e.g. `max_shard_size=2`) or a string with a unit, e.g. "
            f"'500MB' or '2GiB'. Received: max_shard_size={max_shard_size!r}."
        )
    return size


def index_path(filepath: str) -> str:
    """The index file of a sharded save to `filepath`."""
    if filepath.endswith(INDEX_SUFFIX):
        return filepath
    return filepath + INDEX_SUFFIX


def _stem(filepath: str) -> str:
    name = os.path.basename(filepath)
    if name.endswith(INDEX_SUFFIX):
        name = name[: -len(INDEX_SUFFIX)]
    if name.endswith(".safetensors"):
        name = name[: -len(".safetensors")]
    return name


def _shard_pattern(stem: str) -> re.Pattern:
    return re.compile(
        re.escape(stem) + r"-[0-9a-f]{8}-\d{5}-of-\d{5}\.safetensors"
    )


def _split(arrays: list, limit: int) -> list:
    shards, current, size = [], [], 0
    for key, array in arrays:
        if current and size + array.nbytes > limit:
            shards.append(current)
            current, size = [], 0
        current.append((key, array))
        size += array.nbytes
    if current or not shards:
        shards.append(current)
    return shards


def save_weights(
    model: Any, filepath: str, max_shard_size: Any = None, skip: Any = ()
) -> None:
    """Writes `model`'s state to `filepath` (see the module docstring)."""
    limit = None if max_shard_size is None else parse_shard_size(max_shard_size)
    names: dict = {}
    arrays = saving_lib.checked_arrays(
        saving_lib.collect_state(model, skip=skip, names=names)
    )
    if filepath.endswith(keras_shards.SUFFIX):
        if limit is None:
            raise ValueError(
                "A `.weights.json` file name is for Keras's sharded h5 "
                "weights: pass `max_shard_size` too, or name the file "
                f"`*.weights.h5`. Received: filepath={filepath!r}."
            )
        keras_shards.save(filepath, arrays, names, limit)
        return
    if filepath.endswith(H5_SUFFIX):
        if limit is not None:
            raise ValueError(
                "Sharded h5 weights are named `*.weights.json` (Keras 3's "
                "layout: an index and `*_00000.weights.h5` shards); sharded "
                "safetensors `*.weights.safetensors`. Rename the file or "
                f"drop `max_shard_size`. Received: filepath={filepath!r}."
            )
        with file_utils.atomic_write(filepath) as f:
            h5_io.write(f, arrays, names)
        return
    metadata = saving_lib.weights_metadata()
    if limit is None:
        with file_utils.atomic_write(filepath) as f:
            safetensors_io.write(f, arrays, metadata)
        _remove_sharded(index_path(filepath), keep=())
        return
    index = index_path(filepath)
    folder = os.path.dirname(os.path.abspath(index))
    stem = _stem(filepath)
    token = uuid.uuid4().hex[:8]
    shards = _split(arrays, limit)
    names = [
        f"{stem}-{token}-{i + 1:05d}-of-{len(shards):05d}.safetensors"
        for i in range(len(shards))
    ]
    weight_map = {}
    for name, shard in zip(names, shards, strict=True):
        with file_utils.atomic_write(os.path.join(folder, name)) as f:
            safetensors_io.write(f, shard, metadata)
        weight_map.update({key: name for key, _ in shard})
    content = {
        "metadata": {
            "total_size": sum(array.nbytes for _, array in arrays),
            **metadata,
        },
        "weight_map": weight_map,
    }
    old_names = _shard_names(index)
    with file_utils.atomic_write(index) as f:
        f.write(json.dumps(content, indent=2).encode("utf-8"))
    _remove_files(folder, stem, old_names - set(names))
    single = index[: -len(INDEX_SUFFIX)]
    if os.path.isfile(single):
        os.unlink(single)


def _shard_names(index: str) -> set:
    try:
        with open(index, "rb") as f:
            weight_map = json.loads(f.read(MAX_INDEX_SIZE)).get("weight_map")
        return {v for v in weight_map.values() if isinstance(v, str)}
    except (OSError, ValueError, AttributeError):
        return set()


def _remove_files(folder: str, stem: str, names: set) -> None:
    pattern = _shard_pattern(stem)
    for name in names:
        if pattern.fullmatch(name):  # only shards cornu itself named
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(folder, name))


def _remove_sharded(index: str, keep: Any) -> None:
    if not os.path.isfile(index):
        return
    names = _shard_names(index)
    os.unlink(index)
    folder = os.path.dirname(os.path.abspath(index))
    _remove_files(folder, _stem(index), names - set(keep))


class ShardedReader:
    """The tensors of an index file and its shards, as one source."""

    def __init__(self, index: str) -> None:
        self.source = repr(index)
        if os.path.getsize(index) > MAX_INDEX_SIZE:
            raise _index_error(index, "it is larger than the 256 MB limit")
        with open(index, "rb") as f:
            try:
                content = json.loads(f.read().decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError) as error:
                raise _index_error(index, f"it is not JSON ({error})") from None
        weight_map = (
            content.get("weight_map") if isinstance(content, dict) else None
        )
        if not isinstance(weight_map, dict):
            raise _index_error(index, "it has no 'weight_map' object")
        folder = os.path.dirname(os.path.abspath(index))
        self._shards: dict[str, safetensors_io.SafetensorsReader] = {}
        self._map = {}
        for key, name in weight_map.items():
            parts = (
                archive_io.safe_components(name)
                if isinstance(name, str)
                else None
            )
            if parts is None or len(parts) != 1:
                raise _index_error(
                    index,
                    f"tensor {key!r} names the shard {name!r}, which is not "
                    "a plain file name in the index's folder",
                )
            if name not in self._shards:
                path = os.path.join(folder, name)
                if not os.path.isfile(path):
                    raise _index_error(index, f"its shard {name!r} is missing")
                self._shards[name] = safetensors_io.SafetensorsReader(
                    path, source=repr(path)
                )
            if key not in self._shards[name]:
                raise _index_error(
                    index, f"tensor {key!r} is not in its shard {name!r}"
                )
            self._map[key] = self._shards[name]

    def keys(self) -> list[str]:
        return list(self._map)

    def get(self, key: str) -> Any:
        return self._map[key].get(key)

    def close(self) -> None:
        for shard in self._shards.values():
            shard.close()


def _index_error(index: str, problem: str) -> ValueError:
    return ValueError(
        f"Cannot load the sharded weights index {index!r}: {problem}. "
        "Re-save the weights with `model.save_weights(path, "
        "max_shard_size=...)`."
    )


def open_weights(filepath: str) -> Any:
    """A reader for a single weights file or a sharded save at `filepath`
    (the newer of the two when both exist)."""
    if filepath.endswith((H5_SUFFIX, keras_shards.SUFFIX)):
        if not os.path.isfile(filepath):
            raise FileNotFoundError(
                f"No weights file found at {filepath!r}. Check the path "
                "passed to `load_weights`."
            )
        if filepath.endswith(keras_shards.SUFFIX):
            return keras_shards.KerasShardedReader(filepath)
        return h5_io.H5Reader(filepath, source=repr(filepath))
    index = index_path(filepath)
    single = None if filepath.endswith(INDEX_SUFFIX) else filepath
    has_index = os.path.isfile(index)
    has_single = single is not None and os.path.isfile(single)
    if has_index and has_single:
        has_index = os.stat(index).st_mtime_ns >= os.stat(single).st_mtime_ns
        has_single = not has_index
    if has_single:
        return safetensors_io.SafetensorsReader(single, source=repr(single))
    if has_index:
        return ShardedReader(index)
    raise FileNotFoundError(
        f"No weights file found at {filepath!r} (nor a sharded index "
        f"{index!r}). Check the path passed to `load_weights`."
    )


def load_weights(
    model: Any, filepath: str, skip_mismatch: bool = False, skip: Any = ()
) -> None:
    """Loads a weights file (or sharded save) into `model`."""
    reader = open_weights(filepath)
    try:
        saving_lib.load_state(
            model,
            reader,
            reader.source,
            skip_mismatch=skip_mismatch,
            skip=skip,
        )
    finally:
        reader.close()


__all__ = [
    "ShardedReader",
    "index_path",
    "load_weights",
    "open_weights",
    "parse_shard_size",
    "save_weights",
]
