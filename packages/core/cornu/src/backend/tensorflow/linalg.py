"""`linalg` ops on the TensorFlow backend.

Integer and bool inputs are computed in floatx, as in Keras; the public ops
validate shapes before calling these. `tf.linalg.lu` refuses singular
and non-square matrices, so `lu_factor` runs its own partial-pivoting
elimination (LAPACK's pivots, as the other backends return).
"""

import numpy as np
import tensorflow as tf

from cornu.src import tree
from cornu.src.backend import config
from cornu.src.backend.common.dtypes import is_float_dtype
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.nn.activations import scalar


def _float_tensor(x):
    """`x` as a tensor; integer and bool inputs become floatx."""
    x = convert_to_tensor(x)
    dtype = standardize_dtype(x.dtype.name)
    if is_float_dtype(dtype) or dtype.startswith("complex"):
        return x
    return tf.cast(x, config.floatx())


def _pair(a, b):
    a, b = _float_tensor(a), _float_tensor(b)
    if a.dtype != b.dtype:
        dtype = tf.float64 if tf.float64 in (a.dtype, b.dtype) else a.dtype
        a, b = tf.cast(a, dtype), tf.cast(b, dtype)
    return a, b


def _adjoint(x):
    return tf.linalg.adjoint(x)


def _broadcast_batch(a, b):
    """`a` (..., M, M) and `b` (..., M, K) with a common batch shape."""
    batch = tf.broadcast_dynamic_shape(tf.shape(a)[:-2], tf.shape(b)[:-2])
    a = tf.broadcast_to(a, tf.concat([batch, tf.shape(a)[-2:]], 0))
    b = tf.broadcast_to(b, tf.concat([batch, tf.shape(b)[-2:]], 0))
    return a, b


def cholesky(x, upper=False):
    x = _float_tensor(x)
    message = (
        "cholesky: the input is not positive definite (the factor has NaN "
        "entries). Pass a symmetric positive-definite matrix."
    )
    try:
        out = tf.linalg.cholesky(x)
    except tf.errors.InvalidArgumentError:
        raise ValueError(message) from None
    if tf.executing_eagerly() and bool(
        tf.reduce_any(tf.math.is_nan(tf.math.real(out)))
    ):
        raise ValueError(message)
    return _adjoint(out) if upper else out


def cholesky_inverse(x, upper=False):
    x = _float_tensor(x)
    n = x.shape[-1]
    eye = tf.broadcast_to(tf.eye(n, dtype=x.dtype), tf.shape(x))
    inv_factor = tf.linalg.triangular_solve(x, eye, lower=not upper)
    if upper:
        # A = U^H U, so A^-1 = U^-1 U^-H.
        return inv_factor @ _adjoint(inv_factor)
    return _adjoint(inv_factor) @ inv_factor


def det(x):
    return tf.linalg.det(_float_tensor(x))


def eig(x):
    return tf.linalg.eig(_float_tensor(x))


def eigh(x):
    return tf.linalg.eigh(_float_tensor(x))


def inv(x):
    return tf.linalg.inv(_float_tensor(x))


def _lu(a):
    """LU with partial pivoting (LAPACK's `getrf`): the packed factors
    and the pivot rows, one elimination step per column.

    Written with TensorFlow ops because `tf.linalg.lu` takes only square,
    invertible matrices; as LAPACK does, a zero pivot leaves its column
    unscaled, and ties keep the earlier row.
    """
    m, n = a.shape[-2], a.shape[-1]
    rows = tf.range(m)
    pivots = []
    for j in range(min(m, n)):
        p = j + tf.argmax(tf.abs(a[..., j:, j]), axis=-1, output_type=tf.int32)
        pivots.append(p)
        row_j = a[..., j : j + 1, :]
        row_p = tf.gather(a, p[..., None], axis=-2, batch_dims=len(a.shape) - 2)
        at_j = (rows == j)[:, None]
        at_p = tf.equal(rows, p[..., None])[..., None]
        a = tf.where(at_j, row_p, tf.where(at_p, row_j, a))
        pivot = a[..., j : j + 1, j]
        below = a[..., j + 1 :, j]
        nonzero = pivot != 0
        safe = tf.where(nonzero, pivot, tf.ones_like(pivot))
        below = tf.where(nonzero, below / safe, below)
        trailing = a[..., j + 1 :, j + 1 :] - (
            below[..., :, None] * a[..., j : j + 1, j + 1 :]
        )
        bottom = tf.concat(
            [a[..., j + 1 :, :j], below[..., :, None], trailing], axis=-1
        )
        a = tf.concat([a[..., : j + 1, :], bottom], axis=-2)
    if not pivots:
        return a, tf.zeros(tf.concat([tf.shape(a)[:-2], [0]], 0), tf.int32)
    return a, tf.stack(pivots, axis=-1)


def lu_factor(x):
    return _lu(_float_tensor(x))


def _vector_norm(x, ord, axis, keepdims):
    a = tf.abs(x)
    if ord is None or ord == 2:
        return tf.sqrt(tf.reduce_sum(tf.square(a), axis, keepdims))
    if ord == np.inf:
        return tf.reduce_max(a, axis, keepdims)
    if ord == -np.inf:
        return tf.reduce_min(a, axis, keepdims)
    if ord == 0:
        return tf.reduce_sum(tf.cast(a != 0, a.dtype), axis, keepdims)
    p = scalar(ord, a.dtype)
    return tf.reduce_sum(a**p, axis, keepdims) ** (1 / p)


def _singular_values(x, row, col):
    rank = len(x.shape)
    perm = [a for a in range(rank) if a not in (row, col)] + [row, col]
    return tf.linalg.svd(tf.transpose(x, perm), compute_uv=False)


def _matrix_norm(x, ord, row, col, keepdims):
    a = tf.abs(x)
    if ord is None or ord == "fro":
        out = tf.sqrt(tf.reduce_sum(tf.square(a), [row, col]))
    elif ord in (np.inf, -np.inf, 1, -1):
        if ord in (np.inf, -np.inf):
            sums = tf.reduce_sum(a, col)
            other = row if row < col else row - 1
        else:
            sums = tf.reduce_sum(a, row)
            other = col if col < row else col - 1
        reduce = tf.reduce_max if ord > 0 else tf.reduce_min
        out = reduce(sums, other)
    else:
        s = _singular_values(x, row, col)
        if ord == "nuc":
            out = tf.reduce_sum(s, -1)
        elif ord == 2:
            out = tf.reduce_max(s, -1)
        else:
            out = tf.reduce_min(s, -1)
    if keepdims:
        for axis in sorted((row, col)):
            out = tf.expand_dims(out, axis)
    return out


def norm(x, ord=None, axis=None, keepdims=False):
    x = _float_tensor(x)
    rank = len(x.shape)
    if axis is None:
        if ord is None:
            out = tf.sqrt(tf.reduce_sum(tf.square(tf.abs(x))))
            return tf.reshape(out, [1] * rank) if keepdims else out
        axis = tuple(range(rank))
    if isinstance(axis, int):
        axis = (axis,)
    axis = tuple(a % rank for a in axis)
    if len(axis) == 1:
        return _vector_norm(x, ord, axis[0], keepdims)
    return _matrix_norm(x, ord, axis[0], axis[1], keepdims)


def qr(x, mode="reduced"):
    return tf.linalg.qr(_float_tensor(x), full_matrices=mode == "complete")


def solve(a, b):
    a, b = _pair(a, b)
    vector = len(b.shape) == len(a.shape) - 1
    if vector:
        b = b[..., None]
    a, b = _broadcast_batch(a, b)
    out = tf.linalg.solve(a, b)
    return out[..., 0] if vector else out


def solve_triangular(a, b, lower=False):
    a, b = _pair(a, b)
    vector = len(b.shape) == len(a.shape) - 1
    if vector:
        b = b[..., None]
    a, b = _broadcast_batch(a, b)
    out = tf.linalg.triangular_solve(a, b, lower=lower)
    return out[..., 0] if vector else out


def svd(x, full_matrices=True, compute_uv=True):
    x = _float_tensor(x)
    if not compute_uv:
        return tf.linalg.svd(x, compute_uv=False)
    s, u, v = tf.linalg.svd(x, full_matrices=full_matrices)
    return u, s, _adjoint(v)


def _eps(dtype):
    return float(np.finfo(dtype.real_dtype.as_numpy_dtype).eps)


def lstsq(a, b, rcond=None):
    # Through the pseudo-inverse: NumPy's minimum-norm solution and its
    # `rcond` cutoff on every device.
    a, b = _pair(a, b)
    vector = len(b.shape) == len(a.shape) - 1
    if vector:
        b = b[..., None]
    out = pinv(a, rcond=rcond) @ b
    return out[..., 0] if vector else out


def pinv(x, rcond=None):
    x = _float_tensor(x)
    s, u, v = tf.linalg.svd(x, full_matrices=False)
    if rcond is None:
        rcond = _eps(x.dtype) * max(x.shape[-2:])
    largest = tf.reduce_max(
        tf.concat([s, tf.zeros_like(s[..., :1])], -1), -1, keepdims=True
    )
    cutoff = scalar(rcond, s.dtype) * largest
    keep = s > cutoff
    s_inv = tf.where(
        keep, 1 / tf.where(keep, s, tf.ones_like(s)), tf.zeros_like(s)
    )
    s_inv = tf.cast(s_inv, x.dtype)
    return (v * s_inv[..., None, :]) @ _adjoint(u)


def matrix_rank(x, tol=None):
    x = _float_tensor(x)
    s = tf.linalg.svd(x, compute_uv=False)
    if tol is None:
        largest = tf.reduce_max(
            tf.concat([s, tf.zeros_like(s[..., :1])], -1), -1, keepdims=True
        )
        tol = largest * scalar(max(x.shape[-2:]) * _eps(x.dtype), s.dtype)
    else:
        tol = scalar(tol, s.dtype)
    return tf.reduce_sum(tf.cast(s > tol, tf.int32), axis=-1)


def jvp(fun, primals, tangents, has_aux=False):
    flat_primals = [convert_to_tensor(p) for p in tree.flatten(primals)]
    flat_tangents = [
        tf.cast(convert_to_tensor(t), p.dtype)
        for t, p in zip(tree.flatten(tangents), flat_primals, strict=True)
    ]
    with tf.autodiff.ForwardAccumulator(flat_primals, flat_tangents) as acc:
        args = tree.pack_sequence_as(primals, flat_primals)
        result = fun(*args)
    out, aux = result if has_aux else (result, None)
    tangent_out = tree.map_structure(lambda o: _tangent(acc, o), out)
    if has_aux:
        return out, tangent_out, aux
    return out, tangent_out


def _tangent(acc, value):
    tangent = acc.jvp(value, unconnected_gradients="zero")
    return tangent
