"""Helpers of the generic training loops (`trainers/trainer.py`): log
handling, batch standardization and argument checks."""

from __future__ import annotations

import functools
import inspect
from collections.abc import MutableMapping
from typing import Any

import numpy as np

from cornu.src import tree
from cornu.src.backend import config
from cornu.src.callbacks.callback_list import CallbackList


def set_untracked(obj: Any, name: str, value: Any) -> None:
    """Sets trainer state without layer tracking (it holds optimizers,
    metrics and step functions, not sub-layers or model weights)."""
    object.__setattr__(obj, name, value)


def runs_on_host(model: Any) -> bool:
    """Whether a layer of `model` computes on the host with NumPy (the
    string, lookup and hashing preprocessing layers) or says it cannot be
    compiled (`supports_jit = False`): its steps cannot be traced, so
    `jit_compile="auto"` leaves them uncompiled, as Keras does."""
    from cornu.src.layers.preprocessing import preprocessing_utils

    return any(
        isinstance(layer, preprocessing_utils.StringInputLayer)
        or getattr(layer, "supports_jit", True) is False
        for layer in model._flatten_layers()
    )


def regularized_weights(model: Any) -> list:
    return [v for v in model.trainable_weights if v.regularizer is not None]


class LoopVariables(dict):
    """A model's variable lists for one loop (`"trainable"`,
    `"non_trainable"`, `"metrics"`, `"regularized"`), each computed on
    first use: a `predict` walks the layers for the two it needs only."""

    def __init__(self, model: Any) -> None:
        super().__init__()
        self._model = model

    def __missing__(self, kind: str) -> list:
        model = self._model
        if kind == "trainable":
            value = list(model.trainable_variables)
        elif kind == "non_trainable":
            value = list(model.non_trainable_variables)
        elif kind == "metrics":
            value = list(model.metrics_variables)
        elif kind == "regularized":
            value = [v for v in self["trainable"] if v.regularizer is not None]
        else:
            raise KeyError(kind)
        self[kind] = value
        return value


def pythonify_logs(logs: dict) -> dict:
    """Logs with every scalar tensor turned into a Python float."""
    out = {}
    for key, value in logs.items():
        if isinstance(value, dict):
            out.update(pythonify_logs(value))
            continue
        try:
            out[key] = float(value)
        except (TypeError, ValueError):
            out[key] = value
    return out


def standardize_batch(batch: Any) -> Any:
    """NumPy float64 arrays become floatx (as Keras's data adapters do);
    other leaves are left to the layers and losses to convert."""
    floatx = config.floatx()

    def one(value):
        if isinstance(value, np.ndarray) and value.dtype == np.float64:
            return value.astype(floatx)
        return value

    return tree.map_structure(one, batch)


def head_samples(structure: Any, count: int = 2) -> Any:
    """The first `count` samples of every array in `structure`."""
    if structure is None:
        return None
    return tree.map_structure(
        lambda a: a[:count] if hasattr(a, "shape") and len(a.shape) else a,
        structure,
    )


def batch_size_of(x: Any, y_pred: Any) -> Any:
    for value in tree.flatten(x) + tree.flatten(y_pred):
        shape = getattr(value, "shape", None)
        if shape is not None and len(shape):
            return shape[0]
    return 1


@functools.lru_cache(maxsize=256)
def accepts_argument(function: Any, name: str) -> bool:
    try:
        return name in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


class LazyLogs(MutableMapping):
    """A step's logs, computed from the metrics on first read.

    Reading a metric's result costs a few ops per metric; most steps'
    logs are never read (no callback looks at batch logs, the progress
    bar only when it redraws), so the eager default steps return this.
    Read it during the batch hook that receives it: the values are those
    of the metrics at the time of the first read.
    """

    __slots__ = ("_model", "_values")

    def __init__(self, model: Any) -> None:
        self._model = model
        self._values = None

    def _materialize(self) -> dict:
        if self._values is None:
            self._values = self._model._raw_metrics_result()
        return self._values

    def __getitem__(self, key: str) -> Any:
        return self._materialize()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._materialize()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._materialize()[key]

    def __iter__(self):
        return iter(self._materialize())

    def __len__(self) -> int:
        return len(self._materialize())

    def __repr__(self) -> str:
        return f"LazyLogs({self._materialize()!r})"


def resolve_verbose(verbose: Any) -> int:
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2) or isinstance(verbose, bool):
        raise ValueError(
            "`verbose` must be 'auto', 0 (silent), 1 (progress bar) or 2 "
            f"(one line per epoch). Received: verbose={verbose!r}."
        )
    return verbose


def check_epochs(epochs: Any, initial_epoch: Any) -> None:
    for name, value in (("epochs", epochs), ("initial_epoch", initial_epoch)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(
                f"`{name}` must be a non-negative integer. Received: "
                f"{name}={value!r}."
            )


def should_evaluate(epoch: int, validation_freq: Any) -> bool:
    epoch = epoch + 1
    if isinstance(validation_freq, int) and not isinstance(
        validation_freq, bool
    ):
        if validation_freq < 1:
            raise ValueError(
                "`validation_freq` must be a positive integer or a list of "
                f"epochs. Received: validation_freq={validation_freq!r}."
            )
        return epoch % validation_freq == 0
    if isinstance(validation_freq, (list, tuple, set)):
        return epoch in validation_freq
    raise ValueError(
        "`validation_freq` must be a positive integer or a list of epochs "
        f"(1-based). Received: validation_freq={validation_freq!r}."
    )


def make_callback_list(callbacks, model, verbose, epochs, steps):
    if isinstance(callbacks, CallbackList):
        return callbacks
    return CallbackList(
        callbacks,
        add_history=True,
        add_progbar=verbose != 0,
        model=model,
        verbose=verbose,
        epochs=epochs,
        steps=steps,
    )


def format_logs(logs: dict, return_dict: bool):
    if return_dict:
        return logs
    values = list(logs.values())
    return values[0] if len(values) == 1 else values




__all__ = ["LazyLogs", "LoopVariables", "pythonify_logs", "standardize_batch"]
