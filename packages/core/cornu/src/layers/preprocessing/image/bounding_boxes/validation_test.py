"""densify_bounding_boxes: ragged lists padded, shapes checked."""

import numpy as np
import pytest

from cornu import ops
from cornu.src.layers.preprocessing.image.bounding_boxes import validation


def test_ragged_lists_are_padded():
    boxes = [[[0, 0, 1, 1]], [[0, 0, 2, 2], [1, 1, 3, 3]]]
    labels = [[4], [5, 6]]
    out = validation.densify_bounding_boxes(
        "L", {"boxes": boxes, "labels": labels}, batched=True
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["boxes"]),
        [[[0, 0, 1, 1], [0, 0, 0, 0]], [[0, 0, 2, 2], [1, 1, 3, 3]]],
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["labels"]), [[4, -1], [5, 6]]
    )
    assert ops.convert_to_numpy(out["boxes"]).dtype == np.float32


def test_dense_inputs_and_errors():
    out = validation.densify_bounding_boxes(
        "L", {"boxes": np.ones((3, 4), "int32"), "labels": [1, 2, 3]}, False
    )
    assert ops.convert_to_numpy(out["boxes"]).dtype == np.float32
    with pytest.raises(ValueError, match="keys 'boxes' and 'labels'"):
        validation.densify_bounding_boxes("L", {"boxes": []}, True)
    with pytest.raises(ValueError, match=r"\(batch, num_boxes, 4\)"):
        validation.densify_bounding_boxes(
            "L", {"boxes": np.ones((3, 4)), "labels": np.ones(3)}, True
        )
    with pytest.raises(ValueError, match="labels.shape"):
        validation.densify_bounding_boxes(
            "L", {"boxes": np.ones((3, 4)), "labels": np.ones(2)}, False
        )
    with pytest.raises(ValueError, match="list of the same length"):
        validation.densify_bounding_boxes(
            "L",
            {"boxes": [[[0, 0, 1, 1]], []], "labels": np.ones(2)},
            True,
        )
