"""Numerical assertions that accept tensors of any backend."""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src.api_export import cornu_export


def _to_numpy(x: Any) -> np.ndarray:
    if backend.core.is_tensor(x):
        return np.asarray(backend.core.convert_to_numpy(x))
    return np.asarray(x)


@cornu_export("cornu.testing.assert_allclose")
def assert_allclose(
    actual: Any,
    desired: Any,
    rtol: float = 1e-5,
    atol: float = 1e-6,
    check_dtype: bool = False,
) -> None:
    """Asserts two tensors/arrays agree within tolerances, NumPy-style.

    On a backend without the `float64_precision` capability (openvino),
    float64 results are compared at float32 tolerances (at least `rtol=1e-5`,
    `atol=1e-6`): the backend keeps the dtype but computes in float32.

    Args:
        actual: A backend tensor, NumPy array or Python value.
        desired: The reference value.
        rtol: Relative tolerance (float32 default: 1e-5).
        atol: Absolute tolerance, for values near zero.
        check_dtype: Also require equal dtypes.

    Example:

    >>> cornu.testing.assert_allclose(cornu.ops.ones((2,)), [1.0, 1.0])
    """
    a, d = _to_numpy(actual), _to_numpy(desired)
    if check_dtype and a.dtype != d.dtype:
        raise AssertionError(f"dtype {a.dtype} != expected {d.dtype}")
    if a.dtype == np.float64 and not backend.capabilities.float64_precision:
        rtol, atol = max(rtol, 1e-5), max(atol, 1e-6)
    np.testing.assert_allclose(a, d, rtol=rtol, atol=atol)
