"""The openvino linalg ops inside a compiled `predict` graph.

The ops' own tests (`ops/linalg/*_test.py`) check their values eagerly;
here the decompositions (unrolled, or a Jacobi `Loop`) run on graph
inputs (OpenVINO `Parameter`s) and are checked against NumPy/SciPy, and
empty matrices, which skip the graph, are checked eagerly.
"""

import numpy as np
import pytest
import scipy.linalg

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
A = (RNG.standard_normal((3, 4, 4)) + 4 * np.eye(4)).astype("float32")
B = RNG.standard_normal((3, 4, 2)).astype("float32")
SPD = (A @ np.swapaxes(A, -1, -2)).astype("float32")
TOL = {"rtol": 1e-4, "atol": 1e-4}  # float32 elimination


def _predict(fn, *arrays):
    inputs = [cornu.Input(a.shape[1:]) for a in arrays]
    outputs = layers.Lambda(lambda xs: fn(*xs))(inputs)
    model = cornu.Model(inputs, outputs)
    # The ops became graph nodes: the model compiled as a whole.
    entry = model.openvino_compiled_predict(list(arrays))
    assert entry.compiled is not None, entry.eager_reason
    return model.predict(list(arrays), verbose=0)


def test_det_and_solve():
    assert_allclose(_predict(ops.det, A), np.linalg.det(A), **TOL)
    assert_allclose(_predict(ops.solve, A, B), np.linalg.solve(A, B), **TOL)


@pytest.mark.parametrize("lower", [False, True])
def test_solve_triangular(lower):
    out = _predict(lambda a, b: ops.solve_triangular(a, b, lower=lower), A, B)
    for i in range(len(A)):
        want = scipy.linalg.solve_triangular(A[i], B[i], lower=lower)
        assert_allclose(out[i], want, **TOL)


def test_cholesky_and_its_inverse():
    factor = _predict(ops.cholesky, SPD)
    assert_allclose(factor, np.linalg.cholesky(SPD), **TOL)
    inverse = _predict(ops.cholesky_inverse, np.linalg.cholesky(SPD))
    assert_allclose(inverse, np.linalg.inv(SPD), **TOL)


def test_lu_factor():
    lu, pivots = _predict(ops.lu_factor, A)
    for i in range(len(A)):
        want_lu, want_pivots = scipy.linalg.lu_factor(A[i])
        assert_allclose(lu[i], want_lu, **TOL)
        assert pivots[i].tolist() == want_pivots.tolist()


# The Jacobi decompositions (one OpenVINO `Loop` each) on graph inputs.
WIDE = RNG.standard_normal((3, 3, 5)).astype("float32")
TALL = np.swapaxes(WIDE, -1, -2).copy()


def test_eigh():
    w, v = _predict(ops.eigh, SPD)
    assert_allclose(w, np.linalg.eigvalsh(SPD), **TOL)
    assert_allclose(v @ (w[..., None] * np.swapaxes(v, -1, -2)), SPD, **TOL)


@pytest.mark.parametrize("full_matrices", [False, True])
@pytest.mark.parametrize("name", ["square", "tall", "wide"])
def test_svd(name, full_matrices):
    x = {"square": A, "tall": TALL, "wide": WIDE}[name]
    u, s, vh = _predict(lambda a: ops.svd(a, full_matrices=full_matrices), x)
    want_u, want_s, want_vh = np.linalg.svd(x, full_matrices=full_matrices)
    assert (u.shape, s.shape, vh.shape) == (
        want_u.shape,
        want_s.shape,
        want_vh.shape,
    )
    assert_allclose(s, want_s, **TOL)
    k = s.shape[-1]
    assert_allclose(u[..., :k] * s[..., None, :] @ vh[..., :k, :], x, **TOL)
    gram = np.swapaxes(u, -1, -2) @ u  # orthonormal columns
    eye = np.broadcast_to(np.eye(gram.shape[-1]), gram.shape)
    assert_allclose(gram, eye, **TOL)


def test_pinv_and_rank():
    assert_allclose(_predict(ops.pinv, TALL), np.linalg.pinv(TALL), **TOL)
    rank = _predict(ops.matrix_rank, WIDE)
    assert rank.tolist() == np.linalg.matrix_rank(WIDE).tolist()


@pytest.mark.parametrize("order", [2, -2, "nuc"], ids=str)
def test_singular_value_norms(order):
    got = _predict(lambda x: ops.norm(x, ord=order, axis=(1, 2)), WIDE)
    want = np.linalg.norm(WIDE, ord=order, axis=(1, 2))
    assert_allclose(got, want, **TOL)


def test_lstsq_of_a_constant_matrix():
    a = RNG.standard_normal((5, 3)).astype("float32")
    b = RNG.standard_normal((5, 2)).astype("float32")
    got = _predict(lambda y: ops.lstsq(a, y), b)
    assert_allclose(got, np.linalg.lstsq(a, b, rcond=None)[0], **TOL)


def test_empty_matrices_skip_the_graph():
    # OpenVINO's kernels may abort on zero-size inputs: the results are
    # built directly, with NumPy's shapes.
    empty = np.zeros((3, 0), "float32")
    u, s, vh = (ops.convert_to_numpy(t) for t in ops.svd(empty))
    assert_allclose(u, np.eye(3))
    assert (s.shape, vh.shape) == ((0,), (0, 0))
    assert ops.shape(ops.pinv(empty)) == (0, 3)
    assert int(ops.matrix_rank(empty)) == 0
    assert ops.shape(ops.eigh(np.zeros((2, 0, 0), "float32"))[1]) == (2, 0, 0)
    w, v = ops.eigh(np.zeros((0, 3, 3), "float32"))
    assert (ops.shape(w), ops.shape(v)) == ((0, 3), (0, 3, 3))
    assert float(ops.norm(empty, ord="nuc")) == 0.0
    with pytest.raises(ValueError, match=r"ord=2 of an empty matrix"):
        ops.norm(empty, ord=2)
