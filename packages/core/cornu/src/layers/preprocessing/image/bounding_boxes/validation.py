"""Checks and densifies the `bounding_boxes` entry of a layer input."""

from __future__ import annotations

from typing import Any

from cornu.src import ops


def _is_ragged_list(boxes: Any) -> bool:
    """A batch given as a list of per-image lists of different lengths."""
    return (
        isinstance(boxes, (list, tuple))
        and len(boxes) > 0
        and all(isinstance(b, (list, tuple)) for b in boxes)
        and any(len(b) > 0 and isinstance(b[0], (list, tuple)) for b in boxes)
        and len({len(b) for b in boxes}) > 1
    )


def _pad_lists(rows: list, length: int, fill: Any) -> list:
    return [list(r) + [fill] * (length - len(r)) for r in rows]


def densify_bounding_boxes(
    owner: str,
    bounding_boxes: Any,
    batched: bool,
    boxes_default_value: float = 0.0,
    labels_default_value: int = -1,
) -> dict:
    """`bounding_boxes` checked and made of dense tensors.

    A batch given as Python lists of different lengths per image is
    padded with `boxes_default_value` boxes and `labels_default_value`
    labels. Boxes become float32.
    """
    if (
        not isinstance(bounding_boxes, dict)
        or "boxes" not in bounding_boxes
        or "labels" not in bounding_boxes
    ):
        raise ValueError(
            f"{owner} expects `bounding_boxes` to be a dict with the keys "
            "'boxes' and 'labels', e.g. {'boxes': (batch, num_boxes, 4), "
            "'labels': (batch, num_boxes)}. Received: "
            f"{bounding_boxes!r}."
        )
    result = dict(bounding_boxes)
    boxes, labels = bounding_boxes["boxes"], bounding_boxes["labels"]
    if _is_ragged_list(boxes):
        if not isinstance(labels, (list, tuple)) or len(labels) != len(boxes):
            raise ValueError(
                f"{owner}: when `bounding_boxes['boxes']` is a list of "
                "per-image lists, `bounding_boxes['labels']` must be a list "
                "of the same length. Received: "
                f"labels={labels!r}."
            )
        length = max(len(b) for b in boxes)
        boxes = _pad_lists(boxes, length, [boxes_default_value] * 4)
        labels = _pad_lists(labels, length, labels_default_value)
    boxes = ops.cast(ops.convert_to_tensor(boxes), "float32")
    labels = ops.convert_to_tensor(labels)
    box_rank = 3 if batched else 2
    shape = tuple(ops.shape(boxes))
    if len(shape) != box_rank or shape[-1] != 4:
        expected = "(batch, num_boxes, 4)" if batched else "(num_boxes, 4)"
        raise ValueError(
            f"{owner} expects `bounding_boxes['boxes']` of shape {expected} "
            f"for {'a batch of images' if batched else 'one image'}. "
            f"Received: shape={shape}."
        )
    label_shape = tuple(ops.shape(labels))
    if label_shape[: box_rank - 1] != shape[:-1]:
        raise ValueError(
            f"{owner} expects `bounding_boxes['labels']` to start with the "
            f"shape of the boxes without their last axis, {shape[:-1]}. "
            f"Received: labels.shape={label_shape}."
        )
    result["boxes"], result["labels"] = boxes, labels
    return result
