"""Moves bounding boxes with the images of the geometric layers.

The image layers warp with `(batch, 8)` transforms that map each output
pixel index `(x, y)` to the input point it samples. A box coordinate is
an edge: pixel `i` spans `[i, i + 1]`, so its centre (index `i`) is at
`i + 0.5`. A box is moved by mapping its four corners with the inverse
transform (output from input) and taking the box that encloses them.
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.backend.common import image_utils
from cornu.src.layers.preprocessing.image.bounding_boxes import converters
from cornu.src.ops.linalg import solvers


def _matrix3(transform: Any) -> Any:
    """`(batch, 8)` transforms as `(batch, 3, 3)` matrices."""
    transform = ops.cast(transform, "float32")
    ones = ops.ones_like(transform[:, :1])
    return ops.reshape(ops.concatenate([transform, ones], axis=1), (-1, 3, 3))


def _inverse3(m: Any) -> Any:
    """The inverse of `(batch, 3, 3)` matrices, by cofactors (a batched
    3x3 inverse that needs no linear-algebra backend)."""

    def e(i, j):
        return m[:, i, j]

    def cof(r0, r1, c0, c1):
        return e(r0, c0) * e(r1, c1) - e(r0, c1) * e(r1, c0)

    adj = [
        [cof(1, 2, 1, 2), -cof(0, 2, 1, 2), cof(0, 1, 1, 2)],
        [-cof(1, 2, 0, 2), cof(0, 2, 0, 2), -cof(0, 1, 0, 2)],
        [cof(1, 2, 0, 1), -cof(0, 2, 0, 1), cof(0, 1, 0, 1)],
    ]
    det = e(0, 0) * adj[0][0] + e(0, 1) * adj[1][0] + e(0, 2) * adj[2][0]
    rows = [ops.stack(row, axis=-1) for row in adj]
    return ops.stack(rows, axis=1) / det[:, None, None]


def forward_from_sampling(transform: Any) -> Any:
    """`(batch, 3, 3)` maps from input to output pixel indices, for the
    `(batch, 8)` output-to-input transforms of `affine_transform`."""
    return _inverse3(_matrix3(transform))


def homography(source: Any, target: Any) -> Any:
    """`(batch, 3, 3)` projective maps taking each of the 4 `(x, y)`
    `source` points to the matching `target` point (`(batch, 4, 2)`
    each)."""
    source = ops.cast(source, "float32")
    target = ops.cast(target, "float32")
    x, y = source[..., 0], source[..., 1]
    u, v = target[..., 0], target[..., 1]
    zeros, ones = ops.zeros_like(x), ops.ones_like(x)
    # u * (g x + h y + 1) = a x + b y + c, and the same for v.
    rows_u = ops.stack([x, y, ones, zeros, zeros, zeros, -u * x, -u * y], -1)
    rows_v = ops.stack([zeros, zeros, zeros, x, y, ones, -v * x, -v * y], -1)
    a = ops.concatenate([rows_u, rows_v], axis=1)  # (batch, 8, 8)
    b = ops.concatenate([u, v], axis=1)[..., None]  # (batch, 8, 1)
    params = ops.squeeze(solvers.solve(a, b), -1)
    return _matrix3(params)


def move_boxes(xyxy: Any, forward: Any) -> Any:
    """`(batch, N, 4)` xyxy edge-coordinate boxes moved by `(batch, 3, 3)`
    index-coordinate maps (half a pixel shifts between the two)."""
    moved = converters.transform_corners(xyxy - 0.5, forward)
    return moved + 0.5


def _shift_and_scale(xyxy: Any, left, top, scale_x, scale_y) -> Any:
    x1, y1, x2, y2 = ops.split(xyxy, 4, axis=-1)
    return ops.concatenate(
        [
            (x1 - left) * scale_x,
            (y1 - top) * scale_y,
            (x2 - left) * scale_x,
            (y2 - top) * scale_y,
        ],
        axis=-1,
    )


def crop_boxes(xyxy: Any, top: Any, left: Any) -> Any:
    """xyxy boxes in the frame of a crop whose corner is at `(left,
    top)` (scalars or `(batch,)` tensors); not clipped."""
    top = ops.reshape(ops.cast(top, "float32"), (-1, 1, 1))
    left = ops.reshape(ops.cast(left, "float32"), (-1, 1, 1))
    return _shift_and_scale(xyxy, left, top, 1.0, 1.0)


def resize_boxes(
    xyxy: Any,
    size: tuple,
    target: tuple,
    crop_to_aspect_ratio: bool = False,
    pad_to_aspect_ratio: bool = False,
) -> Any:
    """xyxy boxes of a `size` = `(height, width)` image moved as
    `cornu.ops.image.resize` moves its pixels to `target`, with the same
    centred crop or padding for the aspect-ratio options; not clipped."""
    height, width = (int(v) for v in size)
    target_h, target_w = (int(v) for v in target)
    top = left = 0.0
    if crop_to_aspect_ratio:
        top, left, height, width = image_utils.crop_box(
            height, width, target_h, target_w
        )
    elif pad_to_aspect_ratio:
        rows, cols = image_utils.aspect_padding(
            height, width, target_h, target_w
        )
        top, left = -float(rows), -float(cols)
        height, width = height + 2 * rows, width + 2 * cols
    return _shift_and_scale(
        xyxy, left, top, target_w / float(width), target_h / float(height)
    )
