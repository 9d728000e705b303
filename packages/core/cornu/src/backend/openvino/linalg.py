"""`cornu.ops.linalg` on the OpenVINO backend.

OpenVINO's opset has `Inverse` but no matrix decomposition nodes (no LU,
QR, SVD or eigen decomposition). Decompositions whose work is a fixed
sequence of steps on a static matrix size are unrolled into graph nodes
here, so they run eagerly and inside `predict`:

- Gaussian elimination with partial pivoting (`eliminate`: one pivot
  `ArgMax`, a row swap `GatherElements` and a rank-1 update per column)
  gives `lu_factor`, `det` and `solve`;
- substitution, one row per step, gives `solve_triangular` and
  `cholesky_inverse`; `cholesky` is built one column per step;
- cyclic Jacobi sweeps (`_jacobi.py`) give `eigh` and `svd`, and from
  the singular values `pinv`, `matrix_rank`, `lstsq` and the 2-norm,
  -2-norm and nuclear matrix norms.

Each unrolled step adds a few nodes, so graphs grow linearly with the
matrix size (fine for the small matrices these ops usually see). Half
precision computes in float32. `cholesky` of a matrix that is not
positive definite raises when run eagerly; inside a compiled graph (no
data-dependent errors there) its factor holds NaN, as on JAX.

`eig` stays in the backend's `UNSUPPORTED` map: the eigenvalues of a
general matrix are complex, which this backend cannot hold. `qr` (which
the `Orthogonal` initializer needs to create weights) is computed on the
host with NumPy for concrete tensors only; `inv` is OpenVINO's `Inverse`
node.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.openvino import _jacobi
from cornu.src.backend.openvino import numpy as xnp
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_numpy
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import from_numpy
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import as_float

__all__ = [
    "qr",
    "inv",
    "norm",
    "det",
    "lu_factor",
    "solve",
    "solve_triangular",
    "cholesky",
    "cholesky_inverse",
    "eigh",
    "svd",
    "pinv",
    "matrix_rank",
    "lstsq",
]


def _work(x, dtype=None):
    """`x` as a float tensor to compute in (half floats become float32),
    and the dtype of the result."""
    x = convert_to_tensor(x)
    dtype = dtype or math_dtypes.float_dtype(x.dtype)
    work = "float64" if dtype == "float64" else "float32"
    return cast(x, work), dtype


def _swap_t(x):
    return xnp.swapaxes(x, -1, -2)


def eliminate(a, steps):
    """Gaussian elimination with partial pivoting of `a` (..., m, c) over
    its first `steps` columns.

    Returns the reduced matrix (U on and above the diagonal of the first
    `steps` columns, the multipliers of L below it, later columns
    transformed like the rows), the pivot row chosen at each step
    (LAPACK's `ipiv`, 0-based, each (...) int32) and the permutation's
    sign (...). A zero pivot column is skipped (its multipliers are 0),
    as LAPACK does.
    """
    m, c = a.shape[-2:]
    rows, cols = np.arange(m), np.arange(c)
    pivots, sign = [], None
    for k in range(steps):
        column = xnp.absolute(a[..., k:, k])
        p = cast(xnp.argmax(column, axis=-1), "int32") + k
        pivots.append(p)
        p_col = xnp.expand_dims(p, -1)
        perm = xnp.where(
            rows == k, p_col, xnp.where(xnp.equal(rows, p_col), k, rows)
        )
        a = xnp.take_along_axis(a, xnp.expand_dims(perm, -1), axis=-2)
        flip = xnp.where(xnp.equal(p, k), 1.0, -1.0)
        sign = flip if sign is None else sign * flip
        pivot = a[..., k, k]
        safe = xnp.where(xnp.equal(pivot, 0.0), 1.0, pivot)
        below = rows > k
        factors = xnp.where(below, a[..., :, k] / xnp.expand_dims(safe, -1), 0)
        factors = cast(factors, a.dtype)
        pivot_row = xnp.where(cols > k, a[..., k, :], 0.0)
        a = a - xnp.expand_dims(factors, -1) * xnp.expand_dims(pivot_row, -2)
        store = np.logical_and(below[:, None], (cols == k)[None, :])
        a = xnp.where(store, xnp.expand_dims(factors, -1), a)
    return a, pivots, sign


def _substitute(t, y, lower, unit_diagonal=False):
    """Solves `t @ x = y` for triangular `t` (..., n, n), `y` (..., n, k)
    (batch dims broadcast), one row of `x` per step."""
    n = t.shape[-1]
    order = range(n) if lower else range(n - 1, -1, -1)
    solved = None  # the rows of x found so far, in row order
    for i in order:
        rhs = y[..., i : i + 1, :]
        if solved is not None:
            known = (
                t[..., i : i + 1, :i] if lower else t[..., i : i + 1, i + 1 :]
            )
            rhs = rhs - xnp.matmul(known, solved)
        if not unit_diagonal:
            rhs = rhs / xnp.expand_dims(t[..., i : i + 1, i], -1)
        if solved is None:
            solved = rhs
        elif lower:
            solved = xnp.concatenate([solved, rhs], axis=-2)
        else:
            solved = xnp.concatenate([rhs, solved], axis=-2)
    return solved


def _broadcast_batch(a, b):
    """`a` and `b` with their batch dims (all but the last two)
    broadcast against each other."""
    a_batch, b_batch = a.shape[:-2], b.shape[:-2]
    if a_batch == b_batch:
        return a, b
    batch = np.broadcast_shapes(a_batch, b_batch)
    a = xnp.broadcast_to(a, (*batch, *a.shape[-2:]))
    b = xnp.broadcast_to(b, (*batch, *b.shape[-2:]))
    return a, b


def det(x):
    a, dtype = _work(x)
    n = a.shape[-1]
    if n == 0:
        return cast(xnp.ones(a.shape[:-2], a.dtype), dtype)
    reduced, _, sign = eliminate(a, n)
    # The diagonal as a masked sum (`numpy.diagonal`'s `Gather` cannot
    # run eagerly on float64).
    diagonal = xnp.sum(reduced * np.eye(n, dtype=reduced.dtype), axis=-1)
    return cast(sign * xnp.prod(diagonal, axis=-1), dtype)


def lu_factor(x):
    a, dtype = _work(x)
    steps = min(a.shape[-2:])
    reduced, pivots, _ = eliminate(a, steps)
    if pivots:
        pivots = xnp.stack(pivots, axis=-1)
    else:
        pivots = xnp.zeros((*a.shape[:-2], 0), "int32")
    return cast(reduced, dtype), pivots


def solve(a, b):
    dtype = math_dtypes.promote_float(a, b)
    a, _ = _work(a, dtype)
    b, _ = _work(b, dtype)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = xnp.expand_dims(b, -1)
    a, b = _broadcast_batch(a, b)
    n = a.shape[-1]
    augmented = xnp.concatenate([a, b], axis=-1)
    reduced, _, _ = eliminate(augmented, n)
    out = _substitute(reduced[..., :n], reduced[..., n:], lower=False)
    out = out[..., 0] if vector else out
    return cast(out, dtype)


def solve_triangular(a, b, lower=False):
    dtype = math_dtypes.promote_float(a, b)
    a, _ = _work(a, dtype)
    b, _ = _work(b, dtype)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = xnp.expand_dims(b, -1)
    out = _substitute(a, b, lower=bool(lower))
    out = out[..., 0] if vector else out
    return cast(out, dtype)


def cholesky(x, upper=False):
    a, dtype = _work(x)
    n = a.shape[-1]
    rows = np.arange(n)
    factor = None  # the columns of L found so far, (..., n, j)
    for j in range(n):
        column = a[..., :, j]
        if factor is not None:
            row_j = factor[..., j : j + 1, :]
            column = column - xnp.sum(factor * row_j, axis=-1)
        root = xnp.expand_dims(xnp.sqrt(column[..., j]), -1)
        column = xnp.where(
            rows == j, root, xnp.where(rows > j, column / root, 0.0)
        )
        column = xnp.expand_dims(column, -1)
        factor = (
            column
            if factor is None
            else xnp.concatenate([factor, column], axis=-1)
        )
    if factor is None:
        factor = a
    if not factor.is_symbolic and not a.is_symbolic:
        value = convert_to_numpy(factor)
        if np.isnan(value).any() and not np.isnan(convert_to_numpy(a)).any():
            raise ValueError(
                "cholesky: the input is not positive definite (a pivot "
                "is not positive). Pass a symmetric positive-definite "
                "matrix."
            )
    out = _swap_t(factor) if upper else factor
    return cast(out, dtype)


def cholesky_inverse(x, upper=False):
    factor, dtype = _work(x)
    n = factor.shape[-1]
    eye = convert_to_tensor(np.eye(n, dtype=factor.dtype))
    inv_factor = _substitute(factor, eye, lower=not upper)
    if upper:
        # A = U^T U, so A^-1 = U^-1 U^-T.
        out = xnp.matmul(inv_factor, _swap_t(inv_factor))
    else:
        out = xnp.matmul(_swap_t(inv_factor), inv_factor)
    return cast(out, dtype)


def _zeros(shape, dtype):
    """A concrete all-zero tensor: the results on empty matrices, which
    OpenVINO's kernels may abort the process on."""
    return from_numpy(np.zeros(shape, dtype))


def _eye(batch, n, dtype):
    return from_numpy(np.broadcast_to(np.eye(n, dtype=dtype), (*batch, n, n)))


def eigh(x):
    a, dtype = _work(x)
    if a.shape[-1] == 0:
        return _zeros(a.shape[:-1], dtype), _zeros(a.shape, dtype)
    values, vectors = _jacobi.compiled(_jacobi.eigh, [a])
    return cast(values, dtype), cast(vectors, dtype)


def _eps(dtype):
    return float(np.finfo(dtype).eps)


def _empty_svd(a, dtype, full_matrices, compute_uv):
    *batch, m, n = a.shape
    s = _zeros((*batch, 0), dtype)
    if not compute_uv:
        return s
    if full_matrices:
        return _eye(batch, m, dtype), s, _eye(batch, n, dtype)
    return _zeros((*batch, m, 0), dtype), s, _zeros((*batch, 0, n), dtype)


def svd(x, full_matrices=True, compute_uv=True):
    a, dtype = _work(x)
    if 0 in a.shape[-2:]:
        return _empty_svd(a, dtype, full_matrices, compute_uv)
    out = _jacobi.compiled(
        _jacobi.svd,
        [a],
        full_matrices=bool(full_matrices),
        compute_uv=bool(compute_uv),
    )
    if not compute_uv:
        return cast(out, dtype)
    return tuple(cast(t, dtype) for t in out)


def _pinv(a, rcond):
    """The pseudo-inverse of `a`: singular values at most `rcond` times
    the largest count as zero."""
    w, s, v, wide = _jacobi.singular(a)
    keep = xnp.greater(s, s[..., :1] * rcond)
    # a = u s v^T with u = w / s: pinv(a) = v s^-2 w^T on the kept values.
    scale = xnp.where(keep, 1.0 / xnp.where(keep, s * s, 1.0), 0.0)
    out = xnp.matmul(v * xnp.expand_dims(scale, -2), _swap_t(w))
    return _swap_t(out) if wide else out


def _rcond(rcond, dtype, a):
    """NumPy's default cutoff: machine precision times the larger size."""
    if rcond is None:
        return _eps(dtype) * max(a.shape[-2:])
    return float(rcond)


def pinv(x, rcond=None):
    a, dtype = _work(x)
    rcond = _rcond(rcond, dtype, a)
    if 0 in a.shape[-2:]:
        return _zeros((*a.shape[:-2], a.shape[-1], a.shape[-2]), dtype)
    return cast(_jacobi.compiled(_pinv, [a], rcond=rcond), dtype)


def _rank(a, *tol, eps):
    _, s, _, _ = _jacobi.singular(a)
    if tol:
        limit = xnp.expand_dims(tol[0], -1)
    else:
        limit = s[..., :1] * (max(a.shape[-2:]) * eps)
    return xnp.sum(xnp.where(xnp.greater(s, limit), 1, 0), axis=-1)


def matrix_rank(x, tol=None):
    a, dtype = _work(x)
    if 0 in a.shape[-2:]:
        return _zeros(a.shape[:-2], "int32")
    tensors = [a]
    if tol is not None:
        tensors.append(cast(convert_to_tensor(tol), a.dtype))
    rank = _jacobi.compiled(_rank, tensors, eps=_eps(dtype))
    return cast(rank, "int32")


def _lstsq(a, b, rcond):
    vector = b.ndim == 1
    if vector:
        b = xnp.expand_dims(b, -1)
    out = xnp.matmul(_pinv(a, rcond), b)
    return out[..., 0] if vector else out


def lstsq(a, b, rcond=None):
    dtype = math_dtypes.promote_float(a, b)
    a, _ = _work(a, dtype)
    b, _ = _work(b, dtype)
    rcond = _rcond(rcond, dtype, a)
    if 0 in a.shape[-2:] or 0 in b.shape:
        return _zeros((a.shape[-1], *b.shape[1:]), dtype)
    return cast(_jacobi.compiled(_lstsq, [a, b], rcond=rcond), dtype)


def _singular_norm(x, ord):  # noqa: A002
    """The 2 (largest), -2 (smallest) or nuclear (sum) norm of the
    matrices in the last two axes of `x`."""
    _, s, _, _ = _jacobi.singular(x)
    reduce = {2: xnp.max, -2: xnp.min, "nuc": xnp.sum}[ord]
    return reduce(s, axis=-1)


def qr(x, mode="reduced"):
    x = as_float(x)
    if x.is_symbolic:
        raise unsupported(
            "openvino",
            "linalg.qr",
            "OpenVINO has no QR decomposition op, so it cannot run inside "
            "a compiled `predict` graph (cornu computes it on the host for "
            "concrete tensors only). Use the jax, torch or tensorflow "
            "backend for this model.",
        )
    value = convert_to_numpy(x)
    work = value.astype(np.float64 if value.dtype == np.float64 else np.float32)
    q, r = np.linalg.qr(work, mode=mode)
    return from_numpy(q.astype(value.dtype)), from_numpy(r.astype(value.dtype))


def inv(a):
    a = as_float(a)
    return wrap(ovops.inverse(a.output, False))


def _vector_norm(x, ord, axis, keepdims):  # noqa: A002
    if ord is None or ord == 2:
        squared = xnp.sum(xnp.multiply(x, x), axis=axis, keepdims=keepdims)
        return xnp.sqrt(squared)
    a = xnp.absolute(x)
    if ord == np.inf:
        return xnp.max(a, axis=axis, keepdims=keepdims)
    if ord == -np.inf:
        return xnp.min(a, axis=axis, keepdims=keepdims)
    if ord == 0:
        nonzero = xnp.where(xnp.not_equal(x, 0), 1.0, 0.0)
        return cast(xnp.sum(nonzero, axis=axis, keepdims=keepdims), x.dtype)
    powered = xnp.power(a, float(ord))
    total = xnp.sum(powered, axis=axis, keepdims=keepdims)
    return xnp.power(total, 1.0 / float(ord))


def _matrix_norm(x, ord, axis, keepdims):  # noqa: A002
    rows, cols = axis
    if ord is None or ord == "fro":
        squared = xnp.sum(xnp.multiply(x, x), axis=axis, keepdims=True)
        out = xnp.sqrt(squared)
    elif ord in (1, -1, np.inf, -np.inf):
        # 1: the largest column sum; inf: the largest row sum.
        summed, other = (rows, cols) if ord in (1, -1) else (cols, rows)
        sums = xnp.sum(xnp.absolute(x), axis=summed, keepdims=True)
        pick = xnp.max if ord in (1, np.inf) else xnp.min
        out = pick(sums, axis=other, keepdims=True)
    else:
        # 2, -2, "nuc": the largest, smallest and sum of singular values.
        others = [i for i in range(x.ndim) if i not in axis]
        moved = xnp.transpose(x, [*others, rows, cols])
        work = cast(moved, "float64" if x.dtype == "float64" else "float32")
        if 0 in work.shape[-2:]:
            if ord != "nuc":
                raise ValueError(
                    f"norm: ord={ord!r} of an empty matrix is undefined (the "
                    "largest or smallest of no singular values). Received: "
                    f"x.shape={x.shape}."
                )
            out = _zeros(work.shape[:-2], x.dtype)
        else:
            out = _jacobi.compiled(_singular_norm, [work], ord=ord)
        out = cast(out, x.dtype)
        for i in sorted(axis):
            out = xnp.expand_dims(out, i)
    return out if keepdims else xnp.squeeze(out, axis=axis)


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    x = as_float(x)
    if axis is None:
        if ord is None:
            return _vector_norm(x, None, None, keepdims)
        axis = tuple(range(x.ndim))
    if isinstance(axis, int):
        axis = (axis,)
    axis = tuple(int(a) % max(x.ndim, 1) for a in axis)
    if len(axis) == 1:
        return _vector_norm(x, ord, axis, keepdims)
    return _matrix_norm(x, ord, axis, keepdims)
