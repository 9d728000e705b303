"""Reduction metrics: `Sum`, `Mean` and `MeanMetricWrapper`.

`MeanMetricWrapper` turns a function `fn(y_true, y_pred, **kwargs)` that
returns per-sample values into a metric holding their (weighted) mean; most
built-in metrics (accuracies, crossentropies, errors) are one.
"""

from __future__ import annotations

from typing import Any

from cornu.src import losses
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import masking
from cornu.src.losses import loss as loss_lib
from cornu.src.metrics.metric import Metric
from cornu.src.saving import serialization_lib


def reduce_to_samplewise_values(
    values: Any, sample_weight: Any, reduce_fn: Any, dtype: str
) -> tuple:
    """Weights `values` and reduces them to one value per sample.

    Returns `(values, sample_weight)`: values of shape `(batch,)` (or a
    scalar), multiplied by the weights, and the weights reduced to the
    same shape (or `None`).
    """
    mask = masking.get_keras_mask(values)
    values = ops.cast(values, dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
        sample_weight = loss_lib.apply_mask(
            sample_weight, mask, dtype=dtype, reduction="sum"
        )
        values, sample_weight = loss_lib.squeeze_or_expand_to_same_rank(
            values, sample_weight
        )
        weight_ndim = len(sample_weight.shape)
        values_ndim = len(values.shape)
        if values_ndim > weight_ndim:
            values = reduce_fn(
                values, axis=tuple(range(weight_ndim, values_ndim))
            )
        # Broadcasting the weights leaves the product unchanged but makes
        # their own reduction below count every value they apply to.
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(values))
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(
                sample_weight, axis=tuple(range(1, weight_ndim))
            )
    values_ndim = len(values.shape)
    if values_ndim > 1:
        values = reduce_fn(values, axis=tuple(range(1, values_ndim)))
    return values, sample_weight


@cornu_export("cornu.metrics.Sum")
class Sum(Metric):
    """Computes the (weighted) sum of the given values.

    For values `[1, 3, 5, 7]` the sum is 16; with `sample_weight=[1, 1, 0,
    0]` it is 4. State: one variable, `total`.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.Sum()
    >>> m.update_state([1, 3, 5, 7])
    >>> float(m.result())
    16.0
    >>> m.reset_state()
    >>> m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
    >>> float(m.result())
    4.0
    """

    def __init__(self, name: str = "sum", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="total"
        )

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        values, _ = reduce_to_samplewise_values(
            values, sample_weight, reduce_fn=ops.sum, dtype=self.dtype
        )
        self.total.assign_add(ops.sum(values))

    def reset_state(self) -> None:
        self.total.assign(0)

    def result(self) -> Any:
        return ops.cast(self.total, self.dtype)


@cornu_export("cornu.metrics.Mean")
class Mean(Metric):
    """Computes the (weighted) mean of the given values.

    For values `[1, 3, 5, 7]` the mean is 4; with `sample_weight=[1, 1, 0,
    0]` it is 2. Values of rank above one are first averaged per sample.
    State: two variables, `total` and `count`; the result is their ratio
    (0 before any update).

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.Mean()
    >>> m.update_state([1, 3, 5, 7])
    >>> float(m.result())
    4.0
    >>> m.reset_state()
    >>> m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
    >>> float(m.result())
    2.0
    """

    def __init__(self, name: str = "mean", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="total"
        )
        self.count = self.add_variable(
            shape=(), initializer="zeros", dtype=self.dtype, name="count"
        )

    def update_state(self, values: Any, sample_weight: Any = None) -> None:
        # Fast path (the trainer's loss tracker): a scalar tensor with a
        # Python number as weight needs no reshaping.
        if (
            isinstance(sample_weight, (int, float))
            and len(getattr(values, "shape", (None,))) == 0
        ):
            values = ops.cast(values, self.dtype)
            self.total.assign_add(values * sample_weight)
            self.count.assign_add(sample_weight)
            return
        values, sample_weight = reduce_to_samplewise_values(
            values, sample_weight, reduce_fn=ops.mean, dtype=self.dtype
        )
        self.total.assign_add(ops.sum(values))
        if sample_weight is not None:
            num_samples = ops.sum(sample_weight)
        elif len(values.shape) >= 1:
            num_samples = ops.shape(values)[0]
        else:
            num_samples = 1
        self.count.assign_add(ops.cast(num_samples, self.dtype))

    def reset_state(self) -> None:
        self.total.assign(0)
        self.count.assign(0)

    def result(self) -> Any:
        return ops.divide_no_nan(self.total, ops.cast(self.count, self.dtype))


@cornu_export("cornu.metrics.MeanMetricWrapper")
class MeanMetricWrapper(Mean):
    """Wraps a stateless metric function with the `Mean` metric.

    `fn(y_true, y_pred, **kwargs)` returns per-sample values; `result()`
    is their (weighted) mean over every sample seen so far. A mask attached
    to `y_pred` (by a masking layer) weights the values as well.

    Args:
        fn: The metric function to wrap, with signature
            `fn(y_true, y_pred, **kwargs)`.
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        **kwargs: Keyword arguments passed on to `fn`.

    Example:

    >>> def abs_error(y_true, y_pred):
    ...     return cornu.ops.abs(cornu.ops.subtract(y_true, y_pred))
    >>> m = cornu.metrics.MeanMetricWrapper(fn=abs_error)
    >>> m.update_state([1.0, 2.0], [2.0, 4.0])
    >>> float(m.result())
    1.5
    """

    def __init__(
        self, fn: Any, name: str | None = None, dtype: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        if not callable(fn):
            raise TypeError(
                f"MeanMetricWrapper expects `fn` to be a callable "
                f"`fn(y_true, y_pred, **kwargs)`. Received: fn={fn!r} of "
                f"type {type(fn).__name__}."
            )
        self._fn = fn
        self._fn_kwargs = kwargs
        # A wrapped built-in loss is to be minimized (read by callbacks
        # such as EarlyStopping in mode "auto").
        if fn in losses.ALL_OBJECTS or type(fn) in losses.ALL_OBJECTS:
            self._direction = "down"

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        mask = masking.get_keras_mask(y_pred)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        sample_weight = loss_lib.apply_mask(
            sample_weight, mask, dtype=self.dtype, reduction="sum"
        )
        return super().update_state(values, sample_weight=sample_weight)

    def get_config(self) -> dict:
        config = super().get_config()
        config["fn"] = serialization_lib.serialize_keras_object(self._fn)
        config.update(serialization_lib.serialize_keras_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config: dict) -> MeanMetricWrapper:
        if "fn" in config:
            config = serialization_lib.deserialize_keras_object(config)
        return cls(**config)


class BuiltinMeanMetricWrapper(MeanMetricWrapper):
    """The base of cornu's built-in metrics over one function.

    Each keyword argument for `fn` is also kept as a public attribute of
    the same name, and the config is `name`, `dtype` and those arguments
    (not `fn`, which the class fixes).

    Args:
        fn: The metric function, `fn(y_true, y_pred, **kwargs)`.
        name: Name of the metric instance.
        dtype: Dtype of the result.
        direction: `"up"` when larger values are better, `"down"` when
            smaller ones are (read by callbacks in mode `"auto"`).
        **kwargs: Keyword arguments passed on to `fn`.

    Example:

    >>> from cornu.src.metrics.reduction_metrics import (
    ...     BuiltinMeanMetricWrapper)
    >>> def scaled_error(y_true, y_pred, scale=1.0):
    ...     return scale * cornu.ops.abs(cornu.ops.subtract(y_true, y_pred))
    >>> m = BuiltinMeanMetricWrapper(scaled_error, "err", None, "down",
    ...                              scale=2.0)
    >>> m.update_state([1.0, 2.0], [2.0, 4.0])
    >>> float(m.result())
    3.0
    >>> m.get_config()
    {'name': 'err', 'dtype': 'float32', 'scale': 2.0}
    """

    def __init__(
        self, fn: Any, name: str, dtype: Any, direction: str, **kwargs: Any
    ) -> None:
        super().__init__(fn=fn, name=name, dtype=dtype, **kwargs)
        for key, value in kwargs.items():
            setattr(self, key, value)
        self._direction = direction

    def get_config(self) -> dict:
        config = {"name": self.name, "dtype": self.dtype}
        config.update((key, getattr(self, key)) for key in self._fn_kwargs)
        return config
