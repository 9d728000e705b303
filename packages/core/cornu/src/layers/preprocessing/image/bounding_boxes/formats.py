"""The bounding box formats and the conversions between them.

Every conversion goes through `"xyxy"` (`[left, top, right, bottom]` in
pixels). Relative formats (`rel_...`) hold fractions of the image width
and height.
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops

SUPPORTED_FORMATS = (
    "xyxy",
    "yxyx",
    "xywh",
    "center_xywh",
    "center_yxhw",
    "rel_xyxy",
    "rel_yxyx",
    "rel_xywh",
    "rel_center_xywh",
)


def check_format(owner: str, name: str, value: Any) -> str:
    """`value` lower-cased, or a `ValueError` naming the known formats."""
    if not isinstance(value, str) or value.lower() not in SUPPORTED_FORMATS:
        raise ValueError(
            f"{owner} expects `{name}` to be one of {SUPPORTED_FORMATS} "
            f"(case-insensitive). Received: {name}={value!r}."
        )
    return value.lower()


def split_coordinates(boxes: Any) -> list:
    """The four `(..., 1)` coordinates of `(..., 4)` boxes."""
    return ops.split(boxes, 4, axis=-1)


def join(parts: list) -> Any:
    return ops.concatenate(parts, axis=-1)


def _to_xyxy(boxes: Any, fmt: str, height: Any, width: Any) -> Any:
    a, b, c, d = split_coordinates(boxes)
    if fmt.startswith("rel_"):
        fmt = fmt[len("rel_") :]
        # Scale x-like and y-like coordinates to pixels first.
        if fmt == "yxyx":
            a, b, c, d = a * height, b * width, c * height, d * width
        else:
            a, b, c, d = a * width, b * height, c * width, d * height
    if fmt == "xyxy":
        return join([a, b, c, d])
    if fmt == "yxyx":
        return join([b, a, d, c])
    if fmt == "xywh":
        return join([a, b, a + c, b + d])
    if fmt == "center_xywh":
        return join([a - c / 2.0, b - d / 2.0, a + c / 2.0, b + d / 2.0])
    # center_yxhw: [center_y, center_x, height, width]
    return join([b - d / 2.0, a - c / 2.0, b + d / 2.0, a + c / 2.0])


def _from_xyxy(boxes: Any, fmt: str, height: Any, width: Any) -> Any:
    x1, y1, x2, y2 = split_coordinates(boxes)
    relative = fmt.startswith("rel_")
    if relative:
        fmt = fmt[len("rel_") :]
        x1, x2 = x1 / width, x2 / width
        y1, y2 = y1 / height, y2 / height
    w, h = x2 - x1, y2 - y1
    if fmt == "xyxy":
        return join([x1, y1, x2, y2])
    if fmt == "yxyx":
        return join([y1, x1, y2, x2])
    if fmt == "xywh":
        return join([x1, y1, w, h])
    cx, cy = x1 + w / 2.0, y1 + h / 2.0
    if fmt == "center_xywh":
        return join([cx, cy, w, h])
    return join([cy, cx, h, w])


def convert(
    boxes: Any,
    source: str,
    target: str,
    height: Any = None,
    width: Any = None,
    dtype: str = "float32",
    owner: str = "convert_format()",
) -> Any:
    """`(..., 4)` boxes converted from `source` to `target` format."""
    boxes = ops.convert_to_tensor(boxes)
    shape = tuple(ops.shape(boxes))
    if not shape or shape[-1] != 4:
        raise ValueError(
            f"{owner} expects `boxes` with a last dimension of 4, e.g. shape "
            f"(num_boxes, 4) or (batch, num_boxes, 4). Received: "
            f"boxes.shape={shape}."
        )
    source = check_format(owner, "source", source)
    target = check_format(owner, "target", target)
    # Relative to relative needs no image size (Keras asks for one).
    relative = source.startswith("rel_") != target.startswith("rel_")
    if relative and (height is None or width is None):
        raise ValueError(
            f"{owner} needs the image `height` and `width` to convert "
            f"between relative and absolute formats. Received: "
            f"source={source!r}, target={target!r}, height={height!r}, "
            f"width={width!r}. Pass e.g. height=480, width=640."
        )
    boxes = ops.cast(boxes, dtype)
    if source == target:
        return boxes
    if source.startswith("rel_") and target.startswith("rel_"):
        # Relative to relative needs no image size.
        source, target = source[len("rel_") :], target[len("rel_") :]
        height = width = None
    if height is not None:
        height = ops.cast(height, dtype)
    if width is not None:
        width = ops.cast(width, dtype)
    xyxy = _to_xyxy(boxes, source, height, width)
    return _from_xyxy(xyxy, target, height, width)
