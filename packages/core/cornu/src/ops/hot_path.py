"""Binds a public op to the active backend's one-frame hot path.

A backend may provide `HOT_PATHS` (see `backend/torch/_hot_paths.py`):
for a public op `"<family>.<name>"`, a maker that wraps the public
function into one function doing the common case directly. `@hot_path`
under `@cornu_export` binds it at import; with no maker the public
function is returned unchanged. The bound function keeps the public one's
name, docstring and signature (`__wrapped__`).
"""

from __future__ import annotations

import functools
from typing import Callable

from cornu.src import backend


def hot_path(public: Callable) -> Callable:
    """Returns `public`, or its fusion with the backend's hot path."""
    family = public.__module__.split(".")[3]  # cornu.src.ops.<family>.x
    make = backend.hot_paths.get(f"{family}.{public.__name__}")
    if make is None:
        return public
    return functools.update_wrapper(make(public), public)
