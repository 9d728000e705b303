"""Process-wide settings: the backend, floatx, epsilon, image_data_format...

This module is the only module-level mutable state in cornu (STYLE.md R19).
Every setter validates its input; `scope(...)` changes settings temporarily.

The backend is resolved once, on first use, from (in order):

1. the `CORNU_BACKEND` environment variable;
2. the `KERAS_BACKEND` environment variable (so Keras users' setups work);
3. the `"backend"` key of `$CORNU_HOME/cornu.json` (`~/.cornu/cornu.json`);
4. the first importable of jax, torch, tensorflow, numpy.

`cornu.json` may also set `floatx`, `epsilon` and `image_data_format`.
Importing cornu never writes to the user's home folder; `save_config_file()`
does, when called.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
import os
import sys
import tempfile
from typing import Any
from typing import Iterator

from cornu.src.api_export import cornu_export
from cornu.src.backend.common.capabilities import unsupported

# Every backend name cornu knows, and the ones this release implements.
KNOWN_BACKENDS = ("numpy", "jax", "torch", "tensorflow", "openvino")
IMPLEMENTED_BACKENDS = ("numpy", "jax", "torch", "tensorflow", "openvino")
# Auto-detection order when nothing is configured.
DEFAULT_BACKEND_ORDER = ("jax", "torch", "tensorflow", "numpy")
# The module each backend needs, and the pip extra that installs it.
BACKEND_FRAMEWORK = {
    "numpy": "numpy",
    "jax": "jax",
    "torch": "torch",
    "tensorflow": "tensorflow",
    "openvino": "openvino",
}
BACKEND_EXTRA = {
    "numpy": "cornu",
    "jax": "cornu[jax]",
    "torch": "cornu[torch]",
    "tensorflow": "cornu[tensorflow]",
    "openvino": "cornu[openvino]",
}

FLOATX_VALUES = ("bfloat16", "float16", "float32", "float64")
IMAGE_DATA_FORMATS = ("channels_last", "channels_first")
CONFIG_FILE_NAME = "cornu.json"

_DEFAULTS: dict[str, Any] = {
    "floatx": "float32",
    "epsilon": 1e-7,
    "image_data_format": "channels_last",
    "max_epochs": None,
    "max_steps_per_epoch": None,
    "flash_attention": None,
    "interactive_logging": True,
    "traceback_filtering": True,
    "unsafe_deserialization": False,
    "dtype_policy": None,
}

# The only module-level mutable settings in cornu.
_settings: dict[str, Any] = {}
_backend: dict[str, str] = {}  # {"name": ..., "source": ...} once resolved
_file_loaded: list[bool] = []


class BackendConfigError(ValueError):
    """The configured backend is unknown, not implemented or not installed."""


def cornu_home() -> str:
    """The folder holding `cornu.json` (`$CORNU_HOME`, else `~/.cornu`)."""
    home = os.environ.get("CORNU_HOME")
    if home:
        return os.path.abspath(os.path.expanduser(home))
    return os.path.join(os.path.expanduser("~"), ".cornu")


def config_file_path() -> str:
    """The path of the `cornu.json` settings file (it may not exist)."""
    return os.path.join(cornu_home(), CONFIG_FILE_NAME)


def _read_config_file() -> dict[str, Any]:
    path = config_file_path()
    if not os.path.isfile(path):
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(
            f"Could not read cornu settings file {path}: {e}. Fix or delete "
            "the file, or point CORNU_HOME at another folder."
        ) from None
    if not isinstance(data, dict):
        raise ValueError(
            f"cornu settings file {path} must hold a JSON object such as "
            '{"backend": "jax", "floatx": "float32"}. Received: '
            f"{type(data).__name__}."
        )
    return data


def _ensure_loaded() -> None:
    """Reads `cornu.json` once, validating each value it sets."""
    if _file_loaded:
        return
    _file_loaded.append(True)
    _settings.update(_DEFAULTS)
    data = _read_config_file()
    where = f" (read from {config_file_path()})"
    if "floatx" in data:
        _settings["floatx"] = _check_floatx(data["floatx"], where)
    if "epsilon" in data:
        _settings["epsilon"] = _check_epsilon(data["epsilon"], where)
    if "image_data_format" in data:
        _settings["image_data_format"] = _check_image_data_format(
            data["image_data_format"], where
        )


def _check_floatx(value: Any, where: str = "") -> str:
    if value not in FLOATX_VALUES:
        raise ValueError(
            f"Unknown floatx{where}. Expected one of {FLOATX_VALUES}. "
            f"Received: floatx={value!r}."
        )
    return str(value)


def _check_epsilon(value: Any, where: str = "") -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not value > 0
        or value != value
    ):
        raise ValueError(
            f"epsilon{where} must be a positive float, e.g. 1e-7. "
            f"Received: epsilon={value!r}."
        )
    return float(value)


def _check_image_data_format(value: Any, where: str = "") -> str:
    normalized = str(value).lower() if isinstance(value, str) else value
    if normalized not in IMAGE_DATA_FORMATS:
        raise ValueError(
            f"Unknown image_data_format{where}. Expected one of "
            f"{IMAGE_DATA_FORMATS}. Received: image_data_format={value!r}."
        )
    return normalized


def _check_optional_positive_int(name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(
            f"{name} must be a positive int, or None to remove the limit. "
            f"Received: {name}={value!r}."
        )
    return value


# ---------------------------------------------------------------- backend


def _framework_importable(name: str) -> bool:
    return importlib.util.find_spec(BACKEND_FRAMEWORK[name]) is not None


def _check_backend_name(name: Any, source: str) -> str:
    if not isinstance(name, str) or name.lower() not in KNOWN_BACKENDS:
        raise BackendConfigError(
            f"Unknown cornu backend {name!r} (from {source}). Expected one "
            f"of {IMPLEMENTED_BACKENDS}. Set it before the first "
            "`import cornu`, e.g. CORNU_BACKEND=jax."
        )
    name = name.lower()
    if name not in IMPLEMENTED_BACKENDS:
        raise BackendConfigError(
            f"The cornu backend {name!r} (from {source}) is not available "
            "in this release of cornu. Use one of "
            f"{IMPLEMENTED_BACKENDS}, e.g. CORNU_BACKEND=jax."
        )
    if not _framework_importable(name):
        raise BackendConfigError(
            f"The cornu backend {name!r} (from {source}) needs the "
            f"{BACKEND_FRAMEWORK[name]!r} package, which is not installed. "
            f"Install it with `pip install '{BACKEND_EXTRA[name]}'`, or "
            "choose an installed backend with CORNU_BACKEND."
        )
    return name


def _resolve_backend() -> tuple[str, str]:
    for var in ("CORNU_BACKEND", "KERAS_BACKEND"):
        value = os.environ.get(var)
        if value:
            source = f"the {var} environment variable"
            return _check_backend_name(value, source), source
    data = _read_config_file()
    if "backend" in data:
        source = f"the settings file {config_file_path()}"
        return _check_backend_name(data["backend"], source), source
    for name in DEFAULT_BACKEND_ORDER:
        if name in IMPLEMENTED_BACKENDS and _framework_importable(name):
            return name, "auto-detection (the first importable framework)"
    raise BackendConfigError(
        "cornu found no backend framework: install one with "
        "`pip install 'cornu[jax]'` (or torch), or at least numpy."
    )


@cornu_export(["cornu.config.backend", "cornu.backend.backend"])
def backend() -> str:
    """Returns the name of the active backend, e.g. `"jax"`.

    Example:

    >>> cornu.config.backend() in (
    ...     "numpy", "jax", "torch", "tensorflow", "openvino"
    ... )
    True
    """
    if not _backend:
        name, source = _resolve_backend()
        _backend.update(name=name, source=source)
    return _backend["name"]


def backend_source() -> str:
    """Where the active backend's name came from, for error messages."""
    backend()
    return _backend["source"]


@cornu_export("cornu.config.set_backend")
def set_backend(backend: str) -> None:
    """Switches the backend by reloading cornu: an unsafe operation.

    Every cornu object created before the call (layers, models, tensors)
    belongs to the old backend and must not be used afterwards. Module
    references bound before the call (`import cornu`) must be re-imported.
    As in Keras, this sets the `CORNU_BACKEND` environment variable, which
    child processes inherit.

    Args:
        backend: Name of the backend, e.g. `"torch"`.
    """
    name = _check_backend_name(backend, "set_backend()")
    os.environ["CORNU_BACKEND"] = name
    for module_name in list(sys.modules):
        if module_name == "cornu" or module_name.startswith("cornu."):
            del sys.modules[module_name]
    importlib.import_module("cornu")


# ---------------------------------------------------------------- floats


@cornu_export(["cornu.config.floatx", "cornu.backend.floatx"])
def floatx() -> str:
    """Returns the default float dtype name, `"float32"` unless changed.

    Example:

    >>> cornu.config.floatx()
    'float32'
    """
    _ensure_loaded()
    return _settings["floatx"]


@cornu_export(["cornu.config.set_floatx", "cornu.backend.set_floatx"])
def set_floatx(value: str) -> None:
    """Sets the default float dtype name.

    Setting it to `"float16"` or `"bfloat16"` to save memory is usually the
    wrong tool: prefer the `"mixed_float16"` / `"mixed_bfloat16"` dtype
    policies, which keep variables in float32.

    Args:
        value: One of `"bfloat16"`, `"float16"`, `"float32"`, `"float64"`.

    Example:

    >>> cornu.config.set_floatx("float64")
    >>> cornu.config.floatx()
    'float64'
    >>> cornu.config.set_floatx("float32")
    """
    _ensure_loaded()
    _settings["floatx"] = _check_floatx(value)


@cornu_export(["cornu.config.epsilon", "cornu.backend.epsilon"])
def epsilon() -> float:
    """Returns the fuzz factor added to denominators, `1e-7` by default.

    Example:

    >>> cornu.config.epsilon()
    1e-07
    """
    _ensure_loaded()
    return _settings["epsilon"]


@cornu_export(["cornu.config.set_epsilon", "cornu.backend.set_epsilon"])
def set_epsilon(value: float) -> None:
    """Sets the fuzz factor added to denominators.

    Args:
        value: A positive float.

    Example:

    >>> cornu.config.set_epsilon(1e-5)
    >>> cornu.config.epsilon()
    1e-05
    >>> cornu.config.set_epsilon(1e-7)
    """
    _ensure_loaded()
    _settings["epsilon"] = _check_epsilon(value)


@cornu_export(
    ["cornu.config.image_data_format", "cornu.backend.image_data_format"]
)
def image_data_format() -> str:
    """Returns the default image layout, `"channels_last"` unless changed.

    Example:

    >>> cornu.config.image_data_format()
    'channels_last'
    """
    _ensure_loaded()
    return _settings["image_data_format"]


@cornu_export(
    [
        "cornu.config.set_image_data_format",
        "cornu.backend.set_image_data_format",
    ]
)
def set_image_data_format(data_format: str) -> None:
    """Sets the default image layout.

    Args:
        data_format: `"channels_last"` (batch, height, width, channels) or
            `"channels_first"` (batch, channels, height, width).

    Example:

    >>> cornu.config.set_image_data_format("channels_first")
    >>> cornu.config.image_data_format()
    'channels_first'
    >>> cornu.config.set_image_data_format("channels_last")
    """
    _ensure_loaded()
    _settings["image_data_format"] = _check_image_data_format(data_format)


# ------------------------------------------------------- training limits


@cornu_export("cornu.config.max_epochs")
def max_epochs() -> int | None:
    """Returns the cap on epochs that `fit` runs, or `None` (no cap).

    The cap can also be set with the `CORNU_MAX_EPOCHS` environment
    variable (`KERAS_MAX_EPOCHS` is honoured too); handy to smoke-test a
    long training script quickly.
    """
    _ensure_loaded()
    if _settings["max_epochs"] is not None:
        return _settings["max_epochs"]
    return _env_int("CORNU_MAX_EPOCHS", "KERAS_MAX_EPOCHS")


@cornu_export("cornu.config.set_max_epochs")
def set_max_epochs(max_epochs: int | None) -> None:
    """Caps the number of epochs `fit` runs; `None` removes the cap.

    Example:

    >>> cornu.config.set_max_epochs(2)
    >>> cornu.config.max_epochs()
    2
    >>> cornu.config.set_max_epochs(None)
    """
    _ensure_loaded()
    _settings["max_epochs"] = _check_optional_positive_int(
        "max_epochs", max_epochs
    )


@cornu_export("cornu.config.max_steps_per_epoch")
def max_steps_per_epoch() -> int | None:
    """Returns the cap on steps per epoch, or `None` (no cap).

    Also settable with `CORNU_MAX_STEPS_PER_EPOCH` (or
    `KERAS_MAX_STEPS_PER_EPOCH`).
    """
    _ensure_loaded()
    if _settings["max_steps_per_epoch"] is not None:
        return _settings["max_steps_per_epoch"]
    return _env_int("CORNU_MAX_STEPS_PER_EPOCH", "KERAS_MAX_STEPS_PER_EPOCH")


@cornu_export("cornu.config.set_max_steps_per_epoch")
def set_max_steps_per_epoch(max_steps_per_epoch: int | None) -> None:
    """Caps the steps per epoch of `fit`/`evaluate`; `None` removes it.

    Example:

    >>> cornu.config.set_max_steps_per_epoch(10)
    >>> cornu.config.max_steps_per_epoch()
    10
    >>> cornu.config.set_max_steps_per_epoch(None)
    """
    _ensure_loaded()
    _settings["max_steps_per_epoch"] = _check_optional_positive_int(
        "max_steps_per_epoch", max_steps_per_epoch
    )


def _env_int(*names: str) -> int | None:
    for name in names:
        raw = os.environ.get(name)
        if raw:
            try:
                value = int(raw)
            except ValueError:
                value = -1
            if value <= 0:
                raise ValueError(
                    f"The {name} environment variable must be a positive "
                    f"integer. Received: {raw!r}. Unset it to remove the "
                    "limit."
                )
            return value
    return None


# ------------------------------------------------------------- switches


@cornu_export("cornu.config.enable_flash_attention")
def enable_flash_attention() -> None:
    """Requires fused (flash) attention in `ops.dot_product_attention`.

    By default (`is_flash_attention_enabled()` is `None`) cornu uses a
    fused kernel whenever the backend and inputs allow it.
    """
    _ensure_loaded()
    _settings["flash_attention"] = True


@cornu_export("cornu.config.disable_flash_attention")
def disable_flash_attention() -> None:
    """Forbids fused (flash) attention in `ops.dot_product_attention`."""
    _ensure_loaded()
    _settings["flash_attention"] = False


@cornu_export("cornu.config.is_flash_attention_enabled")
def is_flash_attention_enabled() -> bool | None:
    """`True`/`False` when forced on/off; `None` means automatic.

    Example:

    >>> cornu.config.is_flash_attention_enabled() is None
    True
    """
    _ensure_loaded()
    return _settings["flash_attention"]


@cornu_export("cornu.config.enable_interactive_logging")
def enable_interactive_logging() -> None:
    """Progress bars and summaries print to stdout (the default)."""
    _ensure_loaded()
    _settings["interactive_logging"] = True


@cornu_export("cornu.config.disable_interactive_logging")
def disable_interactive_logging() -> None:
    """Progress bars and summaries go to the `logging` module instead."""
    _ensure_loaded()
    _settings["interactive_logging"] = False


@cornu_export("cornu.config.is_interactive_logging_enabled")
def is_interactive_logging_enabled() -> bool:
    """Whether progress and summaries print to stdout.

    Example:

    >>> cornu.config.is_interactive_logging_enabled()
    True
    """
    _ensure_loaded()
    return _settings["interactive_logging"]


@cornu_export("cornu.config.enable_traceback_filtering")
def enable_traceback_filtering() -> None:
    """Hides cornu-internal frames from tracebacks (the default)."""
    _ensure_loaded()
    _settings["traceback_filtering"] = True


@cornu_export("cornu.config.disable_traceback_filtering")
def disable_traceback_filtering() -> None:
    """Shows full tracebacks, cornu-internal frames included."""
    _ensure_loaded()
    _settings["traceback_filtering"] = False


@cornu_export("cornu.config.is_traceback_filtering_enabled")
def is_traceback_filtering_enabled() -> bool:
    """Whether cornu-internal frames are hidden from tracebacks.

    Example:

    >>> cornu.config.is_traceback_filtering_enabled()
    True
    """
    _ensure_loaded()
    return _settings["traceback_filtering"]


@cornu_export("cornu.config.enable_unsafe_deserialization")
def enable_unsafe_deserialization() -> None:
    """Lets loading run code stored in files (e.g. Lambda bytecode).

    Equivalent to passing `safe_mode=False` to every load call in this
    process. Only do this for files you trust: a model file can then run
    arbitrary code on your machine.
    """
    _ensure_loaded()
    _settings["unsafe_deserialization"] = True


def is_unsafe_deserialization_enabled() -> bool:
    """Whether `enable_unsafe_deserialization()` was called."""
    _ensure_loaded()
    return _settings["unsafe_deserialization"]


@cornu_export("cornu.config.enable_nnx_backend")
def enable_nnx_backend() -> None:
    """Would make cornu layers Flax NNX modules on JAX: not available yet.

    Raises:
        BackendNotSupportedError: always, in this release.
    """
    raise unsupported(
        "jax",
        "config.enable_nnx_backend",
        "cornu has no Flax NNX integration yet. cornu layers work with "
        "plain JAX through `Layer.stateless_call`.",
    )


@cornu_export("cornu.config.disable_nnx_backend")
def disable_nnx_backend() -> None:
    """Keeps cornu layers plain (the only mode in this release)."""
    _ensure_loaded()


@cornu_export("cornu.config.is_nnx_backend_enabled")
def is_nnx_backend_enabled() -> bool:
    """Whether Flax NNX integration is on: always `False` in this release.

    Example:

    >>> cornu.config.is_nnx_backend_enabled()
    False
    """
    return False


def global_dtype_policy() -> Any:
    """The process-wide dtype policy set by `set_dtype_policy`, or None."""
    _ensure_loaded()
    return _settings["dtype_policy"]


def set_global_dtype_policy(policy: Any) -> None:
    """Stores the process-wide dtype policy (validated by the caller)."""
    _ensure_loaded()
    _settings["dtype_policy"] = policy


# ---------------------------------------------------------------- scope


_SETTERS = {
    "floatx": _check_floatx,
    "epsilon": _check_epsilon,
    "image_data_format": _check_image_data_format,
    "max_epochs": lambda v: _check_optional_positive_int("max_epochs", v),
    "max_steps_per_epoch": lambda v: _check_optional_positive_int(
        "max_steps_per_epoch", v
    ),
}


@cornu_export("cornu.config.scope")
@contextlib.contextmanager
def scope(**settings: Any) -> Iterator[None]:
    """Changes settings inside a `with` block; restores all of them on exit.

    Every setting (also those changed by setters inside the block) gets back
    its value from entry, even when the block raises.

    Args:
        **settings: Any of `floatx`, `epsilon`, `image_data_format`,
            `max_epochs`, `max_steps_per_epoch`.

    Example:

    >>> with cornu.config.scope(floatx="float16"):
    ...     cornu.config.floatx()
    'float16'
    >>> cornu.config.floatx()
    'float32'
    """
    _ensure_loaded()
    unknown = sorted(set(settings) - set(_SETTERS))
    if unknown:
        raise ValueError(
            f"cornu.config.scope got unknown settings {unknown}. Expected "
            f"any of {sorted(_SETTERS)}."
        )
    new = {key: _SETTERS[key](value) for key, value in settings.items()}
    old = dict(_settings)
    _settings.update(new)
    try:
        yield
    finally:
        _settings.clear()
        _settings.update(old)


def snapshot() -> dict[str, Any]:
    """A copy of every setting, for tests that check nothing leaked."""
    _ensure_loaded()
    return dict(_settings, backend=backend())


def restore(saved: dict[str, Any]) -> None:
    """Restores settings taken by `snapshot()` (the backend excepted)."""
    _ensure_loaded()
    _settings.update({k: v for k, v in saved.items() if k != "backend"})


@cornu_export("cornu.config.save_config_file")
def save_config_file() -> str:
    """Writes the current settings to `$CORNU_HOME/cornu.json`.

    cornu never writes this file on its own. The write is atomic: a temporary
    file in the same folder is renamed over the old one.

    Returns:
        The path written.
    """
    _ensure_loaded()
    path = config_file_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = {
        "backend": backend(),
        "floatx": _settings["floatx"],
        "epsilon": _settings["epsilon"],
        "image_data_format": _settings["image_data_format"],
    }
    fd, tmp = tempfile.mkstemp(
        prefix=".cornu-", suffix=".json.tmp", dir=os.path.dirname(path)
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=4)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
