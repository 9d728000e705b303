"""Probabilistic losses for binary targets and distributions: binary
(focal) cross-entropy, Kullback-Leibler divergence and Poisson."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.losses import loss as loss_lib
from cornu.src.losses.loss_function_wrapper import BuiltinLossWrapper


@cornu_export(
    [
        "cornu.losses.kl_divergence",
        "cornu.metrics.kl_divergence",
        "cornu.losses.kld",
    ]
)
def kl_divergence(y_true: Any, y_pred: Any) -> Any:
    """Kullback-Leibler divergence: `sum(y_true * log(y_true / y_pred), -1)`.

    Both inputs are clipped to `[epsilon, 1]` first
    (`epsilon = cornu.config.epsilon()`).

    Args:
        y_true: True distributions, shape `(batch_size, ..., d)`.
        y_pred: Predicted distributions, same shape.

    Returns:
        The divergences, shape `(batch_size, ...)`.

    Example:

    >>> loss = cornu.losses.kl_divergence([[0.5, 0.5]], [[0.25, 0.75]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.1438]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    y_true = ops.clip(y_true, config.epsilon(), 1)
    y_pred = ops.clip(y_pred, config.epsilon(), 1)
    return ops.sum(y_true * ops.log(y_true / y_pred), axis=-1)


@cornu_export(["cornu.losses.poisson", "cornu.metrics.poisson"])
def poisson(y_true: Any, y_pred: Any) -> Any:
    """Poisson loss: `mean(y_pred - y_true * log(y_pred + epsilon), -1)`.

    Args:
        y_true: Observed counts, shape `(batch_size, d0, ..., dN)`.
        y_pred: Predicted rates, same shape.

    Returns:
        The losses, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.poisson([[0.0, 2.0]], [[1.0, 1.0]])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [1.0]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    epsilon = ops.convert_to_tensor(config.epsilon(), dtype=y_pred.dtype)
    return ops.mean(y_pred - y_true * ops.log(y_pred + epsilon), axis=-1)


@cornu_export(
    ["cornu.losses.binary_crossentropy", "cornu.metrics.binary_crossentropy"]
)
def binary_crossentropy(
    y_true: Any,
    y_pred: Any,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> Any:
    """Binary cross-entropy, averaged over `axis`.

    Args:
        y_true: Labels in [0, 1], shape `(batch_size, d0, ..., dN)`.
        y_pred: Probabilities, or logits if `from_logits=True`; same shape.
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        label_smoothing: Float in [0, 1]; labels become
            `y_true * (1 - label_smoothing) + 0.5 * label_smoothing`.
        axis: The axis the mean is taken over. Defaults to -1.

    Returns:
        The losses, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.binary_crossentropy(
    ...     [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]])
    >>> [round(v, 3) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.916, 0.714]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return ops.mean(
        ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits),
        axis=axis,
    )


@cornu_export(
    [
        "cornu.losses.binary_focal_crossentropy",
        "cornu.metrics.binary_focal_crossentropy",
    ]
)
def binary_focal_crossentropy(
    y_true: Any,
    y_pred: Any,
    apply_class_balancing: bool = False,
    alpha: float = 0.25,
    gamma: float = 2.0,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> Any:
    """Binary focal cross-entropy (Lin et al., 2018), averaged over `axis`.

    The cross-entropy of each entry is multiplied by the focal factor
    `(1 - p_t) ** gamma`, where `p_t` is the probability given to the true
    label, so easy examples count less. With `apply_class_balancing`, it
    is also weighted by `alpha` for class 1 and `1 - alpha` for class 0.

    Args:
        y_true: Labels in [0, 1], shape `(batch_size, d0, ..., dN)`.
        y_pred: Probabilities, or logits if `from_logits=True`.
        apply_class_balancing: Whether to weight the classes by `alpha`.
        alpha: Weight of class 1 (class 0 gets `1 - alpha`). Defaults to
            `0.25`.
        gamma: The focusing exponent. Defaults to `2.0`; `0` gives the
            binary cross-entropy.
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        label_smoothing: Float in [0, 1], as for `binary_crossentropy`.
        axis: The axis the mean is taken over. Defaults to -1.

    Returns:
        The losses, shape `(batch_size, d0, ..., dN-1)`.

    Example:

    >>> loss = cornu.losses.binary_focal_crossentropy(
    ...     [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]], gamma=2.0)
    >>> [round(v, 3) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.33, 0.206]
    """
    y_true, y_pred = loss_lib.convert_pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    bce = ops.binary_crossentropy(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1.0 - y_true) * (1.0 - y_pred)
    focal_bce = ops.power(1.0 - p_t, gamma) * bce
    if apply_class_balancing:
        weight = y_true * alpha + (1.0 - y_true) * (1.0 - alpha)
        focal_bce = weight * focal_bce
    return ops.mean(focal_bce, axis=axis)


_ARGS = loss_lib.COMMON_ARGS_DOC


@cornu_export("cornu.losses.KLDivergence")
class KLDivergence(BuiltinLossWrapper):
    __doc__ = f"""Kullback-Leibler divergence: `y_true * log(y_true / y_pred)`.

    Both inputs are probability distributions, clipped to `[epsilon, 1]`.

    Args:
        {_ARGS}

    Example:

    >>> loss = cornu.losses.KLDivergence()
    >>> round(float(loss([[0.5, 0.5]], [[0.25, 0.75]])), 4)
    0.1438
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "kl_divergence",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            kl_divergence, name=name, reduction=reduction, dtype=dtype
        )


@cornu_export("cornu.losses.Poisson")
class Poisson(BuiltinLossWrapper):
    __doc__ = f"""Poisson loss: `y_pred - y_true * log(y_pred)`, averaged.

    Args:
        {_ARGS}

    Example:

    >>> loss = cornu.losses.Poisson()
    >>> round(float(loss([[0.0, 2.0]], [[1.0, 1.0]])), 4)
    1.0
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "poisson",
        dtype: Any = None,
    ) -> None:
        super().__init__(poisson, name=name, reduction=reduction, dtype=dtype)


@cornu_export("cornu.losses.BinaryCrossentropy")
class BinaryCrossentropy(BuiltinLossWrapper):
    __doc__ = f"""Cross-entropy between binary labels and predictions.

    For binary (0 or 1) classification: `y_true` holds 0 or 1, `y_pred` a
    probability (or a logit with `from_logits=True`, the recommended and
    more stable form).

    Args:
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        label_smoothing: Float in [0, 1]; labels are squeezed towards 0.5.
        axis: The axis the mean is taken over. Defaults to `-1`.
        {_ARGS}

    Example:

    >>> bce = cornu.losses.BinaryCrossentropy(from_logits=True)
    >>> y_true = [[0.0, 1.0], [0.0, 0.0]]
    >>> y_pred = [[-18.6, 0.51], [2.94, -12.8]]
    >>> round(float(bce(y_true, y_pred)), 3)
    0.865
    >>> round(float(bce(y_true, y_pred, sample_weight=[0.8, 0.2])), 3)
    0.244
    """

    def __init__(
        self,
        from_logits: bool = False,
        label_smoothing: float = 0.0,
        axis: int = -1,
        reduction: Any = "sum_over_batch_size",
        name: str = "binary_crossentropy",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            binary_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )


@cornu_export("cornu.losses.BinaryFocalCrossentropy")
class BinaryFocalCrossentropy(BuiltinLossWrapper):
    __doc__ = f"""Binary focal cross-entropy (Lin et al., 2018).

    Down-weights easy examples by the focal factor `(1 - p_t) ** gamma`
    (`p_t`: the probability of the true label); optionally balances the
    classes with `alpha`.

    Args:
        apply_class_balancing: Whether to weight class 1 by `alpha` and
            class 0 by `1 - alpha`. Defaults to `False`.
        alpha: The class-1 weight. Defaults to `0.25`.
        gamma: The focusing exponent. Defaults to `2.0`.
        from_logits: Whether `y_pred` holds logits. Defaults to `False`.
        label_smoothing: Float in [0, 1]; labels are squeezed towards 0.5.
        axis: The axis the mean is taken over. Defaults to `-1`.
        {_ARGS}

    Example:

    >>> loss = cornu.losses.BinaryFocalCrossentropy(gamma=2, from_logits=True)
    >>> round(float(loss([0.0, 1.0, 0.0, 0.0], [-18.6, 0.51, 2.94, -12.8])), 3)
    0.691
    """

    def __init__(
        self,
        apply_class_balancing: bool = False,
        alpha: float = 0.25,
        gamma: float = 2.0,
        from_logits: bool = False,
        label_smoothing: float = 0.0,
        axis: int = -1,
        reduction: Any = "sum_over_batch_size",
        name: str = "binary_focal_crossentropy",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            binary_focal_crossentropy,
            name=name,
            reduction=reduction,
            dtype=dtype,
            apply_class_balancing=apply_class_balancing,
            alpha=alpha,
            gamma=gamma,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )
