"""encode_box_to_deltas / decode_deltas_to_boxes against NumPy."""

import numpy as np
import pytest

import cornu
from cornu import ops

bb = cornu.utils.bounding_boxes


def _np(x):
    return ops.convert_to_numpy(x)


def _random_boxes(shape, seed=0):
    rng = np.random.default_rng(seed)
    start = rng.uniform(0, 30, shape + (2,))
    size = rng.uniform(1, 20, shape + (2,))
    return np.concatenate([start, start + size], -1).astype("float32")


@pytest.mark.parametrize("encoding", ["center_yxhw", "center_xywh"])
@pytest.mark.parametrize("variance", [None, [0.1, 0.1, 0.2, 0.2]])
def test_encode_decode_deltas(encoding, variance):
    anchors = _random_boxes((6,), seed=3)
    boxes = _random_boxes((2, 6), seed=4)
    deltas = _np(
        bb.encode_box_to_deltas(
            anchors, boxes, "xyxy", "xyxy", encoding, variance
        )
    )

    # NumPy reference in centre-size form.
    def centre_size(b):
        c = (b[..., :2] + b[..., 2:]) / 2
        s = b[..., 2:] - b[..., :2]
        if encoding == "center_yxhw":
            c, s = c[..., ::-1], s[..., ::-1]
        return c, s

    ca, sa = centre_size(anchors)
    cb, sb = centre_size(boxes)
    want = np.concatenate([(cb - ca) / sa, np.log(sb / sa)], -1)
    if variance is not None:
        want = want / np.asarray(variance)
    np.testing.assert_allclose(deltas, want, rtol=1e-4, atol=1e-5)
    back = bb.decode_deltas_to_boxes(
        anchors, deltas, "xyxy", "xyxy", encoding, variance
    )
    np.testing.assert_allclose(_np(back), boxes, rtol=1e-4, atol=1e-3)
    levels = bb.decode_deltas_to_boxes(
        {"p3": anchors}, {"p3": deltas}, "xyxy", "xyxy", encoding, variance
    )
    np.testing.assert_allclose(_np(levels["p3"]), _np(back), rtol=1e-6)


def test_deltas_with_relative_boxes_and_errors():
    anchors = np.array([[0.0, 0.0, 10.0, 10.0]], "f4")
    rel = np.array([[0.1, 0.0, 0.6, 0.5]], "f4")  # [5, 0, 30, 20] in 40x50
    d = bb.encode_box_to_deltas(
        anchors, rel, "xyxy", "rel_xyxy", image_shape=(40, 50, 3)
    )
    back = bb.decode_deltas_to_boxes(
        anchors, d, "xyxy", "rel_xyxy", image_shape=(40, 50, 3)
    )
    np.testing.assert_allclose(_np(back), rel, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="must hold 4 numbers"):
        bb.encode_box_to_deltas(anchors, anchors, "xyxy", "xyxy", variance=[1])
    with pytest.raises(ValueError, match="`encoding_format` must be"):
        bb.encode_box_to_deltas(anchors, anchors, "xyxy", "xyxy", "xyxy")
    with pytest.raises(ValueError, match="must hold 4 numbers"):
        bb.decode_deltas_to_boxes(
            anchors, anchors, "xyxy", "xyxy", variance=[1]
        )
    with pytest.raises(ValueError, match="`encoded_format` must be"):
        bb.decode_deltas_to_boxes(anchors, anchors, "xyxy", "xyxy", "xywh")
