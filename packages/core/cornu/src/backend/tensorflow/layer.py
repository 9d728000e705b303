"""Layers on the TensorFlow backend are `tf.Module`s (integration tier).

A cornu layer is found by TensorFlow's own variable discovery: a
`tf.Module` holding a model (`root.model = model`) lists the model's
`tf.Variable`s in `root.variables` / `root.trainable_variables`, and the
layer's trackable children (its variables and sub-layers) let
`tf.train.Checkpoint(model=model)` save and restore them and
`tf.saved_model.save` keep every variable its `tf.function`s capture:
the route `model.export()` takes. On the layer itself, `variables`,
`weights`, `name`, ... keep their cornu meaning (cornu Variables), and
attributes are set plainly (lists and dicts are not wrapped as
`tf.Module` does).
"""

from __future__ import annotations

import re
from typing import Any

import tensorflow as tf

_UNSAFE = re.compile(r"[^0-9A-Za-z_.-]")


class BackendLayer(tf.Module):
    """`tf.Module` behaviour for cornu layers."""

    # A plain attribute (the layer's name, set by `Operation`), shadowing
    # `tf.Module.name`, a read-only property.
    name = None

    def _initialize_backend(self) -> None:
        # `tf.Module.__init__` is not run: it would set a TF name scope
        # and the read-only `name`. Trackable's bookkeeping lives in
        # `_self_*` attributes, which hold no layers or variables.
        self._maybe_initialize_trackable()
        self._forget_trackable_bookkeeping()
        object.__setattr__(self, "_tf_variables", [])

    def _forget_trackable_bookkeeping(self) -> None:
        tracked = self.__dict__.get("_tracked_attrs")
        if tracked:
            tracked[:] = [n for n in tracked if not n.startswith("_self_")]

    def _sync_backend_tracking(self) -> None:
        # What `tf.Module`'s discovery reads: the `tf.Variable`s of this
        # layer (sub-layers are found through the attributes holding
        # them).
        object.__setattr__(
            self,
            "_tf_variables",
            [
                v._value
                for v in self._own_variables()
                if isinstance(v._value, tf.Variable)
            ],
        )

    def _backend_setattr(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if name.startswith("_self_"):
            self._forget_trackable_bookkeeping()

    def _backend_delattr(self, name: str) -> None:
        object.__delattr__(self, name)

    def _trackable_children(
        self, save_type: str = "checkpoint", **kwargs: Any
    ) -> dict:
        """The layer's `tf.Variable`s (by variable name) and sub-layers
        (by layer name), for checkpoints and SavedModels."""
        del save_type, kwargs
        children: dict = {}
        for variable in self._own_variables():
            value = variable._value
            if isinstance(value, tf.Variable):
                _add(children, variable.name, value)
        for layer in self._layers:
            _add(children, layer.name, layer)
        return children


def _add(children: dict, name: str, value: Any) -> None:
    base = _UNSAFE.sub("_", str(name)) or "child"
    candidate, i = base, 0
    while candidate in children:
        i += 1
        candidate = f"{base}_{i}"
    children[candidate] = value


__all__ = ["BackendLayer"]
