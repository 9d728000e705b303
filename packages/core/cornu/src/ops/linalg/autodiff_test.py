import numpy as np
import pytest

from cornu import ops
from cornu.src import backend
from cornu.src.backend.common.capabilities import BackendNotSupportedError
from cornu.src.testing.assertions import assert_allclose


def _f(x, y):
    return ops.multiply(ops.multiply(x, x), y)


@pytest.mark.requires_capability("training")
def test_jvp_matches_analytic_derivative():
    x = ops.convert_to_tensor([1.0, 2.0])
    y = ops.convert_to_tensor([3.0, 4.0])
    dx = ops.convert_to_tensor([1.0, 0.5])
    dy = ops.convert_to_tensor([0.0, 1.0])
    out, tangent = ops.jvp(_f, (x, y), (dx, dy))
    assert_allclose(out, [3.0, 16.0])
    # d(x^2 y) = 2xy dx + x^2 dy
    assert_allclose(tangent, np.array([6.0, 8.0]) + np.array([0.0, 4.0]))


@pytest.mark.requires_capability("training")
def test_jvp_with_aux():
    def f(x):
        return ops.multiply(x, 3.0), {"tag": "aux", "value": x + 1.0}

    x = ops.convert_to_tensor([1.0])
    out, tangent, aux = ops.linalg.jvp(f, [x], [ops.ones((1,))], has_aux=True)
    assert_allclose(tangent, [3.0])
    assert aux["tag"] == "aux"
    assert_allclose(aux["value"], [2.0])


@pytest.mark.requires_capability("training")
def test_jvp_argument_errors():
    x = ops.ones((2,))
    with pytest.raises(ValueError, match=r"Received: primals of type"):
        ops.jvp(_f, x, (x,))
    with pytest.raises(ValueError, match=r"Received: 2 primals and 1"):
        ops.jvp(_f, (x, x), (x,))


def test_jvp_is_declared_where_unsupported():
    if "linalg.jvp" not in backend.unsupported_ops:
        pytest.skip("this backend implements jvp")
    with pytest.raises(BackendNotSupportedError, match=r"jvp.*jax"):
        ops.jvp(_f, (1.0, 2.0), (1.0, 0.0))
