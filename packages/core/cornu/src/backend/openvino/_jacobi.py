"""Jacobi eigen and singular value decompositions as OpenVINO graph nodes.

OpenVINO has no decomposition op, so `linalg.py` builds `eigh` and `svd`
from a fixed number of cyclic Jacobi sweeps (they run eagerly and inside
a compiled `predict` graph):

- `eigh` (two-sided Jacobi): each rotation `J` zeroes the entry (p, q)
  of the symmetric `a`, `a <- J^T a J`, and the product of the rotations
  holds the eigenvectors;
- `tall_svd` (one-sided Jacobi, Hestenes): each rotation makes the
  columns p and q of a tall `a` orthogonal, `a <- a J`; the column norms
  are the singular values, `v` is the product of the rotations;
  `singular` applies it to a wide matrix through its transpose, and
  `svd` completes the left singular vectors to an orthonormal set (for
  negligible singular values and `full_matrices`) from the eigenvectors
  of a projector.

A sweep visits every pair once, in the parallel ("round-robin") order:
each step rotates n // 2 disjoint pairs at once, as one n x n matrix
built from constant masks, so a sweep is n - 1 steps (n for odd n).
Jacobi converges quadratically; `ceil(log2(n)) + 4` sweeps reach float32
rounding for random matrices of every size we measured (n <= 32
converged within `ceil(log2(n)) + 2`), and extra sweeps change nothing
(their rotations are the identity). Each entry goes through about
`sweeps * n` rotations, whose rounding adds up: in float32, against
float64 LAPACK, eigenvalues are off by ~1e-7 * |a| up to n = 8 and
~1e-6 * |a| at n = 64, singular values by ~5e-6 * |a| at n = 64
(float32 LAPACK: ~4e-8 * |a|).

The steps differ only in their masks, so the fixed number of steps is
one OpenVINO `Loop` whose body reads step `i % steps` of a constant
table of masks: the graph does not grow with the matrix size (unrolled,
a 16 x 16 `eigh` was 9,000 nodes and took 4.5 s to compile). An eager
call traces the decomposition once per signature into a model with the
tensors as `Parameter`s and runs it compiled (`compiled`); inside a
`predict` trace the same nodes become part of the model. Eigen/singular
values come out unordered and are sorted by a permutation matrix built
from pairwise comparisons.
"""

import math

import numpy as np
import openvino as ov
import openvino.opset15 as ovops

from cornu.src.backend.openvino import core
from cornu.src.backend.openvino import numpy as xnp

# Compiled eager graphs, keyed by function, static arguments and the
# tensors' shapes and dtypes.
_COMPILED: dict = {}


def compiled(fn, tensors, **static):
    """`fn(*tensors, **static)` (a tensor or a tuple of tensors): graph
    nodes when a tensor is symbolic, else run at once by one compiled
    graph (cached by signature)."""
    if any(t.is_symbolic for t in tensors):
        return fn(*tensors, **static)
    if any(0 in t.shape[:-2] for t in tensors):
        return _empty_batch(fn, tensors, static)
    key = (fn.__module__, fn.__qualname__, repr(sorted(static.items())))
    key += tuple((t.shape, t.dtype) for t in tensors)
    entry = _COMPILED.get(key)
    if entry is None:
        # float64 crosses the model's boundary as float32 (see
        # `core.float64_inside`).
        params = [
            ovops.parameter(list(t.shape), core.ov_type(_outside(t.dtype)))
            for t in tensors
        ]
        inputs = [
            core.OpenVINOTensor(core.float64_inside(p.output(0), t.dtype))
            for p, t in zip(params, tensors, strict=True)
        ]
        with core.tracing():
            outputs = fn(*inputs, **static)
        single = not isinstance(outputs, (tuple, list))
        outputs = [outputs] if single else list(outputs)
        results = [core.float32_outside(o.output) for o in outputs]
        model = ov.Model(results, params, "cornu_jacobi")
        program = core.ov_core().compile_model(
            model, "CPU", {"INFERENCE_PRECISION_HINT": "f32"}
        )
        entry = (program, [o.dtype for o in outputs], single)
        if len(_COMPILED) > 128:
            _COMPILED.clear()
        _COMPILED[key] = entry
    program, dtypes, single = entry
    results = program([t.numpy().astype(_outside(t.dtype)) for t in tensors])
    values = [
        core.from_numpy(np.asarray(results[i]).astype(dtype))
        for i, dtype in enumerate(dtypes)
    ]
    return values[0] if single else tuple(values)


def _outside(dtype):
    return "float32" if dtype == "float64" else dtype


def _empty_batch(fn, tensors, static):
    """`compiled` on matrices with an empty batch (OpenVINO's kernels
    may abort on zero-size inputs): the shapes of a batch of one, with
    the batch dims of the first tensor (the results lead with them)."""
    batch = tensors[0].shape[:-2]
    ones = [
        core.from_numpy(
            np.zeros(
                [max(d, 1) for d in t.shape[:-2]] + list(t.shape[-2:]), t.dtype
            )
        )
        for t in tensors
    ]
    out = compiled(fn, ones, **static)
    single = not isinstance(out, tuple)
    empty = tuple(slice(0, 0) if d == 0 else slice(None) for d in batch)
    values = [
        core.from_numpy(core.convert_to_numpy(t)[empty])
        for t in ([out] if single else out)
    ]
    return values[0] if single else tuple(values)


def sweeps(n):
    """The number of Jacobi sweeps for an n x n problem."""
    return math.ceil(math.log2(max(n, 2))) + 4


def _schedule(n):
    """The pairs (p, q), p < q, rotated at each step of a sweep: each
    index appears once per step and every pair once per sweep."""
    size = n + n % 2  # an odd n gets an idle index n
    order = list(range(size))
    steps = []
    for _ in range(size - 1):
        pairs = [
            (min(order[i], order[-1 - i]), max(order[i], order[-1 - i]))
            for i in range(size // 2)
        ]
        steps.append([(p, q) for p, q in pairs if q < n])
        order = [order[0], order[-1], *order[1:-1]]
    return steps


def _mask_tables(n, dtype):
    """Per step of a sweep (s steps of k pairs): constant (s, k, n, n)
    masks of the entries (p, p), (q, q) and (p, q) to read and of the
    rotation's cosine and sine positions, (s, n, n) identities of the
    indices no pair moves and (s, n, n) booleans of the entries (p, p),
    (q, q), (p, q) and (q, p) of all pairs."""
    steps = _schedule(n)
    shape = (len(steps), n // 2, n, n)
    pp, qq, pq = (np.zeros(shape, dtype) for _ in range(3))
    for s, pairs in enumerate(steps):
        for i, (p, q) in enumerate(pairs):
            pp[s, i, p, p] = qq[s, i, q, q] = pq[s, i, p, q] = 1
    cos = pp + qq
    sin = pq - np.swapaxes(pq, -1, -2)
    idle = np.eye(n, dtype=dtype) - cos.sum(axis=1)
    touched = (cos + np.abs(sin)).sum(axis=1) > 0
    return pp, qq, pq, cos, sin, idle, touched


def _iterate(step, states, count):
    """The `states` (tensors) after `count` calls of
    `step(masks, *states)`, as one OpenVINO `Loop`; `masks` are the
    `_mask_tables` rows of the step (the call's index modulo the steps
    of a sweep)."""
    n = states[0].shape[-1]
    tables = _mask_tables(n, states[0].dtype)
    params = [
        ovops.parameter(
            t.output.get_partial_shape(), t.output.get_element_type()
        )
        for t in states
    ]
    counter = ovops.parameter([], ov.Type.i64)
    row = ovops.floor_mod(counter, ovops.constant(np.int64(len(tables[0]))))
    axis = ovops.constant(np.int64(0))
    with core.tracing():
        masks = [
            core.wrap(ovops.gather(ovops.constant(t), row, axis))
            for t in tables
        ]
        new = step(masks, *(core.OpenVINOTensor(p.output(0)) for p in params))
    outputs = [ovops.constant(True).output(0), *(t.output for t in new)]
    body = ov.Model(outputs, [counter, *params], "cornu_jacobi_step")
    loop = ovops.loop(ovops.constant(np.int64(count)), ovops.constant(True))
    loop.set_function(body)
    loop.set_special_body_ports([0, 0])
    for param, state, value in zip(params, states, new, strict=True):
        loop.set_merged_input(param, state.output, value.output)
    results = [loop.get_iter_value(t.output, -1) for t in new]
    loop.validate_and_infer_types()
    return [core.wrap(r) for r in results]


def _read(a, mask):
    """The entries of `a` (..., n, n) picked by `mask` (k, n, n): (..., k)."""
    picked = xnp.expand_dims(a, -3) * mask
    return xnp.sum(picked, axis=(-2, -1))


def _rotation(g, masks):
    """The step's rotation `J` (..., n, n) that zeroes `g[p, q]` of the
    symmetric `g` in `J^T g J` for each pair (p, q) of the step
    (`masks`: the step's rows of `_mask_tables`), and the entries
    `(g[p, p] - t g[p, q], g[q, q] + t g[p, q])` (..., k) that `J^T g J`
    holds at (p, p) and (q, q), `t` being the rotation's tangent."""
    pp, qq, pq, cos, sin, idle, _ = masks
    alpha, beta, gamma = _read(g, pp), _read(g, qq), _read(g, pq)
    zero = xnp.equal(gamma, 0.0)
    # tan of the angle: the smaller root of t^2 + 2 zeta t - 1 = 0 (an
    # overflowing zeta gives t = 0, a rotation that is not needed).
    zeta = (beta - alpha) / (xnp.where(zero, 1.0, gamma) * 2.0)
    sign = xnp.where(xnp.less(zeta, 0.0), -1.0, 1.0)
    t = sign / (xnp.absolute(zeta) + xnp.sqrt(zeta * zeta + 1.0))
    t = xnp.where(zero, 0.0, t)
    c = 1.0 / xnp.sqrt(t * t + 1.0)
    s = c * t
    c = xnp.expand_dims(xnp.expand_dims(c, -1), -1)
    s = xnp.expand_dims(xnp.expand_dims(s, -1), -1)
    rotation = xnp.sum(c * cos + s * sin, axis=-3) + idle
    return rotation, (alpha - t * gamma, beta + t * gamma)


def _spread(values, mask):
    """`values` (..., k) placed at the positions of `mask` (k, n, n)."""
    values = xnp.expand_dims(xnp.expand_dims(values, -1), -1)
    return xnp.sum(values * mask, axis=-3)


def _t(x):
    return xnp.swapaxes(x, -1, -2)


def sort_matrix(values, descending=False):
    """The permutation `p` (..., n, n), `p[r, j] = 1` when `values[j]` is
    the r-th smallest (largest if `descending`); ties keep index order.
    `p @ values` sorts the values, `m @ p^T` the columns of `m`."""
    n = values.shape[-1]
    first = xnp.expand_dims(values, -1)  # the value at i, along rows
    second = xnp.expand_dims(values, -2)  # the value at j, along columns
    earlier = np.arange(n)[:, None] < np.arange(n)[None, :]
    ahead = (
        xnp.greater(first, second) if descending else xnp.less(first, second)
    )
    before = xnp.logical_or(
        ahead, xnp.logical_and(xnp.equal(first, second), earlier)
    )
    # The rank of j: how many values i come before it.
    rank = xnp.sum(xnp.where(before, 1, 0), axis=-2)
    hit = xnp.equal(xnp.expand_dims(rank, -2), np.arange(n)[:, None])
    return xnp.where(hit, 1.0, 0.0).astype(values.dtype)


def _sorted(values, p):
    """`values` (..., n) permuted by `sort_matrix`'s `p`."""
    return xnp.sum(p * xnp.expand_dims(values, -2), axis=-1)


def _identity_like(x):
    """The n x n identity broadcast to the batch dims of `x` (..., ., n)."""
    n = x.shape[-1]
    gram = xnp.matmul(_t(x), x)
    return xnp.where(np.ones((n, n), bool), np.eye(n, dtype=x.dtype), gram)


def _two_sided(masks, a, vectors):
    rotation, (first, second) = _rotation(a, masks)
    a = xnp.matmul(_t(rotation), xnp.matmul(a, rotation))
    # The rotated pairs' entries as Rutishauser's update gives them (the
    # matrix products round them ~10x worse at n = 64): the diagonal
    # from the tangent, exact zeros at (p, q) and (q, p).
    pp, qq, touched = masks[0], masks[1], masks[-1]
    exact = _spread(first, pp) + _spread(second, qq)
    a = xnp.where(touched, exact, a)
    return [a, xnp.matmul(vectors, rotation)]


def _one_sided(masks, a, v):
    rotation, _ = _rotation(xnp.matmul(_t(a), a), masks)
    return [xnp.matmul(a, rotation), xnp.matmul(v, rotation)]


def _count(n):
    return sweeps(n) * len(_schedule(n)) if n > 1 else 0


def eigh(a):
    """Eigenvalues (ascending) and eigenvectors of the symmetric `a`
    (..., n, n), read from its lower triangle as LAPACK's default."""
    n = a.shape[-1]
    lower = np.tril(np.ones((n, n), bool))
    a = xnp.where(lower, a, _t(a))
    vectors = _identity_like(a)
    if n > 1:
        a, vectors = _iterate(_two_sided, [a, vectors], _count(n))
    values = xnp.sum(a * np.eye(n, dtype=a.dtype), axis=-1)
    p = sort_matrix(values)
    return _sorted(values, p), xnp.matmul(vectors, _t(p))


def tall_svd(a):
    """`(w, s, v)` with `a = w @ v^T` for `a` (..., m, n), m >= n: `w`'s
    columns are orthogonal with norms `s` (descending) and `v` (..., n,
    n) is orthogonal; the left singular vectors are `w / s`."""
    n = a.shape[-1]
    v = _identity_like(a)
    if n > 1:
        a, v = _iterate(_one_sided, [a, v], _count(n))
    s = xnp.sqrt(xnp.sum(a * a, axis=-2))
    p = _t(sort_matrix(s, descending=True))
    return xnp.matmul(a, p), _sorted(s, _t(p)), xnp.matmul(v, p)


def singular(a):
    """`(w, s, v, wide)`: the one-sided Jacobi SVD of `a` or, when `a` is
    wide (m < n), of its transpose (`tall_svd`'s `w`, `s`, `v`)."""
    m, n = a.shape[-2:]
    wide = m < n
    w, s, v = tall_svd(_t(a) if wide else a)
    return w, s, v, wide


def _left_vectors(w, s, full_matrices):
    """The orthonormal left singular vectors from `tall_svd`'s `w`.

    Columns of `w / s` whose singular value is negligible (the default
    `matrix_rank` tolerance) and, with `full_matrices`, the columns past
    `w`'s come from an orthonormal basis of the complement of the other
    columns: the eigenvectors of eigenvalue 1 of the projector
    `I - u u^T`, which `eigh` sorts last.
    """
    m, k = w.shape[-2:]
    tol = s[..., :1] * (max(m, k) * float(np.finfo(w.dtype).eps))
    good = xnp.expand_dims(xnp.greater(s, tol), -2)
    u = w / xnp.expand_dims(xnp.where(xnp.greater(s, tol), s, 1.0), -2)
    u = xnp.where(good, u, 0.0)
    projector = np.eye(m, dtype=w.dtype) - xnp.matmul(u, _t(u))
    _, basis = eigh(projector)
    u = xnp.where(good, u, basis[..., :k])
    if full_matrices and m > k:
        u = xnp.concatenate([u, basis[..., k:]], axis=-1)
    return u


def svd(a, full_matrices, compute_uv):
    """`(u, s, vh)` of `a` (or `s` alone), as NumPy's `svd`."""
    w, s, v, wide = singular(a)
    if not compute_uv:
        return s
    u = _left_vectors(w, s, full_matrices)
    if wide:  # a^T = u s v^T, so a = v s u^T
        u, v = v, u
    return u, s, _t(v)
