"""Bounding boxes through the image layers: hand-computed boxes after a
flip, rotation, translation, zoom, crop and resize, and a property test:
a box drawn into a segmentation mask comes out of each geometric layer
where the layer puts the box."""

import numpy as np
import pytest

import cornu
from cornu import ops

H, W = 10, 20


def _data(boxes, labels=None, batch=1, height=H, width=W):
    boxes = np.asarray(boxes, "float32").reshape(batch, -1, 4)
    if labels is None:
        labels = np.arange(boxes.shape[1])[None].repeat(batch, 0)
    return {
        "images": np.zeros((batch, height, width, 1), "float32"),
        "bounding_boxes": {"boxes": boxes, "labels": labels},
    }


def _boxes(out):
    return ops.convert_to_numpy(out["bounding_boxes"]["boxes"])


def _labels(out):
    return ops.convert_to_numpy(out["bounding_boxes"]["labels"])


@pytest.mark.parametrize(
    "mode, want",
    [
        ("horizontal", [15, 1, 18, 4]),
        ("vertical", [2, 6, 5, 9]),
        ("horizontal_and_vertical", [15, 6, 18, 9]),
    ],
)
def test_flip_by_hand(mode, want):
    layer = cornu.layers.RandomFlip(mode, bounding_box_format="xyxy")
    transformation = {
        "flips": np.ones((1, 1, 1, 1), bool),
        "input_shape": (1, H, W, 1),
    }
    boxes = {"boxes": np.array([[[2, 1, 5, 4]]], "f4"), "labels": [[7]]}
    out = layer.transform_bounding_boxes(boxes, transformation)
    np.testing.assert_allclose(ops.convert_to_numpy(out["boxes"]), [[want]])


def test_flip_relative_format_and_inference():
    layer = cornu.layers.RandomFlip(
        "horizontal", bounding_box_format="rel_xyxy"
    )
    transformation = {
        "flips": np.array([True, False]).reshape(2, 1, 1, 1),
        "input_shape": (2, H, W, 1),
    }
    boxes = np.array([[[0.1, 0.2, 0.25, 0.5]]] * 2, "f4")
    out = layer.transform_bounding_boxes(
        {"boxes": boxes, "labels": [[1], [1]]}, transformation
    )
    np.testing.assert_allclose(
        ops.convert_to_numpy(out["boxes"]),
        [[[0.75, 0.2, 0.9, 0.5]], [[0.1, 0.2, 0.25, 0.5]]],
        rtol=1e-6,
    )
    same = layer(_data(boxes * [W, H, W, H], batch=2), training=False)
    np.testing.assert_allclose(_boxes(same), boxes * [W, H, W, H])


def test_rotation_translation_zoom_by_hand():
    box = [[2, 3, 5, 7]]
    rot = cornu.layers.RandomRotation((0.5, 0.5), bounding_box_format="xyxy")
    np.testing.assert_allclose(
        _boxes(rot(_data(box))), [[[15, 3, 18, 7]]], atol=1e-4
    )
    shift = cornu.layers.RandomTranslation(
        (0.2, 0.2), (0.1, 0.1), bounding_box_format="xyxy"
    )
    np.testing.assert_allclose(
        _boxes(shift(_data(box))), [[[4, 5, 7, 9]]], atol=1e-4
    )
    zoom = cornu.layers.RandomZoom((-0.5, -0.5), bounding_box_format="xyxy")
    # Zooming in 2x about the centre (10, 5): x -> 2x - 10, y -> 2y - 5.
    np.testing.assert_allclose(
        _boxes(zoom(_data([[8, 4, 12, 6]]))), [[[6, 3, 14, 7]]], atol=1e-4
    )


def test_boxes_leaving_the_image_are_clipped_and_unlabelled():
    shift = cornu.layers.RandomTranslation(
        (0.0, 0.0), (0.5, 0.5), bounding_box_format="xyxy"
    )
    out = shift(_data([[2, 3, 5, 7], [12, 3, 16, 7]]))
    np.testing.assert_allclose(
        _boxes(out), [[[12, 3, 15, 7], [20, 3, 20, 7]]], atol=1e-4
    )
    np.testing.assert_array_equal(_labels(out), [[0, -1]])


def test_crops_by_hand():
    layer = cornu.layers.RandomCrop(5, 6, bounding_box_format="xyxy")
    transformation = {
        "top": 2,
        "left": 3,
        "input_height": 10,
        "input_width": 12,
    }
    boxes = {
        "boxes": np.array([[[4, 3, 8, 9], [0, 0, 2, 1]]], "f4"),
        "labels": np.array([[1, 2]]),
    }
    out = layer.transform_bounding_boxes(boxes, transformation)
    np.testing.assert_allclose(
        ops.convert_to_numpy(out["boxes"]), [[[1, 1, 5, 5], [0, 0, 0, 0]]]
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["labels"]), [[1, -1]]
    )
    centre = cornu.layers.CenterCrop(4, 6, bounding_box_format="xyxy")
    out = centre(_data([[4, 4, 8, 6]], height=10, width=12))
    np.testing.assert_allclose(_boxes(out), [[[1, 1, 5, 3]]])


@pytest.mark.parametrize(
    "kwargs, size, box, want",
    [
        ({}, (5, 10), [2, 4, 6, 8], [1, 2, 3, 4]),
        ({"crop_to_aspect_ratio": True}, (10, 10), [6, 2, 12, 8], [1, 2, 7, 8]),
        ({"pad_to_aspect_ratio": True}, (20, 20), [2, 4, 6, 8], [2, 9, 6, 13]),
    ],
)
def test_resizing_by_hand(kwargs, size, box, want):
    layer = cornu.layers.Resizing(*size, bounding_box_format="xyxy", **kwargs)
    out = layer(_data([box]))
    np.testing.assert_allclose(_boxes(out), [[want]], atol=1e-5)
    single = layer(
        {
            "images": np.zeros((H, W, 1), "f4"),
            "bounding_boxes": {"boxes": [box], "labels": [0]},
        }
    )
    np.testing.assert_allclose(_boxes(single), [want], atol=1e-5)


def test_colour_layers_pass_boxes_and_mixup_appends_them():
    data = _data([[2, 3, 5, 7]] * 2, batch=2)
    layer = cornu.layers.RandomBrightness(0.3, bounding_box_format="xyxy")
    np.testing.assert_array_equal(
        _boxes(layer(data)), data["bounding_boxes"]["boxes"]
    )
    data["bounding_boxes"]["boxes"][1] += 1.0
    data["bounding_boxes"]["labels"] = np.array([[3], [4]])
    mix = cornu.layers.MixUp(seed=1, bounding_box_format="xyxy")
    out = mix(data)
    boxes, labels = _boxes(out), _labels(out)
    assert boxes.shape == (2, 2, 4) and labels.shape == (2, 2)
    for i in range(2):
        np.testing.assert_array_equal(
            boxes[i, 0], data["bounding_boxes"]["boxes"][i, 0]
        )
        j = int(np.argmax(labels[i, 1] == np.array([3, 4])))
        np.testing.assert_array_equal(
            boxes[i, 1], data["bounding_boxes"]["boxes"][j, 0]
        )
    with pytest.raises(NotImplementedError, match="CutMix does not support"):
        cornu.layers.CutMix(bounding_box_format="xyxy")(data)


def _mask_box(mask):
    """The xyxy edge box of the nonzero pixels of an `(H, W)` mask."""
    rows = np.nonzero(mask.any(1))[0]
    cols = np.nonzero(mask.any(0))[0]
    return np.array([cols[0], rows[0], cols[-1] + 1, rows[-1] + 1], "f4")


# (layer, tolerance in pixels): nearest sampling may drop or add up to a
# pixel along each edge, more near the corners of rotated boxes.
GEOMETRIC = [
    (lambda: cornu.layers.RandomFlip(seed=1), 0.0),
    (lambda: cornu.layers.RandomRotation(0.1, seed=2), 1.5),
    (lambda: cornu.layers.RandomZoom(0.3, 0.2, seed=3), 1.0),
    (lambda: cornu.layers.RandomTranslation(0.2, 0.2, seed=4), 1.0),
    (lambda: cornu.layers.RandomShear(0.3, 0.2, seed=5), 1.5),
    (lambda: cornu.layers.RandomPerspective(1.0, 0.3, seed=6), 1.5),
    (lambda: cornu.layers.RandomCrop(20, 24, seed=7), 0.0),
    (lambda: cornu.layers.CenterCrop(20, 22), 0.0),
    (lambda: cornu.layers.Resizing(16, 20), 1.0),
    (lambda: cornu.layers.Resizing(30, 30, crop_to_aspect_ratio=True), 1.0),
    (lambda: cornu.layers.Resizing(30, 30, pad_to_aspect_ratio=True), 1.0),
]


@pytest.mark.parametrize("make, tol", GEOMETRIC)
@pytest.mark.parametrize("fmt", ["xyxy", "rel_center_xywh"])
def test_boxes_follow_a_box_drawn_in_the_mask(make, tol, fmt):
    rng = np.random.default_rng(0)
    height, width, batch = 28, 32, 4
    masks = np.zeros((batch, height, width, 1), "float32")
    boxes = np.zeros((batch, 1, 4), "float32")
    for b in range(batch):
        y1, x1 = rng.integers(8, 12), rng.integers(8, 14)
        y2, x2 = y1 + rng.integers(4, 8), x1 + rng.integers(4, 8)
        masks[b, y1:y2, x1:x2] = 1.0
        boxes[b, 0] = [x1, y1, x2, y2]
    layer = make()
    layer.bounding_box_format = fmt
    size = {"height": height, "width": width}
    data = {
        "images": np.repeat(masks, 3, axis=-1),
        "segmentation_masks": masks,
        "bounding_boxes": {
            "boxes": cornu.utils.bounding_boxes.convert_format(
                boxes, "xyxy", fmt, **size
            ),
            "labels": np.ones((batch, 1), "int32"),
        },
    }
    out = layer(data, training=True)
    out_masks = ops.convert_to_numpy(out["segmentation_masks"])
    out_h, out_w = out_masks.shape[1:3]
    got = cornu.utils.bounding_boxes.convert_format(
        out["bounding_boxes"]["boxes"], fmt, "xyxy", out_h, out_w
    )
    got = ops.convert_to_numpy(got)
    for b in range(batch):
        want = _mask_box(out_masks[b, ..., 0] > 0.5)
        np.testing.assert_allclose(got[b, 0], want, atol=tol + 1e-3)


@pytest.mark.parametrize("step", [0, 1, 2, 3])
def test_rand_augment_moves_boxes_with_the_chosen_step(step):
    # Steps 0-2 are shear, translation and rotation; 3 is brightness.
    rng = np.random.default_rng(1)
    masks = np.zeros((3, 28, 32, 1), "float32")
    boxes = np.zeros((3, 1, 4), "float32")
    for b in range(3):
        y1, x1 = rng.integers(8, 12), rng.integers(8, 14)
        y2, x2 = y1 + rng.integers(4, 8), x1 + rng.integers(4, 8)
        masks[b, y1:y2, x1:x2] = 1.0
        boxes[b, 0] = [x1, y1, x2, y2]
    layer = cornu.layers.RandAugment(
        value_range=(0, 1), num_ops=1, factor=0.2, seed=3
    )
    layer.bounding_box_format = "xyxy"
    images = np.repeat(masks, 3, axis=-1)
    t = layer.get_random_transformation(images)
    t["layer_idxes"] = ops.convert_to_tensor([step], "int32")
    out_masks = ops.convert_to_numpy(
        layer.transform_segmentation_masks(masks, t)
    )
    labels = np.ones((3, 1), "int32")
    out = layer.transform_bounding_boxes({"boxes": boxes, "labels": labels}, t)
    got = ops.convert_to_numpy(out["boxes"])
    for b in range(3):
        want = _mask_box(out_masks[b, ..., 0] > 0.5)
        np.testing.assert_allclose(got[b, 0], want, atol=1.5 + 1e-3)
    if step == 3:
        np.testing.assert_array_equal(got, boxes)
        np.testing.assert_array_equal(out_masks, masks)
    else:
        assert np.abs(got - boxes).max() > 0.1


def test_rand_augment_dict_call():
    rng = np.random.default_rng(2)
    data = _data([[2, 3, 5, 7], [10, 2, 14, 6]] * 2, batch=2)
    data["images"] = rng.random((2, H, W, 3)).astype("float32")
    data["segmentation_masks"] = np.ones((2, H, W, 1), "float32")
    layer = cornu.layers.RandAugment(
        value_range=(0, 1), num_ops=2, seed=1, bounding_box_format="xyxy"
    )
    out = layer(data)
    boxes = _boxes(out)
    assert boxes.shape == (2, 2, 4) and _labels(out).shape == (2, 2)
    assert (boxes >= 0).all() and (boxes <= [W, H, W, H]).all()
    same = layer(data, training=False)
    np.testing.assert_array_equal(_boxes(same), data["bounding_boxes"]["boxes"])
