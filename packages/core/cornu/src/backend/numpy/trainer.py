"""The NumPy backend's trainer (integration tier): inference only.

`evaluate` and `predict` run the generic stateful steps eagerly; training
needs gradients, which NumPy lacks, so `fit` and `train_on_batch` raise
an error naming the backends that train.
"""

from __future__ import annotations

from typing import Any

from cornu.src.backend.common.capabilities import unsupported


class Trainer:
    """Step functions for the numpy backend (no training step)."""

    _auto_jit_compile = False

    def train_step(self, data: Any) -> dict:
        raise _no_training()

    def make_train_function(self, force: bool = False):
        raise _no_training()


def _no_training() -> Exception:
    return unsupported(
        "numpy",
        "fit",
        "The numpy backend runs inference only (no automatic "
        "differentiation). Train with the jax or torch backend (set "
        "CORNU_BACKEND=jax or CORNU_BACKEND=torch), then save the model "
        "and load it here for predict/evaluate.",
    )


__all__ = ["Trainer"]
