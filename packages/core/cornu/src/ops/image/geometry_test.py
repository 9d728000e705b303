import numpy as np
import pytest
import scipy.ndimage as ndi

import cornu
from cornu import ops
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.testing.assertions import assert_allclose

RNG = np.random.default_rng(2)
# scipy's names for the modes cornu (and jax, Keras) use.
SCIPY_MODE = {"constant": "grid-constant", "wrap": "grid-wrap",
              "nearest": "nearest", "mirror": "mirror", "reflect": "reflect"}
MODES = list(SCIPY_MODE)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("order", [0, 1])
@pytest.mark.parametrize("shape", [(5, 6), (3, 4, 2)], ids=str)
def test_map_coordinates_matches_scipy(shape, order, mode):
    x = RNG.random(shape).astype("float32")
    coords = (RNG.random((len(shape), 4, 5)) * 12 - 4).astype("float32")
    out = ops.image.map_coordinates(x, coords, order, mode, 0.25)
    want = ndi.map_coordinates(x.astype("float64"), coords, order=order,
                               mode=SCIPY_MODE[mode], cval=0.25)
    assert ops.shape(out) == (4, 5)
    assert standardize_dtype(out.dtype) == "float32"
    assert_allclose(out, want, rtol=1e-5, atol=1e-5)


def test_map_coordinates_of_ints_rounds():
    x = np.arange(12, dtype="int32").reshape(3, 4) * 10
    coords = np.array([[0.3, 1.6, 2.0], [0.5, 2.2, 3.7]], "float32")
    out = ops.image.map_coordinates(x, coords, order=1)
    want = ndi.map_coordinates(x.astype("float64"), coords, order=1,
                               mode="grid-constant")
    assert standardize_dtype(out.dtype) == "int32"
    assert ops.convert_to_numpy(out).tolist() == np.floor(
        want + 0.5).astype(int).tolist()


def test_map_coordinates_symbolic():
    x = cornu.KerasTensor((None, 8), dtype="float16")
    c = cornu.KerasTensor((2, None, 3))
    out = ops.image.map_coordinates(x, c, order=1)
    assert out.shape == (None, 3) and out.dtype == "float16"


def test_map_coordinates_symbolic_image_with_list_coordinates():
    x = cornu.KerasTensor((4, 5), dtype="float32")
    out = ops.image.map_coordinates(x, [[0.5, 1.0], [2.0, 3.5]], order=0)
    assert out.shape == (2,) and out.dtype == "float32"


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"order": 3}, r"Received: order=3"),
        ({"fill_mode": "edge"}, r"Received: fill_mode='edge'"),
        ({"coordinates": np.zeros((3, 4))},
         r"Received: coordinates.shape=\(3, 4\)"),
        ({"coordinates": np.zeros((2,))},
         r"Received: coordinates.shape=\(2,\)"),
    ],
)
def test_map_coordinates_errors(kwargs, match):
    args = {"inputs": np.zeros((3, 3)), "coordinates": np.zeros((2, 4)),
            "order": 1, **kwargs}
    with pytest.raises(ValueError, match=match):
        ops.image.map_coordinates(**args)


def _ref_warp(images, transforms, order, mode, cval):
    """images (N, H, W, C), transforms (N, 8): the Keras convention,
    sampled with scipy."""
    out = np.empty(images.shape)
    height, width = images.shape[1:3]
    yy, xx = np.meshgrid(np.arange(height), np.arange(width),
                         indexing="ij")
    for b, t in enumerate(transforms.astype("float64")):
        k = t[6] * xx + t[7] * yy + 1
        src = [(t[3] * xx + t[4] * yy + t[5]) / k,
               (t[0] * xx + t[1] * yy + t[2]) / k]
        for c in range(images.shape[-1]):
            out[b, ..., c] = ndi.map_coordinates(
                images[b, ..., c].astype("float64"), src, order=order,
                mode=SCIPY_MODE[mode], cval=cval,
            )
    return out


TRANSFORMS = np.array(
    # Generic values, so that no sample lands on a rounding tie.
    [[1.173, 0.113, -1.371, -0.213, 0.931, 0.717, 0.0, 0.0],
     [0.831, -0.307, 2.029, 0.253, 1.071, -1.093, 0.013, -0.021]],
    "float32",
)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("interpolation", ["bilinear", "nearest"])
def test_affine_transform_matches_scipy(interpolation, mode):
    x = RNG.random((2, 7, 8, 3)).astype("float32")
    out = ops.image.affine_transform(x, TRANSFORMS, interpolation, mode,
                                     0.5)
    order = 0 if interpolation == "nearest" else 1
    want = _ref_warp(x, TRANSFORMS, order, mode, 0.5)
    assert standardize_dtype(out.dtype) == "float32"
    assert_allclose(out, want, rtol=1e-5, atol=1e-5)


def test_affine_transform_single_transform_and_channels_first():
    x = RNG.random((2, 3, 7, 8)).astype("float32")
    out = ops.image.affine_transform(x, TRANSFORMS[1],
                                     data_format="channels_first")
    nhwc = np.moveaxis(x, 1, -1)
    want = _ref_warp(nhwc, TRANSFORMS[[1, 1]], 1, "constant", 0.0)
    assert_allclose(out, np.moveaxis(want, -1, 1), rtol=1e-5, atol=1e-5)
    single = ops.image.affine_transform(nhwc[0], TRANSFORMS[1])
    assert_allclose(single, want[0], rtol=1e-5, atol=1e-5)


def test_affine_transform_uint8():
    x = (RNG.random((6, 6, 1)) * 255).astype("uint8")
    out = ops.image.affine_transform(x, TRANSFORMS[0])
    assert standardize_dtype(out.dtype) == "uint8"
    want = _ref_warp(x[None], TRANSFORMS[:1], 1, "constant", 0.0)[0]
    got = ops.convert_to_numpy(out).astype("float64")
    assert np.abs(got - np.floor(want + 0.5)).max() <= 1  # ties at .5


def test_affine_transform_symbolic_and_errors():
    x = cornu.KerasTensor((None, 8, 8, 3))
    assert ops.image.affine_transform(x, cornu.KerasTensor((None, 8))
                                      ).shape == (None, 8, 8, 3)
    with pytest.raises(ValueError, match=r"Received: transform.shape="):
        ops.image.affine_transform(x, cornu.KerasTensor((None, 6)))
    with pytest.raises(ValueError, match=r"Received: images.shape="):
        ops.image.affine_transform(cornu.KerasTensor((8, 8)), np.zeros(8))
    with pytest.raises(ValueError, match=r"Received: interpolation='cubic'"):
        ops.image.affine_transform(x, np.zeros(8), interpolation="cubic")
    with pytest.raises(ValueError, match=r"Received: fill_mode='edge'"):
        ops.image.affine_transform(x, np.zeros(8), fill_mode="edge")
    with pytest.raises(ValueError, match=r"one per image \(2\). Received 3"):
        ops.image.affine_transform(cornu.KerasTensor((2, 8, 8, 3)),
                                   np.zeros((3, 8)))


def _forward(t, points):
    x, y = points[..., 0], points[..., 1]
    k = t[6] * x + t[7] * y + 1
    return np.stack([(t[0] * x + t[1] * y + t[2]) / k,
                     (t[3] * x + t[4] * y + t[5]) / k], axis=-1)


@pytest.mark.parametrize("interpolation", ["bilinear", "nearest"])
def test_perspective_transform_equals_its_homography(interpolation):
    x = RNG.random((2, 7, 8, 3)).astype("float32")
    end = np.array([[0, 0], [7, 0], [0, 6], [7, 6]], "float64")
    t64 = TRANSFORMS.astype("float64")
    start = np.stack([_forward(t, end) for t in t64])
    out = ops.image.perspective_transform(
        x, start, np.stack([end, end]), interpolation, fill_value=0.5
    )
    want = ops.image.affine_transform(x, TRANSFORMS, interpolation,
                                      fill_value=0.5)
    assert_allclose(out, want, rtol=1e-4, atol=1e-4)  # solved in float


def test_perspective_transform_identity_single_image():
    x = RNG.random((3, 7, 8)).astype("float32")
    pts = np.array([[0, 0], [7, 0], [0, 6], [7, 6]], "float32")
    out = ops.image.perspective_transform(x, pts, pts,
                                          data_format="channels_first")
    assert standardize_dtype(out.dtype) == "float32"
    assert_allclose(out, x, rtol=1e-5, atol=1e-5)


def test_perspective_transform_symbolic_and_errors():
    x = cornu.KerasTensor((None, 8, 8, 3))
    p = cornu.KerasTensor((None, 4, 2))
    assert ops.image.perspective_transform(x, p, p).shape == x.shape
    with pytest.raises(ValueError, match=r"Received: start_points.shape="):
        ops.image.perspective_transform(x, np.zeros((3, 2)),
                                        np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"same shape. Received"):
        ops.image.perspective_transform(x, np.zeros((4, 2)),
                                        np.zeros((1, 4, 2)))
    with pytest.raises(ValueError, match=r"Received: interpolation="):
        ops.image.perspective_transform(x, p, p, interpolation="bicubic")


def test_elastic_transform_is_seeded_and_keeps_shape_and_dtype():
    x = RNG.random((2, 12, 10, 3)).astype("float32")
    a = ops.image.elastic_transform(x, seed=3)
    b = ops.image.elastic_transform(x, seed=3)
    assert standardize_dtype(a.dtype) == "float32"
    assert ops.shape(a) == x.shape
    assert_allclose(a, b, rtol=0, atol=0)
    assert np.abs(ops.convert_to_numpy(a) - x).max() > 1e-3


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_elastic_transform_without_displacement_is_identity(data_format):
    x = RNG.random((2, 3, 9, 9)).astype("float32")
    out = ops.image.elastic_transform(x, alpha=0.0, seed=1,
                                      data_format=data_format)
    assert_allclose(out, x, rtol=1e-6, atol=1e-6)


def test_elastic_transform_accepts_numpy_scalars():
    x = RNG.random((8, 8, 1)).astype("float32")
    a = ops.image.elastic_transform(x, np.float32(3.0), np.float64(2.0),
                                    seed=np.int64(4))
    b = ops.image.elastic_transform(x, 3.0, 2.0, seed=4)
    assert_allclose(a, b, rtol=0, atol=0)


def test_elastic_transform_keeps_constant_images_with_reflect():
    x = np.full((10, 10, 2), 7, dtype="uint8")
    out = ops.image.elastic_transform(x, alpha=5.0, sigma=2.0, seed=0)
    assert standardize_dtype(out.dtype) == "uint8"
    assert ops.convert_to_numpy(out).tolist() == x.tolist()


def test_elastic_transform_symbolic_and_errors():
    x = cornu.KerasTensor((None, None, None, 3), dtype="float16")
    out = ops.image.elastic_transform(x)
    assert out.shape == x.shape and out.dtype == "float16"
    with pytest.raises(ValueError, match=r"Received: sigma=0"):
        ops.image.elastic_transform(x, sigma=0)
    with pytest.raises(ValueError, match=r"Received: alpha='big'"):
        ops.image.elastic_transform(x, alpha="big")
    with pytest.raises(ValueError, match=r"Received: seed=-1"):
        ops.image.elastic_transform(x, seed=-1)
    with pytest.raises(ValueError, match=r"Received: fill_mode='edge'"):
        ops.image.elastic_transform(x, fill_mode="edge")
