"""`Loss`, the base class of every loss, and its reduction helpers.

A loss's `call(y_true, y_pred)` returns one value per sample (or per
sample and time step); `Loss.__call__` weights those values by
`sample_weight` and by a Keras mask attached to `y_pred` (or to the
values themselves, as `SparseCategoricalCrossentropy(ignore_class=...)`
does), then reduces them to a scalar, as Keras 3 does.
"""

from __future__ import annotations

import math
from typing import Any

from cornu.src import ops
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.backend.common import global_state
from cornu.src.backend.common import masking
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.dtype_policies import dtype_policy
from cornu.src.utils.naming import to_snake_case

REDUCTIONS = (
    "sum_over_batch_size",
    "sum",
    None,
    "none",
    "mean",
    "mean_with_sample_weight",
)


def standardize_reduction(reduction: Any) -> Any:
    """Returns `reduction` if it is one of `REDUCTIONS`, else raises."""
    if not (
        reduction is None
        or (isinstance(reduction, str) and reduction in REDUCTIONS)
    ):
        raise ValueError(
            "Invalid value for argument `reduction`. Expected one of "
            f"{list(REDUCTIONS)}. Received: reduction={reduction!r}. Use "
            "'sum_over_batch_size' (the default) for the mean over all "
            "values, 'sum' for their sum, or None for no reduction."
        )
    return reduction


def convert_pair(
    y_true: Any, y_pred: Any, same_rank: bool = False
) -> tuple[Any, Any]:
    """`(y_true, y_pred)` as tensors, `y_true` cast to `y_pred`'s dtype;
    with `same_rank`, also brought to the same rank (see
    `squeeze_or_expand_to_same_rank`). The common first step of the
    built-in loss and metric functions."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(ops.convert_to_tensor(y_true), y_pred.dtype)
    if same_rank:
        return squeeze_or_expand_to_same_rank(y_true, y_pred)
    return y_true, y_pred


def squeeze_or_expand_to_same_rank(
    x1: Any, x2: Any, expand_rank_1: bool = True
) -> tuple[Any, Any]:
    """Makes ranks that differ by one equal, when the extra axis is 1.

    If one tensor has one more axis than the other and that last axis has
    size 1, it is squeezed, except when the other tensor has rank 1 and
    `expand_rank_1` is true: then the rank-1 tensor gets a trailing axis
    instead. Other rank differences are left alone.

    Args:
        x1: A tensor.
        x2: A tensor.
        expand_rank_1: Whether to expand a rank-1 tensor rather than
            squeeze the other one.

    Returns:
        The pair `(x1, x2)`, adjusted.
    """
    rank1, rank2 = len(x1.shape), len(x2.shape)
    if rank1 == rank2 + 1 and x1.shape[-1] == 1:
        if rank2 == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, axis=-1)
        else:
            x1 = ops.squeeze(x1, axis=-1)
    elif rank2 == rank1 + 1 and x2.shape[-1] == 1:
        if rank1 == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, axis=-1)
        else:
            x2 = ops.squeeze(x2, axis=-1)
    return x1, x2


def _num_elements(x: Any) -> Any:
    """The number of entries of `x`: a Python int when the shape is known."""
    shape = tuple(x.shape)
    if None not in shape:
        return math.prod(shape)
    return ops.size(x)


def reduce_values(
    values: Any,
    sample_weight: Any = None,
    reduction: Any = "sum_over_batch_size",
) -> Any:
    """Reduces (already weighted) loss values as `reduction` says.

    `"sum"` sums them; `"sum_over_batch_size"` and `"mean"` divide the sum
    by the number of values; `"mean_with_sample_weight"` divides it by the
    sum of `sample_weight` (by the number of values when there is none);
    `None`/`"none"` returns `values` unchanged. Scalars and empty vectors
    are returned unchanged, as in Keras.

    Args:
        values: The loss values.
        sample_weight: The weights already applied to `values` (only
            used by `"mean_with_sample_weight"`).
        reduction: One of `REDUCTIONS`.

    Returns:
        A scalar tensor, or `values` for no reduction.
    """
    shape = tuple(values.shape)
    if reduction is None or reduction == "none" or shape in ((), (0,)):
        return values
    loss = ops.sum(values)
    if reduction == "sum":
        return loss
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        divisor = ops.cast(ops.sum(sample_weight), loss.dtype)
        return ops.divide_no_nan(loss, divisor)
    count = _num_elements(values)
    if isinstance(count, int) and count > 0:
        return loss / count
    return ops.divide_no_nan(loss, ops.cast(count, loss.dtype))


def apply_mask(
    sample_weight: Any, mask: Any, dtype: Any, reduction: Any
) -> Any:
    """Folds a mask into the sample weights.

    For the `"sum_over_batch_size"` and `"mean"` reductions, valid entries
    are scaled by `total / valid`, so that dividing by the number of all
    entries gives the mean over the valid ones only.

    Args:
        sample_weight: The sample weights, or `None`.
        mask: A boolean or 0/1 mask, or `None`.
        dtype: The dtype of the loss values.
        reduction: The reduction that will be applied.

    Returns:
        The combined weights (or `sample_weight` when `mask` is `None`).
    """
    if mask is None:
        return sample_weight
    mask = ops.cast(mask, dtype)
    if reduction in ("mean", "sum_over_batch_size"):
        total = ops.cast(_num_elements(mask), dtype)
        valid = ops.sum(mask)
        mask = mask * ops.divide_no_nan(total, valid)
    if sample_weight is None:
        return mask
    sample_weight = ops.cast(sample_weight, dtype)
    mask, sample_weight = squeeze_or_expand_to_same_rank(mask, sample_weight)
    return _align_leading(sample_weight, mask) * mask


def _align_leading(weight: Any, values: Any) -> Any:
    """Adds trailing axes to `weight` so it broadcasts from the batch axis.

    Keras multiplies `values` of shape `(batch, time)` by `sample_weight`
    of shape `(batch,)` directly, which broadcasts along the *last* axis
    (an error, or wrong when `batch == time`). Per-sample weights belong
    to the leading axis, so cornu aligns them there.
    """
    extra = len(values.shape) - len(weight.shape)
    if extra > 0 and len(weight.shape) > 0:
        weight = ops.reshape(weight, tuple(ops.shape(weight)) + (1,) * extra)
    return weight


def reduce_weighted_values(
    values: Any,
    sample_weight: Any = None,
    mask: Any = None,
    reduction: Any = "sum_over_batch_size",
    dtype: Any = None,
) -> Any:
    """Weights `values` by `sample_weight` and `mask`, then reduces them.

    Args:
        values: The per-sample loss values.
        sample_weight: Optional weights, broadcastable to `values` from
            the leading (batch) axis.
        mask: Optional boolean mask of the shape of `values`.
        reduction: One of `REDUCTIONS`.
        dtype: The dtype to compute in (defaults to that of `values`).

    Returns:
        The reduced loss.
    """
    reduction = standardize_reduction(reduction)
    values = ops.convert_to_tensor(values, dtype=dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
    if mask is not None:
        mask = ops.convert_to_tensor(mask, dtype=dtype)
    sample_weight = apply_mask(
        sample_weight, mask, dtype=values.dtype, reduction=reduction
    )
    if sample_weight is not None:
        sample_weight = ops.cast(sample_weight, values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(
            values, sample_weight
        )
        values = values * _align_leading(sample_weight, values)
    return reduce_values(values, sample_weight, reduction)


def _combine_masks(in_mask: Any, out_mask: Any) -> Any:
    if in_mask is None:
        return out_mask
    if out_mask is None:
        return in_mask
    return ops.logical_and(
        ops.cast(in_mask, "bool"), ops.cast(out_mask, "bool")
    )


def _is_plain_data(x: Any) -> bool:
    """Whether `x` is a (nested) list/tuple of Python numbers only."""
    if isinstance(x, (list, tuple)):
        return all(_is_plain_data(item) for item in x)
    return isinstance(x, (bool, int, float))


def _convert(x: Any, dtype: str) -> Any:
    """Converts `x` to tensors of `dtype`, structure by structure.

    A nested list of Python numbers is one tensor (as in the examples,
    `loss([[0.0, 1.0]], [[1.0, 1.0]])`); lists or dicts holding tensors
    are structures (several outputs).
    """
    if _is_plain_data(x) or (
        hasattr(x, "shape") and hasattr(x, "dtype")  # one array: no tree
    ):
        return ops.convert_to_tensor(x, dtype=dtype)
    return tree.map_structure(
        lambda leaf: ops.convert_to_tensor(leaf, dtype=dtype), x
    )


@cornu_export(["cornu.Loss", "cornu.losses.Loss"])
class Loss:
    """Base class of losses: subclass it and implement `call`.

    `call(y_true, y_pred)` returns the loss of each sample (any shape that
    `sample_weight` broadcasts to, usually `(batch_size,)`).
    `__call__(y_true, y_pred, sample_weight=None)` converts both inputs to
    the loss's `dtype`, calls `call`, weights the values by
    `sample_weight` and by any Keras mask attached to `y_pred` (or to the
    values), and reduces them.

    Args:
        name: Optional name. Defaults to the snake-case class name, made
            unique per session.
        reduction: How to reduce the per-sample values: `"sum"`,
            `"sum_over_batch_size"` (default) or `"mean"` (sum divided by
            the number of values), `"mean_with_sample_weight"` (sum
            divided by the sum of the weights), or `"none"`/`None` (no
            reduction).
        dtype: The dtype of the computation, a dtype name or a
            `cornu.dtype_policies.DTypePolicy` (whose compute dtype is
            used). Defaults to `cornu.config.floatx()`.

    Example:

    >>> class MeanSquare(cornu.losses.Loss):
    ...     def call(self, y_true, y_pred):
    ...         return cornu.ops.mean(cornu.ops.square(y_pred - y_true), -1)
    >>> loss = MeanSquare()([[0.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 3.0]])
    >>> float(loss)
    1.5
    """

    def __init__(
        self,
        name: str | None = None,
        reduction: Any = "sum_over_batch_size",
        dtype: Any = None,
    ) -> None:
        if name is not None and not isinstance(name, str):
            raise TypeError(
                f"{type(self).__name__} expects `name` to be a string or "
                f"None. Received: name={name!r} of type "
                f"{type(name).__name__}."
            )
        self.name = name or global_state.unique_name(
            to_snake_case(type(self).__name__)
        )
        self.reduction = standardize_reduction(reduction)
        self._dtype_policy = dtype_policy.get(dtype or config.floatx())
        self._dtype = self._dtype_policy.compute_dtype

    @property
    def dtype(self) -> str:
        """The dtype the loss computes in."""
        return self._dtype

    # Losses whose `y_true` holds class indices keep them as integers
    # (Keras converts them to the loss dtype, and the loss back to ints).
    _integer_targets = False

    def __call__(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> Any:
        in_mask = masking.get_keras_mask(y_pred)
        dtype = self.dtype
        y_pred = _convert(y_pred, dtype)
        y_true = _convert(y_true, None if self._integer_targets else dtype)
        losses = self.call(y_true, y_pred)
        mask = _combine_masks(in_mask, masking.get_keras_mask(losses))
        if mask is None and sample_weight is None and ops.is_tensor(losses):
            # The plain case (a training step's loss): nothing to weight.
            if standardize_dtype(losses.dtype) != dtype:
                losses = ops.cast(losses, dtype)
            return reduce_values(losses, None, self.reduction)
        return reduce_weighted_values(
            losses,
            sample_weight=sample_weight,
            mask=mask,
            reduction=self.reduction,
            dtype=dtype,
        )

    def call(self, y_true: Any, y_pred: Any) -> Any:
        """Returns the per-sample loss values (subclasses implement it)."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `call(self, y_true, "
            "y_pred)` returning the loss of each sample, e.g. `return "
            "ops.mean(ops.square(y_pred - y_true), axis=-1)`."
        )

    def get_config(self) -> dict:
        """Returns the constructor arguments (`name`, `reduction`)."""
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config: dict) -> Loss:
        """Creates a loss from the output of `get_config`."""
        return cls(**config)

    def _obj_type(self) -> str:
        return "Loss"


# The arguments every built-in loss class shares, for their docstrings.
COMMON_ARGS_DOC = """reduction: How to reduce the per-sample values: `"sum"`,
            `"sum_over_batch_size"` (default) or `"mean"` (the sum divided
            by the number of values), `"mean_with_sample_weight"` (the sum
            divided by the sum of the weights), or `"none"`/`None`.
        name: Optional name of the loss instance.
        dtype: The dtype of the computation (a dtype name or a
            `DTypePolicy`). Defaults to `cornu.config.floatx()`."""
