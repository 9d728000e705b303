"""Which object's state goes under which path: Keras 3's object paths.

A model's state is saved per object: each layer writes its own variables
with `save_own_variables(store)` into a store whose keys become
`<path>/vars/<key>` (`vars/0` for the model itself, `layers/dense/vars/0`,
`encoder/layers/dense_1/vars/1`, `optimizer/vars/3`, ...). The paths are
Keras 3's (`keras/src/saving/saving_lib.py`), so the same keys name the
same arrays in a `.cornu` archive and in Keras's `model.weights.h5`:

- `Sequential` and `Functional` models list their layers first, under
  `layers/<name>`, where `<name>` is the layer's class name in
  snake_case, numbered `_1`, `_2`, ... on repeats (not the layer's own
  name, which is not reproducible across instances);
- then the object's layer-holding attributes in sorted order (names
  starting with `_` last): a layer under the attribute's name, a list,
  tuple or dict of layers like `layers` above (subclassed models also
  have the `layers` attribute, so a layer may first be reached through
  it, as in Keras);
- an object reached twice is saved at its first path only.

Deliberate difference: Keras skips layers inside nested containers (a
list of lists), losing their weights; cornu walks them, naming them in the
enclosing container's sequence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from typing import Iterator

from cornu.src.utils.naming import to_snake_case

_CONTAINERS = (list, tuple, dict, set)
# Where Sequential/Functional keep their layers besides `layers` (Keras
# skips its own equivalents: `operations`, `_operations`, `_functional`).
_GRAPH_INTERNALS = ("_stack", "_graph_layers", "_operations", "_functional")


def is_saveable(obj: Any) -> bool:
    """Whether `obj` is a layer (or model) whose state is walked."""
    return hasattr(obj, "_tracked_attrs") and hasattr(obj, "save_own_variables")


def _is_class(obj: Any, module: str, name: str) -> bool:
    return any(
        cls.__name__ == name and cls.__module__ == module
        for cls in type(obj).__mro__
    )


def _lists_layers_first(obj: Any) -> bool:
    """Sequential and Functional models (and their subclasses)."""
    return bool(getattr(type(obj), "_is_functional_root", False)) or (
        _is_class(obj, "cornu.src.models.sequential", "Sequential")
    )


def _name_key(name: str) -> str:
    return "~" + name if name.startswith("_") else name


def _join(path: str, name: str) -> str:
    return f"{path}/{name}" if path else name


def _children(obj: Any) -> Iterator[tuple[str, Any]]:
    names = set(obj._tracked_attrs)
    if _lists_layers_first(obj):
        yield "layers", obj.layers
        names.difference_update(_GRAPH_INTERNALS)
    if hasattr(type(obj), "layers"):
        names.add("layers")  # Model.layers, as Keras's `dir()` walk sees
    for name in sorted(names, key=_name_key):
        if name.startswith("__") or name.startswith("_inbound"):
            continue
        if name.startswith("_outbound"):
            continue
        try:
            value = getattr(obj, name)
        except Exception:  # noqa: BLE001 - a property may fail; skip it
            continue
        yield name, value


def _flat_items(container: Any, seen: set | None = None) -> Iterator[Any]:
    seen = set() if seen is None else seen
    if id(container) in seen:  # a container holding itself
        return
    seen.add(id(container))
    if isinstance(container, dict):
        items = container.values()
    elif isinstance(container, set):
        # A set's order changes from run to run; layer names (kept in the
        # config) make it reproducible.
        items = sorted(
            container, key=lambda item: str(getattr(item, "name", ""))
        )
    else:
        items = container
    for item in items:
        if isinstance(item, _CONTAINERS):
            yield from _flat_items(item, seen)
        else:
            yield item


def walk(root: Any, skip: Any = ()) -> Iterator[tuple[str, Any]]:
    """Yields `(path, object)` for `root` and every layer below it.

    Args:
        root: A layer or model.
        skip: Objects (and what lies below them) to leave out.

    Returns:
        An iterator of `(path, layer)`; the root has path `""`.
    """
    visited = {id(obj) for obj in skip}
    yield from _visit(root, "", visited)


def _visit(obj: Any, path: str, visited: set) -> Iterator[tuple[str, Any]]:
    if id(obj) in visited:
        return
    visited.add(id(obj))
    yield path, obj
    for name, child in _children(obj):
        child_path = _join(path, name)
        if is_saveable(child):
            yield from _visit(child, child_path, visited)
        elif isinstance(child, _CONTAINERS):
            used: dict[str, int] = {}
            for item in _flat_items(child):
                if not is_saveable(item) or id(item) in visited:
                    if is_saveable(item):
                        _count(used, item)
                    continue
                yield from _visit(
                    item, _join(child_path, _count(used, item)), visited
                )


def _count(used: dict, item: Any) -> str:
    name = to_snake_case(type(item).__name__)
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


def vars_key(path: str, key: str) -> str:
    """The flat key of entry `key` of the object at `path`."""
    return _join(path, f"vars/{key}")


def split_key(flat: str) -> tuple[str, str] | None:
    """`"layers/dense/vars/0"` -> `("layers/dense", "0")`; None for keys
    that are not object variables."""
    if flat.startswith("vars/"):
        return "", flat[len("vars/") :]
    path, found, key = flat.rpartition("/vars/")
    if not found or not key:
        return None
    return path, key


class WriteEntry:
    """The store one object's `save_own_variables(store)` writes into.

    `store[key] = value` records `value` (a variable, tensor or array)
    under `<path>/vars/<key>` in the shared ordered `entries` dict.
    """

    def __init__(self, entries: dict, path: str, to_numpy: Any) -> None:
        self._entries = entries
        self._path = path
        self._to_numpy = to_numpy
        self._keys: list[str] = []

    def __setitem__(self, key: Any, value: Any) -> None:
        key = str(key)
        self._entries[vars_key(self._path, key)] = self._to_numpy(value)
        if key not in self._keys:
            self._keys.append(key)

    def __getitem__(self, key: Any) -> Any:
        return self._entries[vars_key(self._path, str(key))]

    def __contains__(self, key: Any) -> bool:
        return str(key) in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def keys(self) -> list[str]:
        return list(self._keys)


class ReadEntry(Mapping):
    """The read-only store one object's `load_own_variables(store)` gets:
    `store["0"]` is a NumPy array (file-backed where possible)."""

    def __init__(self, source: Any, keys: dict[str, str]) -> None:
        self._source = source
        self._keys = keys  # entry key -> flat key in `source`

    def __getitem__(self, key: Any) -> Any:
        return self._source.get(self._keys[str(key)])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def group_keys(flat_keys: Any) -> dict[str, dict[str, str]]:
    """`{path: {entry key: flat key}}` for a source's keys, entries in
    numeric order where they are numbers."""
    groups: dict[str, dict[str, str]] = {}
    for flat in flat_keys:
        split = split_key(flat)
        if split is not None:
            groups.setdefault(split[0], {})[split[1]] = flat
    for path, entries in groups.items():
        groups[path] = dict(
            sorted(
                entries.items(),
                key=lambda kv: (
                    not kv[0].isdigit(),
                    int(kv[0]) if kv[0].isdigit() else 0,
                    kv[0],
                ),
            )
        )
    return groups


__all__ = [
    "ReadEntry",
    "WriteEntry",
    "group_keys",
    "is_saveable",
    "split_key",
    "vars_key",
    "walk",
]
