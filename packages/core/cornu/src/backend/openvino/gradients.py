"""OpenVINO has no automatic differentiation (integration tier).

Its `CAPABILITIES.training` is `False`; callers check it first.
"""

from cornu.src.backend.common.capabilities import unsupported


def value_and_grad(fn, values):
    raise unsupported(
        "openvino",
        "value_and_grad",
        "OpenVINO runs inference only and has no automatic "
        "differentiation; use the jax, torch or tensorflow backend to "
        "compute gradients or train.",
    )


__all__ = ["value_and_grad"]
