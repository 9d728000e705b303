"""Keras 3's sharded h5 weights: `model.weights.json` plus h5 shards.

`keras.Model.save_weights("model.weights.json", max_shard_size=...)`
writes shards named `model_00000.weights.h5`, `model_00001.weights.h5`,
... (Keras's h5 layout, `h5_io`) and an index mapping each object's
`vars` group to the shard(s) holding it:

    {"metadata": {"total_size": 34060.0},
     "weight_map": {"/layers/dense/vars": ["model_00000.weights.h5"],
                    "/vars": [...]}}

cornu reads such a set (each shard through `h5_io.H5Reader`, with its
checks; shard names must be plain file names in the index's folder) and
writes one Keras 3 loads. Keras opens `<stem>_00000.weights.h5` first, so
the shard names are fixed: each shard and the index are written
atomically, the index last, and shards a previous save left beyond the
new count are removed afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from typing import Any

from cornu.src.saving import archive_io
from cornu.src.saving import file_utils
from cornu.src.saving import h5_io
from cornu.src.saving import state_walk

SUFFIX = ".weights.json"
MAX_INDEX_SIZE = 256 * 1024 * 1024


def _error(index: str, problem: str) -> ValueError:
    return ValueError(
        f"Cannot load the sharded Keras weights {index!r}: {problem}. "
        "Re-save the weights with `model.save_weights(path, "
        "max_shard_size=...)`."
    )


def _stem(index: str) -> str:
    return os.path.basename(index)[: -len(SUFFIX)]


def _group_key(flat_key: str) -> str:
    path, _, _ = flat_key.rpartition("/")
    return "/" + path


class KerasShardedReader:
    """The variables of a Keras sharded h5 set, as one source."""

    def __init__(self, index: str) -> None:
        self.source = repr(index)
        if os.path.getsize(index) > MAX_INDEX_SIZE:
            raise _error(index, "it is larger than the 256 MB limit")
        with open(index, "rb") as f:
            try:
                content = json.loads(f.read().decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError) as error:
                raise _error(index, f"it is not JSON ({error})") from None
        weight_map = (
            content.get("weight_map") if isinstance(content, dict) else None
        )
        if not isinstance(weight_map, dict):
            raise _error(index, "it has no 'weight_map' object")
        folder = os.path.dirname(os.path.abspath(index))
        self._shards: dict[str, h5_io.H5Reader] = {}
        self._map: dict[str, h5_io.H5Reader] = {}
        try:
            for group, names in weight_map.items():
                names = names if isinstance(names, list) else [names]
                for name in names:
                    self._add_shard(index, folder, group, name)
        except BaseException:
            self.close()
            raise

    def _add_shard(self, index: str, folder: str, group: Any, name: Any):
        parts = (
            archive_io.safe_components(name) if isinstance(name, str) else None
        )
        if parts is None or len(parts) != 1:
            raise _error(
                index,
                f"{group!r} names the shard {name!r}, which is not a plain "
                "file name in the index's folder",
            )
        if name in self._shards:
            return
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            raise _error(index, f"its shard {name!r} is missing")
        reader = h5_io.H5Reader(path, source=repr(path))
        self._shards[name] = reader
        for key in reader.keys():
            if key in self._map:
                raise _error(index, f"{key!r} is in two shards")
            self._map[key] = reader

    def keys(self) -> list[str]:
        return list(self._map)

    def __contains__(self, key: str) -> bool:
        return key in self._map

    def get(self, key: str) -> Any:
        return self._map[key].get(key)

    def close(self) -> None:
        for shard in self._shards.values():
            shard.close()


def _split(arrays: list, limit: int) -> list:
    """Shards of whole `vars` groups (Keras reads a group from the shards
    the index lists for it; cornu keeps each group in one)."""
    groups: dict[str, list] = {}
    for key, array in arrays:
        groups.setdefault(_group_key(key), []).append((key, array))
    shards, current, size = [], [], 0
    for items in groups.values():
        nbytes = sum(array.nbytes for _, array in items)
        if current and size + nbytes > limit:
            shards.append(current)
            current, size = [], 0
        current.extend(items)
        size += nbytes
    if current or not shards:
        shards.append(current)
    return shards


def save(index: str, arrays: list, names: dict, limit: int) -> None:
    """Writes `(flat key, array)` pairs as a Keras sharded h5 set.

    Args:
        index: The `*.weights.json` path.
        arrays: The model's state, as `saving_lib.collect_state` gives it.
        names: `{object path: object name}` for the h5 `name` attributes.
        limit: The largest shard, in bytes (a larger group gets a shard
            of its own).
    """
    folder = os.path.dirname(os.path.abspath(index))
    stem = _stem(index)
    shards = _split(arrays, limit)
    weight_map: dict[str, list] = {}
    for i, shard in enumerate(shards):
        name = f"{stem}_{i:05d}.weights.h5"
        paths = {state_walk.split_key(key)[0] for key, _ in shard}
        shard_names = {p: n for p, n in names.items() if p in paths}
        with file_utils.atomic_write(os.path.join(folder, name)) as f:
            h5_io.write(f, shard, shard_names)
        for key, _ in shard:
            weight_map[_group_key(key)] = [name]
    content = {
        "metadata": {
            "total_size": float(sum(array.nbytes for _, array in arrays))
        },
        "weight_map": weight_map,
    }
    with file_utils.atomic_write(index) as f:
        f.write(json.dumps(content, indent=4).encode("utf-8"))
    pattern = re.compile(re.escape(stem) + r"_(\d{5})\.weights\.h5")
    for entry in os.listdir(folder):
        match = pattern.fullmatch(entry)
        if match and int(match.group(1)) >= len(shards):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(folder, entry))


__all__ = ["KerasShardedReader", "SUFFIX", "save"]
