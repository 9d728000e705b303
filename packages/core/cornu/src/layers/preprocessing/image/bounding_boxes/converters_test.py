"""cornu.utils.bounding_boxes converters against NumPy references."""

import math

import numpy as np
import pytest

import cornu
from cornu import ops

bb = cornu.utils.bounding_boxes
H, W = 40.0, 60.0


def _np(x):
    return ops.convert_to_numpy(x)


def _to_xyxy_ref(b, fmt):
    """A NumPy reference of each format's meaning."""
    a, c, d, e = (b[..., i] for i in range(4))
    if fmt.startswith("rel_"):
        fmt = fmt[4:]
        if fmt == "yxyx":
            a, c, d, e = a * H, c * W, d * H, e * W
        else:
            a, c, d, e = a * W, c * H, d * W, e * H
    table = {
        "xyxy": (a, c, d, e),
        "yxyx": (c, a, e, d),
        "xywh": (a, c, a + d, c + e),
        "center_xywh": (a - d / 2, c - e / 2, a + d / 2, c + e / 2),
        "center_yxhw": (c - e / 2, a - d / 2, c + e / 2, a + d / 2),
    }
    return np.stack(table[fmt], -1)


FORMATS = [
    "xyxy",
    "yxyx",
    "xywh",
    "center_xywh",
    "center_yxhw",
    "rel_xyxy",
    "rel_yxyx",
    "rel_xywh",
    "rel_center_xywh",
]


def _random_boxes(shape, seed=0):
    rng = np.random.default_rng(seed)
    start = rng.uniform(0, 30, shape + (2,))
    size = rng.uniform(1, 20, shape + (2,))
    return np.concatenate([start, start + size], -1).astype("float32")


@pytest.mark.parametrize("source", FORMATS)
@pytest.mark.parametrize("target", FORMATS)
def test_convert_format_matches_reference(source, target):
    xyxy = _random_boxes((2, 3))
    # Build the source boxes by inverting the reference numerically.
    src = np.asarray(
        _np(bb.convert_format(xyxy, "xyxy", source, height=H, width=W))
    )
    np.testing.assert_allclose(_to_xyxy_ref(src, source), xyxy, rtol=1e-5)
    out = _np(bb.convert_format(src, source, target, height=H, width=W))
    np.testing.assert_allclose(
        _to_xyxy_ref(out, target), xyxy, rtol=1e-5, atol=1e-4
    )


def test_convert_format_dict_case_and_relative_to_relative():
    boxes = {"boxes": np.array([[0.1, 0.2, 0.5, 0.6]], "f4"), "labels": [3]}
    out = bb.convert_format(boxes, "REL_XYXY", "rel_yxyx")
    np.testing.assert_allclose(_np(out["boxes"]), [[0.2, 0.1, 0.6, 0.5]])
    assert out["labels"] == [3]
    assert boxes["boxes"].shape == (1, 4)  # the input dict is not changed


def test_convert_format_errors():
    with pytest.raises(ValueError, match="last dimension of 4"):
        bb.convert_format(np.zeros((2, 3)), "xyxy", "xywh")
    with pytest.raises(ValueError, match="`source` to be one of"):
        bb.convert_format(np.zeros((2, 4)), "xyz", "xywh")
    with pytest.raises(ValueError, match="`target` to be one of"):
        bb.convert_format(np.zeros((2, 4)), "xyxy", 3)
    with pytest.raises(ValueError, match="needs the image `height`"):
        bb.convert_format(np.zeros((2, 4)), "xyxy", "rel_xyxy")


def test_clip_to_image_size():
    boxes = np.array(
        [[[-5, -5, 10, 10], [70, 10, 80, 20], [10, 45, 20, 50]]], "f4"
    )
    labels = np.array([[1, 2, 3]], "int32")
    out = bb.clip_to_image_size(
        {"boxes": boxes, "labels": labels}, height=H, width=W
    )
    want = np.clip(boxes, 0, [W, H, W, H])
    np.testing.assert_array_equal(_np(out["boxes"]), want)
    np.testing.assert_array_equal(_np(out["labels"]), [[1, -1, -1]])
    rel = bb.clip_to_image_size(
        {"boxes": boxes / 50.0}, bounding_box_format="rel_xyxy"
    )
    np.testing.assert_allclose(_np(rel["boxes"]), np.clip(boxes / 50, 0, 1))
    one_hot = bb.clip_to_image_size(
        {"boxes": boxes, "labels": np.ones((1, 3, 2), "f4")}, H, W
    )
    np.testing.assert_array_equal(
        _np(one_hot["labels"])[0], [[1, 1], [-1, -1], [-1, -1]]
    )


def test_clip_to_image_size_errors():
    boxes = {"boxes": np.zeros((1, 4), "f4")}
    with pytest.raises(NotImplementedError, match="'xyxy' and 'rel_xyxy'"):
        bb.clip_to_image_size(boxes, 4, 4, bounding_box_format="xywh")
    with pytest.raises(ValueError, match="needs `height` and `width`"):
        bb.clip_to_image_size(boxes)


def test_crop_and_pad():
    boxes = _random_boxes((2, 5), seed=1)
    out = _np(bb.crop(boxes, top=4, left=7, height=20, width=15))
    want = np.clip(boxes - [7, 4, 7, 4], 0, [15, 20, 15, 20])
    np.testing.assert_allclose(out, want, rtol=1e-6)
    out = _np(bb.pad(boxes, top=4, left=7))
    np.testing.assert_allclose(out, boxes + [7, 4, 7, 4], rtol=1e-6)
    for fn, args in ((bb.crop, (1, 1, 5, 5)), (bb.pad, (1, 1))):
        with pytest.raises(NotImplementedError, match="'xyxy' format"):
            fn(boxes, *args, bounding_box_format="xywh")


def _keras_box_affine_ref(boxes, angle, tx, ty, scale, shx, shy, h, w):
    """NumPy reference: the corners mapped by the inverse of the
    rotation/shear/scale/translation matrix with negated parameters (as
    Keras's `affine_transform` does), then enclosed."""
    out = np.zeros_like(boxes, dtype=np.float64)
    cx, cy = 0.5 * (w - 1), 0.5 * (h - 1)
    for b in range(boxes.shape[0]):
        rot, sx, sy = (-math.radians(v) for v in (angle[b], shx[b], shy[b]))
        # The rotation-shear matrix [[a, bq], [c, d]] (determinant 1);
        # its inverse, scaled, moves the corners.
        a = math.cos(rot - sy) / math.cos(sy)
        bq = a * math.tan(sx) + math.sin(rot)
        c = -math.sin(rot - sy) / math.cos(sy)
        d = math.cos(rot) - c * math.tan(sx)
        m = np.array([[d, -bq], [-c, a]]) * scale[b]
        t = np.array([-tx[b] * (w - 1), -ty[b] * (h - 1)])
        centre = np.array([cx, cy])
        for n in range(boxes.shape[1]):
            x1, y1, x2, y2 = boxes[b, n]
            pts = np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]])
            mapped = (pts - centre - t) @ m.T + centre
            out[b, n] = [*mapped.min(0), *mapped.max(0)]
    return out


def test_affine_transform_matches_reference():
    rng = np.random.default_rng(2)
    boxes = _random_boxes((3, 4), seed=2)
    params = [
        rng.uniform(-60, 60, 3),
        rng.uniform(-0.2, 0.2, 3),
        rng.uniform(-0.2, 0.2, 3),
        rng.uniform(0.7, 1.3, 3),
        rng.uniform(-20, 20, 3),
        rng.uniform(-20, 20, 3),
    ]
    params = [p.astype("float32") for p in params]
    out = _np(bb.affine_transform(boxes, *params, height=40, width=60))
    want = _keras_box_affine_ref(boxes, *params, 40, 60)
    np.testing.assert_allclose(out, want, rtol=1e-4, atol=1e-3)
    single = _np(
        bb.affine_transform(boxes[0], *[p[:1] for p in params], 40, 60)
    )
    np.testing.assert_allclose(single, want[0], rtol=1e-4, atol=1e-3)
    # A pure rotation turns boxes with the image: corners rotate by
    # `angle` about the centre ((w - 1) / 2, (h - 1) / 2).
    rot = _np(
        bb.affine_transform(
            boxes,
            [90.0] * 3,
            *[[0.0] * 3] * 2,
            [1.0] * 3,
            *[[0.0] * 3] * 2,
            40,
            60,
        )
    )
    cx, cy = 29.5, 19.5
    x1, y1, x2, y2 = (boxes[..., i] for i in range(4))
    want = np.stack(
        [cx + (y1 - cy), cy - (x2 - cx), cx + (y2 - cy), cy - (x1 - cx)], -1
    )
    np.testing.assert_allclose(rot, want, rtol=1e-5, atol=1e-4)
    with pytest.raises(NotImplementedError, match="'xyxy' format"):
        bb.affine_transform(boxes, *params, 40, 60, bounding_box_format="yxyx")
