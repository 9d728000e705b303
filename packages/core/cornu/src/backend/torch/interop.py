"""Framework-model wrappers on PyTorch (integration tier).

`torch_support` gives `TorchModuleWrapper` what it needs to turn a
`torch.nn.Module`'s parameters into cornu variables (sharing the very
`Parameter` objects, so cornu optimizers and `loss.backward()` update the
module), to call it (functionally inside a `StatelessScope`), and to
save it. `JaxLayer`/`FlaxLayer` need the jax backend and raise here.
"""

from __future__ import annotations

import base64
import io
import types
from typing import Any

import torch

from cornu.src import tree
from cornu.src.backend.common import stateless_scope
from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.torch import core

NAME = "torch"


class ParameterVariable(core.Variable):
    """A cornu Variable holding an existing `torch.nn.Parameter` itself
    (not a copy), so the module and cornu see one tensor."""

    def _initialize(self, value: Any) -> None:
        if isinstance(value, torch.nn.Parameter):
            self._value = value
        else:
            super()._initialize(value)


def _check_module(owner: str, module: Any) -> Any:
    if not isinstance(module, torch.nn.Module):
        raise TypeError(
            f"{owner} expects `module` to be a `torch.nn.Module`. Received: "
            f"module={module!r} of type {type(module).__name__}. Wrap e.g. "
            "`torch.nn.Linear(4, 2)`."
        )
    lazy = torch.nn.modules.lazy.LazyModuleMixin
    if isinstance(module, lazy) and module.has_uninitialized_params():
        raise ValueError(
            f"{owner}: LazyModules are not supported unless they are "
            f"already initialized. Received uninitialized LazyModule: "
            f"module={module}. Call the module once on an example input "
            "before wrapping it."
        )
    return module.to(core.get_device())


def _parameter_variables(module: Any, name_scope: Any) -> list:
    """One `ParameterVariable` per parameter, named after it."""
    variables = []
    for name, param in module.named_parameters():
        with name_scope():
            variables.append(
                ParameterVariable(
                    initializer=param,
                    trainable=param.requires_grad,
                    name=name.replace(".", "_"),
                )
            )
    return variables


def _call(module: Any, variables: list, args: tuple, kwargs: dict) -> Any:
    """Calls the module; inside a `StatelessScope` with the scope's values
    of its parameters (`torch.func.functional_call`)."""
    scope = stateless_scope.get_stateless_scope()
    if scope is None:
        return module(*args, **kwargs)
    names = [name for name, _ in module.named_parameters()]
    overrides = {}
    for name, variable in zip(names, variables, strict=True):
        value = scope.get_current_value(variable)
        if value is not None and value is not variable._value:
            overrides[name] = value
    if not overrides:
        return module(*args, **kwargs)
    return torch.func.functional_call(module, overrides, args, kwargs)


def _output_shapes(module: Any, input_shapes: Any, dtype: str) -> Any:
    """The module's output shape(s) for `input_shapes`, found by running
    it on zeros (unknown sizes taken as 1, and reported as None on the
    batch axis)."""

    def zeros(shape):
        return torch.zeros(
            [1 if d is None else d for d in shape],
            dtype=core.to_torch_dtype(dtype),
            device=core.get_device(),
        )

    inputs = tree.map_shape_structure(zeros, input_shapes)
    # Eval mode: batch-norm accepts a batch of one and keeps its
    # statistics unchanged.
    was_training = module.training
    module.eval()
    try:
        with torch.no_grad():
            outputs = (
                module(*inputs) if isinstance(inputs, list) else module(inputs)
            )
    finally:
        module.train(was_training)
    first = (
        input_shapes[0] if isinstance(input_shapes, list) else (input_shapes)
    )
    batch_unknown = bool(first) and first[0] is None

    def shape(x):
        s = tuple(x.shape)
        return ((None,) + s[1:]) if batch_unknown and s else s

    return tree.map_structure(shape, outputs)


def _serialize(module: Any) -> str:
    buffer = io.BytesIO()
    torch.save(module, buffer)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _deserialize(text: str) -> Any:
    buffer = io.BytesIO(base64.b64decode(text.encode("ascii")))
    return torch.load(buffer, weights_only=False)


def _load_state(module: Any, arrays: dict) -> None:
    state = {
        key: core.convert_to_tensor(value) for key, value in arrays.items()
    }
    module.load_state_dict(state)


def torch_support(owner: str) -> Any:
    """The functions `TorchModuleWrapper` needs on this backend."""
    return types.SimpleNamespace(
        check_module=lambda module: _check_module(owner, module),
        parameter_variables=_parameter_variables,
        call=_call,
        output_shapes=_output_shapes,
        serialize=_serialize,
        deserialize=_deserialize,
        state_dict=lambda module: module.state_dict(),
        load_state=_load_state,
        set_training=lambda module, training: module.train(training),
    )


def jax_support(owner: str) -> Any:
    """Raises: JAX functions run as layers only on the jax backend."""
    raise unsupported(
        NAME,
        owner,
        "it runs JAX functions, which needs the jax backend. Set "
        "CORNU_BACKEND=jax before the first `import cornu`.",
    )
