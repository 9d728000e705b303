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
from cornu.src.backend.common import deferred_init
from cornu.src.saving import archive_io
from cornu.src.saving import file_utils
from cornu.src.saving import h5_io
from cornu.src.saving import safetensors_io
from cornu.src.saving import serialization_lib
from cornu.src.saving import state_walk
from cornu.src.version import __version__

FORMAT_NAME = "cornu"
FORMAT_VERSION = 1
OPTIMIZER_PATH = "optimizer"
KERAS_SUFFIX = ".keras"
# The Keras 3 release whose `.keras` layout cornu writes (and tests
# against), recorded as `keras_version` in such files' metadata.
KERAS_LAYOUT_VERSION = "3.15.1"

_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def _to_numpy(value: Any) -> Any:
    return ops.convert_to_numpy(value)


# ------------------------------------------------------------- state out


def collect_state(
    model: Any,
    assets_dir: str | None = None,
    skip: Any = (),
    names: dict | None = None,
) -> dict:
    """`{flat key: NumPy array}` of every object's state, in walk order.

    Layers defining `save_assets(dir)` write into
    `<assets_dir>/<object path>` when `assets_dir` is given. The
    model's optimizer, when built, adds `optimizer/vars/<i>`. A `names`
    dict receives `{object path: object name}` (Keras's h5 records
    them).
    """
    entries: dict = {}
    names = {} if names is None else names
    for path, obj in state_walk.walk(model, skip=skip):
        names[path] = getattr(obj, "name", None) or type(obj).__name__
        obj.save_own_variables(state_walk.WriteEntry(entries, path, _to_numpy))
        if assets_dir is not None and hasattr(obj, "save_assets"):
            folder = os.path.join(assets_dir, *path.split("/") if path else ())
            os.makedirs(folder, exist_ok=True)
            obj.save_assets(folder)
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and hasattr(optimizer, "save_own_variables"):
        if getattr(optimizer, "built", True):
            names[OPTIMIZER_PATH] = optimizer.name
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


def _metadata(keras_layout: bool) -> dict:
    date = datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")
    if keras_layout:
        return {
            "keras_version": KERAS_LAYOUT_VERSION,
            "date_saved": date,
            "cornu_version": __version__,
            "backend": backend.name,
        }
    return {
        "cornu_version": __version__,
        "backend": backend.name,
        "date_saved": date,
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "weights_format": "safetensors",
    }


def keras_modules(config: Any) -> Any:
    """`config` with cornu's public modules renamed to Keras's
    (`cornu.layers` -> `keras.layers`), so Keras 3 resolves every
    built-in class to its own (cornu reads both names)."""
    if isinstance(config, list):
        return [keras_modules(item) for item in config]
    if not isinstance(config, dict):
        return config
    converted = {key: keras_modules(value) for key, value in config.items()}
    module = converted.get("module")
    if "class_name" in converted and isinstance(module, str):
        if module == "cornu" or module.startswith("cornu."):
            converted["module"] = "keras" + module[len("cornu") :]
    return converted


def _config_json(model: Any, keras_layout: bool) -> bytes:
    with serialization_lib.ObjectSharingScope():
        config = serialization_lib.serialize_keras_object(model)
    if keras_layout:
        config = keras_modules(config)
    return json.dumps(config).encode("utf-8")


def is_keras_layout(filepath: str) -> bool:
    """Whether a save to `filepath` uses Keras 3's layout (`.keras`)."""
    return os.fspath(filepath).endswith(KERAS_SUFFIX)


def weights_filename(keras_layout: bool) -> str:
    """The weights member of an archive in either layout."""
    if keras_layout:
        return archive_io.KERAS_WEIGHTS_FILENAME
    return archive_io.WEIGHTS_FILENAME


class _Weights:
    """A model's state, ready to write as safetensors or Keras's h5."""

    def __init__(self, model: Any, assets_dir: str | None) -> None:
        self.names: dict = {}
        self.arrays = checked_arrays(
            collect_state(model, assets_dir, names=self.names)
        )

    def write(self, f: Any, keras_layout: bool) -> None:
        if keras_layout:
            h5_io.write(f, self.arrays, self.names)
        else:
            safetensors_io.write(f, self.arrays, weights_metadata())


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
    keras_layout = is_keras_layout(filepath)
    config = _config_json(model, keras_layout)
    metadata = json.dumps(_metadata(keras_layout)).encode("utf-8")
    if not zipped:
        with file_utils.atomic_directory(filepath) as folder:
            assets = os.path.join(folder, archive_io.ASSETS_DIRNAME)
            weights = _Weights(model, assets)
            if os.path.isdir(assets) and not os.listdir(assets):
                os.rmdir(assets)
            for name, data in (
                (archive_io.METADATA_FILENAME, metadata),
                (archive_io.CONFIG_FILENAME, config),
            ):
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(data)
            name = weights_filename(keras_layout)
            with open(os.path.join(folder, name), "wb") as f:
                weights.write(f, keras_layout)
        return
    with file_utils.atomic_write(filepath) as f:
        # Assets and h5 weights (h5py needs a seekable file) are staged
        # next to the target, then copied into the zip.
        scratch = tempfile.mkdtemp(
            prefix=f".{os.path.basename(filepath)}.",
            suffix=".scratch",
            dir=os.path.dirname(os.path.abspath(filepath)),
        )
        try:
            assets = os.path.join(scratch, archive_io.ASSETS_DIRNAME)
            weights = _Weights(model, assets)
            _write_zip(f, metadata, config, weights, keras_layout, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def _write_zip(f, metadata, config, weights, keras_layout, scratch) -> None:
    # Every member is stored uncompressed, weights included, so that
    # loading maps them in place.
    name = weights_filename(keras_layout)
    with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(_member(archive_io.METADATA_FILENAME), metadata)
        archive.writestr(_member(archive_io.CONFIG_FILENAME), config)
        if keras_layout:
            staged = os.path.join(scratch, name)
            with open(staged, "wb") as staging:
                weights.write(staging, keras_layout)
            _copy_member(archive, staged, name)
        else:
            with archive.open(_member(name), "w", force_zip64=True) as member:
                weights.write(member, keras_layout)
        assets = os.path.join(scratch, archive_io.ASSETS_DIRNAME)
        for folder, _, files in sorted(os.walk(assets)):
            for file in sorted(files):
                full = os.path.join(folder, file)
                relative = os.path.relpath(full, assets).replace(os.sep, "/")
                _copy_member(
                    archive, full, f"{archive_io.ASSETS_DIRNAME}/{relative}"
                )


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info


def _copy_member(archive: zipfile.ZipFile, source: str, name: str) -> None:
    info = _member(name)
    info.file_size = os.path.getsize(source)
    big = info.file_size > zipfile.ZIP64_LIMIT // 2
    with (
        open(source, "rb") as src,
        archive.open(info, "w", force_zip64=big) as dst,
    ):
        shutil.copyfileobj(src, dst, 1 << 20)


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
        # The file's weights replace every initial value: initializers
        # run only for the variables the file does not set.
        with deferred_init.deferred() as pending:
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
        deferred_init.initialize_unassigned(pending)
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
    if not archive.has(archive_io.METADATA_FILENAME):
        return
    metadata = archive_io.read_json(archive, archive_io.METADATA_FILENAME)
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT_NAME:
        return  # e.g. written by Keras
    version = metadata.get("format_version")
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
