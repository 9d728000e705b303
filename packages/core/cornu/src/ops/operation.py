"""The `Operation` base class: eager call, symbolic call, shape rule.

Every public op has one `Operation` subclass holding its non-tensor
arguments; its `compute_output_spec` is the op's shape/dtype rule, run on
KerasTensors without touching a backend (STYLE.md R6). Layers subclass
`Operation` too (through `Layer`).

Pattern for an op (the exported function skips the object on the eager
path, so eager calls pay no Python overhead beyond one `isinstance`
check; ops taking lists of tensors use `any_symbolic` instead):

    class Sum(Operation):
        def __init__(self, axis=None, keepdims=False, *, name=None):
            super().__init__(name=name)
            self.axis = axis
            self.keepdims = keepdims

        def call(self, x):
            return backend.numpy.sum(x, axis=self.axis,
                                     keepdims=self.keepdims)

        def compute_output_spec(self, x):
            shape = reduce_shape(x.shape, self.axis, self.keepdims)
            return KerasTensor(shape, dtype=x.dtype)

    @cornu_export(["cornu.ops.sum", "cornu.ops.numpy.sum"])
    def sum(x, axis=None, keepdims=False):
        if isinstance(x, KerasTensor):
            return Sum(axis, keepdims).symbolic_call(x)
        return backend.numpy.sum(x, axis=axis, keepdims=keepdims)
"""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.backend.common import global_state
from cornu.src.ops import keras_tensor
from cornu.src.ops import node as node_lib
from cornu.src.utils.naming import to_snake_case

_PLAIN = (type(None), bool, int, float, str)


def _plain(value: Any) -> bool:
    """Whether `value` is JSON-like (safe to store in a config)."""
    if isinstance(value, _PLAIN):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def capture_init_args(
    cls: type, args: tuple, kwargs: dict, exclude: tuple = ()
) -> dict | None:
    """`cls.__init__`'s arguments by name when all are JSON-like (minus
    `exclude`), else `None`: the automatic `get_config`."""
    signature = inspect.signature(cls.__init__)
    try:
        bound = signature.bind(None, *args, **kwargs)
    except TypeError:
        return None
    config = {}
    for index, (name, value) in enumerate(bound.arguments.items()):
        if index == 0:
            continue  # self
        kind = signature.parameters[name].kind
        if kind == inspect.Parameter.VAR_KEYWORD:
            config.update(value)
        elif kind == inspect.Parameter.VAR_POSITIONAL:
            if value:
                return None
        else:
            config[name] = value
    for name in exclude:
        config.pop(name, None)
    return config if _plain(config) else None


@cornu_export("cornu.Operation")
class Operation:
    """Base class of ops and layers: eager `call`, symbolic shape rule.

    Calling an operation on symbolic `KerasTensor`s runs
    `compute_output_spec` and records a node in the graph; calling it on
    real tensors runs `call`.

    Args:
        name: Optional name; made unique per session when omitted.

    Example:

    >>> class Double(cornu.Operation):
    ...     def call(self, x):
    ...         return cornu.ops.multiply(x, 2)
    ...     def compute_output_spec(self, x):
    ...         return cornu.KerasTensor(x.shape, dtype=x.dtype)
    >>> Double()(cornu.KerasTensor((None, 4))).shape
    (None, 4)
    >>> cornu.ops.convert_to_numpy(Double()(cornu.ops.ones((2,)))).tolist()
    [2.0, 2.0]
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Operation:
        obj = super().__new__(cls)
        obj._auto_config = capture_init_args(cls, args, kwargs, ("name",))
        return obj

    def __init__(self, *, name: str | None = None) -> None:
        if name is None:
            name = global_state.unique_name(to_snake_case(type(self).__name__))
        elif not isinstance(name, str) or "/" in name:
            raise ValueError(
                f"{type(self).__name__}: `name` must be a string without "
                f"'/'. Received: name={name!r}."
            )
        self.name = name
        self._inbound_nodes: list = []
        self._outbound_nodes: list = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if keras_tensor.any_symbolic(args, kwargs):
            return self.symbolic_call(*args, **kwargs)
        return self.call(*args, **kwargs)

    def symbolic_call(self, *args: Any, **kwargs: Any) -> Any:
        """Runs the shape rule and records a graph node."""
        outputs = self.compute_output_spec(*args, **kwargs)
        node_lib.Node(self, call_args=args, call_kwargs=kwargs, outputs=outputs)
        return outputs

    def call(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f"{type(self).__name__} must implement `call(...)`, the eager "
            "computation on backend tensors."
        )

    def compute_output_spec(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f"{type(self).__name__} must implement "
            "`compute_output_spec(...)`, returning KerasTensor(s) with the "
            "output shape and dtype, to be called on symbolic inputs."
        )

    def get_config(self) -> dict:
        """The constructor arguments (recorded automatically when they
        are plain values), to rebuild the op with `from_config`."""
        config = {"name": self.name}
        if type(self).get_config is not Operation.get_config:
            return config  # a subclass adds its own arguments
        if self._auto_config is None:
            raise NotImplementedError(
                f"{type(self).__name__} has constructor arguments that "
                "cannot be saved automatically (e.g. a function). Implement "
                "`get_config()` returning them."
            )
        return {**self._auto_config, **config}

    @classmethod
    def from_config(cls, config: dict) -> Operation:
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"
