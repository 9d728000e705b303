"""The NumPy backend's trainer (integration tier): inference only.

`evaluate`, `predict`, `test_on_batch` and `predict_on_batch` run the
generic stateful steps eagerly; training needs gradients, which NumPy
lacks, so `fit`, `train_on_batch` and the train step raise an error
naming the backends that train and how to switch to one (Keras 3's numpy
backend raises `NotImplementedError` there too; cornu's error is one).
"""

from __future__ import annotations

from typing import Any

from cornu.src.backend.common.capabilities import unsupported


class Trainer:
    """Step functions for the numpy backend (no training step)."""

    _auto_jit_compile = False

    # `fit` validates its arguments as on the other backends and is then
    # refused by `make_train_function`; `train_on_batch` checks compile.
    def train_on_batch(self, *args: Any, **kwargs: Any) -> Any:
        self._assert_compiled("training")
        raise no_training("train_on_batch")

    def train_step(self, data: Any) -> dict:
        raise no_training("train_step")

    def make_train_function(self, force: bool = False):
        # Called by `fit` (`train_on_batch` is refused above).
        raise no_training("fit")


def no_training(method: str) -> Exception:
    """The `BackendNotSupportedError` raised by the training `method`."""
    return unsupported(
        "numpy",
        method,
        "the numpy backend runs inference only (`predict`, `evaluate`; "
        "NumPy has no automatic differentiation). Train on a backend that "
        "trains, jax or torch (or tensorflow): set CORNU_BACKEND=jax (or "
        "torch, tensorflow) before the first `import cornu`, or the "
        '"backend" key of ~/.cornu/cornu.json; then save the model and '
        "load it here to predict/evaluate.",
    )


__all__ = ["Trainer"]
