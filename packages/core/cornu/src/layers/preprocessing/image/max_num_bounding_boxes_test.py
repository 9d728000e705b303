"""MaxNumBoundingBoxes: padding and truncation against NumPy, images
unchanged, config, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops


@pytest.mark.parametrize("num_boxes", [1, 3, 5])
def test_max_num_bounding_boxes_pads_and_truncates(num_boxes):
    rng = np.random.default_rng(0)
    boxes = rng.random((2, num_boxes, 4)).astype("float32")
    labels = rng.integers(0, 5, (2, num_boxes)).astype("float32")
    images = rng.random((2, 4, 4, 3)).astype("float32")
    layer = cornu.layers.MaxNumBoundingBoxes(3, fill_value=-2)
    out = layer(
        {"images": images, "bounding_boxes": {"boxes": boxes, "labels": labels}}
    )
    want_boxes = np.full((2, 3, 4), -2.0, "float32")
    want_labels = np.full((2, 3), -2.0, "float32")
    n = min(num_boxes, 3)
    want_boxes[:, :n], want_labels[:, :n] = boxes[:, :n], labels[:, :n]
    got = out["bounding_boxes"]
    np.testing.assert_array_equal(
        ops.convert_to_numpy(got["boxes"]), want_boxes
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(got["labels"]), want_labels
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(out["images"]), images)


def test_max_num_bounding_boxes_unbatched_and_config():
    layer = cornu.layers.MaxNumBoundingBoxes(2)
    out = layer(
        {
            "images": np.ones((4, 4, 3), "float32"),
            "bounding_boxes": {
                "boxes": np.ones((1, 4), "float32"),
                "labels": np.ones((1,), "float32"),
            },
        }
    )
    assert tuple(ops.shape(out["bounding_boxes"]["boxes"])) == (2, 4)
    config = layer.get_config()
    assert config["max_number"] == 2 and config["fill_value"] == -1
    assert cornu.layers.MaxNumBoundingBoxes.from_config(config).max_number == 2


@pytest.mark.parametrize("max_number", [0, 2.5, None])
def test_max_num_bounding_boxes_rejects_bad_counts(max_number):
    with pytest.raises(ValueError, match="max_number"):
        cornu.layers.MaxNumBoundingBoxes(max_number)
