"""`cornu.saving.KerasFileEditor`: inspect, compare and edit saved weights.

The editor opens any file cornu loads: a `.cornu`/`.keras` archive (zip
or folder; safetensors or Keras's h5 weights), a `.weights.safetensors`
file (single or sharded), a `.weights.h5` file or Keras's sharded
`.weights.json`. It reads the weights (file-backed arrays where the
format allows) and, for archives, `config.json` and `metadata.json` as
plain JSON: nothing from the file is deserialized, imported or run.

The weights are held as a nested dict following the object paths of
Keras 3's layout: `layers/dense/vars/0` is `weights_dict["layers"]
["dense"]["0"]`; the model's own variables (`vars/0`) sit at the top.
Edits change that dict; `save` writes it as `.weights.h5` (Keras's
layout) or `.weights.safetensors`, atomically.
"""

from __future__ import annotations

import collections
import io
import math
import os
import re
import sys
from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.saving import archive_io
from cornu.src.saving import file_utils
from cornu.src.saving import h5_io
from cornu.src.saving import safetensors_io
from cornu.src.saving import saving_lib
from cornu.src.saving import state_walk
from cornu.src.saving import weights_io
from cornu.src.utils import summary_utils

_ARCHIVE_SUFFIXES = (".cornu", ".keras")
_WEIGHTS_SUFFIXES = (".safetensors", ".index.json", ".h5", ".weights.json")
_SAVE_SUFFIXES = (".weights.h5", ".weights.safetensors")

_MSG_KIND = (
    "KerasFileEditor cannot open {filepath!r}: expected a `.cornu` or "
    "`.keras` archive (file or folder), a `.weights.safetensors` file (or "
    "its `.index.json`), a `.weights.h5` file or a Keras `.weights.json` "
    "index."
)
_MSG_WEIGHTS = (
    "Argument `weights` should be a dict where keys are weight names "
    "(usually '0', '1', etc.) and values are NumPy arrays, e.g. "
    "`{{'0': kernel, '1': bias}}`. Received: type(weights)={kind}"
)


class _Spec:
    """Shape and dtype of a model variable (no copy of its value)."""

    __slots__ = ("shape", "dtype")

    def __init__(self, value: Any) -> None:
        self.shape = tuple(np.shape(value))
        self.dtype = getattr(value, "dtype", None)


def _as_array(value: Any) -> np.ndarray:
    if isinstance(value, np.ndarray):
        return value
    return np.asarray(ops.convert_to_numpy(value))


def _nest(flat: dict, source: str) -> collections.OrderedDict:
    """`{"layers/dense/vars/0": a}` -> `{"layers": {"dense": {"0": a}}}`."""
    tree: collections.OrderedDict = collections.OrderedDict()
    for key, value in flat.items():
        split = state_walk.split_key(key)
        if split is None:
            raise ValueError(
                f"KerasFileEditor cannot open {source}: its tensor {key!r} "
                "is not in Keras's `<object path>/vars/<name>` layout. "
                "Only weights saved by cornu or Keras can be edited."
            )
        path, name = split
        node = tree
        for part in path.split("/") if path else ():
            child = node.setdefault(part, collections.OrderedDict())
            if not isinstance(child, dict):
                raise ValueError(
                    f"KerasFileEditor cannot open {source}: {path!r} is "
                    "both a weight and an object."
                )
            node = child
        if isinstance(node.get(name), dict):
            raise ValueError(
                f"KerasFileEditor cannot open {source}: {key!r} is both a "
                "weight and an object."
            )
        node[name] = value
    return tree


def _flatten(tree: dict, path: str = "") -> list:
    """The inverse of `_nest`: `[(flat key, value), ...]` in tree order."""
    items = []
    for name, value in tree.items():
        if isinstance(value, dict):
            child = f"{path}/{name}" if path else name
            items.extend(_flatten(value, child))
        else:
            items.append((state_walk.vars_key(path, name), value))
    return items


def _read(filepath: str) -> tuple:
    """`(weights_dict, object_metadata, config, metadata)` of a file."""
    is_archive = os.path.isdir(filepath) or filepath.endswith(_ARCHIVE_SUFFIXES)
    if not is_archive and not filepath.endswith(_WEIGHTS_SUFFIXES):
        raise ValueError(_MSG_KIND.format(filepath=filepath))
    config = metadata = None
    if not is_archive:
        flat, names, source = _read_weights(weights_io.open_weights(filepath))
    else:
        archive = archive_io.open_archive(filepath)
        try:
            config = archive_io.read_json(archive, archive_io.CONFIG_FILENAME)
            if archive.has(archive_io.METADATA_FILENAME):
                metadata = archive_io.read_json(
                    archive, archive_io.METADATA_FILENAME
                )
            flat, names, source = _read_weights(archive.weights_reader())
        finally:
            archive.close()
    object_metadata = {
        path: {"name": name} for path, name in names.items() if path
    }
    return _nest(flat, source), object_metadata, config, metadata


def _natural(key: str) -> list:
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+|/)", key)
        if part and part != "/"
    ]


def _read_weights(reader: Any) -> tuple:
    try:
        keys = reader.keys()
        if hasattr(reader, "names"):  # h5: Keras's files list groups by name
            keys = sorted(keys, key=_natural)
        flat = {key: reader.get(key) for key in keys}
        names = dict(getattr(reader, "names", None) or {})
        return flat, names, reader.source
    finally:
        reader.close()


def _reference_tree(model: Any) -> collections.OrderedDict:
    """The nested `_Spec` dict of a model's saved state (no copies)."""
    entries: dict = {}
    for path, obj in state_walk.walk(model):
        obj.save_own_variables(state_walk.WriteEntry(entries, path, _Spec))
    optimizer = getattr(model, "optimizer", None)
    if (
        optimizer is not None
        and hasattr(optimizer, "save_own_variables")
        and getattr(optimizer, "built", True)
    ):
        optimizer.save_own_variables(
            state_walk.WriteEntry(entries, saving_lib.OPTIMIZER_PATH, _Spec)
        )
    return _nest(entries, repr(getattr(model, "name", "model")))


def _render(*renderables: Any) -> None:
    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        width=100,
        force_terminal=False,
        color_system=None,
        highlight=False,
    )
    for item in renderables:
        console.print(item)
    sys.stdout.write(console.file.getvalue())


@cornu_export("cornu.saving.KerasFileEditor")
class KerasFileEditor:
    """Inspects, compares and edits a saved model's weights.

    Useful to adapt a weights file after changing a model's
    architecture: list its weights, check it against a model, rename,
    delete or add objects and weights, then write the result with
    `save`. The file is only read (weights and JSON); nothing in it is
    executed. Opening a file prints its path (and, for archives, who
    saved it and when), as Keras does.

    Args:
        filepath: A `.cornu`/`.keras` archive (zip or folder), a
            `.weights.safetensors` file (or sharded index), a
            `.weights.h5` file or a Keras `.weights.json` index.

    Attributes:
        weights_dict: The weights as nested dicts by object path, e.g.
            `weights_dict["layers"]["dense"]["0"]`.
        config: The archive's `config.json` as a dict (None for weights
            files).
        metadata: The archive's `metadata.json` as a dict, or None.

    Example:

    >>> import os, tempfile
    >>> model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(2)])
    >>> path = os.path.join(tempfile.mkdtemp(), "m.weights.safetensors")
    >>> model.save_weights(path)
    >>> editor = cornu.saving.KerasFileEditor(path)
    Weights file '...m.weights.safetensors'
    >>> editor.weights_dict["layers"]["dense"]["0"].shape
    (3, 2)
    >>> editor.compare(model)["status"]
    Running comparison
    ...
    'success'
    >>> editor.rename_object("dense", "dense_1")
    >>> editor.save(path.replace("safetensors", "h5"))
    """

    def __init__(self, filepath: Any) -> None:
        self.filepath = _path(filepath, "KerasFileEditor")
        self.model = None
        (
            self.weights_dict,
            self.object_metadata,
            self.config,
            self.metadata,
        ) = _read(self.filepath)
        lines = [self._file_info()]
        if self.metadata is not None:
            lines.append(self._metadata_info())
        _render(*lines)

    # ------------------------------------------------------------ display
    def _file_info(self) -> str:
        kind = "Model file" if self.config is not None else "Weights file"
        return f"{kind} '{self.filepath}'"

    def _metadata_info(self) -> str:
        metadata = self.metadata if isinstance(self.metadata, dict) else {}
        if "cornu_version" in metadata:
            saved_with = f"cornu {metadata['cornu_version']}"
            if "keras_version" in metadata:  # a .keras file cornu wrote
                saved_with += f" (Keras {metadata['keras_version']} layout)"
        elif "keras_version" in metadata:
            saved_with = f"Keras {metadata['keras_version']}"
        else:
            saved_with = "an unknown version"
        date = metadata.get("date_saved", "unknown")
        return f"Saved with {saved_with} - date: {date}"

    def summary(self) -> None:
        """Prints a table of the file's weights: object path, weight
        name, shape, dtype and size, with the totals."""
        from rich import box
        from rich.table import Table

        table = Table(
            title=f"Weights in '{self.filepath}'",
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        for column in ("Object", "Weight", "Shape", "Dtype"):
            table.add_column(column)
        table.add_column("Param #", justify="right")
        count = params = nbytes = 0
        for key, value in _flatten(self.weights_dict):
            path, name = state_walk.split_key(key)
            size = math.prod(value.shape)
            table.add_row(
                path or "<root>",
                name,
                str(tuple(value.shape)).replace(",)", ")"),
                str(value.dtype),
                f"{size:,}",
            )
            count += 1
            params += size
            nbytes += size * np.dtype(value.dtype).itemsize
        total = (
            f" Total: {count} weights, {params:,} params "
            f"({summary_utils.readable_memory_size(nbytes)})"
        )
        _render(table, total)

    def weights_summary(self) -> None:
        """Prints the file's weights as a tree of objects (Keras's
        `summary` layout)."""
        lines = ["Weights structure"]
        self._tree_lines(self.weights_dict, "  ", "", lines)
        _render(*lines)

    def _tree_lines(self, tree, prefix, path, lines) -> None:
        items = list(tree.items())
        for index, (key, value) in enumerate(items):
            last = index == len(items) - 1
            connector = "└─ " if last else "├─ "
            if isinstance(value, dict):
                child = f"{path}/{key}" if path else key
                label = f"{prefix}{connector}[bold]{key}[/bold]"
                name = self.object_metadata.get(child, {}).get("name")
                if name is not None and name != key:
                    label += f" ('{name}')"
                lines.append(label)
                more = "    " if last else "│   "
                self._tree_lines(value, prefix + more, child, lines)
            else:
                lines.append(
                    f"{prefix}{connector}[bold]{key}[/bold]: "
                    f"shape={tuple(value.shape)}, dtype={value.dtype}"
                )

    # ------------------------------------------------------------ compare
    def compare(self, reference_model: Any) -> dict:
        """Compares the file's weights with a model's (or another file's).

        Lists every object or weight present on one side only and every
        weight whose shape differs.

        Args:
            reference_model: A model (or layer), or, as a cornu extension,
                the path of another file this editor can open, or another
                `KerasFileEditor`.

        Returns:
            A dict with `'status'` (`'success'` or `'error'`),
            `'error_count'` (mismatches found) and `'match_count'`
            (weights with matching shapes).
        """
        reference_name = "reference model"
        if isinstance(reference_model, KerasFileEditor):
            reference = reference_model.weights_dict
            reference_name = "reference file"
        elif isinstance(reference_model, (str, os.PathLike)):
            reference = _read(_path(reference_model, "compare"))[0]
            reference_name = "reference file"
        elif state_walk.is_saveable(reference_model):
            reference = _reference_tree(reference_model)
        else:
            raise TypeError(
                "KerasFileEditor.compare expects a model, a file path or a "
                "KerasFileEditor. Received: reference_model of type "
                f"{type(reference_model).__name__}."
            )
        lines = ["Running comparison"]
        checked: set = set()
        errors, matches = _compare(
            self.weights_dict,
            reference,
            "",
            ("saved file", reference_name),
            checked,
            lines,
        )
        more, _ = _compare(
            reference,
            self.weights_dict,
            "",
            (reference_name, "saved file"),
            checked,
            lines,
        )
        errors += more
        lines.append("─────────────────────")
        if errors == 0:
            lines.append(
                "[bold]Comparison successful:[/bold] saved file is "
                f"compatible with the {reference_name}"
            )
            plural = "" if matches == 1 else "s"
            lines.append(f"    Found {matches} matching weight{plural}")
        else:
            plural = "" if errors == 1 else "s"
            lines.append(
                f"[bold]Found {errors} error{plural}:[/bold] saved file is "
                f"not compatible with the {reference_name}"
            )
        _render(*lines)
        return {
            "status": "success" if errors == 0 else "error",
            "error_count": errors,
            "match_count": matches,
        }

    # ------------------------------------------------------------ editing
    def _locate(self, object_name: str) -> tuple[dict, str]:
        """The dict holding `object_name` (a path or a unique leaf name)
        and its key there."""
        if not isinstance(object_name, str) or not object_name:
            raise TypeError(
                "Expected an object name or path as a non-empty str, e.g. "
                f"'dense_2' or 'layers/dense_2'. Received: {object_name!r}."
            )
        if "/" in object_name:
            *parents, leaf = object_name.split("/")
            node = self.weights_dict
            for part in parents:
                node = node.get(part)
                if not isinstance(node, dict):
                    break
            if not isinstance(node, dict) or leaf not in node:
                raise ValueError(
                    f"Path '{object_name}' not found in model. Use "
                    "`editor.weights_summary()` to list all objects."
                )
            return node, leaf
        found = []

        def visit(node):
            if object_name in node:
                found.append(node)
            for value in node.values():
                if isinstance(value, dict):
                    visit(value)

        visit(self.weights_dict)
        if len(found) > 1:
            raise ValueError(
                f"Name '{object_name}' occurs more than once in the model "
                f"({len(found)} times); try passing a complete path, e.g. "
                f"'layers/{object_name}'."
            )
        if not found:
            raise ValueError(
                f"Source name '{object_name}' does not appear in the model. "
                "Use `editor.weights_summary()` to list all objects."
            )
        return found[0], object_name

    def _path_of(self, node: dict, key: str, tree=None, path="") -> str | None:
        tree = self.weights_dict if tree is None else tree
        if tree is node:
            return f"{path}/{key}" if path else key
        for name, value in tree.items():
            if isinstance(value, dict):
                child = f"{path}/{name}" if path else name
                found = self._path_of(node, key, value, child)
                if found is not None:
                    return found
        return None

    def rename_object(self, object_name: str, new_name: str) -> None:
        """Renames an object (e.g. a layer), keeping its place.

        Args:
            object_name: Name or path of the object, e.g. `"dense_2"` or
                `"layers/dense_2"`.
            new_name: The new (leaf) name, without `/`.
        """
        if not isinstance(new_name, str) or not new_name or "/" in new_name:
            raise ValueError(
                "Argument `new_name` should be a leaf name, not a full path "
                f"name. Received: new_name={new_name!r}"
            )
        node, key = self._locate(object_name)
        if new_name in node and new_name != key:
            raise ValueError(
                f"Cannot rename '{object_name}' to '{new_name}': an object "
                "or weight of that name already exists there. Delete it "
                "first with `editor.delete_object(...)`."
            )
        old_path = self._path_of(node, key)
        new_path = old_path.rpartition("/")[0]
        new_path = f"{new_path}/{new_name}" if new_path else new_name
        items = [(new_name if k == key else k, v) for k, v in node.items()]
        node.clear()
        node.update(items)
        moved = {}
        for path, info in self.object_metadata.items():
            if path == old_path or path.startswith(old_path + "/"):
                path = new_path + path[len(old_path) :]
            moved[path] = info
        self.object_metadata = moved

    def delete_object(self, object_name: str) -> None:
        """Removes an object (e.g. a layer) and its weights.

        Args:
            object_name: Name or path of the object, e.g. `"dense_2"` or
                `"layers/dense_2"`.
        """
        node, key = self._locate(object_name)
        node.pop(key)

    def add_object(self, object_path: str, weights: dict) -> None:
        """Adds an object (e.g. a layer) with its weights.

        Args:
            object_path: Full path of the new object, e.g.
                `"layers/dense_2"`; its parent must exist.
            weights: Dict of weight name to array, e.g.
                `{"0": kernel, "1": bias}`. An existing object at that
                path is replaced, as in Keras.
        """
        weights = _checked_weights(weights)
        if not isinstance(object_path, str) or not object_path:
            raise TypeError(
                "Argument `object_path` should be a non-empty str, e.g. "
                f"'layers/dense_2'. Received: object_path={object_path!r}."
            )
        *parents, leaf = object_path.split("/")
        node = self.weights_dict
        for part in parents:
            node = node.get(part)
            if not isinstance(node, dict):
                raise ValueError(
                    f"Path '{'/'.join(parents)}' not found in model. Add "
                    "the parent object first, or check the path with "
                    "`editor.weights_summary()`."
                )
        node[leaf] = collections.OrderedDict(weights)

    def delete_weight(self, object_name: str, weight_name: str) -> None:
        """Removes one weight from an object.

        Args:
            object_name: Name or path of the object, e.g. `"dense_2"` or
                `"layers/dense_2"`.
            weight_name: The weight's name, e.g. `"0"`.
        """
        node, key = self._locate(object_name)
        target = node[key]
        if not isinstance(target, dict) or str(weight_name) not in target:
            found = list(target) if isinstance(target, dict) else []
            raise ValueError(
                f"Weight {weight_name} not found in object {object_name}. "
                f"Weights found: {found}"
            )
        target.pop(str(weight_name))

    def add_weights(self, object_name: str, weights: dict) -> None:
        """Adds (or replaces) weights of an existing object.

        Args:
            object_name: Name or path of the object, e.g. `"dense_2"` or
                `"layers/dense_2"`.
            weights: Dict of weight name to array, e.g. `{"2": scale}`.
        """
        weights = _checked_weights(weights)
        node, key = self._locate(object_name)
        if not isinstance(node[key], dict):
            raise ValueError(
                f"'{object_name}' is a weight, not an object; pass the "
                "object holding it."
            )
        node[key].update(weights)

    # ------------------------------------------------------------ saving
    def save(self, filepath: Any) -> None:
        """Writes the (edited) weights, atomically.

        Args:
            filepath: A `.weights.h5` path (Keras 3's layout, which Keras
                loads too) or a `.weights.safetensors` path (cornu's).
        """
        path = _path(filepath, "save")
        if not path.endswith(_SAVE_SUFFIXES):
            raise ValueError(
                "Invalid `filepath` argument: expected a `.weights.h5` or "
                f"`.weights.safetensors` extension. Received: filepath={path}"
            )
        arrays = [
            (key, _as_array(value))
            for key, value in _flatten(self.weights_dict)
        ]
        if path.endswith(".weights.h5"):
            present = {state_walk.split_key(key)[0] for key, _ in arrays}
            names = {
                p: info["name"]
                for p, info in self.object_metadata.items()
                if p in present and isinstance(info.get("name"), str)
            }
            with file_utils.atomic_write(path) as f:
                h5_io.write(f, arrays, names)
            return
        arrays = [(k, safetensors_io.as_array(v, k)) for k, v in arrays]
        with file_utils.atomic_write(path) as f:
            safetensors_io.write(f, arrays, saving_lib.weights_metadata())

    def resave_weights(self, filepath: Any) -> None:
        """Same as `save(filepath)` (Keras's name)."""
        self.save(filepath)


def _path(filepath: Any, caller: str) -> str:
    try:
        return os.fspath(filepath)
    except TypeError:
        raise TypeError(
            f"`{caller}` expects `filepath` to be a str or path-like object. "
            f"Received: filepath={filepath!r} of type "
            f"{type(filepath).__name__}."
        ) from None


def _checked_weights(weights: Any) -> dict:
    if not isinstance(weights, dict):
        raise ValueError(_MSG_WEIGHTS.format(kind=type(weights)))
    checked = {}
    for name, value in weights.items():
        if not isinstance(name, (str, int)) or "/" in str(name):
            raise ValueError(
                "Weight names should be strs (usually '0', '1', ...) "
                f"without '/'. Received: {name!r}."
            )
        checked[str(name)] = _as_array(value)
    return checked


def _compare(target, reference, path, names, checked, lines) -> tuple:
    """Counts `(errors, matches)` of `reference`'s entries in `target`."""
    target_name, reference_name = names
    errors = matches = 0
    for key, value in reference.items():
        inner = f"{path}/{key}"
        if inner in checked:
            continue
        if key not in target:
            errors += 1
            checked.add(inner)
            kind = "Object" if isinstance(value, dict) else "Weight"
            lines.append(
                f"...{kind} [bold]{inner}[/bold] present in "
                f"{reference_name}, missing from {target_name}"
            )
            if isinstance(value, dict):
                lines.append(
                    f"    In {reference_name}, {inner} contains the "
                    f"following keys: {list(value)}"
                )
        elif isinstance(value, dict) != isinstance(target[key], dict):
            errors += 1
            checked.add(inner)
            lines.append(
                f"...[bold]{inner}[/bold] is an object in one of "
                f"{reference_name} and {target_name} and a weight in the "
                "other"
            )
        elif isinstance(value, dict):
            more, found = _compare(
                target[key], value, inner, names, checked, lines
            )
            errors += more
            matches += found
        elif tuple(target[key].shape) != tuple(value.shape):
            errors += 1
            checked.add(inner)
            lines.append(
                f"...Weight shape mismatch for [bold]{inner}[/bold]\n"
                f"    In {reference_name}: shape={tuple(value.shape)}\n"
                f"    In {target_name}: shape={tuple(target[key].shape)}"
            )
        else:
            matches += 1
    return errors, matches


__all__ = ["KerasFileEditor"]
