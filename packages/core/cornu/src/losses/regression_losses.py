"""Regression losses: squared, absolute, percentage, logarithmic, Huber,
log-cosh errors and cosine similarity, as functions and as classes.

Each function returns one value per sample: the mean (or, for cosine
similarity, the sum) over the last axis.
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.losses import loss as loss_lib
from cornu.src.losses.loss_function_wrapper import BuiltinLossWrapper


@cornu_export(
    [
        "cornu.losses.mean_squared_error",
        "cornu.metrics.mean_squared_error",
        "cornu.losses.mse",
    ]
)
def mean_squared_error(y_true: Any, y_pred: Any) -> Any:
    """Mean squared error over the last axis: `mean(square(y_true - y_pred))`.

    Args:
        y_true: Targets, shape `(batch_size, d0, ..., dN)`.
        y_pred: Predictions, same shape.

    Returns:
        The errors, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.mean_squared_error([[0.0, 1.0]], [[1.0, 3.0]])
    >>> cornu.ops.convert_to_numpy(loss).tolist()
    [2.5]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    return ops.mean(ops.square(y_true - y_pred), axis=-1)


@cornu_export(
    [
        "cornu.losses.mean_absolute_error",
        "cornu.metrics.mean_absolute_error",
        "cornu.losses.mae",
    ]
)
def mean_absolute_error(y_true: Any, y_pred: Any) -> Any:
    """Mean absolute error over the last axis: `mean(abs(y_true - y_pred))`.

    Args:
        y_true: Targets, shape `(batch_size, d0, ..., dN)`.
        y_pred: Predictions, same shape.

    Returns:
        The errors, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.mean_absolute_error([[0.0, 1.0]], [[1.0, 3.0]])
    >>> cornu.ops.convert_to_numpy(loss).tolist()
    [1.5]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    return ops.mean(ops.abs(y_true - y_pred), axis=-1)


@cornu_export(
    [
        "cornu.losses.mean_absolute_percentage_error",
        "cornu.metrics.mean_absolute_percentage_error",
        "cornu.losses.mape",
    ]
)
def mean_absolute_percentage_error(y_true: Any, y_pred: Any) -> Any:
    """Mean absolute percentage error over the last axis.

    `100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)))`, with
    `epsilon = cornu.config.epsilon()` guarding against division by 0.

    Args:
        y_true: Targets, shape `(batch_size, d0, ..., dN)`.
        y_pred: Predictions, same shape.

    Returns:
        The errors in percent, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.mean_absolute_percentage_error(
    ...     [[2.0, 4.0]], [[1.0, 5.0]])
    >>> cornu.ops.convert_to_numpy(loss).tolist()
    [37.5]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    epsilon = ops.convert_to_tensor(config.epsilon(), dtype=y_pred.dtype)
    diff = ops.abs((y_true - y_pred) / ops.maximum(ops.abs(y_true), epsilon))
    return 100.0 * ops.mean(diff, axis=-1)


@cornu_export(
    [
        "cornu.losses.mean_squared_logarithmic_error",
        "cornu.metrics.mean_squared_logarithmic_error",
        "cornu.losses.msle",
    ]
)
def mean_squared_logarithmic_error(y_true: Any, y_pred: Any) -> Any:
    """Mean squared logarithmic error over the last axis.

    `mean(square(log(y_pred + 1) - log(y_true + 1)))`; values below
    `cornu.config.epsilon()` are raised to it first.

    Args:
        y_true: Targets, shape `(batch_size, d0, ..., dN)`.
        y_pred: Predictions, same shape.

    Returns:
        The errors, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.mean_squared_logarithmic_error(
    ...     [[0.0, 1.0]], [[0.0, 1.0]])
    >>> cornu.ops.convert_to_numpy(loss).tolist()
    [0.0]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    epsilon = ops.convert_to_tensor(config.epsilon(), dtype=y_pred.dtype)
    # `ops.add`, not `+`: integer inputs promote to floats on every
    # backend (TensorFlow's own `+` refuses int32 + float).
    first_log = ops.log(ops.add(ops.maximum(y_pred, epsilon), 1.0))
    second_log = ops.log(ops.add(ops.maximum(y_true, epsilon), 1.0))
    return ops.mean(ops.square(first_log - second_log), axis=-1)


@cornu_export("cornu.losses.cosine_similarity")
def cosine_similarity(y_true: Any, y_pred: Any, axis: int = -1) -> Any:
    """Negative cosine similarity: `-sum(l2_norm(y_true) * l2_norm(y_pred))`.

    Values lie in `[-1, 1]`; -1 means the same direction, so minimizing it
    maximizes the similarity. A zero vector gives 0.

    Args:
        y_true: Targets.
        y_pred: Predictions, same shape.
        axis: The axis along which similarity is computed. Defaults to -1.

    Returns:
        The negative similarities, `y_pred`'s shape without `axis`.

    Example:

    >>> loss = cornu.losses.cosine_similarity(
    ...     [[0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [2.0, 2.0]])
    >>> [round(v, 4) + 0.0 for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.0, -1.0]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    y_pred = ops.normalize(y_pred, axis=axis)
    y_true = ops.normalize(y_true, axis=axis)
    return -ops.sum(y_true * y_pred, axis=axis)


@cornu_export(["cornu.losses.huber", "cornu.metrics.huber"])
def huber(y_true: Any, y_pred: Any, delta: float = 1.0) -> Any:
    """Huber loss, averaged over the last axis.

    For each error `x = y_pred - y_true`: `0.5 * x**2` where
    `abs(x) <= delta`, else `delta * abs(x) - 0.5 * delta**2`.

    Args:
        y_true: Targets.
        y_pred: Predictions, same shape.
        delta: Where the loss turns from quadratic to linear. Defaults to
            `1.0`.

    Returns:
        The losses, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.huber([[0.0, 0.0]], [[0.5, 3.0]])
    >>> cornu.ops.convert_to_numpy(loss).tolist()
    [1.3125]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    delta = ops.convert_to_tensor(delta, dtype=y_pred.dtype)
    error = ops.subtract(y_pred, y_true)
    abs_error = ops.abs(error)
    half = ops.convert_to_tensor(0.5, dtype=abs_error.dtype)
    # ops.* rather than `*`: a 0-d NumPy array on the left of `*` would
    # try to turn a symbolic KerasTensor into an array.
    quadratic = ops.multiply(half, ops.square(error))
    linear = ops.subtract(
        ops.multiply(delta, abs_error), ops.multiply(half, ops.square(delta))
    )
    return ops.mean(
        ops.where(ops.less_equal(abs_error, delta), quadratic, linear),
        axis=-1,
    )


@cornu_export(
    ["cornu.losses.log_cosh", "cornu.metrics.log_cosh", "cornu.losses.logcosh"]
)
def log_cosh(y_true: Any, y_pred: Any) -> Any:
    """Mean over the last axis of `log(cosh(y_pred - y_true))`.

    About `x**2 / 2` for small errors and `abs(x) - log(2)` for large
    ones: like the squared error, but less swayed by outliers. Computed
    stably as `x + softplus(-2x) - log(2)`.

    Args:
        y_true: Targets.
        y_pred: Predictions, same shape.

    Returns:
        The losses, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.log_cosh([[0.0, 1.0]], [[1.0, 1.0]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.2169]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred, same_rank=True)
    log2 = ops.convert_to_tensor(0.6931471805599453, dtype=y_pred.dtype)
    error = y_pred - y_true
    return ops.mean(error + ops.softplus(error * -2.0) - log2, axis=-1)


_ARGS = loss_lib.COMMON_ARGS_DOC


@cornu_export("cornu.losses.MeanSquaredError")
class MeanSquaredError(BuiltinLossWrapper):
    __doc__ = f"""Mean of the squared errors: `mean(square(y_true - y_pred))`.

    Args:
        {_ARGS}

    Example:

    >>> mse = cornu.losses.MeanSquaredError()
    >>> float(mse([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]))
    0.5
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "mean_squared_error",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            mean_squared_error, name=name, reduction=reduction, dtype=dtype
        )


@cornu_export("cornu.losses.MeanAbsoluteError")
class MeanAbsoluteError(BuiltinLossWrapper):
    __doc__ = f"""Mean of the absolute errors: `mean(abs(y_true - y_pred))`.

    Args:
        {_ARGS}

    Example:

    >>> mae = cornu.losses.MeanAbsoluteError()
    >>> float(mae([[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 0.0]]))
    0.5
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "mean_absolute_error",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            mean_absolute_error, name=name, reduction=reduction, dtype=dtype
        )


@cornu_export("cornu.losses.MeanAbsolutePercentageError")
class MeanAbsolutePercentageError(BuiltinLossWrapper):
    __doc__ = f"""Mean absolute percentage error between `y_true` and `y_pred`.

    `100 * mean(abs((y_true - y_pred) / y_true))`.

    Args:
        {_ARGS}

    Example:

    >>> mape = cornu.losses.MeanAbsolutePercentageError()
    >>> float(mape([[2.0, 4.0]], [[1.0, 5.0]]))
    37.5
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "mean_absolute_percentage_error",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            mean_absolute_percentage_error,
            name=name,
            reduction=reduction,
            dtype=dtype,
        )


@cornu_export("cornu.losses.MeanSquaredLogarithmicError")
class MeanSquaredLogarithmicError(BuiltinLossWrapper):
    __doc__ = f"""Mean squared logarithmic error between `y_true` and `y_pred`.

    `mean(square(log(y_true + 1) - log(y_pred + 1)))`.

    Args:
        {_ARGS}

    Example:

    >>> msle = cornu.losses.MeanSquaredLogarithmicError()
    >>> float(msle([[1.0, 1.0]], [[1.0, 1.0]]))
    0.0
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "mean_squared_logarithmic_error",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            mean_squared_logarithmic_error,
            name=name,
            reduction=reduction,
            dtype=dtype,
        )


@cornu_export("cornu.losses.CosineSimilarity")
class CosineSimilarity(BuiltinLossWrapper):
    __doc__ = f"""Negative cosine similarity between `y_true` and `y_pred`.

    `-sum(l2_norm(y_true) * l2_norm(y_pred), axis)`: -1 for the same
    direction, 0 for orthogonal vectors (or a zero vector).

    Args:
        axis: The features axis. Defaults to `-1`.
        {_ARGS}

    Example:

    >>> loss = cornu.losses.CosineSimilarity()
    >>> y_true = [[0.0, 1.0], [1.0, 1.0]]
    >>> round(float(loss(y_true, [[1.0, 0.0], [1.0, 1.0]])), 4)
    -0.5
    """

    def __init__(
        self,
        axis: int = -1,
        reduction: Any = "sum_over_batch_size",
        name: str = "cosine_similarity",
        dtype: Any = None,
    ) -> None:
        # Keras 3 leaves `axis` out of the config (so it is lost on a
        # round trip); cornu keeps it.
        super().__init__(
            cosine_similarity,
            name=name,
            reduction=reduction,
            dtype=dtype,
            axis=axis,
        )


@cornu_export("cornu.losses.Huber")
class Huber(BuiltinLossWrapper):
    __doc__ = f"""Huber loss: quadratic for small errors, linear for large ones.

    `0.5 * x**2` where `abs(x) <= delta`, else
    `delta * abs(x) - 0.5 * delta**2`, averaged over the last axis.

    Args:
        delta: Where the loss turns from quadratic to linear. Defaults to
            `1.0`.
        {_ARGS}

    Example:

    >>> loss = cornu.losses.Huber()
    >>> float(loss([[0.0, 0.0]], [[0.5, 3.0]]))
    1.3125
    """

    def __init__(
        self,
        delta: float = 1.0,
        reduction: Any = "sum_over_batch_size",
        name: str = "huber_loss",
        dtype: Any = None,
    ) -> None:
        # Keras 3 leaves `delta` out of the config (so it is lost on a
        # round trip); cornu keeps it.
        super().__init__(
            huber,
            name=name,
            reduction=reduction,
            dtype=dtype,
            delta=delta,
        )


@cornu_export("cornu.losses.LogCosh")
class LogCosh(BuiltinLossWrapper):
    __doc__ = f"""Logarithm of the hyperbolic cosine of the prediction error.

    `mean(log(cosh(y_pred - y_true)), axis=-1)`.

    Args:
        {_ARGS}

    Example:

    >>> loss = cornu.losses.LogCosh()
    >>> round(float(loss([[0.0, 1.0]], [[1.0, 1.0]])), 4)
    0.2169
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "log_cosh",
        dtype: Any = None,
    ) -> None:
        super().__init__(log_cosh, name=name, reduction=reduction, dtype=dtype)
