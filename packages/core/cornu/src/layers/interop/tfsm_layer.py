"""`TFSMLayer`: a TensorFlow SavedModel's endpoint as a layer."""

from __future__ import annotations

import os
from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.layers.layer import Layer
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.saving import serialization_lib

_MSG_UNSAFE = (
    "Loading a TFSMLayer from its config is disallowed when "
    "`safe_mode=True`, because it loads an external SavedModel, whose "
    "graphs are code that may be attacker-controlled. If you trust the "
    "source of the artifact, pass `safe_mode=False` to the loading "
    "function (or to `TFSMLayer.from_config`), or call "
    "`cornu.config.enable_unsafe_deserialization()`. Received: "
    "filepath={filepath!r}."
)


def _tf(owner: str) -> Any:
    """The active backend's SavedModel support, or a clear error."""
    interop = backend.load_integration("interop")
    support = getattr(interop, "tensorflow_support", None)
    if support is None:
        raise unsupported(
            backend.name,
            owner,
            "it runs a TensorFlow SavedModel, which needs the tensorflow "
            "backend. Set CORNU_BACKEND=tensorflow before the first "
            "`import cornu` (or export the model in a format this backend "
            "loads, e.g. `.keras`).",
        )
    return support(owner)


@cornu_export("cornu.layers.TFSMLayer")
class TFSMLayer(Layer):
    """Reloads a SavedModel (from `model.export()` or
    `tf.saved_model.save`) as a layer (tensorflow backend only).

    The endpoint `call_endpoint` becomes the layer's `call`; the variables
    its functions use become the layer's weights (the same variables, so
    training the layer trains the reloaded functions). The layer keeps
    none of the saved object's structure or Python methods.

    Limitations, as in Keras: the endpoint takes a single `inputs`
    argument (a tensor, or a dict/list/tuple of tensors). For a training
    behaviour that differs from inference, save the training function as
    its own endpoint and name it in `call_training_endpoint`.

    Args:
        filepath: `str` or `pathlib.Path`: the SavedModel's folder.
        call_endpoint: Name of the endpoint used as `call()`: an attribute
            of the reloaded object or an entry of its `signatures`.
            `model.export()` names it `"serve"`; plain SavedModels often
            use `"serving_default"`.
        call_training_endpoint: Optional name of the endpoint called when
            `training=True`.
        trainable: Whether the reloaded variables are trainable.
        name: The layer's name.
        dtype: The layer's dtype policy.

    Raises:
        BackendNotSupportedError: On a backend other than tensorflow.
        ValueError: If `filepath` holds no SavedModel, or an endpoint is
            not found.

    Example:

    >>> try:
    ...     cornu.layers.TFSMLayer("path/to/artifact")
    ... except (cornu.errors.BackendNotSupportedError, ValueError) as e:
    ...     kind = type(e).__name__  # no SavedModel there, or no TF
    >>> kind in ("BackendNotSupportedError", "ValueError")
    True
    """

    def __init__(
        self,
        filepath: Any,
        call_endpoint: str = "serve",
        call_training_endpoint: str | None = None,
        trainable: bool = True,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        owner = type(self).__name__
        support = _tf(owner)
        super().__init__(trainable=trainable, name=name, dtype=dtype)
        self.filepath = (
            os.fspath(filepath)
            if isinstance(filepath, os.PathLike)
            else filepath
        )
        self.call_endpoint = call_endpoint
        self.call_training_endpoint = call_training_endpoint
        reloaded = support.load(filepath)
        self._reloaded_obj = reloaded
        self.call_endpoint_fn = support.endpoint(
            reloaded, call_endpoint, "call_endpoint"
        )
        functions = [self.call_endpoint_fn]
        self.call_training_endpoint_fn = None
        if call_training_endpoint:
            self.call_training_endpoint_fn = support.endpoint(
                reloaded, call_training_endpoint, "call_training_endpoint"
            )
            functions.append(self.call_training_endpoint_fn)
        trainable_vars, other_vars = support.variables_used_by(functions)
        with name_scope(self.name, caller=self):
            for variable in list(trainable_vars) + list(other_vars):
                self._track_variable(support.wrap_variable(variable))
        self.built = True

    def _track_variable(self, variable: Any) -> None:
        self._variable_list.append(variable)
        self._sync_backend_tracking()

    def call(self, inputs: Any, training: bool = False, **kwargs: Any) -> Any:
        """Runs the training endpoint when `training` is true and one was
        given, else the call endpoint."""
        if training and self.call_training_endpoint_fn is not None:
            return self.call_training_endpoint_fn(inputs, **kwargs)
        return self.call_endpoint_fn(inputs, **kwargs)

    def compute_output_spec(self, inputs: Any, **kwargs: Any) -> Any:
        """Traces the call endpoint on specs of `inputs`' shapes and
        dtypes (the saved functions have no cornu shape rules)."""
        kwargs.pop("training", None)
        return _tf(type(self).__name__).output_specs(
            self.call_endpoint_fn,
            inputs,
            lambda shape, dtype: KerasTensor(shape, dtype=dtype),
        )

    def get_config(self) -> dict:
        """The filepath and endpoints (not portable across machines: the
        SavedModel itself is not part of the config)."""
        config = super().get_config()
        config.update(
            {
                "filepath": self.filepath,
                "call_endpoint": self.call_endpoint,
                "call_training_endpoint": self.call_training_endpoint,
            }
        )
        return config

    @classmethod
    def from_config(
        cls,
        config: dict,
        custom_objects: Any = None,
        safe_mode: bool | None = None,
    ) -> TFSMLayer:
        """Rebuilds the layer, only with `safe_mode=False` (here, in the
        loading function, or via
        `cornu.config.enable_unsafe_deserialization()`): a SavedModel
        holds graphs, i.e. code."""
        del custom_objects
        if safe_mode is None:
            safe_mode = serialization_lib.in_safe_mode()
        if safe_mode is not False:
            raise ValueError(
                _MSG_UNSAFE.format(filepath=config.get("filepath"))
            )
        return cls(**config)
