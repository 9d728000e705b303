"""The shared machinery: factor and value-range checks, dict inputs,
unbatched inputs, errors, a custom subclass, and augmentation layers in a
model trained with `fit` and used with `predict`."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)


class _AddOne(base.BaseImagePreprocessingLayer):
    """A custom layer: adds a random value in [0, 1) per image."""

    _USE_BASE_FACTOR = False

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self._make_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        return base.uniform(
            (self._batch_size(data), 1, 1, 1), seed=self._seed(seed)
        )

    def transform_images(self, images, transformation, training=True):
        images = ops.cast(images, self.compute_dtype)
        return images + transformation if training else images

    def transform_labels(self, labels, transformation, training=True):
        return labels * 2


@pytest.mark.parametrize(
    "value, kwargs, want",
    [
        (0.3, {}, (-0.3, 0.3)),
        (-0.3, {}, (-0.3, 0.3)),
        ((0.4, -0.2), {}, (-0.2, 0.4)),
        (0.3, {"symmetric": False}, (0, 0.3)),
        (0.5, {"low": 0}, (0, 0.5)),
    ],
)
def test_factor_range(value, kwargs, want):
    kwargs = {"low": -1, "high": 1, **kwargs}
    got = base.factor_range("L", "factor", value, **kwargs)
    assert got == want


@pytest.mark.parametrize("value", [1.5, (0.1,), (0.1, 2.0), "0.1", True])
def test_factor_range_rejects_bad_values(value):
    with pytest.raises(ValueError, match=r"L expects `factor`.*Received"):
        base.factor_range("L", "factor", value, -1, 1)


def test_factor_range_open_low_end():
    with pytest.raises(ValueError, match=r"\(-1"):
        base.factor_range("L", "f", -1.0, -1, 1, low_open=True)


def test_check_value_range():
    assert base.check_value_range("L", (255, 0)) == [0, 255]
    with pytest.raises(ValueError, match="value_range"):
        base.check_value_range("L", (0, 1, 2))


def test_uniform_with_equal_bounds_is_constant():
    x = ops.convert_to_numpy(base.uniform((3,), 0.25, 0.25, seed=1))
    np.testing.assert_array_equal(x, [0.25, 0.25, 0.25])


def test_dict_inputs_batched_and_unbatched():
    layer = _AddOne(seed=1)
    images = np.zeros((2, 3, 3, 1), "float32")
    out = layer(
        {
            "images": images,
            "labels": np.ones((2, 4), "float32"),
            "segmentation_masks": images,
        }
    )
    shift = ops.convert_to_numpy(out["images"])[:, 0, 0, 0]
    assert np.all((shift >= 0) & (shift < 1)) and shift[0] != shift[1]
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["labels"]), np.full((2, 4), 2.0)
    )
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["segmentation_masks"]), images
    )
    single = layer({"images": images[0], "labels": np.ones((4,), "f4")})
    assert tuple(ops.shape(single["images"])) == (3, 3, 1)
    assert tuple(ops.shape(single["labels"])) == (4,)


def test_call_errors():
    layer = _AddOne()
    with pytest.raises(ValueError, match="rank 3"):
        layer(np.zeros((2, 2), "float32"))
    with pytest.raises(ValueError, match="'images' key"):
        layer({"pixels": np.zeros((1, 2, 2, 1), "float32")})
    with pytest.raises(ValueError, match="bounding box format"):
        layer(
            {
                "images": np.zeros((1, 2, 2, 1), "float32"),
                "bounding_boxes": {
                    "boxes": np.zeros((1, 1, 4), "f4"),
                    "labels": np.zeros((1, 1), "f4"),
                },
            }
        )
    elastic = cornu.layers.RandomElasticTransform(bounding_box_format="xyxy")
    with pytest.raises(NotImplementedError, match="bounding boxes"):
        elastic(
            {
                "images": np.zeros((1, 2, 2, 1), "float32"),
                "bounding_boxes": {
                    "boxes": np.zeros((1, 1, 4), "f4"),
                    "labels": np.zeros((1, 1), "f4"),
                },
            }
        )


def test_factor_is_rejected_where_unused():
    with pytest.raises(ValueError, match="does not take a `factor`"):
        _AddOne(factor=0.5)


def test_compute_output_shape_of_dicts():
    layer = cornu.layers.RandomCrop(2, 3)
    shapes = layer.compute_output_shape(
        {"images": (None, 5, 5, 3), "labels": (None, 4)}
    )
    assert shapes == {"images": (None, 2, 3, 3), "labels": (None, 4)}


def test_symbolic_calls_keep_the_shape():
    inputs = cornu.Input((6, 6, 3))
    outputs = cornu.layers.RandomRotation(0.1)(inputs)
    assert tuple(outputs.shape) == (None, 6, 6, 3)


@pytest.mark.requires_capability("training")
def test_augmentation_layers_train_in_a_model_and_stay_out_of_predict():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 255, (16, 8, 8, 3)).astype("float32")
    y = rng.integers(0, 2, (16,)).astype("float32")
    model = cornu.Sequential(
        [
            cornu.Input((8, 8, 3)),
            cornu.layers.RandomFlip(seed=1),
            cornu.layers.RandomRotation(0.1, seed=2),
            cornu.layers.RandomContrast(0.2, seed=3),
            cornu.layers.Rescaling(1 / 255),
            cornu.layers.Flatten(),
            cornu.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    history = model.fit(x, y, batch_size=8, epochs=2, verbose=0)
    assert np.all(np.isfinite(history.history["loss"]))
    # Inference skips the augmentations: predict equals the plain head.
    head = cornu.Sequential(model.layers[3:])
    np.testing.assert_allclose(
        model.predict(x, verbose=0),
        head.predict(x, verbose=0),
        rtol=1e-5,
        atol=1e-6,
    )


def test_single_bounding_box_and_mask_helpers():
    flip = cornu.layers.RandomFlip("horizontal", bounding_box_format="xyxy")
    transformation = {
        "flips": np.ones((1, 1, 1, 1), bool),
        "input_shape": (4, 6, 1),
    }
    box = {"boxes": np.array([[1, 0, 2, 3]], "f4"), "labels": np.array([5])}
    out = flip.transform_single_bounding_box(box, transformation)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(out["boxes"]), [[4, 0, 5, 3]]
    )
    np.testing.assert_array_equal(ops.convert_to_numpy(out["labels"]), [5])
    mask = np.arange(24, dtype="float32").reshape(4, 6, 1)
    flipped = flip.transform_single_segmentation_mask(mask, transformation)
    np.testing.assert_array_equal(ops.convert_to_numpy(flipped), mask[:, ::-1])
