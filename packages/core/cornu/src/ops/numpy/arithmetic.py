"""Element-wise arithmetic (`add`, `divide`, `sqrt`...) and `matmul`.

`KerasTensor`'s Python operators (`+`, `-`, `*`, `/`, `//`, `%`, `**`,
`@`, unary `-` and `abs`) dispatch to the functions here. Dot, tensor and
outer products live in `products.py`.
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import math_dtypes
from cornu.src.ops import operation_utils
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.numpy.base_elementwise import BinaryFloatOp
from cornu.src.ops.numpy.base_elementwise import BinaryIntOp
from cornu.src.ops.numpy.base_elementwise import BinaryOp
from cornu.src.ops.numpy.base_elementwise import UnaryFloatOp
from cornu.src.ops.numpy.base_elementwise import UnaryOp
from cornu.src.ops.operation import Operation
from cornu.src.ops.operation_utils import dtype_name
from cornu.src.ops.operation_utils import shape_of


class Add(BinaryOp):
    fn = "add"


@cornu_export(["cornu.ops.add", "cornu.ops.numpy.add"])
@hot_path
def add(x1: Any, x2: Any) -> Any:
    """Adds `x1` and `x2` element-wise, with broadcasting.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The element-wise sum, of the promoted dtype of the inputs.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.add([1, 2], [10, 20])).tolist()
    [11, 22]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Add().symbolic_call(x1, x2)
    try:
        return backend.numpy.add(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("add", x1, x2)
        raise


class Subtract(BinaryOp):
    fn = "subtract"


@cornu_export(["cornu.ops.subtract", "cornu.ops.numpy.subtract"])
@hot_path
def subtract(x1: Any, x2: Any) -> Any:
    """Subtracts `x2` from `x1` element-wise, with broadcasting.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The element-wise difference `x1 - x2`.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.subtract([5, 7], 1)).tolist()
    [4, 6]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Subtract().symbolic_call(x1, x2)
    try:
        return backend.numpy.subtract(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("subtract", x1, x2)
        raise


class Multiply(BinaryOp):
    fn = "multiply"


@cornu_export(["cornu.ops.multiply", "cornu.ops.numpy.multiply"])
@hot_path
def multiply(x1: Any, x2: Any) -> Any:
    """Multiplies `x1` and `x2` element-wise, with broadcasting.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The element-wise product.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.multiply([2, 3], 4)).tolist()
    [8, 12]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Multiply().symbolic_call(x1, x2)
    try:
        return backend.numpy.multiply(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("multiply", x1, x2)
        raise


class Divide(BinaryFloatOp):
    fn = "divide"


@cornu_export(["cornu.ops.divide", "cornu.ops.numpy.divide"])
@hot_path
def divide(x1: Any, x2: Any) -> Any:
    """Divides `x1` by `x2` element-wise, with broadcasting.

    `cornu.ops.true_divide` is an alias of this function.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The quotient `x1 / x2`; integer inputs give a `floatx()` result.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.divide([1, 3], 2)).tolist()
    [0.5, 1.5]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Divide().symbolic_call(x1, x2)
    try:
        return backend.numpy.divide(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("divide", x1, x2)
        raise


class TrueDivide(BinaryFloatOp):
    fn = "true_divide"


@cornu_export(["cornu.ops.true_divide", "cornu.ops.numpy.true_divide"])
def true_divide(x1: Any, x2: Any) -> Any:
    """Alias of `cornu.ops.divide`: true (floating-point) division.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The quotient `x1 / x2`.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.true_divide([1, 3], 2)).tolist()
    [0.5, 1.5]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return TrueDivide().symbolic_call(x1, x2)
    try:
        return backend.numpy.true_divide(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("true_divide", x1, x2)
        raise


class DivideNoNan(BinaryFloatOp):
    fn = "divide_no_nan"


@cornu_export(["cornu.ops.divide_no_nan", "cornu.ops.numpy.divide_no_nan"])
def divide_no_nan(x1: Any, x2: Any) -> Any:
    """Divides element-wise, returning 0 where the denominator is 0.

    Args:
        x1: First input tensor.
        x2: Second input tensor.

    Returns:
        The quotient `x1 / x2`, with zeros where `x2 == 0`.

    Example:

    >>> y = cornu.ops.divide_no_nan([1.0, 4.0], [0.0, 2.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 2.0]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return DivideNoNan().symbolic_call(x1, x2)
    try:
        return backend.numpy.divide_no_nan(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("divide_no_nan", x1, x2)
        raise


class FloorDivide(BinaryIntOp):
    fn = "floor_divide"


@cornu_export(["cornu.ops.floor_divide", "cornu.ops.numpy.floor_divide"])
def floor_divide(x1: Any, x2: Any) -> Any:
    """Largest integer not greater than `x1 / x2`, element-wise.

    Args:
        x1: Numerator.
        x2: Denominator.

    Returns:
        `floor(x1 / x2)`, of the promoted dtype of the inputs.

    Example:

    >>> y = cornu.ops.floor_divide([7, -7], 2)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [3, -4]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return FloorDivide().symbolic_call(x1, x2)
    try:
        return backend.numpy.floor_divide(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("floor_divide", x1, x2)
        raise


class Mod(BinaryIntOp):
    fn = "mod"


@cornu_export(["cornu.ops.mod", "cornu.ops.numpy.mod"])
def mod(x1: Any, x2: Any) -> Any:
    """Remainder of the division `x1 / x2`, with the sign of `x2`.

    Args:
        x1: Dividend.
        x2: Divisor.

    Returns:
        `x1 - floor(x1 / x2) * x2`, element-wise (Python's `%`).

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.mod([7, -7], 3)).tolist()
    [1, 2]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Mod().symbolic_call(x1, x2)
    try:
        return backend.numpy.mod(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("mod", x1, x2)
        raise


class Fmod(BinaryIntOp):
    fn = "fmod"


@cornu_export(["cornu.ops.fmod", "cornu.ops.numpy.fmod"])
def fmod(x1: Any, x2: Any) -> Any:
    """Remainder of the truncated division `x1 / x2`, with the sign of `x1`.

    Unlike `cornu.ops.mod`, the result has the sign of the dividend.

    Args:
        x1: Dividend.
        x2: Divisor.

    Returns:
        `x1 - trunc(x1 / x2) * x2`, element-wise (C's `fmod`).

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.fmod([7, -7], 3)).tolist()
    [1, -1]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Fmod().symbolic_call(x1, x2)
    try:
        return backend.numpy.fmod(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("fmod", x1, x2)
        raise


class Power(BinaryOp):
    fn = "power"


@cornu_export(["cornu.ops.power", "cornu.ops.numpy.power"])
def power(x1: Any, x2: Any) -> Any:
    """Raises `x1` to the power `x2`, element-wise.

    Args:
        x1: The bases.
        x2: The exponents.

    Returns:
        `x1 ** x2`, of the promoted dtype of the inputs.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.power([2, 3], 2)).tolist()
    [4, 9]
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Power().symbolic_call(x1, x2)
    try:
        return backend.numpy.power(x1, x2)
    except Exception:
        operation_utils.explain_broadcast_failure("power", x1, x2)
        raise


class Negative(UnaryOp):
    fn = "negative"


@cornu_export(["cornu.ops.negative", "cornu.ops.numpy.negative"])
def negative(x: Any) -> Any:
    """Numerical negative, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `-x`.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.negative([1, -2])).tolist()
    [-1, 2]
    """
    if isinstance(x, KerasTensor):
        return Negative().symbolic_call(x)
    return backend.numpy.negative(x)


class Absolute(UnaryOp):
    fn = "absolute"

    def output_dtype(self, dtype: str) -> str:
        return math_dtypes.real_dtype(dtype)


@cornu_export(["cornu.ops.absolute", "cornu.ops.numpy.absolute"])
@hot_path
def absolute(x: Any) -> Any:
    """Absolute value, element-wise.

    `cornu.ops.abs` is a shorthand for this function.

    Args:
        x: Input tensor.

    Returns:
        `|x|`; the modulus (a real tensor) for complex inputs.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.absolute([-1.5, 2.0])).tolist()
    [1.5, 2.0]
    """
    if isinstance(x, KerasTensor):
        return Absolute().symbolic_call(x)
    return backend.numpy.absolute(x)


@cornu_export(["cornu.ops.abs", "cornu.ops.numpy.abs"])
@hot_path
def abs(x: Any) -> Any:
    """Shorthand for `cornu.ops.absolute`.

    Args:
        x: Input tensor.

    Returns:
        `|x|`.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.abs([-3, 2])).tolist()
    [3, 2]
    """
    return absolute(x)


class Fabs(UnaryFloatOp):
    fn = "fabs"


@cornu_export(["cornu.ops.fabs", "cornu.ops.numpy.fabs"])
def fabs(x: Any) -> Any:
    """Absolute value in floating point, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `|x|`; integer and bool inputs give a `floatx()` result.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.fabs([-1, 2])).tolist()
    [1.0, 2.0]
    """
    if math_dtypes.real_dtype(dtype_name(x)) != dtype_name(x):
        raise TypeError(
            "`fabs` does not support complex inputs. Received: x of dtype "
            f"{dtype_name(x)}. Use `cornu.ops.absolute` for the modulus."
        )
    if isinstance(x, KerasTensor):
        return Fabs().symbolic_call(x)
    return backend.numpy.fabs(x)


class Reciprocal(UnaryFloatOp):
    fn = "reciprocal"


@cornu_export(["cornu.ops.reciprocal", "cornu.ops.numpy.reciprocal"])
def reciprocal(x: Any) -> Any:
    """Reciprocal `1 / x`, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `1 / x`; integer inputs give a `floatx()` result.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.reciprocal([2.0, 4.0])).tolist()
    [0.5, 0.25]
    """
    if isinstance(x, KerasTensor):
        return Reciprocal().symbolic_call(x)
    return backend.numpy.reciprocal(x)


class Square(UnaryOp):
    fn = "square"

    def output_dtype(self, dtype: str) -> str:
        return math_dtypes.int_to_int32(dtype)


@cornu_export(["cornu.ops.square", "cornu.ops.numpy.square"])
def square(x: Any) -> Any:
    """Square of the input, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `x * x`; bool inputs give int32.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.square([2, -3])).tolist()
    [4, 9]
    """
    if isinstance(x, KerasTensor):
        return Square().symbolic_call(x)
    return backend.numpy.square(x)


class Sqrt(UnaryFloatOp):
    fn = "sqrt"


@cornu_export(["cornu.ops.sqrt", "cornu.ops.numpy.sqrt"])
@hot_path
def sqrt(x: Any) -> Any:
    """Non-negative square root, element-wise.

    Args:
        x: Input tensor.

    Returns:
        `sqrt(x)`; integer inputs give a `floatx()` result.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.sqrt([4, 9])).tolist()
    [2.0, 3.0]
    """
    if isinstance(x, KerasTensor):
        return Sqrt().symbolic_call(x)
    return backend.numpy.sqrt(x)


class Cbrt(UnaryFloatOp):
    fn = "cbrt"


@cornu_export(["cornu.ops.cbrt", "cornu.ops.numpy.cbrt"])
def cbrt(x: Any) -> Any:
    """Real cube root, element-wise (negative inputs give negative roots).

    Args:
        x: Input tensor.

    Returns:
        `x ** (1/3)` with the sign of `x`.

    Example:

    >>> y = cornu.ops.cbrt([-8.0, 27.0])
    >>> [round(v, 4) for v in cornu.ops.convert_to_numpy(y).tolist()]
    [-2.0, 3.0]
    """
    if isinstance(x, KerasTensor):
        return Cbrt().symbolic_call(x)
    return backend.numpy.cbrt(x)


class Matmul(Operation):
    def call(self, x1, x2):
        return backend.numpy.matmul(x1, x2)

    def compute_output_spec(self, x1, x2):
        shape = operation_utils.compute_matmul_output_shape(
            shape_of(x1), shape_of(x2)
        )
        return KerasTensor(shape, dtype=matmul_dtype(x1, x2))


def matmul_dtype(x1: Any, x2: Any) -> str:
    """Promoted dtype; int8 products accumulate in int32, as in Keras."""
    dtype = math_dtypes.promote(x1, x2)
    return "int32" if dtype == "int8" else dtype


@cornu_export(["cornu.ops.matmul", "cornu.ops.numpy.matmul"])
@hot_path
def matmul(x1: Any, x2: Any) -> Any:
    """Matrix product of two tensors, as `numpy.matmul`.

    Both operands are stacks of matrices in their last two axes, and the
    leading axes broadcast. A 1-D first operand is treated as a row
    vector, a 1-D second operand as a column vector, and the added axis
    is removed from the result.

    Args:
        x1: First tensor, at least 1-D.
        x2: Second tensor, at least 1-D.

    Returns:
        The matrix product; int8 operands give int32.

    Raises:
        ValueError: for scalar operands, or if the last axis of `x1` and
            the second-to-last axis of `x2` differ.

    Example:

    >>> a = cornu.ops.ones((2, 3))
    >>> cornu.ops.shape(cornu.ops.matmul(a, cornu.ops.ones((3, 4))))
    (2, 4)
    >>> cornu.ops.convert_to_numpy(cornu.ops.matmul([1, 2], [3, 4])).tolist()
    11
    """
    if isinstance(x1, KerasTensor) or isinstance(x2, KerasTensor):
        return Matmul().symbolic_call(x1, x2)
    try:
        return backend.numpy.matmul(x1, x2)
    except Exception:
        # Explain a failure with the same message as the symbolic path
        # (checked only on failure: no cost on the hot path).
        operation_utils.compute_matmul_output_shape(
            shape_of(x1), shape_of(x2)
        )
        raise
