"""The native model archive: config, metadata, safetensors weights, assets.

`save_model` writes a zip (every member stored uncompressed, so the
weights can be memory-mapped in place) or, with `zipped=False`, a folder:

    config.json                 serialize_keras_object(model) (Keras 3
                                layout, with "compile_config")
    metadata.json               cornu version, backend, date, format
    model.weights.safetensors   every object's state, keyed by Keras 3's
                                object paths (`layers/dense/vars/0`, ...,
                                `optimizer/vars/0`), see `state_walk`
    assets/<object path>/...    what layers write in `save_assets(dir)`

Writes are atomic (`file_utils`). `load_model` rebuilds the model from
the config with `deserialize_keras_object` (no module is imported and no
function is called by name from the file; lambdas only with
`safe_mode=False`), then loads the state object by object.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import tempfile
import warnings
import zipfile
from typing import Any

from cornu.src import backend
from cornu.src import ops
from cornu.src.saving import archive_io
from cornu.src.saving import file_utils
from cornu.src.saving import safetensors_io
from cornu.src.saving import serialization_lib
from cornu.src.saving import state_walk
from cornu.src.version import __version__

FORMAT_NAME = "cornu"
FORMAT_VERSION = 1
OPTIMIZER_PATH = "optimizer"

_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def _to_numpy(value: Any) -> Any:
    return ops.convert_to_numpy(value)


# ------------------------------------------------------------- state out


def collect_state(
    model: Any, assets_dir: str | None = None, skip: Any = ()
) -> dict:
    """`{flat key: NumPy array}` of every object's state, in walk order.

    Layers defining `save_assets(dir)` write into
    `<assets_dir>/<object path>` when `assets_dir` is given. The
    model's optimizer, when built, adds `optimizer/vars/<i>`.
    """
    entries: dict = {}
    for path, obj in state_walk.walk(model, skip=skip):
        obj.save_own_variables(state_walk.WriteEntry(entries, path, _to_numpy))
        if assets_dir is not None and hasattr(obj, "save_assets"):
            folder = os.path.join(assets_dir, *path.split("/") if path else ())
            os.makedirs(folder, exist_ok=True)
            obj.save_assets(folder)
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and hasattr(optimizer, "save_own_variables"):
        if getattr(optimizer, "built", True):
            optimizer.save_own_variables(
                state_walk.WriteEntry(entries, OPTIMIZER_PATH, _to_numpy)
            )
    return entries


def checked_arrays(entries: dict) -> list:
    """`(key, array)` pairs ready for `safetensors_io.write`."""
    return [
        (key, safetensors_io.as_array(value, key))
        for key, value in entries.items()
    ]


def weights_metadata() -> dict:
    return {"format": FORMAT_NAME, "format_version": str(FORMAT_VERSION)}


def _metadata(filepath: str) -> dict:
    metadata = {
        "cornu_version": __version__,
        "backend": backend.name,
        "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S"),
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "weights_format": "safetensors",
    }
    if filepath.endswith(".keras"):
        metadata["note"] = (
            "Written in cornu's native layout (safetensors weights), not "
            "Keras's h5 layout; Keras 3 cannot read it yet."
        )
    return metadata


def _config_json(model: Any) -> bytes:
    with serialization_lib.ObjectSharingScope():
        config = serialization_lib.serialize_keras_object(model)
    return json.dumps(config).encode("utf-8")


def save_model(model: Any, filepath: str, zipped: bool = True) -> None:
    """Writes `model` to `filepath` (zip, or folder when not `zipped`).

    Args:
        model: A cornu model.
        filepath: The target path.
        zipped: Whether to write a zip archive (else a folder).
    """
    if not getattr(model, "built", True):
        warnings.warn(
            f"You are saving model {model.name!r}, which has not been built "
            "yet: the file holds no weights for its unbuilt layers. Call "
            "the model on data (or `model.build(input_shape)`) first.",
            stacklevel=3,
        )
    config = _config_json(model)
    metadata = json.dumps(_metadata(filepath)).encode("utf-8")
    if not zipped:
        with file_utils.atomic_directory(filepath) as folder:
            assets = os.path.join(folder, archive_io.ASSETS_DIRNAME)
            arrays = checked_arrays(collect_state(model, assets))
            if os.path.isdir(assets) and not os.listdir(assets):
                os.rmdir(assets)
            for name, data in (
                (archive_io.METADATA_FILENAME, metadata),
                (archive_io.CONFIG_FILENAME, config),
            ):
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(data)
            weights = os.path.join(folder, archive_io.WEIGHTS_FILENAME)
            with open(weights, "wb") as f:
                safetensors_io.write(f, arrays, weights_metadata())
        return
    assets = tempfile.mkdtemp(prefix="cornu_assets_")
    try:
        arrays = checked_arrays(collect_state(model, assets))
        with file_utils.atomic_write(filepath) as f:
            _write_zip(f, metadata, config, arrays, assets)
    finally:
        shutil.rmtree(assets, ignore_errors=True)


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info


def _write_zip(f, metadata, config, arrays, assets) -> None:
    with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(_member(archive_io.METADATA_FILENAME), metadata)
        archive.writestr(_member(archive_io.CONFIG_FILENAME), config)
        info = _member(archive_io.WEIGHTS_FILENAME)
        info.file_size = safetensors_io.serialized_size(
            arrays, weights_metadata()
        )
        big = info.file_size > zipfile.ZIP64_LIMIT // 2
        with archive.open(info, "w", force_zip64=big) as member:
            safetensors_io.write(member, arrays, weights_metadata())
        for folder, _, files in sorted(os.walk(assets)):
            for name in sorted(files):
                full = os.path.join(folder, name)
                relative = os.path.relpath(full, assets).replace(os.sep, "/")
                arcname = f"{archive_io.ASSETS_DIRNAME}/{relative}"
                with (
                    open(full, "rb") as src,
                    archive.open(
                        _member(arcname), "w", force_zip64=True
                    ) as dst,
                ):
                    shutil.copyfileobj(src, dst)


# -------------------------------------------------------------- state in


def load_state(
    model: Any,
    reader: Any,
    source: str,
    archive: Any = None,
    skip_mismatch: bool = False,
    skip: Any = (),
) -> None:
    """Loads every object's state from `reader` (see `collect_state`).

    Errors are gathered per object; at the end they raise one
    `ValueError` naming every object that failed (or, with
    `skip_mismatch=True`, a warning, those objects keeping their
    values).
    """
    groups = state_walk.group_keys(reader.keys())
    errors = []
    for path, obj in state_walk.walk(model, skip=skip):
        store = state_walk.ReadEntry(reader, groups.get(path, {}))
        try:
            obj.load_own_variables(store)
            if archive is not None and hasattr(obj, "load_assets"):
                _load_assets(obj, archive, path)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append((obj, path, error))
    optimizer = getattr(model, "optimizer", None)
    stored = groups.get(OPTIMIZER_PATH)
    if (
        stored
        and optimizer is not None
        and hasattr(optimizer, "load_own_variables")
    ):
        try:
            if not getattr(optimizer, "built", True):
                optimizer.build(model.trainable_variables)
            optimizer.load_own_variables(state_walk.ReadEntry(reader, stored))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append((optimizer, OPTIMIZER_PATH, error))
    if errors:
        _report(errors, source, skip_mismatch)


def _load_assets(obj: Any, archive: Any, path: str) -> None:
    folder = archive.extract_assets(path)
    if folder is None:
        return
    try:
        obj.load_assets(folder)
    finally:
        if isinstance(archive, archive_io.ZipArchive):
            shutil.rmtree(folder, ignore_errors=True)


def _report(errors: list, source: str, warn_only: bool) -> None:
    obj, path, error = errors[0]
    names = [
        f"{getattr(o, 'name', type(o).__name__)} (at {p or '<root>'!r})"
        for o, p, _ in errors
    ]
    message = (
        f"A total of {len(errors)} objects could not be loaded from "
        f"{source}. Example error message for object "
        f"{getattr(obj, 'name', obj)!r} at path {path or '<root>'!r}:\n\n"
        f"{error}\n\nList of objects that could not be loaded:\n{names}"
    )
    if warn_only:
        warnings.warn(
            message + "\n\nThese objects keep their current values "
            "(skip_mismatch=True).",
            stacklevel=4,
        )
        return
    raise ValueError(
        message + "\n\nCheck that the file was saved from a model with "
        "the same architecture, or pass `skip_mismatch=True` to "
        "`load_weights` to skip these objects."
    ) from error


def load_model(
    filepath: str,
    custom_objects: dict | None = None,
    compile: bool = True,
    safe_mode: bool = True,
) -> Any:
    """Reads a model written by `save_model` (see the module docstring)."""
    archive = archive_io.open_archive(filepath)
    try:
        _check_metadata(archive, filepath)
        config = archive_io.read_json(archive, archive_io.CONFIG_FILENAME)
        if not isinstance(config, dict) or "class_name" not in config:
            raise ValueError(
                f"Cannot load {filepath!r}: its config.json is not a model "
                "config (a JSON object with 'class_name' and 'config')."
            )
        if not compile:
            config["compile_config"] = None
        with serialization_lib.ObjectSharingScope():
            model = serialization_lib.deserialize_keras_object(
                config, custom_objects=custom_objects, safe_mode=safe_mode
            )
        if not state_walk.is_saveable(model):
            raise ValueError(
                f"Cannot load {filepath!r}: its config describes a "
                f"{type(model).__name__}, not a cornu model or layer."
            )
        reader = archive.weights_reader()
        try:
            load_state(model, reader, reader.source, archive=archive)
        finally:
            reader.close()
    finally:
        archive.close()
    return model


def load_weights_from_archive(
    model: Any,
    filepath: str,
    skip_mismatch: bool = False,
    skip: Any = (),
) -> None:
    """Loads the weights stored in a model archive into `model`."""
    archive = archive_io.open_archive(filepath)
    try:
        _check_metadata(archive, filepath)
        reader = archive.weights_reader()
        try:
            load_state(
                model,
                reader,
                reader.source,
                skip_mismatch=skip_mismatch,
                skip=skip,
            )
        finally:
            reader.close()
    finally:
        archive.close()


def _check_metadata(archive: Any, filepath: str) -> None:
    if archive.has(archive_io.KERAS_WEIGHTS_FILENAME) and not archive.has(
        archive_io.WEIGHTS_FILENAME
    ):
        raise ValueError(
            f"{filepath!r} was written by Keras (its weights are in "
            f"{archive_io.KERAS_WEIGHTS_FILENAME!r}). Reading Keras's h5 "
            "weights arrives with cornu's Keras-interop work; until then, "
            "load it in Keras and save it again from cornu, or rebuild the "
            "model and set its weights."
        )
    if not archive.has(archive_io.METADATA_FILENAME):
        return
    metadata = archive_io.read_json(archive, archive_io.METADATA_FILENAME)
    version = (
        metadata.get("format_version") if isinstance(metadata, dict) else None
    )
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise ValueError(
            f"{filepath!r} uses cornu archive format version {version}, "
            f"newer than this cornu ({__version__}) reads (version "
            f"{FORMAT_VERSION}). Upgrade cornu to load it."
        )


__all__ = [
    "collect_state",
    "load_model",
    "load_state",
    "load_weights_from_archive",
    "save_model",
]
