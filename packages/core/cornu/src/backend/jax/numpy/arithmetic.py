"""Element-wise arithmetic and matmul on the JAX backend.

Code shared with the other backend lives in
`common/array_api/arithmetic.py`.
"""

import jax
import jax.numpy as jnp

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.common import variables
from cornu.src.backend.common.array_api import arithmetic
from cornu.src.backend.jax.core import convert_to_tensor
from cornu.src.backend.jax.numpy.promotion import as_float
from cornu.src.backend.jax.numpy.promotion import cast_all
from cornu.src.backend.jax.numpy.promotion import promoted
from cornu.src.backend.jax.numpy.promotion import promoted_float

__all__ = [
    "add",
    "subtract",
    "multiply",
    "matmul",
    "divide",
    "true_divide",
    "divide_no_nan",
    "floor_divide",
    "mod",
    "fmod",
    "power",
    "negative",
    "absolute",
    "abs",
    "fabs",
    "reciprocal",
    "square",
    "sqrt",
    "cbrt",
]

_ops = arithmetic.make(
    jnp,
    convert_to_tensor=convert_to_tensor,
    as_float=as_float,
    cast_all=cast_all,
    promoted=promoted,
    promoted_float=promoted_float,
)
add = _ops.add
subtract = _ops.subtract
multiply = _ops.multiply
matmul = _ops.matmul
_divide_no_nan_jit = jax.jit(_ops.divide_no_nan)


def divide_no_nan(x1, x2):
    # Eagerly its four primitives (==, two `where`s, /) would each compile
    # a program per new shape; on two concrete arrays or variables (a
    # metric's total and count at every epoch end) one jitted program
    # does it.
    arrays = [_concrete(x) for x in (x1, x2)]
    if all(x is not None for x in arrays):
        return _divide_no_nan_jit(*arrays)
    return _ops.divide_no_nan(x1, x2)


def _concrete(x):
    if isinstance(x, variables.Variable):
        x = x.value
    if isinstance(x, jax.Array) and not isinstance(x, jax.core.Tracer):
        return x
    return None


power = _ops.power
negative = _ops.negative
absolute = _ops.absolute
abs = _ops.abs
fabs = _ops.fabs
square = _ops.square
cbrt = _ops.cbrt


def divide(x1, x2):
    x1, x2 = promoted_float(x1, x2)
    return jnp.divide(x1, x2)


def floor_divide(x1, x2):
    dtype = math_dtypes.int_to_int32(math_dtypes.promote(x1, x2))
    return jnp.floor_divide(*cast_all(dtype, x1, x2))


def mod(x1, x2):
    dtype = math_dtypes.int_to_int32(math_dtypes.promote(x1, x2))
    return jnp.mod(*cast_all(dtype, x1, x2))


def fmod(x1, x2):
    dtype = math_dtypes.int_to_int32(math_dtypes.promote(x1, x2))
    return jnp.fmod(*cast_all(dtype, x1, x2))


def reciprocal(x):
    x = as_float(x)
    return jnp.reciprocal(x)


def sqrt(x):
    return jnp.sqrt(as_float(x))


def true_divide(x1, x2):
    return divide(x1, x2)
