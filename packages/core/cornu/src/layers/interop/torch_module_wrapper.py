"""`TorchModuleWrapper`: a `torch.nn.Module` as a cornu layer."""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.layers.layer import Layer
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.saving import serialization_lib

_MSG_UNSAFE_MODULE = (
    "Requested the deserialization of a `torch.nn.Module` object via "
    "`torch.load()`. This carries a potential risk of arbitrary code "
    "execution and thus it is disallowed by default. If you trust the "
    "source of the artifact, pass `safe_mode=False` to the loading "
    "function, or call `cornu.config.enable_unsafe_deserialization()`."
)


def _torch(owner: str) -> Any:
    return backend.load_integration("interop").torch_support(owner)


@cornu_export("cornu.layers.TorchModuleWrapper")
class TorchModuleWrapper(Layer):
    """Wraps a `torch.nn.Module` as a layer (torch backend only).

    The module's parameters become the layer's variables: the very same
    `torch.nn.Parameter` objects, so cornu optimizers (through `fit`) and
    `loss.backward()` update the module, and `trainable` follows each
    parameter's `requires_grad`. Its whole `state_dict` (buffers such as
    batch-norm statistics too) is what the layer saves.

    Args:
        module: The `torch.nn.Module`. A lazy module must be initialized
            (called once) before wrapping.
        name: Optional layer name.
        output_shape: Optional output shape, returned as is by
            `compute_output_shape`; otherwise the shape is found by running
            the module on zeros.
        **kwargs: Base layer arguments.

    Call arguments:
        *args, **kwargs: Passed to the module.
        training: `False` puts the module in eval mode; otherwise (also
            `None`) train mode, as in Keras.

    Raises:
        BackendNotSupportedError: On a backend other than torch.

    Example:

    >>> import torch
    >>> try:
    ...     layer = cornu.layers.TorchModuleWrapper(torch.nn.Linear(3, 2))
    ...     shapes = [tuple(w.shape) for w in layer.trainable_weights]
    ... except cornu.errors.BackendNotSupportedError:
    ...     shapes = [(2, 3), (2,)]  # not the torch backend
    >>> shapes
    [(2, 3), (2,)]
    """

    def __init__(
        self,
        module: Any,
        name: str | None = None,
        output_shape: Any = None,
        **kwargs: Any,
    ) -> None:
        support = _torch(type(self).__name__)
        super().__init__(name=name, **kwargs)
        self.module = support.check_module(module)
        self.output_shape = output_shape
        self._track_module_parameters()

    def _track_module_parameters(self) -> None:
        variables = _torch(type(self).__name__).parameter_variables(
            self.module, lambda: name_scope(self.name, caller=self)
        )
        self._module_variables = variables
        self._variable_list.extend(variables)
        self._sync_backend_tracking()
        self.built = True

    def call(self, *args: Any, training: Any = None, **kwargs: Any) -> Any:
        support = _torch(type(self).__name__)
        support.set_training(self.module, training is not False)
        return support.call(self.module, self._module_variables, args, kwargs)

    def compute_output_shape(self, input_shape: Any) -> Any:
        if self.output_shape is not None:
            return self.output_shape
        return _torch(type(self).__name__).output_shapes(
            self.module, input_shape, self.compute_dtype
        )

    def compute_output_spec(self, *args: Any, **kwargs: Any) -> Any:
        shapes = [tuple(x.shape) for x in args]
        shape = self.compute_output_shape(
            shapes if len(shapes) > 1 else shapes[0]
        )
        return KerasTensor(shape, dtype=self.compute_dtype)

    def save_own_variables(self, store: Any) -> None:
        """Saves the module's whole `state_dict` (buffers included),
        keyed by its names, as Keras 3 does."""
        state = _torch(type(self).__name__).state_dict(self.module)
        for key, value in state.items():
            store[key] = backend.core.convert_to_numpy(value)

    def load_own_variables(self, store: Any) -> None:
        """Loads the module's `state_dict` from `store`."""
        arrays = {}
        for key in store.keys():
            name = key.decode() if isinstance(key, bytes) else key
            arrays[name] = store[key]
        _torch(type(self).__name__).load_state(self.module, arrays)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "module": _torch(type(self).__name__).serialize(self.module),
                "output_shape": self.output_shape,
            }
        )
        return config

    @classmethod
    def from_config(
        cls,
        config: dict,
        custom_objects: Any = None,
        safe_mode: bool | None = None,
    ) -> TorchModuleWrapper:
        config = dict(config)
        if isinstance(config.get("module"), str):
            effective = (
                safe_mode
                if safe_mode is not None
                else serialization_lib.in_safe_mode()
            )
            if effective is not False:
                raise ValueError(_MSG_UNSAFE_MODULE)
            config["module"] = _torch(cls.__name__).deserialize(
                config["module"]
            )
        return cls(**config)
