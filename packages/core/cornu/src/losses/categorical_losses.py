"""Multi-class losses: categorical (focal) cross-entropy with one-hot
labels, sparse categorical cross-entropy and generalized cross-entropy
with integer labels."""

from __future__ import annotations

import warnings
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.backend.common import masking
from cornu.src.backend.common.dtypes import is_int_dtype
from cornu.src.losses import loss as loss_lib
from cornu.src.losses.loss_function_wrapper import BuiltinLossWrapper


def _check_axis(fn: str, axis: Any) -> None:
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise ValueError(
            f"`{fn}` expects `axis` to be an int. Received: axis={axis!r} "
            f"of type {type(axis).__name__}. Pass e.g. axis=-1."
        )


def _prepare(fn: str, y_true: Any, y_pred: Any) -> tuple[Any, Any]:
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    if len(y_pred.shape) and y_pred.shape[-1] == 1:
        warnings.warn(
            f"In loss {fn}, expected y_pred.shape to be (batch_size, "
            "num_classes) with num_classes > 1. Received: "
            f"y_pred.shape={tuple(y_pred.shape)}. Consider using "
            "'binary_crossentropy' if you only have 2 classes.",
            SyntaxWarning,
            stacklevel=3,
        )
    return y_true, y_pred


def _smooth(y_true: Any, y_pred: Any, label_smoothing: float) -> Any:
    if not label_smoothing:
        return y_true
    num_classes = ops.cast(ops.shape(y_true)[-1], y_pred.dtype)
    return y_true * (1.0 - label_smoothing) + label_smoothing / num_classes


@cornu_export(
    [
        "cornu.losses.categorical_crossentropy",
        "cornu.metrics.categorical_crossentropy",
    ]
)
def categorical_crossentropy(
    y_true: Any,
    y_pred: Any,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> Any:
    """Categorical cross-entropy between one-hot labels and predictions.

    Args:
        y_true: One-hot (or soft) labels, shape `(batch_size, ...,
            num_classes)`.
        y_pred: Probabilities, or logits if `from_logits=True`.
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        label_smoothing: Float in [0, 1]. With `0.1`, targets become
            `0.1 / num_classes` and `0.9 + 0.1 / num_classes`.
        axis: The classes axis. Defaults to -1.

    Returns:
        The losses, `y_pred`'s shape without `axis`.

    Raises:
        ValueError: if `axis` is not an int.

    Example:

    >>> loss = cornu.losses.categorical_crossentropy(
    ...     [[0, 1, 0], [0, 0, 1]], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.0513, 2.3026]
    """
    _check_axis("categorical_crossentropy", axis)
    y_true, y_pred = _prepare("categorical_crossentropy", y_true, y_pred)
    y_true = _smooth(y_true, y_pred, label_smoothing)
    return ops.categorical_crossentropy(
        y_true, y_pred, from_logits=from_logits, axis=axis
    )


@cornu_export(
    [
        "cornu.losses.categorical_focal_crossentropy",
        "cornu.metrics.categorical_focal_crossentropy",
    ]
)
def categorical_focal_crossentropy(
    y_true: Any,
    y_pred: Any,
    alpha: float = 0.25,
    gamma: float = 2.0,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> Any:
    """Categorical focal cross-entropy (Lin et al., 2018).

    `sum(alpha * (1 - p) ** gamma * -y_true * log(p), axis)`, where `p` is
    `y_pred` rescaled to sum to 1 and clipped to `[epsilon, 1 - epsilon]`.

    Args:
        y_true: One-hot labels, shape `(batch_size, ..., num_classes)`.
        y_pred: Probabilities, or logits if `from_logits=True`.
        alpha: Class weight: a float or one float per class. Defaults to
            `0.25`.
        gamma: The focusing exponent. Defaults to `2.0`.
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        label_smoothing: Float in [0, 1], as for `categorical_crossentropy`.
        axis: The classes axis. Defaults to -1.

    Returns:
        The losses, `y_pred`'s shape without `axis`.

    Raises:
        ValueError: if `axis` is not an int.

    Example:

    >>> loss = cornu.losses.categorical_focal_crossentropy(
    ...     [[0, 1, 0], [0, 0, 1]], [[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.0003, 0.6759]
    """
    _check_axis("categorical_focal_crossentropy", axis)
    y_true, y_pred = _prepare("categorical_focal_crossentropy", y_true, y_pred)
    y_true = _smooth(y_true, y_pred, label_smoothing)
    if from_logits:
        y_pred = ops.softmax(y_pred, axis=axis)
    output = y_pred / ops.sum(y_pred, axis=axis, keepdims=True)
    epsilon = config.epsilon()
    output = ops.clip(output, epsilon, 1.0 - epsilon)
    cce = -y_true * ops.log(output)
    weighting = ops.multiply(ops.power(1.0 - output, gamma), alpha)
    return ops.sum(ops.multiply(weighting, cce), axis=axis)


@cornu_export(
    [
        "cornu.losses.sparse_categorical_crossentropy",
        "cornu.metrics.sparse_categorical_crossentropy",
    ]
)
def sparse_categorical_crossentropy(
    y_true: Any,
    y_pred: Any,
    from_logits: bool = False,
    ignore_class: int | None = None,
    axis: int = -1,
) -> Any:
    """Cross-entropy between integer labels and predictions.

    With `ignore_class`, entries labelled `ignore_class` get a loss of 0
    and the result carries a Keras mask of the valid entries, so a `Loss`
    averages over the valid entries only.

    Args:
        y_true: Integer labels, `y_pred`'s shape without the classes axis
            (a trailing axis of size 1 is accepted too).
        y_pred: Probabilities, or logits if `from_logits=True`.
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        ignore_class: Optional label to ignore (e.g. a "void" class such as
            -1 or 255 in segmentation maps). Defaults to `None`.
        axis: The classes axis. Defaults to -1.

    Returns:
        The losses, `y_pred`'s shape without `axis`.

    Example:

    >>> loss = cornu.losses.sparse_categorical_crossentropy(
    ...     [1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.0513, 2.3026]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = ops.squeeze(y_true, axis=-1)
    if not is_int_dtype(y_true.dtype):
        y_true = ops.cast(y_true, "int32")  # the op wants integers
    valid = None
    if ignore_class is not None:
        valid = ops.not_equal(y_true, ops.cast(ignore_class, y_true.dtype))
        # Ignored entries get label 0 so the op stays finite (and so do
        # its gradients); their losses are zeroed below.
        y_true = y_true * ops.cast(valid, y_true.dtype)
    result = ops.sparse_categorical_crossentropy(
        y_true, y_pred, from_logits=from_logits, axis=axis
    )
    if valid is not None:
        valid = ops.reshape(valid, ops.shape(result))
        result = ops.where(valid, result, ops.zeros_like(result))
        masking.set_keras_mask(result, valid)
    return result


@cornu_export("cornu.losses.categorical_generalized_cross_entropy")
def categorical_generalized_cross_entropy(
    y_true: Any, y_pred: Any, q: float
) -> Any:
    """Generalized cross-entropy (Zhang & Sabuncu, 2018): `(1 - p**q) / q`.

    `p` is the probability `y_pred` gives the true class. Robust to noisy
    labels: it tends to the cross-entropy as `q -> 0` and to the mean
    absolute error at `q = 1`.

    Args:
        y_true: Integer class indices, shape `(batch_size,)` or
            `(batch_size, 1)`.
        y_pred: Class probabilities, shape `(batch_size, num_classes)`.
        q: Float in (0, 1).

    Returns:
        The losses, shape `(batch_size,)`.

    Example:

    >>> loss = cornu.losses.categorical_generalized_cross_entropy(
    ...     [0, 1], [[0.25, 0.75], [0.75, 0.25]], q=0.5)
    >>> cornu.ops.convert_to_numpy(loss).tolist()
    [1.0, 1.0]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = ops.squeeze(y_true, axis=-1)
    one_hot = ops.one_hot(
        ops.cast(y_true, "int32"), y_pred.shape[-1], dtype=y_pred.dtype
    )
    p = ops.sum(y_pred * one_hot, axis=-1)
    return (1.0 - ops.power(p, q)) / q


_ARGS = loss_lib.COMMON_ARGS_DOC


@cornu_export("cornu.losses.CategoricalCrossentropy")
class CategoricalCrossentropy(BuiltinLossWrapper):
    __doc__ = f"""Cross-entropy between one-hot labels and predictions.

    For two or more classes with one-hot labels; for integer labels use
    `SparseCategoricalCrossentropy`.

    Args:
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        label_smoothing: Float in [0, 1]. With `0.1`, targets become
            `0.1 / num_classes` and `0.9 + 0.1 / num_classes`.
        axis: The classes axis. Defaults to `-1`.
        {_ARGS}

    Example:

    >>> cce = cornu.losses.CategoricalCrossentropy()
    >>> y_true = [[0, 1, 0], [0, 0, 1]]
    >>> y_pred = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]
    >>> round(float(cce(y_true, y_pred)), 3)
    1.177
    >>> round(float(cce(y_true, y_pred, sample_weight=[0.3, 0.7])), 3)
    0.814
    """

    def __init__(
        self,
        from_logits: bool = False,
        label_smoothing: float = 0.0,
        axis: int = -1,
        reduction: Any = "sum_over_batch_size",
        name: str = "categorical_crossentropy",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            categorical_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )


@cornu_export("cornu.losses.CategoricalFocalCrossentropy")
class CategoricalFocalCrossentropy(BuiltinLossWrapper):
    __doc__ = f"""Alpha-balanced focal cross-entropy for one-hot labels.

    `alpha * (1 - p_t) ** gamma * CE`: the focal factor down-weights easy
    examples (Lin et al., 2018).

    Args:
        alpha: Class weight, a float or one float per class. Defaults to
            `0.25`.
        gamma: The focusing exponent. Defaults to `2.0`.
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        label_smoothing: Float in [0, 1], as for `CategoricalCrossentropy`.
        axis: The classes axis. Defaults to `-1`.
        {_ARGS}

    Example:

    >>> cfce = cornu.losses.CategoricalFocalCrossentropy()
    >>> y_true = [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    >>> y_pred = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]
    >>> round(float(cfce(y_true, y_pred)), 4)
    0.2332
    """

    def __init__(
        self,
        alpha: Any = 0.25,
        gamma: float = 2.0,
        from_logits: bool = False,
        label_smoothing: float = 0.0,
        axis: int = -1,
        reduction: Any = "sum_over_batch_size",
        name: str = "categorical_focal_crossentropy",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            categorical_focal_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            alpha=alpha,
            gamma=gamma,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )


@cornu_export("cornu.losses.SparseCategoricalCrossentropy")
class SparseCategoricalCrossentropy(BuiltinLossWrapper):
    __doc__ = f"""Cross-entropy between integer labels and predictions.

    `y_true` holds one integer label per sample (shape `(batch_size,)`),
    `y_pred` one value per class (shape `(batch_size, num_classes)`).

    Args:
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        ignore_class: Optional label to leave out of the loss (e.g. a
            "void" class in segmentation maps); the mean is then taken over
            the other entries. Defaults to `None`.
        {_ARGS}

    Example:

    >>> scce = cornu.losses.SparseCategoricalCrossentropy()
    >>> round(float(scce([1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])), 3)
    1.177
    >>> scce = cornu.losses.SparseCategoricalCrossentropy(ignore_class=2)
    >>> round(float(scce([1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])), 4)
    0.0513
    """

    _integer_targets = True

    def __init__(
        self,
        from_logits: bool = False,
        ignore_class: int | None = None,
        reduction: Any = "sum_over_batch_size",
        name: str = "sparse_categorical_crossentropy",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            sparse_categorical_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            from_logits=from_logits,
            ignore_class=ignore_class,
        )


@cornu_export("cornu.losses.CategoricalGeneralizedCrossEntropy")
class CategoricalGeneralizedCrossEntropy(BuiltinLossWrapper):
    __doc__ = f"""Generalized cross-entropy for noisy labels: `(1 - p**q) / q`.

    `p` is the probability given to the true class (Zhang & Sabuncu,
    2018). `y_true` holds integer class indices, `y_pred` probabilities.

    Args:
        q: Float in (0, 1): near 0 it behaves like the cross-entropy, near
            1 like the mean absolute error. Defaults to `0.5`.
        {_ARGS}

    Example:

    >>> gce = cornu.losses.CategoricalGeneralizedCrossEntropy(q=0.7)
    >>> y_pred = [[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]]
    >>> round(float(gce([0, 1, 0, 1], y_pred)), 4)
    0.3453
    """

    def __init__(
        self,
        q: float = 0.5,
        reduction: Any = "sum_over_batch_size",
        name: str = "categorical_generalized_cross_entropy",
        dtype: Any = None,
    ) -> None:
        if (
            isinstance(q, bool)
            or not isinstance(q, (int, float))
            or not (0 < q < 1)
        ):
            raise ValueError(
                "CategoricalGeneralizedCrossEntropy expects `q` to be a "
                f"float in the interval (0, 1). Received: q={q!r}. Use e.g. "
                "q=0.5 (smaller is closer to the cross-entropy)."
            )
        super().__init__(
            categorical_generalized_cross_entropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            q=q,
        )
