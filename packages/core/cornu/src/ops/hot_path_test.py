"""The hot paths give the public ops' results, dtypes and errors.

Where the backend binds an op to a hot path (`ops.hot_path`), the bound
function keeps the public one as `__wrapped__`; every case below is run
through both and must agree. Where the active backend binds no hot path
for an op, both are the same function and its cases are skipped (each
op's own tests check it against NumPy).
"""

import inspect

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.ops.nn.affine import affine
from cornu.testing import assert_allclose

RNG = np.random.default_rng(0)
F32 = RNG.uniform(0.5, 2.0, (3, 4)).astype("float32")
F16 = F32.astype("float16")
I32 = RNG.integers(-3, 4, (3, 4)).astype("int32")
B = F32 > 1.0


def _t(x):
    return ops.convert_to_tensor(x)


CASES = [
    ("exp", lambda: (_t(F32),), {}),
    ("exp", lambda: (_t(I32),), {}),
    ("log", lambda: (_t(F16),), {}),
    ("sqrt", lambda: (_t(F32),), {}),
    ("tanh", lambda: (_t(I32),), {}),
    ("sigmoid", lambda: (_t(F32),), {}),
    ("abs", lambda: (_t(I32),), {}),
    ("absolute", lambda: (_t(B),), {}),
    ("relu", lambda: (_t(I32),), {}),
    ("relu", lambda: (_t(B),), {}),
    ("add", lambda: (_t(F32), _t(F32)), {}),
    ("add", lambda: (_t(F32), _t(I32)), {}),
    ("add", lambda: (_t(B), _t(B)), {}),
    ("add", lambda: (_t(F32), cornu.Variable(F32[0])), {}),
    ("subtract", lambda: (_t(I32), 2), {}),
    ("multiply", lambda: (_t(F16), _t(F16)), {}),
    ("divide", lambda: (_t(I32), _t(I32) + 5), {}),
    ("divide", lambda: (_t(F32), _t(F32)), {}),
    ("matmul", lambda: (_t(F32), _t(F32.T)), {}),
    ("matmul", lambda: (_t(I32), _t(I32.T)), {}),
    ("sum", lambda: (_t(F32),), {}),
    ("sum", lambda: (_t(F32),), {"axis": -1, "keepdims": True}),
    ("sum", lambda: (_t(I32),), {"axis": 0}),
    ("sum", lambda: (_t(B),), {}),
    ("mean", lambda: (_t(F32),), {"axis": 1}),
    ("mean", lambda: (_t(F16),), {}),
    ("max", lambda: (_t(F32),), {}),
    ("max", lambda: (_t(F32),), {"axis": 0, "initial": 1.5}),
    ("reshape", lambda: (_t(F32), (4, 3)), {}),
    ("reshape", lambda: (_t(F32), [-1]), {}),
    ("transpose", lambda: (_t(F32),), {}),
    ("transpose", lambda: (_t(F32), (1, 0)), {}),
    ("concatenate", lambda: ([_t(F32), _t(F32)],), {"axis": -1}),
    ("concatenate", lambda: ([_t(F32), _t(I32)],), {}),
    ("where", lambda: (_t(B), _t(F32), _t(F32)), {}),
    ("where", lambda: (_t(B), _t(F32), 0.0), {}),
    ("softmax", lambda: (_t(F32),), {}),
    ("softmax", lambda: (_t(F32),), {"axis": 0}),
    ("cast", lambda: (_t(F32), "int32"), {}),
    ("cast", lambda: (_t(I32), "int32"), {}),
    ("convert_to_tensor", lambda: (_t(F32),), {"dtype": "float16"}),
    ("convert_to_tensor", lambda: (_t(F32),), {"dtype": "float32"}),
]


def _public(name):
    return inspect.unwrap(getattr(ops, name))


def _bound(name):
    """The op as bound by the backend; skips the test where it binds no
    hot path (the comparison would be of a function with itself)."""
    op = getattr(ops, name)
    if op is _public(name):
        pytest.skip(f"the active backend binds no hot path for {name!r}")
    return op


@pytest.mark.parametrize(
    "name, make_args, kwargs", CASES, ids=[c[0] for c in CASES]
)
def test_hot_path_agrees_with_the_public_op(name, make_args, kwargs):
    op = _bound(name)
    args = make_args()
    fast = op(*args, **kwargs)
    slow = _public(name)(*args, **kwargs)
    assert ops.dtype(fast) == ops.dtype(slow)
    assert tuple(ops.shape(fast)) == tuple(ops.shape(slow))
    expected = ops.convert_to_numpy(slow)
    assert_allclose(fast, expected, rtol=0, atol=0)


@pytest.mark.parametrize(
    "name, args, kwargs, match",
    [
        ("add", lambda: (_t(F32), _t(F32[:, :2])), {}, "add.*broadcast"),
        ("multiply", lambda: (_t(F32), _t(F32.T)), {}, "multiply"),
        ("matmul", lambda: (_t(F32), _t(F32)), {}, "matmul"),
        ("sum", lambda: (_t(F32),), {"axis": 5}, "axis"),
        ("max", lambda: (_t(F32),), {"axis": -3}, "axis"),
        ("reshape", lambda: (_t(F32), (5, 5)), {}, "reshape"),
        ("concatenate", lambda: ([_t(F32), _t(F32[:2, :3])],), {}, "concat"),
        ("softmax", lambda: (_t(F32),), {"axis": 2}, "axis"),
    ],
)
def test_hot_path_errors_are_the_public_ones(name, args, kwargs, match):
    op = _bound(name)
    with pytest.raises(ValueError, match=match) as fast:
        op(*args(), **kwargs)
    with pytest.raises(ValueError) as slow:
        _public(name)(*args(), **kwargs)
    assert str(fast.value) == str(slow.value)


def test_bound_ops_keep_name_docstring_and_signature():
    for name in {c[0] for c in CASES}:
        op, public = getattr(ops, name), _public(name)
        assert op.__name__ == public.__name__
        assert op.__doc__ == public.__doc__
        assert inspect.signature(op) == inspect.signature(public)


def test_symbolic_inputs_take_the_public_path():
    x = cornu.KerasTensor((None, 4), dtype="float32")
    assert ops.exp(x).shape == (None, 4)
    assert ops.add(x, x).shape == (None, 4)
    assert ops.sum(x, axis=-1).shape == (None,)
    assert affine(x, ops.ones((4, 2)), ops.zeros((2,))).shape == (None, 2)


def test_affine_matches_matmul_plus_add_with_variables():
    kernel = cornu.Variable(F32.T)
    bias = cornu.Variable(F32[0, :3])
    got = affine(_t(F32), kernel, bias)
    assert_allclose(got, F32 @ F32.T + F32[0, :3], rtol=1e-6, atol=1e-6)
