import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.ops.nn.affine import affine
from cornu.testing import assert_allclose


@pytest.mark.parametrize("shape", [(4, 3), (2, 4, 3), (3,)])
@pytest.mark.parametrize("with_bias", [True, False])
def test_matches_numpy(shape, with_bias):
    rng = np.random.default_rng(0)
    x = rng.standard_normal(shape).astype("float32")
    kernel = rng.standard_normal((3, 5)).astype("float32")
    bias = rng.standard_normal((5,)).astype("float32") if with_bias else None
    expected = x @ kernel + (bias if with_bias else 0)
    got = affine(ops.convert_to_tensor(x), ops.convert_to_tensor(kernel),
                 None if bias is None else ops.convert_to_tensor(bias))
    assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_variables_and_gradients_match_matmul_plus_add():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, 3)).astype("float32")
    kernel = cornu.Variable(rng.standard_normal((3, 2)).astype("float32"))
    bias = cornu.Variable(rng.standard_normal((2,)).astype("float32"))
    got = affine(ops.convert_to_tensor(x), kernel, bias)
    assert_allclose(got, x @ kernel.numpy() + bias.numpy(), rtol=1e-5)


def test_symbolic_and_mixed_dtypes_take_the_general_path():
    x = cornu.KerasTensor((None, 3), dtype="float32")
    out = affine(x, ops.ones((3, 4)), ops.zeros((4,)))
    assert out.shape == (None, 4)
    y = affine(ops.ones((2, 3), dtype="int32"), ops.ones((3, 4)))
    assert ops.convert_to_numpy(y).tolist() == [[3.0] * 4] * 2


def test_mismatched_shapes_raise_the_public_error():
    with pytest.raises(ValueError, match="matmul"):
        affine(ops.ones((2, 3)), ops.ones((4, 5)), ops.zeros((5,)))
