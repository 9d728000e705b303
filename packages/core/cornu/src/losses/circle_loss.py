"""Circle loss (Sun et al., 2020) for metric learning on L2-normalized
embeddings, as a function and a class."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import masking
from cornu.src.losses import loss as loss_lib
from cornu.src.losses.loss_function_wrapper import BuiltinLossWrapper


def _pos_neg_masks(
    query_labels: Any, key_labels: Any, remove_diagonal: bool
) -> tuple[Any, Any]:
    """Boolean `(n_query, n_key)` masks of same-label and other pairs."""
    query_labels = ops.reshape(query_labels, (-1, 1))
    key_labels = ops.reshape(key_labels, (1, -1))
    positive = ops.equal(query_labels, key_labels)
    negative = ops.logical_not(positive)
    if remove_diagonal:
        n_query, n_key = positive.shape
        diagonal = ops.eye(n_query, n_key, dtype="bool")
        positive = ops.logical_and(positive, ops.logical_not(diagonal))
    return positive, negative


@cornu_export("cornu.losses.circle")
def circle(
    y_true: Any,
    y_pred: Any,
    ref_labels: Any = None,
    ref_embeddings: Any = None,
    remove_diagonal: bool = True,
    gamma: float = 80,
    margin: float = 0.4,
) -> Any:
    """Circle loss of each embedding against the reference embeddings.

    Pairs with the same label (positives) are pulled together and pairs
    with different labels (negatives) pushed apart, each pair weighted by
    how far it is from its optimum. Entries with a loss of 0 are masked
    out of the mean (the result carries a Keras mask).

    Args:
        y_true: Integer labels, shape `(batch_size,)`.
        y_pred: L2-normalized embeddings, shape `(batch_size, dim)`.
        ref_labels: Optional labels of the reference embeddings. Defaults
            to `y_true`.
        ref_embeddings: Optional L2-normalized reference embeddings.
            Defaults to `y_pred`.
        remove_diagonal: Whether to drop each embedding's pair with
            itself from the positives. Defaults to `True`.
        gamma: Scale of the similarities. Defaults to `80`.
        margin: Relaxation margin. Defaults to `0.4`.

    Returns:
        The losses, shape `(batch_size,)`.

    Example:

    >>> import numpy as np
    >>> emb = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], "float32")
    >>> loss = cornu.losses.circle([0, 1, 0], emb)
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.0, 0.0, 0.0]
    """
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(ops.convert_to_tensor(y_true), "int32")
    ref_embeddings = (
        y_pred
        if ref_embeddings is None
        else ops.cast(ops.convert_to_tensor(ref_embeddings), y_pred.dtype)
    )
    ref_labels = (
        y_true
        if ref_labels is None
        else ops.cast(ops.convert_to_tensor(ref_labels), "int32")
    )
    optim_pos, optim_neg = margin, 1.0 + margin
    delta_pos, delta_neg = margin, 1.0 - margin

    distances = 1.0 - ops.matmul(y_pred, ops.transpose(ref_embeddings))
    distances = ops.maximum(distances, 0.0)
    positive, negative = _pos_neg_masks(y_true, ref_labels, remove_diagonal)
    pos_float = ops.cast(positive, distances.dtype)
    neg_float = ops.cast(negative, distances.dtype)

    pos_weights = ops.maximum((optim_pos + distances) * pos_float, 0.0)
    neg_weights = ops.maximum((optim_neg - distances) * neg_float, 0.0)
    pos_logits = -gamma * pos_weights * (delta_pos - distances)
    neg_logits = gamma * neg_weights * (delta_neg - distances)

    minus_inf = ops.convert_to_tensor(float("-inf"), dtype=distances.dtype)
    p_loss = ops.logsumexp(ops.where(positive, pos_logits, minus_inf), axis=1)
    n_loss = ops.logsumexp(ops.where(negative, neg_logits, minus_inf), axis=1)
    loss = ops.softplus(p_loss + n_loss)
    masking.set_keras_mask(loss, loss > 0)
    return loss


@cornu_export("cornu.losses.Circle")
class Circle(BuiltinLossWrapper):
    __doc__ = f"""Circle loss between integer labels and unit-norm embeddings.

    A metric-learning loss that pulls same-label embeddings together and
    pushes the others apart, weighting each pair by how far it is from
    its optimum (Sun et al., 2020). Feed it unit-norm embeddings, e.g. a
    `Dense` layer without activation followed by `UnitNormalization`.

    Args:
        gamma: Scale of the similarities. Defaults to `80.0`.
        margin: Relaxation margin. Defaults to `0.4`.
        remove_diagonal: Whether to drop self-pairs from the positives.
            Defaults to `True`.
        {loss_lib.COMMON_ARGS_DOC}

    Example:

    >>> import numpy as np
    >>> emb = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], "float32")
    >>> round(float(cornu.losses.Circle()([0, 1, 0], emb)), 4)
    0.0
    """

    def __init__(
        self,
        gamma: float = 80.0,
        margin: float = 0.4,
        remove_diagonal: bool = True,
        reduction: Any = "sum_over_batch_size",
        name: str = "circle",
        dtype: Any = None,
    ) -> None:
        super().__init__(
            circle,
            name=name,
            reduction=reduction,
            dtype=dtype,
            gamma=gamma,
            margin=margin,
            remove_diagonal=remove_diagonal,
        )
