"""Probabilistic metrics: running means of crossentropies, KL divergence
and the Poisson loss of `cornu.losses`."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.losses import categorical_losses
from cornu.src.losses import probabilistic_losses
from cornu.src.metrics import reduction_metrics


@cornu_export("cornu.metrics.KLDivergence")
class KLDivergence(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the Kullback-Leibler divergence `y_true * log(y_true /
    y_pred)`, summed over the last axis.

    Both inputs are probability distributions; they are clipped to
    `[epsilon, 1]`.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.KLDivergence()
    >>> m.update_state([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    >>> round(float(m.result()), 4)
    0.4581
    """

    def __init__(self, name: str = "kl_divergence", dtype: Any = None) -> None:
        super().__init__(
            probabilistic_losses.kl_divergence, name, dtype, "down"
        )


@cornu_export("cornu.metrics.Poisson")
class Poisson(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the Poisson metric `mean(y_pred - y_true * log(y_pred))`.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.

    Example:

    >>> m = cornu.metrics.Poisson()
    >>> m.update_state([[0, 1], [0, 0]], [[1.0, 1.0], [0.0, 0.0]])
    >>> round(float(m.result()), 4)
    0.5
    """

    def __init__(self, name: str = "poisson", dtype: Any = None) -> None:
        super().__init__(probabilistic_losses.poisson, name, dtype, "down")


@cornu_export("cornu.metrics.BinaryCrossentropy")
class BinaryCrossentropy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the crossentropy between binary labels and predictions.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        from_logits: Whether `y_pred` holds logits instead of
            probabilities. Defaults to `False`.
        label_smoothing: Float in [0, 1]; labels are moved towards 0.5 by
            this amount (0.2 turns 0 into 0.1 and 1 into 0.9).

    Example:

    >>> m = cornu.metrics.BinaryCrossentropy()
    >>> m.update_state([[0, 1], [0, 0]], [[0.6, 0.4], [0.4, 0.6]])
    >>> round(float(m.result()), 4)
    0.8149
    """

    def __init__(
        self,
        name: str = "binary_crossentropy",
        dtype: Any = None,
        from_logits: bool = False,
        label_smoothing: float = 0,
    ) -> None:
        super().__init__(
            probabilistic_losses.binary_crossentropy,
            name,
            dtype,
            "down",
            from_logits=from_logits,
            label_smoothing=label_smoothing,
        )


@cornu_export("cornu.metrics.CategoricalCrossentropy")
class CategoricalCrossentropy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the crossentropy between one-hot labels and predictions.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        from_logits: Whether `y_pred` holds logits instead of
            probabilities. Defaults to `False`.
        label_smoothing: Float in [0, 1]; how much to smooth the labels.
        axis: The class axis. Defaults to -1.

    Example:

    >>> m = cornu.metrics.CategoricalCrossentropy()
    >>> m.update_state([[0, 1, 0], [0, 0, 1]],
    ...                [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    >>> round(float(m.result()), 4)
    1.1769
    """

    def __init__(
        self,
        name: str = "categorical_crossentropy",
        dtype: Any = None,
        from_logits: bool = False,
        label_smoothing: float = 0,
        axis: int = -1,
    ) -> None:
        super().__init__(
            categorical_losses.categorical_crossentropy,
            name,
            dtype,
            "down",
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )


@cornu_export("cornu.metrics.SparseCategoricalCrossentropy")
class SparseCategoricalCrossentropy(reduction_metrics.BuiltinMeanMetricWrapper):
    """Computes the crossentropy between integer labels and predictions.

    Args:
        name: Optional name of the metric instance.
        dtype: Optional dtype of the result.
        from_logits: Whether `y_pred` holds logits instead of
            probabilities. Defaults to `False`.
        axis: The class axis. Defaults to -1.

    Example:

    >>> m = cornu.metrics.SparseCategoricalCrossentropy()
    >>> m.update_state([1, 2], [[0.05, 0.95, 0], [0.1, 0.8, 0.1]])
    >>> round(float(m.result()), 4)
    1.1769
    """

    def __init__(
        self,
        name: str = "sparse_categorical_crossentropy",
        dtype: Any = None,
        from_logits: bool = False,
        axis: int = -1,
    ) -> None:
        super().__init__(
            categorical_losses.sparse_categorical_crossentropy,
            name,
            dtype,
            "down",
            from_logits=from_logits,
            axis=axis,
        )
