"""CTC (connectionist temporal classification) loss for sequence
labelling without an alignment, as a function and a class."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.losses import loss as loss_lib
from cornu.src.losses.loss_function_wrapper import BuiltinLossWrapper


@cornu_export("cornu.losses.ctc")
def ctc(y_true: Any, y_pred: Any) -> Any:
    """CTC loss of each sequence (Graves et al., 2006).

    Label 0 is the blank (mask) class: it pads `y_true` and must not be
    used as a real class. Every time step of `y_pred` is used.

    Args:
        y_true: Integer labels, shape `(batch_size, max_length)`, padded
            with 0.
        y_pred: Logits (not softmax-normalized), shape
            `(batch_size, max_length, num_classes)`.

    Returns:
        The losses, shape `(batch_size,)`.

    Raises:
        ValueError: if `y_true` is not of rank 2 or `y_pred` not of rank 3.

    Example:

    >>> import numpy as np
    >>> logits = np.zeros((1, 3, 2), "float32")  # uniform over 2 classes
    >>> loss = cornu.losses.ctc([[1, 0]], logits)
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(loss).tolist()]
    [0.2877]
    """
    y_true = ops.convert_to_tensor(y_true)
    y_pred = ops.convert_to_tensor(y_pred)
    if len(y_true.shape) != 2:
        raise ValueError(
            "Targets `y_true` are expected to be a tensor of shape "
            "`(batch_size, max_length)` in integer format. Received: "
            f"y_true.shape={tuple(y_true.shape)}. Pad the label sequences "
            "with 0 (the blank class) to a common length."
        )
    if len(y_pred.shape) != 3:
        raise ValueError(
            "Logits `y_pred` are expected to be a tensor of shape "
            "`(batch_size, max_length, num_classes)`. Received: "
            f"y_pred.shape={tuple(y_pred.shape)}."
        )
    y_true = ops.cast(y_true, "int32")
    mask_index = 0
    batch_size, max_length = ops.shape(y_pred)[0], ops.shape(y_pred)[1]
    output_length = max_length * ops.ones((batch_size,), dtype="int32")
    label_length = ops.cast(
        ops.sum(ops.not_equal(y_true, mask_index), axis=-1), "int32"
    )
    return ops.ctc_loss(
        y_true, y_pred, label_length, output_length, mask_index=mask_index
    )


@cornu_export("cornu.losses.CTC")
class CTC(BuiltinLossWrapper):
    __doc__ = f"""CTC (connectionist temporal classification) loss.

    `y_true`: integer labels `(batch_size, max_length)` padded with 0 (the
    blank class); `y_pred`: logits `(batch_size, max_length,
    num_classes)`.

    Args:
        {loss_lib.COMMON_ARGS_DOC}

    Example:

    >>> import numpy as np
    >>> logits = np.zeros((2, 3, 2), "float32")
    >>> round(float(cornu.losses.CTC()([[1, 0], [1, 1]], logits)), 4)
    1.1836
    """

    def __init__(
        self,
        reduction: Any = "sum_over_batch_size",
        name: str = "ctc",
        dtype: Any = None,
    ) -> None:
        super().__init__(ctc, name=name, reduction=reduction, dtype=dtype)
