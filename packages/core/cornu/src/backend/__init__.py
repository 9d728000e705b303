"""The only place that turns the configured backend name into code (R5).

Every backend package provides the same namespaces under the same names;
`load_integration` loads the integration tier (trainer, optimizer, ...)
which may import upper layers of cornu.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.backend import config


def _import_backend(name: str) -> ModuleType:
    try:
        return importlib.import_module(f"cornu.src.backend.{name}")
    except ImportError as e:
        raise config.BackendConfigError(
            f"The cornu backend {name!r} (from {config.backend_source()}) "
            f"could not be imported: {e}. Reinstall it with "
            f"`pip install '{config.BACKEND_EXTRA[name]}'`, or choose "
            "another backend with CORNU_BACKEND."
        ) from e


_active = _import_backend(config.backend())
# Python binds `cornu.src.backend.numpy` to the NumPy backend *package* the
# first time that package is imported. Were that to happen after the
# assignment of `numpy` below (say, a test comparing backends imports it),
# it would replace the active backend's numpy-API namespace. Importing the
# package first (about 6 ms; it needs only NumPy) makes the assignment
# below final.
importlib.import_module("cornu.src.backend.numpy")

name = _active.NAME
core = _active.core
numpy = _active.numpy  # never the real numpy: the backend's numpy-API ops
nn = _active.nn
math = _active.math
linalg = _active.linalg
image = _active.image
random = _active.random
rnn = _active.rnn
capabilities = _active.CAPABILITIES
unsupported_ops = _active.UNSUPPORTED
# Public ops the backend runs in one frame (`cornu.src.ops.hot_path`).
hot_paths = getattr(_active, "HOT_PATHS", {})

# The active backend's Variable class, public as `cornu.Variable` (its
# docstring is the shared one of backend/common/variables.py).
Variable = _active.core.Variable
cornu_export.add("cornu.Variable", __name__, "Variable")


@cornu_export("cornu.device")
def device(device_name: str) -> Any:
    """Context manager placing new tensors and variables on a device.

    Device names are `"<type>:<index>"` or `"<type>"` with type `cpu`,
    `gpu` (`cuda` is an alias), `tpu` or `mps`, as the backend supports.
    The numpy backend accepts only the CPU.

    Args:
        device_name: The device, e.g. `"cpu:0"` or `"gpu:1"`.

    Example:

    >>> with cornu.device("cpu:0"):
    ...     v = cornu.Variable([1.0, 2.0])
    >>> v.numpy().tolist()
    [1.0, 2.0]
    """
    return _active.core.device_scope(device_name)


def load_integration(module_name: str) -> ModuleType:
    """Imports `<active backend>.<module_name>` (trainer, optimizer, ...)."""
    return importlib.import_module(
        f"cornu.src.backend.{config.backend()}.{module_name}"
    )
