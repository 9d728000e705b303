"""Skipping initializers whose values a load is about to overwrite.

`load_model` rebuilds a model from its config, which builds every layer,
which runs every weight's initializer (random draws: on jax a compiled
kernel per shape), only for the file's weights to replace them all.
Inside `deferred()`, a variable with a callable initializer starts as
zeros and keeps its initializer; `assign` drops it. After the weights are
loaded, `initialize_unassigned` runs the initializers of the variables
the file did not set (an optimizer never saved, a layer skipped), so the
result is the same as without deferral, minus the wasted draws.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Iterator

_STATE = threading.local()


def pending_variables() -> list | None:
    """The list collecting deferred variables, or None outside
    `deferred()`."""
    return getattr(_STATE, "pending", None)


@contextlib.contextmanager
def deferred() -> Iterator[list]:
    """Defers the initializers of the variables created inside; yields the
    list of those variables (for `initialize_unassigned`)."""
    previous = pending_variables()
    pending: list = []
    _STATE.pending = pending
    try:
        yield pending
    finally:
        _STATE.pending = previous


def initialize_unassigned(pending: list) -> int:
    """Runs the deferred initializer of every variable in `pending` that
    was not assigned since; returns how many ran."""
    count = 0
    for variable in pending:
        initializer = variable._pending_initializer
        if initializer is not None:
            variable.assign(initializer(variable.shape, dtype=variable.dtype))
            count += 1
    pending.clear()
    return count


__all__ = ["deferred", "initialize_unassigned", "pending_variables"]
