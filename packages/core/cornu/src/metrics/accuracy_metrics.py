"""Accuracy metrics: how often predictions match labels.

Each metric is a `MeanMetricWrapper` over a function returning one match
value (1.0 or 0.0) per sample; the functions are public too
(`cornu.metrics.binary_accuracy`, ...).
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.losses.loss import squeeze_or_expand_to_same_rank
from cornu.src.metrics import reduction_metrics


def _matches(y_true: Any, y_pred: Any) -> Any:
    return ops.cast(ops.equal(y_true, y_pred), config.floatx())


def accuracy(y_true: Any, y_pred: Any) -> Any:
    """Fraction of exactly equal values along the last axis."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return ops.mean(_matches(y_true, y_pred), axis=-1)


@cornu_export("cornu.metrics.Accuracy")
class Accuracy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Calculates how often predictions equal labels.

    The (weighted) frequency of `y_pred == y_true`. A `sample_weight` of 0
    masks a sample.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.Accuracy()
    >>> m.update_state([[1], [2], [3], [4]], [[0], [2], [3], [4]])
    >>> float(m.result())
    0.75
    >>> m.reset_state()
    >>> m.update_state([[1], [2], [3], [4]], [[0], [2], [3], [4]],
    ...                sample_weight=[1, 1, 0, 0])
    >>> float(m.result())
    0.5
    """

    def __init__(self, name: str = "accuracy", dtype: Any = None) -> None:
        super().__init__(accuracy, name, dtype, "up")


@cornu_export("cornu.metrics.binary_accuracy")
def binary_accuracy(y_true: Any, y_pred: Any, threshold: float = 0.5) -> Any:
    """Per-sample fraction of predictions matching binary labels.

    A prediction counts as 1 when it is above `threshold`, else 0.

    Args:
        y_true: Binary labels, shape `(batch, ..., d)`.
        y_pred: Predicted values, same shape.
        threshold: Float deciding whether a prediction is 1 or 0.

    Returns:
        The mean match over the last axis.

    Example:

    >>> acc = cornu.metrics.binary_accuracy([[1, 1], [0, 0]],
    ...                                     [[0.9, 0.2], [0.1, 0.7]])
    >>> cornu.ops.convert_to_numpy(acc).tolist()
    [0.5, 0.5]
    """
    y_true = ops.convert_to_tensor(y_true)
    y_pred = ops.convert_to_tensor(y_pred)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    threshold = ops.cast(threshold, y_pred.dtype)
    y_pred = ops.cast(ops.greater(y_pred, threshold), y_true.dtype)
    return ops.mean(_matches(y_true, y_pred), axis=-1)


@cornu_export("cornu.metrics.BinaryAccuracy")
class BinaryAccuracy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Calculates how often predictions match binary labels.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        threshold: Float in (0, 1) deciding whether a prediction is 1 or 0.
            Defaults to 0.5.

    Example:

    >>> m = cornu.metrics.BinaryAccuracy()
    >>> m.update_state([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]])
    >>> float(m.result())
    0.75
    """

    def __init__(
        self,
        name: str = "binary_accuracy",
        dtype: Any = None,
        threshold: float = 0.5,
    ) -> None:
        if threshold is not None and (threshold <= 0 or threshold >= 1):
            raise ValueError(
                "BinaryAccuracy expects `threshold` in the open interval "
                f"(0, 1). Received: threshold={threshold!r}. For logits, "
                "apply a sigmoid to the predictions first."
            )
        super().__init__(
            binary_accuracy, name, dtype, "up", threshold=threshold
        )


def _squeeze_trailing_label_axis(y_true: Any, y_pred: Any) -> tuple:
    """Drops a trailing size-1 axis of labels that have `y_pred`'s rank."""
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        return ops.squeeze(y_true, -1), True
    return y_true, False


@cornu_export("cornu.metrics.categorical_accuracy")
def categorical_accuracy(y_true: Any, y_pred: Any) -> Any:
    """Whether the argmax of `y_pred` equals that of one-hot `y_true`.

    Args:
        y_true: One-hot labels, shape `(batch, ..., num_classes)`.
        y_pred: Scores or probabilities, same shape.

    Returns:
        1.0 or 0.0 per sample, shape `(batch, ...)`.

    Example:

    >>> acc = cornu.metrics.categorical_accuracy(
    ...     [[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]])
    >>> cornu.ops.convert_to_numpy(acc).tolist()
    [0.0, 1.0]
    """
    y_true = ops.argmax(y_true, axis=-1)
    y_pred = ops.convert_to_tensor(y_pred)
    # Keras squeezes the label's last axis whenever the ranks agree
    # (i.e. y_pred had lost an axis); the size check avoids its error.
    shape = ops.shape(y_true)
    y_true, reshaped = _squeeze_trailing_label_axis(y_true, y_pred)
    y_pred = ops.cast(ops.argmax(y_pred, axis=-1), y_true.dtype)
    matches = _matches(y_true, y_pred)
    return ops.reshape(matches, shape) if reshaped else matches


@cornu_export("cornu.metrics.CategoricalAccuracy")
class CategoricalAccuracy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Calculates how often predictions match one-hot labels.

    Logits work as well as probabilities, since only the argmax counts.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.CategoricalAccuracy()
    >>> m.update_state([[0, 0, 1], [0, 1, 0]],
    ...                [[0.1, 0.9, 0.8], [0.05, 0.95, 0]],
    ...                sample_weight=[0.7, 0.3])
    >>> round(float(m.result()), 4)
    0.3
    """

    def __init__(
        self, name: str = "categorical_accuracy", dtype: Any = None
    ) -> None:
        super().__init__(categorical_accuracy, name, dtype, "up")


@cornu_export("cornu.metrics.sparse_categorical_accuracy")
def sparse_categorical_accuracy(y_true: Any, y_pred: Any) -> Any:
    """Whether the argmax of `y_pred` equals the integer label `y_true`.

    Args:
        y_true: Integer labels, shape `(batch, ...)` or `(batch, ..., 1)`.
        y_pred: Scores, shape `(batch, ..., num_classes)`.

    Returns:
        1.0 or 0.0 per sample.

    Example:

    >>> acc = cornu.metrics.sparse_categorical_accuracy(
    ...     [[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]])
    >>> cornu.ops.convert_to_numpy(acc).tolist()
    [0.0, 1.0]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    shape = ops.shape(y_true)
    y_true, reshaped = _squeeze_trailing_label_axis(y_true, y_pred)
    y_pred = ops.argmax(y_pred, axis=-1)
    if y_pred.dtype != y_true.dtype:
        y_pred = ops.cast(y_pred, y_true.dtype)
    matches = _matches(y_true, y_pred)
    if reshaped:
        matches = ops.reshape(matches, shape)
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = ops.squeeze(matches, -1)
    return matches


@cornu_export("cornu.metrics.SparseCategoricalAccuracy")
class SparseCategoricalAccuracy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Calculates how often predictions match integer labels.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.SparseCategoricalAccuracy()
    >>> m.update_state([[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]])
    >>> float(m.result())
    0.5
    """

    def __init__(
        self, name: str = "sparse_categorical_accuracy", dtype: Any = None
    ) -> None:
        super().__init__(sparse_categorical_accuracy, name, dtype, "up")


def _flatten_for_top_k(y_true: Any, y_pred: Any) -> tuple:
    if len(y_pred.shape) > 2:
        y_pred = ops.reshape(y_pred, (-1, y_pred.shape[-1]))
    if len(y_true.shape) > 1:
        y_true = ops.reshape(y_true, (-1,))
    return y_true, y_pred


@cornu_export("cornu.metrics.top_k_categorical_accuracy")
def top_k_categorical_accuracy(y_true: Any, y_pred: Any, k: int = 5) -> Any:
    """Whether the one-hot target is among the `k` highest predictions.

    Args:
        y_true: One-hot labels, shape `(batch, ..., num_classes)`.
        y_pred: Scores, same shape.
        k: Number of top predictions to look at.

    Returns:
        1.0 or 0.0 per sample, shape `(batch, ...)`.

    Example:

    >>> acc = cornu.metrics.top_k_categorical_accuracy(
    ...     [[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]], k=1)
    >>> cornu.ops.convert_to_numpy(acc).tolist()
    [0.0, 1.0]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.argmax(y_true, axis=-1)
    shape = ops.shape(y_true)
    y_true, y_pred = _flatten_for_top_k(y_true, y_pred)
    matches = ops.in_top_k(ops.cast(y_true, "int32"), y_pred, k=k)
    return ops.reshape(ops.cast(matches, config.floatx()), shape)


@cornu_export("cornu.metrics.TopKCategoricalAccuracy")
class TopKCategoricalAccuracy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes how often one-hot targets are in the top `k` predictions.

    Args:
        k: Number of top elements to look at. Defaults to 5.
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.TopKCategoricalAccuracy(k=1)
    >>> m.update_state([[0, 0, 1], [0, 1, 0]],
    ...                [[0.1, 0.9, 0.8], [0.05, 0.95, 0]])
    >>> float(m.result())
    0.5
    """

    def __init__(
        self,
        k: int = 5,
        name: str = "top_k_categorical_accuracy",
        dtype: Any = None,
    ) -> None:
        super().__init__(top_k_categorical_accuracy, name, dtype, "up", k=k)


@cornu_export("cornu.metrics.sparse_top_k_categorical_accuracy")
def sparse_top_k_categorical_accuracy(
    y_true: Any, y_pred: Any, k: int = 5, from_sorted_ids: bool = False
) -> Any:
    """Whether the integer target is among the top `k` predictions.

    Args:
        y_true: Integer labels (or IDs), shape `(batch, ...)`.
        y_pred: With `from_sorted_ids=False`, scores of shape
            `(batch, ..., num_classes)`. With `from_sorted_ids=True`, the
            IDs of the top `N >= k` categories, best first, shape
            `(batch, ..., N)`.
        k: Number of top predictions to look at.
        from_sorted_ids: Whether `y_pred` holds sorted IDs instead of
            scores.

    Returns:
        1.0 or 0.0 per sample, shaped like `y_true`.

    Example:

    >>> acc = cornu.metrics.sparse_top_k_categorical_accuracy(
    ...     [2, 1], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]], k=1)
    >>> cornu.ops.convert_to_numpy(acc).tolist()
    [0.0, 1.0]
    >>> acc = cornu.metrics.sparse_top_k_categorical_accuracy(
    ...     [2, 1], [[1, 0, 3], [1, 2, 3]], k=1, from_sorted_ids=True)
    >>> cornu.ops.convert_to_numpy(acc).tolist()
    [0.0, 1.0]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(
        y_true, dtype=y_pred.dtype if from_sorted_ids else "int32"
    )
    shape = ops.shape(y_true)
    y_true, y_pred = _flatten_for_top_k(y_true, y_pred)
    if from_sorted_ids:
        # The first k IDs are the top k; `any` counts a repeated ID once.
        matches = ops.any(
            ops.equal(ops.expand_dims(y_true, axis=1), y_pred[:, :k]), axis=1
        )
    else:
        matches = ops.in_top_k(y_true, y_pred, k=k)
    return ops.reshape(ops.cast(matches, config.floatx()), shape)


@cornu_export("cornu.metrics.SparseTopKCategoricalAccuracy")
class SparseTopKCategoricalAccuracy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes how often integer targets are in the top `k` predictions.

    With `from_sorted_ids=True`, `y_pred` holds the IDs of the top
    categories, best first, instead of scores for every category (useful
    when the set of categories is very large).

    Args:
        k: Number of top elements to look at. Defaults to 5.
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        from_sorted_ids: Whether `y_pred` holds sorted IDs.

    Example:

    >>> m = cornu.metrics.SparseTopKCategoricalAccuracy(k=1)
    >>> m.update_state([2, 1], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]])
    >>> float(m.result())
    0.5
    """

    def __init__(
        self,
        k: int = 5,
        name: str = "sparse_top_k_categorical_accuracy",
        dtype: Any = None,
        from_sorted_ids: bool = False,
    ) -> None:
        super().__init__(
            sparse_top_k_categorical_accuracy,
            name,
            dtype,
            "up",
            k=k,
            from_sorted_ids=from_sorted_ids,
        )

    def get_config(self) -> dict:
        config = super().get_config()
        # Keras writes `from_sorted_ids` only when it is set.
        del config["from_sorted_ids"]
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config
