"""compute_iou and compute_ciou against NumPy loops."""

import math

import numpy as np
import pytest

import cornu
from cornu import ops

bb = cornu.utils.bounding_boxes
EPS = 1e-7


def _boxes(shape, seed):
    rng = np.random.default_rng(seed)
    start = rng.uniform(0, 20, shape + (2,))
    return np.concatenate(
        [start, start + rng.uniform(1, 15, shape + (2,))], -1
    ).astype("float32")


def _iou_ref(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1])
    return inter / (area - inter + EPS)


def _table(a, b):
    return np.array([[_iou_ref(x, y) for y in b] for x in a])


@pytest.mark.parametrize(
    "batched", [(False, False), (True, False), (False, True), (True, True)]
)
def test_compute_iou_matches_reference(batched):
    a = _boxes((2, 3), 0)
    b = _boxes((2, 4), 1)
    a_in = a if batched[0] else a[0]
    b_in = b if batched[1] else b[0]
    got = ops.convert_to_numpy(bb.compute_iou(a_in, b_in, "xyxy"))
    if not any(batched):
        want = _table(a[0], b[0])
    else:
        want = np.stack(
            [
                _table(
                    a[i] if batched[0] else a[0], b[i] if batched[1] else b[0]
                )
                for i in range(2)
            ]
        )
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_compute_iou_formats_and_masking():
    a = _boxes((3,), 2)
    b = _boxes((2,), 3)
    want = _table(a, b)
    yxyx = bb.convert_format(a, "xyxy", "yxyx")
    got = bb.compute_iou(yxyx, bb.convert_format(b, "xyxy", "yxyx"), "YXYX")
    np.testing.assert_allclose(ops.convert_to_numpy(got), want, rtol=1e-5)
    rel_a = bb.convert_format(a, "xyxy", "rel_xyxy", height=40, width=50)
    rel_b = bb.convert_format(b, "xyxy", "rel_xyxy", height=40, width=50)
    got = bb.compute_iou(rel_a, rel_b, "rel_xyxy", image_shape=(40, 50, 3))
    np.testing.assert_allclose(ops.convert_to_numpy(got), want, rtol=1e-4)
    a[1] = -1.0  # a padding box
    got = bb.compute_iou(a, b, "xyxy", use_masking=True, mask_val=-5)
    want[1] = -5.0
    np.testing.assert_allclose(ops.convert_to_numpy(got), want, rtol=1e-5)


def test_compute_iou_errors():
    a = np.zeros((2, 4), "f4")
    with pytest.raises(ValueError, match="`boxes1` of shape"):
        bb.compute_iou(np.zeros((1, 1, 2, 4)), a, "xyxy")
    with pytest.raises(ValueError, match="`boxes2` of shape"):
        bb.compute_iou(a, np.zeros((4,)), "xyxy")
    with pytest.raises(ValueError, match="needs `image_shape`"):
        bb.compute_iou(a, a, "rel_xyxy")
    with pytest.raises(ValueError, match="`bounding_box_format` to be one"):
        bb.compute_iou(a, a, "corners")


def _ciou_ref(a, b):
    w1, h1 = a[2] - a[0], a[3] - a[1] + EPS
    w2, h2 = b[2] - b[0], b[3] - b[1] + EPS
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    iou = inter / (w1 * h1 + w2 * h2 - inter + 2 * EPS)
    hull = (max(a[2], b[2]) - min(a[0], b[0])) ** 2 + (
        max(a[3], b[3]) - min(a[1], b[1])
    ) ** 2
    dist = ((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2) ** 2 + (
        (a[1] + a[3]) / 2 - (b[1] + b[3]) / 2
    ) ** 2
    v = 4 / math.pi**2 * (math.atan(w2 / h2) - math.atan(w1 / h1)) ** 2
    alpha = v / (v - iou + 1 + EPS)
    return iou - (dist / (hull + EPS) + v * alpha)


def test_compute_ciou_matches_reference():
    a = _boxes((2, 5), 4)
    b = _boxes((2, 5), 5)
    got = ops.convert_to_numpy(bb.compute_ciou(a, b, "xyxy"))
    want = np.array(
        [[_ciou_ref(a[i, j], b[i, j]) for j in range(5)] for i in range(2)]
    )
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    rel = bb.compute_ciou(
        bb.convert_format(a, "xyxy", "rel_xyxy", height=30, width=40),
        bb.convert_format(b, "xyxy", "rel_xyxy", height=30, width=40),
        "rel_xyxy",
        image_shape=(30, 40, 3),
    )
    np.testing.assert_allclose(ops.convert_to_numpy(rel), want, atol=1e-4)
    with pytest.raises(ValueError, match="needs `image_shape`"):
        bb.compute_ciou(a, b, "rel_xyxy")
