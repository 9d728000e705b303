"""Public ops the JAX backend runs in one step (see `ops/hot_path.py`).

Eagerly, every jax op is one dispatch (several microseconds) of its own
compiled program. `Dense`'s `x @ kernel + bias` (`ops.nn.affine`) is two;
here it is one jitted program, for arrays of one floating dtype. Anything
else (other dtypes, shapes that do not fit) takes the public op, whose
results and error messages are the reference.
"""

import jax
import jax.numpy as jnp

from cornu.src.backend.jax.core import Variable

_FLOATS = frozenset(
    jnp.dtype(name) for name in ("float16", "bfloat16", "float32", "float64")
)


@jax.jit
def _affine_program(x, kernel, bias):
    return jnp.matmul(x, kernel) + bias


def _affine(public):
    def op(x, kernel, bias=None):
        k = kernel.value if type(kernel) is Variable else kernel
        b = bias.value if type(bias) is Variable else bias
        if (
            isinstance(x, jax.Array)
            and isinstance(k, jax.Array)
            and isinstance(b, jax.Array)
            and x.dtype in _FLOATS
            and x.dtype == k.dtype == b.dtype
            and x.ndim >= 2
            and k.ndim == 2
            and b.ndim == 1
            and x.shape[-1] == k.shape[0]
            and k.shape[1] == b.shape[0]
        ):
            return _affine_program(x, k, b)
        return public(x, kernel, bias)

    return op


HOT_PATHS = {"nn.affine": _affine}
