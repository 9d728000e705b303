"""`affine(x, kernel, bias)`: the computation of `Dense`, as one op.

Not public (Keras has no such op): layers call it so that a backend with
a fused kernel for it (torch's `addmm`, one autograd node instead of two)
runs it in one call; elsewhere it is `matmul` then `add`.
"""

from __future__ import annotations

from typing import Any

from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.numpy.arithmetic import add
from cornu.src.ops.numpy.arithmetic import matmul


@hot_path
def affine(x: Any, kernel: Any, bias: Any = None) -> Any:
    """`x @ kernel + bias` (no addition when `bias` is None).

    Args:
        x: Input tensor, `(..., input_dim)`.
        kernel: `(input_dim, units)` tensor or variable.
        bias: `(units,)` tensor or variable, or None.

    Returns:
        The `(..., units)` result.

    Example:

    >>> from cornu.src.ops.nn.affine import affine
    >>> y = affine([[1.0, 2.0]], [[1.0], [1.0]], [0.5])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[3.5]]
    """
    y = matmul(x, kernel)
    return y if bias is None else add(y, bias)
