"""`cornu.utils.bounding_boxes`: format conversion, clipping, cropping,
padding and affine transforms of bounding boxes (anchor deltas are in
`deltas.py`).

Boxes are `(num_boxes, 4)` or `(batch, num_boxes, 4)` tensors; where a
function takes a dict, it is `{"boxes": ..., "labels": ...}`.
"""

from __future__ import annotations

import math
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.layers.preprocessing.image.bounding_boxes import formats


@cornu_export("cornu.utils.bounding_boxes.convert_format")
def convert_format(
    boxes: Any,
    source: str,
    target: str,
    height: Any = None,
    width: Any = None,
    dtype: str = "float32",
) -> Any:
    """Converts bounding boxes between formats.

    Formats (case-insensitive): `"xyxy"` `[left, top, right, bottom]`,
    `"yxyx"` `[top, left, bottom, right]`, `"xywh"` `[left, top, width,
    height]`, `"center_xywh"` `[center_x, center_y, width, height]`,
    `"center_yxhw"` `[center_y, center_x, height, width]`, and the
    relative `"rel_xyxy"`, `"rel_yxyx"`, `"rel_xywh"`, `"rel_center_xywh"`
    whose coordinates are fractions of the image width and height.

    Args:
        boxes: `(..., 4)` boxes, or a dict whose `"boxes"` entry is
            converted (the other entries are kept).
        source: The format of `boxes`.
        target: The format to convert to.
        height: Image height, needed when exactly one of the formats is
            relative.
        width: Image width, same.
        dtype: The dtype of the result. Default `"float32"`.

    Returns:
        The converted boxes (a new dict when `boxes` is a dict).

    Example:

    >>> boxes = [[10.0, 20.0, 30.0, 40.0]]
    >>> out = cornu.utils.bounding_boxes.convert_format(
    ...     boxes, source="xyxy", target="xywh")
    >>> cornu.ops.convert_to_numpy(out).tolist()
    [[10.0, 20.0, 20.0, 20.0]]
    >>> out = cornu.utils.bounding_boxes.convert_format(
    ...     boxes, source="xyxy", target="rel_xyxy", height=200, width=100)
    >>> [round(v, 2) for v in cornu.ops.convert_to_numpy(out)[0].tolist()]
    [0.1, 0.1, 0.3, 0.2]
    """
    if isinstance(boxes, dict):
        result = dict(boxes)
        result["boxes"] = convert_format(
            boxes["boxes"], source, target, height, width, dtype
        )
        return result
    return formats.convert(boxes, source, target, height, width, dtype)


def _area(xyxy: Any) -> Any:
    x1, y1, x2, y2 = formats.split_coordinates(xyxy)
    return ops.squeeze((x2 - x1) * (y2 - y1), axis=-1)


def _mask_empty_labels(labels: Any, xyxy: Any) -> Any:
    """`labels` with -1 where a box has no area left."""
    keep = ops.greater(_area(xyxy), 0)
    labels = ops.convert_to_tensor(labels)
    extra = len(ops.shape(labels)) - len(ops.shape(keep))
    for _ in range(extra):
        keep = ops.expand_dims(keep, -1)
    return ops.where(keep, labels, ops.cast(-1, labels.dtype))


@cornu_export("cornu.utils.bounding_boxes.clip_to_image_size")
def clip_to_image_size(
    bounding_boxes: dict,
    height: Any = None,
    width: Any = None,
    bounding_box_format: str = "xyxy",
) -> dict:
    """Clips bounding boxes to the image; boxes left without area get the
    label -1.

    Args:
        bounding_boxes: A dict with `"boxes"` (`(N, 4)` or `(batch, N,
            4)`) and optionally `"labels"` (`(N,)` or `(batch, N)`).
        height: Image height (not needed for `"rel_xyxy"`, clipped to
            `[0, 1]`).
        width: Image width.
        bounding_box_format: `"xyxy"` (default) or `"rel_xyxy"`.

    Returns:
        A new dict with the clipped boxes and updated labels.

    Example:

    >>> boxes = {"boxes": [[-10.0, -20.0, 150.0, 160.0],
    ...                    [130.0, 40.0, 170.0, 80.0]],
    ...          "labels": [0, 1]}
    >>> out = cornu.utils.bounding_boxes.clip_to_image_size(
    ...     boxes, height=100, width=120)
    >>> cornu.ops.convert_to_numpy(out["boxes"]).tolist()
    [[0.0, 0.0, 120.0, 100.0], [120.0, 40.0, 120.0, 80.0]]
    >>> cornu.ops.convert_to_numpy(out["labels"]).tolist()
    [0, -1]
    """
    owner = "clip_to_image_size()"
    fmt = formats.check_format(
        owner, "bounding_box_format", bounding_box_format
    )
    if fmt not in ("xyxy", "rel_xyxy"):
        raise NotImplementedError(
            f"{owner} supports the 'xyxy' and 'rel_xyxy' formats (as in "
            f"Keras). Received: bounding_box_format={bounding_box_format!r}."
            " Convert first with `convert_format`."
        )
    if fmt == "xyxy" and (height is None or width is None):
        raise ValueError(
            f"{owner} needs `height` and `width` for the 'xyxy' format. "
            f"Received: height={height!r}, width={width!r}."
        )
    boxes = ops.convert_to_tensor(bounding_boxes["boxes"])
    if not dtypes.is_float_dtype(boxes.dtype):
        boxes = ops.cast(boxes, "float32")
    if fmt == "rel_xyxy":
        height = width = 1.0
    x1, y1, x2, y2 = formats.split_coordinates(boxes)
    height = ops.cast(height, boxes.dtype)
    width = ops.cast(width, boxes.dtype)
    boxes = formats.join(
        [
            ops.clip(x1, 0.0, width),
            ops.clip(y1, 0.0, height),
            ops.clip(x2, 0.0, width),
            ops.clip(y2, 0.0, height),
        ]
    )
    result = dict(bounding_boxes)
    result["boxes"] = boxes
    if bounding_boxes.get("labels") is not None:
        result["labels"] = _mask_empty_labels(bounding_boxes["labels"], boxes)
    return result


def _require_xyxy(owner: str, bounding_box_format: str) -> None:
    if bounding_box_format != "xyxy":
        raise NotImplementedError(
            f"{owner} supports the 'xyxy' format only (as in Keras). "
            f"Received: bounding_box_format={bounding_box_format!r}. Convert "
            "first with `cornu.utils.bounding_boxes.convert_format`."
        )


@cornu_export("cornu.utils.bounding_boxes.crop")
def crop(
    boxes: Any,
    top: Any,
    left: Any,
    height: Any,
    width: Any,
    bounding_box_format: str = "xyxy",
) -> Any:
    """Moves boxes into the frame of a crop and clips them to it.

    Args:
        boxes: `(N, 4)` or `(batch, N, 4)` boxes.
        top: The row of the crop's top edge in the image.
        left: The column of the crop's left edge.
        height: The crop height.
        width: The crop width.
        bounding_box_format: Must be `"xyxy"` (the default).

    Returns:
        The boxes in crop coordinates, clipped to `[0, width] x [0,
        height]`.

    Example:

    >>> boxes = [[10.0, 20.0, 50.0, 60.0], [70.0, 80.0, 100.0, 120.0]]
    >>> out = cornu.utils.bounding_boxes.crop(
    ...     boxes, top=10, left=20, height=40, width=30)
    >>> cornu.ops.convert_to_numpy(out).tolist()
    [[0.0, 10.0, 30.0, 40.0], [30.0, 40.0, 30.0, 40.0]]
    """
    _require_xyxy("crop()", bounding_box_format)
    boxes = ops.cast(ops.convert_to_tensor(boxes), "float32")
    x1, y1, x2, y2 = formats.split_coordinates(boxes)
    top, left = ops.cast(top, "float32"), ops.cast(left, "float32")
    height, width = ops.cast(height, "float32"), ops.cast(width, "float32")
    return formats.join(
        [
            ops.clip(x1 - left, 0.0, width),
            ops.clip(y1 - top, 0.0, height),
            ops.clip(x2 - left, 0.0, width),
            ops.clip(y2 - top, 0.0, height),
        ]
    )


@cornu_export("cornu.utils.bounding_boxes.pad")
def pad(
    boxes: Any,
    top: Any,
    left: Any,
    height: Any = None,
    width: Any = None,
    bounding_box_format: str = "xyxy",
) -> Any:
    """Moves boxes by the padding added above and left of the image.

    Args:
        boxes: `(N, 4)` or `(batch, N, 4)` boxes.
        top: Rows added above the image.
        left: Columns added left of the image.
        height: Unused (the padded height), kept for Keras compatibility.
        width: Unused (the padded width), same.
        bounding_box_format: Must be `"xyxy"` (the default).

    Returns:
        The shifted boxes.

    Example:

    >>> out = cornu.utils.bounding_boxes.pad(
    ...     [[10.0, 20.0, 50.0, 60.0]], top=5, left=3)
    >>> cornu.ops.convert_to_numpy(out).tolist()
    [[13.0, 25.0, 53.0, 65.0]]
    """
    _require_xyxy("pad()", bounding_box_format)
    boxes = ops.cast(ops.convert_to_tensor(boxes), "float32")
    x1, y1, x2, y2 = formats.split_coordinates(boxes)
    top, left = ops.cast(top, "float32"), ops.cast(left, "float32")
    return formats.join([x1 + left, y1 + top, x2 + left, y2 + top])


def _per_sample(value: Any, batch: int) -> Any:
    value = ops.cast(ops.convert_to_tensor(value), "float32")
    return ops.broadcast_to(ops.reshape(value, (-1,)), (batch,))


def box_affine_matrix(
    center_x: Any,
    center_y: Any,
    angle: Any,
    translate_x: Any,
    translate_y: Any,
    scale: Any,
    shear_x: Any,
    shear_y: Any,
    height: Any,
    width: Any,
) -> Any:
    """`(batch, 2, 3)` matrices moving box corners as Keras's
    `affine_transform` does: the inverse of a rotation by `-angle` with
    shears `-shear_x`, `-shear_y` and translation `-translate * (size -
    1)`, scaled by `scale`, about the centre `(center_x, center_y)`
    (fractions of `size - 1`)."""
    radians = math.pi / 180.0
    rot = -angle * radians
    shx, shy = -shear_x * radians, -shear_y * radians
    cx = center_x * (float(width) - 1.0)
    cy = center_y * (float(height) - 1.0)
    tx = -translate_x * (float(width) - 1.0)
    ty = -translate_y * (float(height) - 1.0)
    # The rotation-shear matrix [[a, b], [c, d]] (determinant 1) ...
    a = ops.cos(rot - shy) / ops.cos(shy)
    b = a * ops.tan(shx) + ops.sin(rot)
    c = -ops.sin(rot - shy) / ops.cos(shy)
    d = ops.cos(rot) - c * ops.tan(shx)
    # ... inverted and scaled, about the centre moved by the translation.
    a0, a1, b0, b1 = d * scale, -b * scale, -c * scale, a * scale
    a2 = cx - a0 * (cx + tx) - a1 * (cy + ty)
    b2 = cy - b0 * (cx + tx) - b1 * (cy + ty)
    rows = [ops.stack([a0, a1, a2], -1), ops.stack([b0, b1, b2], -1)]
    return ops.stack(rows, axis=1)


def transform_corners(xyxy: Any, matrix: Any) -> Any:
    """`(batch, N, 4)` xyxy boxes whose four corners are mapped by
    `(batch, 3, 3)` projective (or `(batch, 2, 3)` affine) matrices,
    returned as the xyxy boxes enclosing the mapped corners."""
    x1, y1, x2, y2 = formats.split_coordinates(xyxy)
    xs = ops.concatenate([x1, x2, x2, x1], axis=-1)  # (batch, N, 4)
    ys = ops.concatenate([y1, y1, y2, y2], axis=-1)

    def row(i):
        m = matrix[:, i, :]
        return (
            m[:, 0, None, None] * xs
            + m[:, 1, None, None] * ys
            + m[:, 2, None, None]
        )

    new_x, new_y = row(0), row(1)
    if ops.shape(matrix)[1] == 3:
        k = row(2)
        new_x, new_y = new_x / k, new_y / k
    return formats.join(
        [
            ops.min(new_x, axis=-1, keepdims=True),
            ops.min(new_y, axis=-1, keepdims=True),
            ops.max(new_x, axis=-1, keepdims=True),
            ops.max(new_y, axis=-1, keepdims=True),
        ]
    )


@cornu_export("cornu.utils.bounding_boxes.affine_transform")
def affine_transform(
    boxes: Any,
    angle: Any,
    translate_x: Any,
    translate_y: Any,
    scale: Any,
    shear_x: Any,
    shear_y: Any,
    height: Any,
    width: Any,
    center_x: Any = None,
    center_y: Any = None,
    bounding_box_format: str = "xyxy",
) -> Any:
    """Applies an affine transformation to bounding boxes.

    The four corners of each box are transformed and the result is the
    box enclosing them. The numbers match Keras's function: a rotation by
    `angle` degrees about the centre moves boxes with the image that
    `cornu.layers.RandomRotation` rotates by the same angle.

    Args:
        boxes: `(batch, N, 4)` boxes (or `(N, 4)` with one transformation).
        angle: `(batch,)` rotation angles in degrees.
        translate_x: `(batch,)` horizontal translations, fractions of
            `width - 1`.
        translate_y: `(batch,)` vertical translations, fractions of
            `height - 1`.
        scale: `(batch,)` scale factors.
        shear_x: `(batch,)` shear angles along x, in degrees.
        shear_y: `(batch,)` shear angles along y, in degrees.
        height: Image height.
        width: Image width.
        center_x: The x of the centre, a fraction of `width - 1`. Default
            0.5.
        center_y: The y of the centre, a fraction of `height - 1`. Default
            0.5.
        bounding_box_format: Must be `"xyxy"` (the default).

    Returns:
        The transformed boxes, with the shape of `boxes`.

    Example:

    >>> out = cornu.utils.bounding_boxes.affine_transform(
    ...     [[[0.0, 0.0, 2.0, 4.0]]], angle=[180.0], translate_x=[0.0],
    ...     translate_y=[0.0], scale=[1.0], shear_x=[0.0], shear_y=[0.0],
    ...     height=11, width=11)
    >>> [round(v, 3) for v in cornu.ops.convert_to_numpy(out)[0, 0].tolist()]
    [8.0, 6.0, 10.0, 10.0]
    """
    _require_xyxy("affine_transform()", bounding_box_format)
    boxes = ops.cast(ops.convert_to_tensor(boxes), "float32")
    unbatched = len(ops.shape(boxes)) == 2
    if unbatched:
        boxes = ops.expand_dims(boxes, 0)
    batch = ops.shape(boxes)[0]
    matrix = box_affine_matrix(
        0.5 if center_x is None else center_x,
        0.5 if center_y is None else center_y,
        _per_sample(angle, batch),
        _per_sample(translate_x, batch),
        _per_sample(translate_y, batch),
        _per_sample(scale, batch),
        _per_sample(shear_x, batch),
        _per_sample(shear_y, batch),
        height,
        width,
    )
    out = transform_corners(boxes, matrix)
    return ops.squeeze(out, 0) if unbatched else out
