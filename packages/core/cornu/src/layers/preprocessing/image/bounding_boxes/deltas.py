"""`cornu.utils.bounding_boxes.encode_box_to_deltas` and
`decode_deltas_to_boxes`: boxes as offsets from anchor boxes."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.layers.preprocessing.image.bounding_boxes.converters import (
    convert_format,
)

_ENCODINGS = ("center_xywh", "center_yxhw")


def _check_variance(variance: Any) -> Any:
    if variance is None:
        return None
    variance = ops.cast(ops.convert_to_tensor(variance), "float32")
    if tuple(ops.shape(variance))[-1:] != (4,):
        raise ValueError(
            "`variance` must hold 4 numbers, one per box coordinate, e.g. "
            f"[0.1, 0.1, 0.2, 0.2]. Received: variance with shape "
            f"{tuple(ops.shape(variance))}."
        )
    return variance


def _check_encoding(name: str, value: str) -> None:
    if value not in _ENCODINGS:
        raise ValueError(
            f"`{name}` must be one of {_ENCODINGS}. Received: {name}={value!r}."
        )


def _image_size(image_shape: Any) -> tuple:
    if image_shape is None:
        return None, None
    return tuple(image_shape)[0], tuple(image_shape)[1]


@cornu_export("cornu.utils.bounding_boxes.encode_box_to_deltas")
def encode_box_to_deltas(
    anchors: Any,
    boxes: Any,
    anchor_format: str,
    box_format: str,
    encoding_format: str = "center_yxhw",
    variance: Any = None,
    image_shape: Any = None,
) -> Any:
    """Encodes boxes as deltas from anchors (for box regression heads).

    In `encoding_format` (centre and size), the delta of a box from its
    anchor is `[(center - anchor_center) / anchor_size, log(size /
    anchor_size)]`, divided by `variance` when given.

    Args:
        anchors: `(N, 4)` anchor boxes.
        boxes: `(N, 4)` or `(batch, N, 4)` boxes.
        anchor_format: The format of `anchors`.
        box_format: The format of `boxes`.
        encoding_format: `"center_yxhw"` (default) or `"center_xywh"`.
        variance: Optional 4 numbers dividing the deltas.
        image_shape: `(height, width, channels)`, needed for relative
            formats.

    Returns:
        The `(..., 4)` deltas, ordered as `encoding_format`.

    Example:

    >>> anchors = [[0.0, 0.0, 10.0, 10.0]]
    >>> boxes = [[2.0, 0.0, 12.0, 20.0]]
    >>> d = cornu.utils.bounding_boxes.encode_box_to_deltas(
    ...     anchors, boxes, anchor_format="xyxy", box_format="xyxy",
    ...     encoding_format="center_xywh")
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(d)[0].tolist()]
    [0.2, 0.5, 0.0, 0.6931]
    """
    variance = _check_variance(variance)
    _check_encoding("encoding_format", encoding_format)
    height, width = _image_size(image_shape)
    anchors = convert_format(
        anchors, anchor_format, encoding_format, height, width
    )
    boxes = convert_format(boxes, box_format, encoding_format, height, width)
    eps = config.epsilon()
    anchor_size = ops.maximum(anchors[..., 2:], eps)
    box_size = ops.maximum(boxes[..., 2:], eps)
    deltas = ops.concatenate(
        [
            (boxes[..., :2] - anchors[..., :2]) / anchor_size,
            ops.log(box_size / anchor_size),
        ],
        axis=-1,
    )
    return deltas if variance is None else deltas / variance


@cornu_export("cornu.utils.bounding_boxes.decode_deltas_to_boxes")
def decode_deltas_to_boxes(
    anchors: Any,
    boxes_delta: Any,
    anchor_format: str,
    box_format: str,
    encoded_format: str = "center_yxhw",
    variance: Any = None,
    image_shape: Any = None,
) -> Any:
    """Decodes deltas from anchors back to boxes (the inverse of
    `encode_box_to_deltas`).

    Args:
        anchors: `(N, 4)` anchor boxes, or a dict of them (one entry per
            feature level).
        boxes_delta: `(N, 4)` or `(batch, N, 4)` deltas, or a dict with
            the keys of `anchors`.
        anchor_format: The format of `anchors`.
        box_format: The format of the returned boxes.
        encoded_format: `"center_yxhw"` (default) or `"center_xywh"`, the
            order of the deltas.
        variance: Optional 4 numbers multiplying the deltas.
        image_shape: `(height, width, channels)`, needed for relative
            formats.

    Returns:
        The boxes in `box_format` (a dict when `anchors` is one).

    Example:

    >>> anchors = [[0.0, 0.0, 10.0, 10.0]]
    >>> deltas = [[0.2, 0.5, 0.0, 0.6931472]]
    >>> b = cornu.utils.bounding_boxes.decode_deltas_to_boxes(
    ...     anchors, deltas, anchor_format="xyxy", box_format="xyxy",
    ...     encoded_format="center_xywh")
    >>> [round(v, 3) for v in cornu.ops.convert_to_numpy(b)[0].tolist()]
    [2.0, 0.0, 12.0, 20.0]
    """
    variance = _check_variance(variance)
    _check_encoding("encoded_format", encoded_format)
    height, width = _image_size(image_shape)

    def decode(anchor, delta):
        anchor = convert_format(
            anchor, anchor_format, encoded_format, height, width
        )
        delta = ops.cast(ops.convert_to_tensor(delta), "float32")
        if variance is not None:
            delta = delta * variance
        size = anchor[..., 2:]
        box = ops.concatenate(
            [
                delta[..., :2] * size + anchor[..., :2],
                ops.exp(delta[..., 2:]) * size,
            ],
            axis=-1,
        )
        return convert_format(box, encoded_format, box_format, height, width)

    if isinstance(anchors, dict) and isinstance(boxes_delta, dict):
        return {key: decode(a, boxes_delta[key]) for key, a in anchors.items()}
    return decode(anchors, boxes_delta)
