"""Optimizer hooks of the openvino backend (integration tier): none are fused.

The base optimizer falls back to its generic per-variable update loop,
which is traced and compiled as a whole on backends that compile steps.
"""


def fused_update(optimizer, kind):
    """No fused multi-tensor update on this backend: always `None`."""
    del optimizer, kind
    return None


def apply_weight_decay(optimizer, variables, learning_rate, weight_decay):
    """Not handled here: returns `False` (the base decays each variable)."""
    del optimizer, variables, learning_rate, weight_decay
    return False


def increment(variable):
    """Not handled here: returns `False` (the base calls `assign_add`)."""
    del variable
    return False


__all__ = ["apply_weight_decay", "fused_update", "increment"]
