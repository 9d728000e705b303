"""`cornu.utils.bounding_boxes.compute_iou` and `compute_ciou`."""

from __future__ import annotations

import math
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.layers.preprocessing.image.bounding_boxes import formats


def _image_size(owner: str, bounding_box_format: str, image_shape: Any):
    fmt = formats.check_format(
        owner, "bounding_box_format", bounding_box_format
    )
    if fmt.startswith("rel_") and image_shape is None:
        raise ValueError(
            f"{owner} needs `image_shape` (height, width, channels) for the "
            f"relative format {bounding_box_format!r}. Received: "
            "image_shape=None."
        )
    if image_shape is None:
        return fmt, None, None
    return fmt, tuple(image_shape)[0], tuple(image_shape)[1]


def _check_rank(owner: str, name: str, boxes: Any) -> int:
    rank = len(ops.shape(boxes))
    if rank not in (2, 3):
        raise ValueError(
            f"{owner} expects `{name}` of shape (num_boxes, 4) or (batch, "
            f"num_boxes, 4). Received: {name}.shape="
            f"{tuple(ops.shape(boxes))}."
        )
    return rank


@cornu_export("cornu.utils.bounding_boxes.compute_iou")
def compute_iou(
    boxes1: Any,
    boxes2: Any,
    bounding_box_format: str,
    use_masking: bool = False,
    mask_val: int = -1,
    image_shape: Any = None,
) -> Any:
    """The intersection over union of every pair of boxes.

    `boxes1` `(M, 4)` or `(batch, M, 4)` and `boxes2` `(N, 4)` or
    `(batch, N, 4)` give `(M, N)` or `(batch, M, N)`.

    Args:
        boxes1: The first boxes.
        boxes2: The second boxes.
        bounding_box_format: The format of both (case-insensitive).
        use_masking: If True, pairs where either box has all coordinates
            negative (padding) get `mask_val`. Default False.
        mask_val: The value of masked pairs. Default -1.
        image_shape: `(height, width, channels)`, needed for relative
            formats.

    Returns:
        The pairwise IoUs.

    Example:

    >>> a = [[0.0, 0.0, 2.0, 2.0]]
    >>> b = [[1.0, 1.0, 3.0, 3.0], [0.0, 0.0, 2.0, 2.0]]
    >>> iou = cornu.utils.bounding_boxes.compute_iou(a, b, "xyxy")
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(iou)[0].tolist()]
    [0.1429, 1.0]
    """
    owner = "compute_iou()"
    _check_rank(owner, "boxes1", ops.convert_to_tensor(boxes1))
    _check_rank(owner, "boxes2", ops.convert_to_tensor(boxes2))
    fmt, height, width = _image_size(owner, bounding_box_format, image_shape)
    boxes1 = formats.convert(boxes1, fmt, "xyxy", height, width, owner=owner)
    boxes2 = formats.convert(boxes2, fmt, "xyxy", height, width, owner=owner)
    # (..., M, 1) against (..., 1, N).
    x1a, y1a, x2a, y2a = formats.split_coordinates(boxes1)
    x1b, y1b, x2b, y2b = (
        ops.expand_dims(ops.squeeze(c, -1), -2)
        for c in formats.split_coordinates(boxes2)
    )
    inter_w = ops.maximum(ops.minimum(x2a, x2b) - ops.maximum(x1a, x1b), 0.0)
    inter_h = ops.maximum(ops.minimum(y2a, y2b) - ops.maximum(y1a, y1b), 0.0)
    intersection = inter_w * inter_h
    area1 = (x2a - x1a) * (y2a - y1a)
    area2 = (x2b - x1b) * (y2b - y1b)
    union = area1 + area2 - intersection
    iou = intersection / (union + config.epsilon())
    if not use_masking:
        return iou
    pad1 = ops.less(ops.max(boxes1, axis=-1, keepdims=True), 0.0)
    pad2 = ops.less(ops.max(boxes2, axis=-1), 0.0)
    pad2 = ops.expand_dims(pad2, -2)
    masked = ops.logical_or(pad1, pad2)
    return ops.where(masked, ops.cast(mask_val, iou.dtype), iou)


@cornu_export("cornu.utils.bounding_boxes.compute_ciou")
def compute_ciou(
    boxes1: Any,
    boxes2: Any,
    bounding_box_format: str,
    image_shape: Any = None,
) -> Any:
    """The Complete IoU of matching boxes: IoU minus the squared centre
    distance over the squared diagonal of the enclosing box, minus an
    aspect-ratio term.

    Args:
        boxes1: `(..., 4)` boxes.
        boxes2: `(..., 4)` boxes, paired element-wise with `boxes1`.
        bounding_box_format: The format of both (case-insensitive).
        image_shape: `(height, width, channels)`, needed for relative
            formats.

    Returns:
        The CIoU of each pair, shape `boxes1.shape[:-1]`.

    Example:

    >>> a = [[0.0, 0.0, 2.0, 2.0]]
    >>> ciou = cornu.utils.bounding_boxes.compute_ciou(a, a, "xyxy")
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(ciou).tolist()]
    [1.0]
    """
    owner = "compute_ciou()"
    fmt, height, width = _image_size(owner, bounding_box_format, image_shape)
    boxes1 = formats.convert(boxes1, fmt, "xyxy", height, width, owner=owner)
    boxes2 = formats.convert(boxes2, fmt, "xyxy", height, width, owner=owner)
    eps = config.epsilon()
    x1a, y1a, x2a, y2a = formats.split_coordinates(boxes1)
    x1b, y1b, x2b, y2b = formats.split_coordinates(boxes2)
    w1, h1 = x2a - x1a, y2a - y1a + eps
    w2, h2 = x2b - x1b, y2b - y1b + eps
    inter = ops.maximum(
        ops.minimum(x2a, x2b) - ops.maximum(x1a, x1b), 0.0
    ) * ops.maximum(ops.minimum(y2a, y2b) - ops.maximum(y1a, y1b), 0.0)
    union = w1 * h1 + w2 * h2 - inter + eps
    iou = ops.squeeze(inter / (union + eps), -1)
    hull_w = ops.maximum(x2a, x2b) - ops.minimum(x1a, x1b)
    hull_h = ops.maximum(y2a, y2b) - ops.minimum(y1a, y1b)
    diagonal = ops.squeeze(hull_w**2 + hull_h**2 + eps, -1)
    centre_dist = ops.squeeze(
        ((x1a + x2a) / 2 - (x1b + x2b) / 2) ** 2
        + ((y1a + y2a) / 2 - (y1b + y2b) / 2) ** 2,
        -1,
    )
    v = ops.squeeze(
        (4.0 / math.pi**2) * (ops.arctan(w2 / h2) - ops.arctan(w1 / h1)) ** 2,
        -1,
    )
    alpha = v / (v - iou + (1.0 + eps))
    return iou - (centre_dist / diagonal + v * alpha)
