"""Element-wise functions of one tensor: exponentials, logarithms, special
functions (`sinc`, `i0`, `erfc`) and the parts of complex numbers.

Trigonometric functions live in `trigonometric.py`, rounding and clipping
in `rounding.py`, functions of two tensors in `elementwise_binary.py`.
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import math_dtypes
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.numpy.base_elementwise import UnaryFloatOp
from cornu.src.ops.numpy.base_elementwise import UnaryOp


class Exp(UnaryFloatOp):
    fn = "exp"


@cornu_export(["cornu.ops.exp", "cornu.ops.numpy.exp"])
@hot_path
def exp(x: Any) -> Any:
    """Natural exponential `e ** x`, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `e ** x`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.exp([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [1.0, 2.7183]
    """
    if isinstance(x, KerasTensor):
        return Exp().symbolic_call(x)
    return backend.numpy.exp(x)


class Exp2(UnaryFloatOp):
    fn = "exp2"


@cornu_export(["cornu.ops.exp2", "cornu.ops.numpy.exp2"])
def exp2(x: Any) -> Any:
    """Base-2 exponential `2 ** x`, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `2 ** x`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.exp2([0, 3])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [1.0, 8.0]
    """
    if isinstance(x, KerasTensor):
        return Exp2().symbolic_call(x)
    return backend.numpy.exp2(x)


class Expm1(UnaryFloatOp):
    fn = "expm1"


@cornu_export(["cornu.ops.expm1", "cornu.ops.numpy.expm1"])
def expm1(x: Any) -> Any:
    """`exp(x) - 1`, element-wise, accurate for small `x`.

    Args:
        x: Input tensor.

    Returns:
        `exp(x) - 1`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.expm1([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 1.7183]
    """
    if isinstance(x, KerasTensor):
        return Expm1().symbolic_call(x)
    return backend.numpy.expm1(x)


class Log(UnaryFloatOp):
    fn = "log"


@cornu_export(["cornu.ops.log", "cornu.ops.numpy.log"])
@hot_path
def log(x: Any) -> Any:
    """Natural logarithm, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `ln(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.log([1.0, 10.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 2.3026]
    """
    if isinstance(x, KerasTensor):
        return Log().symbolic_call(x)
    return backend.numpy.log(x)


class Log1p(UnaryFloatOp):
    fn = "log1p"


@cornu_export(["cornu.ops.log1p", "cornu.ops.numpy.log1p"])
def log1p(x: Any) -> Any:
    """`log(1 + x)`, element-wise, accurate for small `x`.

    Args:
        x: Input tensor.

    Returns:
        `ln(1 + x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.log1p([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 0.6931]
    """
    if isinstance(x, KerasTensor):
        return Log1p().symbolic_call(x)
    return backend.numpy.log1p(x)


class Log2(UnaryFloatOp):
    fn = "log2"


@cornu_export(["cornu.ops.log2", "cornu.ops.numpy.log2"])
def log2(x: Any) -> Any:
    """Base-2 logarithm, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `log2(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.log2([1, 8])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 3.0]
    """
    if isinstance(x, KerasTensor):
        return Log2().symbolic_call(x)
    return backend.numpy.log2(x)


class Log10(UnaryFloatOp):
    fn = "log10"


@cornu_export(["cornu.ops.log10", "cornu.ops.numpy.log10"])
def log10(x: Any) -> Any:
    """Base-10 logarithm, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `log10(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.log10([1, 1000])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 3.0]
    """
    if isinstance(x, KerasTensor):
        return Log10().symbolic_call(x)
    return backend.numpy.log10(x)


class Sinc(UnaryFloatOp):
    fn = "sinc"


@cornu_export(["cornu.ops.sinc", "cornu.ops.numpy.sinc"])
def sinc(x: Any) -> Any:
    """Normalized sinc function `sin(pi * x) / (pi * x)`, element-wise.

    The value at `x == 0` is the limit, 1.

    Args:
        x: Input tensor.

    Returns:
        `sinc(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.sinc([0.0, 0.5])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [1.0, 0.6366]
    """
    if isinstance(x, KerasTensor):
        return Sinc().symbolic_call(x)
    return backend.numpy.sinc(x)


class I0(UnaryFloatOp):
    fn = "i0"


@cornu_export(["cornu.ops.i0", "cornu.ops.numpy.i0"])
def i0(x: Any) -> Any:
    """Modified Bessel function of the first kind, order 0, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `I0(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.i0([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [1.0, 1.2661]
    """
    if isinstance(x, KerasTensor):
        return I0().symbolic_call(x)
    return backend.numpy.i0(x)


class Erfc(UnaryFloatOp):
    fn = "erfc"


@cornu_export(["cornu.ops.erfc", "cornu.ops.numpy.erfc"])
def erfc(x: Any) -> Any:
    """Complementary error function `1 - erf(x)`, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `erfc(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.erfc([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [1.0, 0.1573]
    """
    if isinstance(x, KerasTensor):
        return Erfc().symbolic_call(x)
    return backend.numpy.erfc(x)


class Real(UnaryOp):
    fn = "real"

    def output_dtype(self, dtype: str) -> str:
        return math_dtypes.real_dtype(dtype)


@cornu_export(["cornu.ops.real", "cornu.ops.numpy.real"])
def real(x: Any) -> Any:
    """Real part of a complex tensor, element-wise.

    Args:
        x: Input tensor.

    Returns:
        The real parts (`complex64` gives `float32`); real inputs are returned
        unchanged.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.real([1.0, 2.0])).tolist()
    [1.0, 2.0]
    """
    if isinstance(x, KerasTensor):
        return Real().symbolic_call(x)
    return backend.numpy.real(x)


class Imag(Real):
    fn = "imag"


@cornu_export(["cornu.ops.imag", "cornu.ops.numpy.imag"])
def imag(x: Any) -> Any:
    """Imaginary part of a complex tensor, element-wise.

    Args:
        x: Input tensor.

    Returns:
        The imaginary parts (`complex64` gives `float32`); zeros for real
        inputs.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.imag([1.0, 2.0])).tolist()
    [0.0, 0.0]
    """
    if isinstance(x, KerasTensor):
        return Imag().symbolic_call(x)
    return backend.numpy.imag(x)


class Conjugate(UnaryOp):
    fn = "conjugate"


@cornu_export(["cornu.ops.conjugate", "cornu.ops.numpy.conjugate"])
def conjugate(x: Any) -> Any:
    """Complex conjugate, element-wise.

    `cornu.ops.conj` is a shorthand for this function.

    Args:
        x: Input tensor.

    Returns:
        The conjugates; real inputs are returned unchanged.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.conjugate([1.0, 2.0])).tolist()
    [1.0, 2.0]
    """
    if isinstance(x, KerasTensor):
        return Conjugate().symbolic_call(x)
    return backend.numpy.conjugate(x)


@cornu_export(["cornu.ops.conj", "cornu.ops.numpy.conj"])
def conj(x: Any) -> Any:
    """Shorthand for `cornu.ops.conjugate`.

    Args:
        x: Input tensor.

    Returns:
        The complex conjugates.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.conj([1, 2])).tolist()
    [1, 2]
    """
    return conjugate(x)


class Angle(UnaryOp):
    fn = "angle"

    def output_dtype(self, dtype: str) -> str:
        return math_dtypes.real_dtype(math_dtypes.float_dtype(dtype))


@cornu_export(["cornu.ops.angle", "cornu.ops.numpy.angle"])
def angle(x: Any) -> Any:
    """Angle (argument) of complex numbers, in radians, element-wise.

    Args:
        x: Input tensor.

    Returns:
        The angles, real-valued (`complex64` gives `float32`); 0 or pi for real
        inputs.

    Example:

    >>> y = cornu.ops.angle([1.0, -1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 3.1416]
    """
    if isinstance(x, KerasTensor):
        return Angle().symbolic_call(x)
    return backend.numpy.angle(x)
