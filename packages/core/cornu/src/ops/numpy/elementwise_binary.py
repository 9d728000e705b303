"""Element-wise math functions of two tensors, with broadcasting:
`arctan2`, `hypot`, `logaddexp`, `ldexp`, `gcd`, `maximum`, `fmax`...
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.ops import operation_utils
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.numpy.base_elementwise import BinaryFloatOp
from cornu.src.ops.numpy.base_elementwise import BinaryOp
from cornu.src.ops.numpy.base_elementwise import check_integer


class Arctan2(BinaryFloatOp):
    fn = "arctan2"


@cornu_export(["cornu.ops.arctan2", "cornu.ops.numpy.arctan2"])
def arctan2(x1: Any, x2: Any) -> Any:
    """Angle of the point `(x2, x1)`, in radians in `[-pi, pi]`, element-wise.

    Note the argument order: the y-coordinate comes first.

    Args:
        x1: The y-coordinates.
        x2: The x-coordinates.

    Returns:
        `arctan(x1 / x2)` in the correct quadrant; integer inputs give a
        `floatx()` result.

    Example:

    >>> y = cornu.ops.arctan2([1.0, -1.0], [-1.0, -1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [2.3562, -2.3562]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Arctan2().symbolic_call(x1, x2)
    try:
        return backend.numpy.arctan2(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("arctan2", x1, x2)
        raise


class Logaddexp(BinaryFloatOp):
    fn = "logaddexp"


@cornu_export(["cornu.ops.logaddexp", "cornu.ops.numpy.logaddexp"])
def logaddexp(x1: Any, x2: Any) -> Any:
    """`log(exp(x1) + exp(x2))`, element-wise, without overflow.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The log of the summed exponentials; integer inputs give a `floatx()`
        result.

    Example:

    >>> y = cornu.ops.logaddexp([0.0, 100.0], [0.0, 100.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.6931, 100.6931]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Logaddexp().symbolic_call(x1, x2)
    try:
        return backend.numpy.logaddexp(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("logaddexp", x1, x2)
        raise


class Logaddexp2(BinaryFloatOp):
    fn = "logaddexp2"


@cornu_export(["cornu.ops.logaddexp2", "cornu.ops.numpy.logaddexp2"])
def logaddexp2(x1: Any, x2: Any) -> Any:
    """`log2(2 ** x1 + 2 ** x2)`, element-wise, without overflow.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The base-2 log of the summed powers of 2; integer inputs give a
        `floatx()` result.

    Example:

    >>> y = cornu.ops.logaddexp2([1.0, 2.0], [1.0, 2.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [2.0, 3.0]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Logaddexp2().symbolic_call(x1, x2)
    try:
        return backend.numpy.logaddexp2(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("logaddexp2", x1, x2)
        raise


class Hypot(BinaryFloatOp):
    fn = "hypot"


@cornu_export(["cornu.ops.hypot", "cornu.ops.numpy.hypot"])
def hypot(x1: Any, x2: Any) -> Any:
    """Hypotenuse `sqrt(x1 ** 2 + x2 ** 2)`, element-wise.

    Args:
        x1: First leg.
        x2: Second leg.

    Returns:
        The hypotenuses; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.hypot([3, 5], [4, 12])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [5.0, 13.0]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Hypot().symbolic_call(x1, x2)
    try:
        return backend.numpy.hypot(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("hypot", x1, x2)
        raise


class Heaviside(BinaryFloatOp):
    fn = "heaviside"


@cornu_export(["cornu.ops.heaviside", "cornu.ops.numpy.heaviside"])
def heaviside(x1: Any, x2: Any) -> Any:
    """Heaviside step function, element-wise.

    0 where `x1 < 0`, 1 where `x1 > 0`, and `x2` where `x1 == 0`.

    Args:
        x1: Input tensor.
        x2: The value where `x1 == 0`.

    Returns:
        The step values; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.heaviside([-2.0, 0.0, 3.0], 0.5)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.5, 1.0]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Heaviside().symbolic_call(x1, x2)
    try:
        return backend.numpy.heaviside(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("heaviside", x1, x2)
        raise


class Ldexp(BinaryFloatOp):
    fn = "ldexp"


@cornu_export(["cornu.ops.ldexp", "cornu.ops.numpy.ldexp"])
def ldexp(x1: Any, x2: Any) -> Any:
    """`x1 * 2 ** x2`, element-wise.

    Args:
        x1: The mantissas.
        x2: The exponents, an integer tensor.

    Returns:
        `x1 * 2 ** x2`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.ldexp([0.75, 1.5], [1, 2])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1.5, 6.0]
    """
    check_integer("ldexp", x2=x2)
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Ldexp().symbolic_call(x1, x2)
    try:
        return backend.numpy.ldexp(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("ldexp", x1, x2)
        raise


class Nextafter(BinaryFloatOp):
    fn = "nextafter"


@cornu_export(["cornu.ops.nextafter", "cornu.ops.numpy.nextafter"])
def nextafter(x1: Any, x2: Any) -> Any:
    """The next floating-point value after `x1` toward `x2`, element-wise.

    Args:
        x1: Values to move.
        x2: Directions in which to move them.

    Returns:
        The next representable values; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.nextafter([1.0, 1.0], [2.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1.0000001192092896, 1.0]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Nextafter().symbolic_call(x1, x2)
    try:
        return backend.numpy.nextafter(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("nextafter", x1, x2)
        raise


class Gcd(BinaryOp):
    fn = "gcd"


@cornu_export(["cornu.ops.gcd", "cornu.ops.numpy.gcd"])
def gcd(x1: Any, x2: Any) -> Any:
    """Greatest common divisor of `|x1|` and `|x2|`, element-wise.

    Args:
        x1: First integer tensor.
        x2: Second integer tensor.

    Returns:
        The greatest common divisors.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.gcd([12, 18], [8, 12])).tolist()
    [4, 6]
    """
    check_integer("gcd", x1=x1, x2=x2)
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Gcd().symbolic_call(x1, x2)
    try:
        return backend.numpy.gcd(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("gcd", x1, x2)
        raise


class Lcm(BinaryOp):
    fn = "lcm"


@cornu_export(["cornu.ops.lcm", "cornu.ops.numpy.lcm"])
def lcm(x1: Any, x2: Any) -> Any:
    """Least common multiple of `|x1|` and `|x2|`, element-wise.

    Args:
        x1: First integer tensor.
        x2: Second integer tensor.

    Returns:
        The least common multiples.

    Example:

    >>> y = cornu.ops.lcm([2, 3, 4], [5, 6, 7])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [10, 6, 28]
    """
    check_integer("lcm", x1=x1, x2=x2)
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Lcm().symbolic_call(x1, x2)
    try:
        return backend.numpy.lcm(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("lcm", x1, x2)
        raise


class Maximum(BinaryOp):
    fn = "maximum"


@cornu_export(["cornu.ops.maximum", "cornu.ops.numpy.maximum"])
def maximum(x1: Any, x2: Any) -> Any:
    """Element-wise maximum of `x1` and `x2`; NaN wins.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The maxima, of the promoted dtype of the inputs.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.maximum([1, 5], [3, 2])).tolist()
    [3, 5]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Maximum().symbolic_call(x1, x2)
    try:
        return backend.numpy.maximum(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("maximum", x1, x2)
        raise


class Minimum(BinaryOp):
    fn = "minimum"


@cornu_export(["cornu.ops.minimum", "cornu.ops.numpy.minimum"])
def minimum(x1: Any, x2: Any) -> Any:
    """Element-wise minimum of `x1` and `x2`; NaN wins.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The minima, of the promoted dtype of the inputs.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.minimum([1, 5], [3, 2])).tolist()
    [1, 2]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Minimum().symbolic_call(x1, x2)
    try:
        return backend.numpy.minimum(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("minimum", x1, x2)
        raise


class Fmax(BinaryOp):
    fn = "fmax"


@cornu_export(["cornu.ops.fmax", "cornu.ops.numpy.fmax"])
def fmax(x1: Any, x2: Any) -> Any:
    """Element-wise maximum of `x1` and `x2`, ignoring NaN.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The maxima; where one value is NaN, the other one.

    Example:

    >>> y = cornu.ops.fmax([2.0, float('nan')], [1.0, 4.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [2.0, 4.0]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Fmax().symbolic_call(x1, x2)
    try:
        return backend.numpy.fmax(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("fmax", x1, x2)
        raise


class Fmin(BinaryOp):
    fn = "fmin"


@cornu_export(["cornu.ops.fmin", "cornu.ops.numpy.fmin"])
def fmin(x1: Any, x2: Any) -> Any:
    """Element-wise minimum of `x1` and `x2`, ignoring NaN.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The minima; where one value is NaN, the other one.

    Example:

    >>> y = cornu.ops.fmin([2.0, float('nan')], [1.0, 4.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1.0, 4.0]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Fmin().symbolic_call(x1, x2)
    try:
        return backend.numpy.fmin(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("fmin", x1, x2)
        raise
