"""Trigonometric and hyperbolic functions and their inverses, element-wise,
and angle conversions (`deg2rad`, `rad2deg`). `arctan2` and `hypot` live
in `elementwise_binary.py`.
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.numpy.base_elementwise import UnaryFloatOp


class Sin(UnaryFloatOp):
    fn = "sin"


@cornu_export(["cornu.ops.sin", "cornu.ops.numpy.sin"])
def sin(x: Any) -> Any:
    """Trigonometric sine, element-wise (`x` in radians).

    Args:
        x: Input tensor.

    Returns:
        `sin(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.sin([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 0.8415]
    """
    if isinstance(x, KerasTensor):
        return Sin().symbolic_call(x)
    return backend.numpy.sin(x)


class Cos(UnaryFloatOp):
    fn = "cos"


@cornu_export(["cornu.ops.cos", "cornu.ops.numpy.cos"])
def cos(x: Any) -> Any:
    """Trigonometric cosine, element-wise (`x` in radians).

    Args:
        x: Input tensor.

    Returns:
        `cos(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.cos([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [1.0, 0.5403]
    """
    if isinstance(x, KerasTensor):
        return Cos().symbolic_call(x)
    return backend.numpy.cos(x)


class Tan(UnaryFloatOp):
    fn = "tan"


@cornu_export(["cornu.ops.tan", "cornu.ops.numpy.tan"])
def tan(x: Any) -> Any:
    """Trigonometric tangent, element-wise (`x` in radians).

    Args:
        x: Input tensor.

    Returns:
        `tan(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.tan([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 1.5574]
    """
    if isinstance(x, KerasTensor):
        return Tan().symbolic_call(x)
    return backend.numpy.tan(x)


class Arcsin(UnaryFloatOp):
    fn = "arcsin"


@cornu_export(["cornu.ops.arcsin", "cornu.ops.numpy.arcsin"])
def arcsin(x: Any) -> Any:
    """Inverse sine, element-wise, in radians in `[-pi/2, pi/2]`.

    Args:
        x: Input tensor.

    Returns:
        `arcsin(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.arcsin([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 1.5708]
    """
    if isinstance(x, KerasTensor):
        return Arcsin().symbolic_call(x)
    return backend.numpy.arcsin(x)


class Arccos(UnaryFloatOp):
    fn = "arccos"


@cornu_export(["cornu.ops.arccos", "cornu.ops.numpy.arccos"])
def arccos(x: Any) -> Any:
    """Inverse cosine, element-wise, in radians in `[0, pi]`.

    Args:
        x: Input tensor.

    Returns:
        `arccos(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.arccos([1.0, -1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 3.1416]
    """
    if isinstance(x, KerasTensor):
        return Arccos().symbolic_call(x)
    return backend.numpy.arccos(x)


class Arctan(UnaryFloatOp):
    fn = "arctan"


@cornu_export(["cornu.ops.arctan", "cornu.ops.numpy.arctan"])
def arctan(x: Any) -> Any:
    """Inverse tangent, element-wise, in radians in `[-pi/2, pi/2]`.

    Args:
        x: Input tensor.

    Returns:
        `arctan(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.arctan([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 0.7854]
    """
    if isinstance(x, KerasTensor):
        return Arctan().symbolic_call(x)
    return backend.numpy.arctan(x)


class Sinh(UnaryFloatOp):
    fn = "sinh"


@cornu_export(["cornu.ops.sinh", "cornu.ops.numpy.sinh"])
def sinh(x: Any) -> Any:
    """Hyperbolic sine, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `sinh(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.sinh([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 1.1752]
    """
    if isinstance(x, KerasTensor):
        return Sinh().symbolic_call(x)
    return backend.numpy.sinh(x)


class Cosh(UnaryFloatOp):
    fn = "cosh"


@cornu_export(["cornu.ops.cosh", "cornu.ops.numpy.cosh"])
def cosh(x: Any) -> Any:
    """Hyperbolic cosine, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `cosh(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.cosh([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [1.0, 1.5431]
    """
    if isinstance(x, KerasTensor):
        return Cosh().symbolic_call(x)
    return backend.numpy.cosh(x)


class Tanh(UnaryFloatOp):
    fn = "tanh"


@cornu_export(["cornu.ops.tanh", "cornu.ops.numpy.tanh"])
@hot_path
def tanh(x: Any) -> Any:
    """Hyperbolic tangent, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `tanh(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.tanh([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 0.7616]
    """
    if isinstance(x, KerasTensor):
        return Tanh().symbolic_call(x)
    return backend.numpy.tanh(x)


class Arcsinh(UnaryFloatOp):
    fn = "arcsinh"


@cornu_export(["cornu.ops.arcsinh", "cornu.ops.numpy.arcsinh"])
def arcsinh(x: Any) -> Any:
    """Inverse hyperbolic sine, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `arcsinh(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.arcsinh([0.0, 1.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 0.8814]
    """
    if isinstance(x, KerasTensor):
        return Arcsinh().symbolic_call(x)
    return backend.numpy.arcsinh(x)


class Arccosh(UnaryFloatOp):
    fn = "arccosh"


@cornu_export(["cornu.ops.arccosh", "cornu.ops.numpy.arccosh"])
def arccosh(x: Any) -> Any:
    """Inverse hyperbolic cosine, element-wise (`x >= 1`).

    Args:
        x: Input tensor.

    Returns:
        `arccosh(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.arccosh([1.0, 10.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 2.9932]
    """
    if isinstance(x, KerasTensor):
        return Arccosh().symbolic_call(x)
    return backend.numpy.arccosh(x)


class Arctanh(UnaryFloatOp):
    fn = "arctanh"


@cornu_export(["cornu.ops.arctanh", "cornu.ops.numpy.arctanh"])
def arctanh(x: Any) -> Any:
    """Inverse hyperbolic tangent, element-wise (`|x| < 1`).

    Args:
        x: Input tensor.

    Returns:
        `arctanh(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.arctanh([0.0, 0.5])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 0.5493]
    """
    if isinstance(x, KerasTensor):
        return Arctanh().symbolic_call(x)
    return backend.numpy.arctanh(x)


class Deg2rad(UnaryFloatOp):
    fn = "deg2rad"


@cornu_export(["cornu.ops.deg2rad", "cornu.ops.numpy.deg2rad"])
def deg2rad(x: Any) -> Any:
    """Converts angles from degrees to radians, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `x * pi / 180`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.deg2rad([0.0, 180.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 3.1416]
    """
    if isinstance(x, KerasTensor):
        return Deg2rad().symbolic_call(x)
    return backend.numpy.deg2rad(x)


class Rad2deg(UnaryFloatOp):
    fn = "rad2deg"


@cornu_export(["cornu.ops.rad2deg", "cornu.ops.numpy.rad2deg"])
def rad2deg(x: Any) -> Any:
    """Converts angles from radians to degrees, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `x * 180 / pi`; integer inputs give a `floatx()` result.

    Example:

    >>> y = cornu.ops.rad2deg([0.0, 3.141592653589793])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [0.0, 180.0]
    """
    if isinstance(x, KerasTensor):
        return Rad2deg().symbolic_call(x)
    return backend.numpy.rad2deg(x)
