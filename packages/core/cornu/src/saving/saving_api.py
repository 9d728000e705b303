"""`cornu.saving.save_model`/`load_model`/`save_weights`/`load_weights`.

The public entry points (also `Model.save`, `Model.save_weights`,
`Model.load_weights`): they check paths and arguments the way Keras 3
does, then hand over to `saving_lib` (whole models) or `weights_io`
(weights only). Two layouts, chosen by the file name:

- cornu's native `.cornu` zip (or folder, with `zipped=False`): weights
  as safetensors, memory-mapped on load; weights-only files
  `.weights.safetensors`, optionally sharded;
- Keras 3's `.keras` zip (weights in `model.weights.h5`) and
  `.weights.h5` files, which Keras 3 writes and reads too.
"""

from __future__ import annotations

import os
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.saving import file_utils
from cornu.src.saving import saving_lib
from cornu.src.saving import weights_io

ARCHIVE_SUFFIXES = (".cornu", ".keras")
WEIGHTS_SUFFIXES = (
    ".safetensors",
    weights_io.INDEX_SUFFIX,
    ".weights.h5",
    ".weights.json",
)
_H5_SUFFIXES = (".h5", ".hdf5")


def _path(filepath: Any, caller: str) -> str:
    try:
        return os.fspath(filepath)
    except TypeError:
        raise TypeError(
            f"`{caller}` expects `filepath` to be a str or path-like object. "
            f"Received: filepath={filepath!r} of type "
            f"{type(filepath).__name__}."
        ) from None


def _may_write(path: str, overwrite: bool) -> bool:
    if overwrite or not os.path.exists(path):
        return True
    return file_utils.ask_to_proceed_with_overwrite(path)


@cornu_export(["cornu.saving.save_model", "cornu.models.save_model"])
def save_model(
    model: Any,
    filepath: Any,
    overwrite: bool = True,
    zipped: bool | None = None,
    **kwargs: Any,
) -> None:
    """Saves a model (config, weights, optimizer state, assets) to a file.

    The file is a zip archive holding `config.json`, `metadata.json`,
    the weights (keyed by Keras 3's object paths, e.g.
    `layers/dense/vars/0`; the optimizer's state under
    `optimizer/vars/...`) and `assets/`. A `.cornu` archive keeps the
    weights as `model.weights.safetensors` (cornu's native layout,
    memory-mapped on load); a `.keras` archive is in Keras 3's own layout
    (`model.weights.h5`, `keras.*` class modules), so Keras 3 loads it.
    With `zipped=False` the same files go into a folder. The write is
    atomic: the file appears complete or not at all, and an existing file
    survives a failed save. `model.save(filepath)` is the same call.

    Args:
        model: The model to save.
        filepath: `str` or path-like; ends in `.cornu` or `.keras` when
            zipped.
        overwrite: Whether to replace an existing file; if `False`, asks
            on the terminal.
        zipped: Whether to write a zip archive (default) or a folder.
        **kwargs: `include_optimizer` (accepted as in Keras; the
            optimizer state is always included) and `save_format`
            (deprecated in Keras 3).

    Raises:
        ValueError: for another file extension or unknown arguments.

    Example:

    >>> import os, tempfile
    >>> model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(2)])
    >>> path = os.path.join(tempfile.mkdtemp(), "model.cornu")
    >>> cornu.saving.save_model(model, path)
    >>> loaded = cornu.saving.load_model(path)
    >>> [layer.name for layer in loaded.layers] == [
    ...     layer.name for layer in model.layers]
    True
    """
    path = _path(filepath, "save_model")
    kwargs.pop("include_optimizer", None)
    save_format = kwargs.pop("save_format", None)
    if save_format:
        raise ValueError(
            "The `save_format` argument is deprecated in Keras 3 and not "
            "supported by cornu: the format follows from the file name. "
            f"Remove it. Received: save_format={save_format!r}."
        )
    if kwargs:
        raise ValueError(
            "The following argument(s) are not supported by `save_model`: "
            f"{sorted(kwargs)}."
        )
    zipped = True if zipped is None else bool(zipped)
    if zipped and not path.endswith(ARCHIVE_SUFFIXES):
        hint = (
            " Legacy HDF5 model files (Keras 2's `.h5`) are not supported."
            if path.endswith(_H5_SUFFIXES)
            else ""
        )
        raise ValueError(
            "Invalid filepath extension for saving. Add a `.cornu` (native) "
            "or `.keras` extension, or pass `zipped=False` to write a "
            f"folder.{hint} Received: filepath={path!r}."
        )
    if not _may_write(path, overwrite):
        return
    saving_lib.save_model(model, path, zipped=zipped)


@cornu_export(["cornu.saving.load_model", "cornu.models.load_model"])
def load_model(
    filepath: Any,
    custom_objects: dict | None = None,
    compile: bool = True,
    safe_mode: bool = True,
) -> Any:
    """Loads a model saved with `model.save()` / `save_model`.

    The model is rebuilt from its config without importing any module or
    calling any function named by the file: classes resolve only from
    cornu's API, registered objects and `custom_objects`. Archive members
    are read by exact name and every declared size is checked before
    anything is allocated; weights are memory-mapped from the file. Both
    cornu's `.cornu` archives and `.keras` archives written by Keras 3
    (or by cornu) load.

    Args:
        filepath: `str` or path-like: a `.cornu`/`.keras` zip, or a folder
            written with `zipped=False`.
        custom_objects: Optional dict mapping names to custom classes or
            functions used by the model.
        compile: Whether to compile the model (when it was compiled when
            saved) and restore its optimizer's state.
        safe_mode: Whether to refuse `lambda`s stored as Python bytecode.
            `safe_mode=False` lets the file run code: use it only for
            files you trust.

    Returns:
        The model, with its weights (and, if `compile`, its compile
        configuration and optimizer state).

    Raises:
        ValueError: for files that are not model archives, are damaged,
            truncated or hostile, or whose weights do not fit the model.
        TypeError: for configs naming classes cornu cannot find.

    Example:

    >>> import os, tempfile
    >>> import numpy as np
    >>> model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(2)])
    >>> path = os.path.join(tempfile.mkdtemp(), "model.cornu")
    >>> cornu.saving.save_model(model, path)
    >>> loaded = cornu.saving.load_model(path)
    >>> x = np.ones((1, 3), "float32")
    >>> bool(np.allclose(cornu.ops.convert_to_numpy(model(x)),
    ...                  cornu.ops.convert_to_numpy(loaded(x))))
    True
    """
    path = _path(filepath, "load_model")
    if path.endswith(_H5_SUFFIXES) and not os.path.isdir(path):
        raise ValueError(
            "Legacy Keras HDF5 model files (`.h5`) are not supported. Save "
            "the model in Keras 3's `.keras` format, or as `.cornu`. "
            f"Received: filepath={path!r}."
        )
    if not os.path.isdir(path) and not path.endswith(ARCHIVE_SUFFIXES):
        if os.path.exists(path):
            raise ValueError(
                f"File format not supported: filepath={path!r}. cornu loads "
                "`.cornu` and `.keras` archives and folders written with "
                "`zipped=False`."
            )
    return saving_lib.load_model(
        path,
        custom_objects=custom_objects,
        compile=compile,
        safe_mode=safe_mode,
    )


def _objects_to_skip(kwargs: dict, caller: str) -> Any:
    skip = kwargs.pop("objects_to_skip", None) or ()
    if kwargs.pop("by_name", None) is not None:
        raise ValueError(
            "`by_name` only applies to legacy Keras `.h5` files, which cornu "
            "does not read. Remove the argument."
        )
    if kwargs:
        raise ValueError(
            f"Invalid keyword arguments for `{caller}`: {sorted(kwargs)}. "
            "Accepted: `objects_to_skip`."
        )
    return skip


@cornu_export("cornu.saving.save_weights")
def save_weights(
    model: Any,
    filepath: Any,
    overwrite: bool = True,
    max_shard_size: Any = None,
    **kwargs: Any,
) -> None:
    """Saves a model's weights (and optimizer state) to one file.

    The keys are Keras 3's object paths (`layers/dense/vars/0`, ...).
    A `.weights.safetensors` name writes safetensors; with
    `max_shard_size`, the weights are split into several files listed in
    `<filepath>.index.json` (Hugging Face's layout). A `.weights.h5` name
    writes Keras 3's h5 layout, which Keras 3 loads; a `.weights.json`
    name with `max_shard_size` writes Keras 3's sharded h5 layout
    (`<stem>_00000.weights.h5`, ... and the index). Writes are atomic.
    `model.save_weights(filepath)` is the same call.

    Args:
        model: The model.
        filepath: `str` or path-like ending in `.weights.safetensors` (or
            `.safetensors`), `.weights.h5`, or `.weights.json` (sharded).
        overwrite: Whether to replace an existing file; if `False`, asks
            on the terminal.
        max_shard_size: `None` (one file), a number of gigabytes (as in
            Keras) or a string with a unit such as `"500MB"` or `"2GiB"`.
        **kwargs: `objects_to_skip`: layers whose state is left out.

    Raises:
        ValueError: for other file names or a bad `max_shard_size`.

    Example:

    >>> import os, tempfile
    >>> model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(2)])
    >>> path = os.path.join(tempfile.mkdtemp(), "m.weights.safetensors")
    >>> cornu.saving.save_weights(model, path)
    >>> cornu.saving.load_weights(model, path)
    >>> os.path.exists(path)
    True
    """
    path = _path(filepath, "save_weights")
    skip = _objects_to_skip(dict(kwargs), "save_weights")
    if not path.endswith(WEIGHTS_SUFFIXES):
        raise ValueError(
            "The filename must end in `.weights.safetensors` (cornu's native "
            "weights format), `.weights.h5` (Keras 3's) or `.weights.json` "
            f"(Keras 3's sharded h5). Received: filepath={path!r}."
        )
    if max_shard_size is None and path.endswith(
        (weights_io.INDEX_SUFFIX, ".weights.json")
    ):
        raise ValueError(
            "A `.index.json` or `.weights.json` file name is for sharded "
            "weights: pass `max_shard_size` too, or name the file "
            "`*.weights.safetensors` or `*.weights.h5`. Received: "
            f"filepath={path!r}."
        )
    target = (
        weights_io.index_path(path)
        if max_shard_size is not None and path.endswith(".safetensors")
        else path
    )
    if not _may_write(target, overwrite):
        return
    weights_io.save_weights(model, path, max_shard_size, skip=skip)


@cornu_export("cornu.saving.load_weights")
def load_weights(
    model: Any, filepath: Any, skip_mismatch: bool = False, **kwargs: Any
) -> None:
    """Loads weights saved by `save_weights` or `save_model` into a model.

    Accepts `.weights.safetensors` files (single or sharded, the latter
    through the file name passed when saving or the `.index.json`
    itself), `.weights.h5` files and `.weights.json` sharded sets
    written by Keras 3 or cornu, and whole-model `.cornu`/`.keras`
    archives or folders.
    `model.load_weights(filepath)` is the same call.

    Args:
        model: A model with the same architecture as the saved one.
        filepath: `str` or path-like.
        skip_mismatch: Whether layers whose saved variables do not fit
            (count or shape) are skipped with a warning instead of
            raising.
        **kwargs: `objects_to_skip`: layers to leave untouched.

    Raises:
        ValueError: for unsupported files, damaged files, or (unless
            `skip_mismatch`) weights that do not fit the model.
        FileNotFoundError: if nothing is found at `filepath`.

    Example:

    >>> import os, tempfile
    >>> import numpy as np
    >>> model = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(2)])
    >>> path = os.path.join(tempfile.mkdtemp(), "m.weights.safetensors")
    >>> cornu.saving.save_weights(model, path)
    >>> other = cornu.Sequential([cornu.Input((3,)), cornu.layers.Dense(2)])
    >>> cornu.saving.load_weights(other, path)
    >>> all(np.array_equal(a, b)
    ...     for a, b in zip(model.get_weights(), other.get_weights()))
    True
    """
    path = _path(filepath, "load_weights")
    skip = _objects_to_skip(dict(kwargs), "load_weights")
    if path.endswith(_H5_SUFFIXES) and not path.endswith(".weights.h5"):
        raise ValueError(
            "Legacy Keras 2 h5 weights files are not supported; cornu reads "
            "Keras 3's `.weights.h5` files. Rename the file if it was "
            "written by Keras 3's `save_weights`. Received: "
            f"filepath={path!r}."
        )
    if path.endswith(ARCHIVE_SUFFIXES) or os.path.isdir(path):
        from_archive = True
    elif path.endswith(WEIGHTS_SUFFIXES):
        from_archive = False
    else:
        raise ValueError(
            f"File format not supported: filepath={path!r}. `load_weights` "
            "reads `.weights.safetensors` files (single or sharded), "
            "`.weights.h5` files and `.cornu`/`.keras` archives."
        )
    if not from_archive:
        weights_io.load_weights(
            model, path, skip_mismatch=skip_mismatch, skip=skip
        )
        return
    saving_lib.load_weights_from_archive(
        model, path, skip_mismatch=skip_mismatch, skip=skip
    )


__all__ = ["load_model", "load_weights", "save_model", "save_weights"]
