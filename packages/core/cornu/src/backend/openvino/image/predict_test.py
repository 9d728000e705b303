"""The openvino image ops inside a compiled `predict` graph.

The ops' own tests (`ops/image/*_test.py`) check their values eagerly;
here each op runs on graph inputs (OpenVINO `Parameter`s) and must give
the eager result.
"""

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu import ops
from cornu.src.testing.assertions import assert_allclose

# Feature detection (R7): only the openvino trainer compiles predict into
# an OpenVINO model.
if not hasattr(cornu.Model, "openvino_compiled_predict"):
    pytest.skip(
        "the active backend's trainer does not compile predict with OpenVINO",
        allow_module_level=True,
    )

RNG = np.random.default_rng(0)
IMAGES = RNG.random((2, 6, 7, 3)).astype("float32")
START = [[0, 0], [6, 0], [0, 5], [6, 5]]
END = [[1, 0], [6, 1], [0, 4], [5, 5]]
COORDS = np.array([[0.5, 3.2, -1.0], [6.5, 1.1, 2.0]], "float32")
AFFINE = [1.1, 0.2, -1.0, 0.1, 0.9, 0.5, 0.01, 0.0]

OPS = {
    "rgb_to_grayscale": ops.image.rgb_to_grayscale,
    "rgb_to_hsv": ops.image.rgb_to_hsv,
    "hsv_to_rgb": ops.image.hsv_to_rgb,
    "pad_images": lambda x: ops.image.pad_images(x, 1, 2, 0, 1),
    "crop_images": lambda x: ops.image.crop_images(x, 1, 2, 3, 3),
    "gaussian_blur": lambda x: ops.image.gaussian_blur(x, (3, 3)),
    "sobel_edges": ops.image.sobel_edges,
    "ssim": lambda x: ops.image.ssim(x, x * 0.5, filter_size=3),
    "extract_patches": lambda x: ops.image.extract_patches(
        x, (2, 2), padding="same"
    ),
    "reconstruct_patches": lambda x: ops.image.reconstruct_patches(
        ops.image.extract_patches(x, (2, 2), strides=1), (2, 2), (6, 7), 1
    ),
    "map_coordinates": lambda x: ops.image.map_coordinates(
        x[0, :, :, 0], COORDS, 1, "mirror"
    ),
    "affine_nearest_wrap": lambda x: ops.image.affine_transform(
        x, AFFINE, "nearest", "wrap"
    ),
    "affine_bilinear_reflect": lambda x: ops.image.affine_transform(
        x, AFFINE, "bilinear", "reflect"
    ),
    "perspective_transform": lambda x: ops.image.perspective_transform(
        x, START, END
    ),
    "elastic_transform": lambda x: ops.image.elastic_transform(x, seed=3),
    "scale_and_translate": lambda x: ops.image.scale_and_translate(
        x, (2, 4, 5, 3), [0.7, 0.8], [0.1, -0.2], (1, 2), "bicubic"
    ),
}


@pytest.mark.parametrize("name", sorted(OPS))
def test_op_in_predict_matches_eager(name):
    fn = OPS[name]
    inputs = cornu.Input(IMAGES.shape[1:])
    model = cornu.Model(inputs, layers.Lambda(fn)(inputs))
    got = model.predict(IMAGES, batch_size=2, verbose=0)
    assert_allclose(got, ops.convert_to_numpy(fn(IMAGES)), rtol=1e-5, atol=1e-5)
