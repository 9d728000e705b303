"""`LossFunctionWrapper`: a `Loss` made from a loss function.

Every built-in loss class is one of these around its function form
(`MeanSquaredError` wraps `mean_squared_error`); users can wrap their own
functions the same way.
"""

from __future__ import annotations

from typing import Any
from typing import Callable

from cornu.src import tree
from cornu.src.losses import loss as loss_lib
from cornu.src.saving import serialization_lib


class LossFunctionWrapper(loss_lib.Loss):
    """Wraps a function `fn(y_true, y_pred, **kwargs)` into a `Loss`.

    Before calling `fn`, `y_true` and `y_pred` are brought to the same
    rank when they differ by a trailing axis of size 1 (see
    `squeeze_or_expand_to_same_rank`).

    Args:
        fn: The loss function, returning per-sample values.
        reduction: The reduction, as for `Loss`.
        name: Optional name.
        dtype: The computation dtype, as for `Loss`.
        **kwargs: Extra keyword arguments passed to `fn` on every call.

    Example:

    >>> from cornu.src.losses.loss_function_wrapper import (
    ...     LossFunctionWrapper)
    >>> def total_error(y_true, y_pred, scale=1.0):
    ...     return scale * cornu.ops.sum(cornu.ops.abs(y_pred - y_true), -1)
    >>> loss = LossFunctionWrapper(total_error, scale=2.0)
    >>> float(loss([[0.0, 1.0]], [[1.0, 1.0]]))
    2.0
    """

    def __init__(
        self,
        fn: Callable,
        reduction: Any = "sum_over_batch_size",
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        if not callable(fn):
            raise TypeError(
                "LossFunctionWrapper expects `fn` to be a callable "
                "`fn(y_true, y_pred, **kwargs)`. Received: "
                f"fn={fn!r} of type {type(fn).__name__}."
            )
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true: Any, y_pred: Any) -> Any:
        if tree.is_nested(y_true) or tree.is_nested(y_pred):
            pairs = tree.map_structure(
                loss_lib.squeeze_or_expand_to_same_rank, y_true, y_pred
            )
            y_true = tree.map_structure_up_to(y_true, lambda p: p[0], pairs)
            y_pred = tree.map_structure_up_to(y_pred, lambda p: p[1], pairs)
        else:
            y_true, y_pred = loss_lib.squeeze_or_expand_to_same_rank(
                y_true, y_pred
            )
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self) -> dict:
        config = super().get_config()
        config["fn"] = serialization_lib.serialize_keras_object(self.fn)
        config.update(serialization_lib.serialize_keras_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config: dict) -> LossFunctionWrapper:
        if "fn" in config:
            config = dict(config)
            config["fn"] = serialization_lib.deserialize_keras_object(
                config["fn"]
            )
        return cls(**config)

    def __repr__(self) -> str:
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"


class BuiltinLossWrapper(LossFunctionWrapper):
    """The base of cornu's built-in loss classes.

    Each keyword argument for `fn` is also kept as a public attribute of
    the same name, and the config is `name`, `reduction` and those
    arguments (not `fn`, which the class fixes).

    Args:
        fn, reduction, name, dtype, **kwargs: As for `LossFunctionWrapper`.

    Example:

    >>> from cornu.src.losses.loss_function_wrapper import (
    ...     BuiltinLossWrapper)
    >>> def scaled_error(y_true, y_pred, scale=1.0):
    ...     return scale * cornu.ops.sum(cornu.ops.abs(y_pred - y_true), -1)
    >>> loss = BuiltinLossWrapper(scaled_error, name="scaled", scale=2.0)
    >>> loss.scale
    2.0
    >>> loss.get_config()
    {'name': 'scaled', 'reduction': 'sum_over_batch_size', 'scale': 2.0}
    """

    def __init__(
        self,
        fn: Callable,
        reduction: Any = "sum_over_batch_size",
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            fn, reduction=reduction, name=name, dtype=dtype, **kwargs
        )
        for key, value in kwargs.items():
            setattr(self, key, value)

    def get_config(self) -> dict:
        config = loss_lib.Loss.get_config(self)
        config.update((key, getattr(self, key)) for key in self._fn_kwargs)
        return config
