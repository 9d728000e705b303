"""Tensor conversion and inspection: convert_to_tensor, cast, shape..."""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.backend.common import variables
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.keras_tensor import any_symbolic
from cornu.src.ops.operation import Operation


class ConvertToTensor(Operation):
    def __init__(self, dtype=None, sparse=None, ragged=None, *, name=None):
        super().__init__(name=name)
        self.dtype = None if dtype is None else dtypes.standardize_dtype(dtype)
        self.sparse = sparse
        self.ragged = ragged

    def call(self, x):
        return backend.core.convert_to_tensor(
            x, dtype=self.dtype, sparse=self.sparse, ragged=self.ragged
        )

    def compute_output_spec(self, x):
        return KerasTensor(
            x.shape,
            dtype=x.dtype if self.dtype is None else self.dtype,
            sparse=x.sparse and self.sparse is not False,
            ragged=x.ragged and self.ragged is not False,
        )


@cornu_export("cornu.ops.convert_to_tensor")
@hot_path
def convert_to_tensor(
    x: Any,
    dtype: Any = None,
    sparse: bool | None = None,
    ragged: bool | None = None,
) -> Any:
    """Converts a NumPy array, Python value, Variable or tensor to a tensor.

    Python floats become `floatx()`, Python ints `int32`, and NumPy arrays
    keep their dtype, as in Keras. A tensor of the active backend is
    returned unchanged unless `dtype` differs.

    Args:
        x: The value to convert.
        dtype: Target dtype name, or `None` to infer it.
        sparse: Keep a sparse input sparse where the backend supports it.
        ragged: Keep a ragged input ragged where the backend supports it.

    Returns:
        A tensor of the active backend.

    Example:

    >>> x = cornu.ops.convert_to_tensor([1.0, 2.0])
    >>> cornu.ops.shape(x), cornu.ops.dtype(x)
    ((2,), 'float32')
    """
    if dtype is not None:
        dtype = dtypes.standardize_dtype(dtype)
    if any_symbolic((x,)):
        return ConvertToTensor(dtype, sparse, ragged).symbolic_call(x)
    return backend.core.convert_to_tensor(
        x, dtype=dtype, sparse=sparse, ragged=ragged
    )


@cornu_export("cornu.ops.convert_to_numpy")
def convert_to_numpy(x: Any) -> Any:
    """Converts a tensor (or Variable, or Python value) to a NumPy array.

    Raises:
        TypeError: if `x` is a symbolic `KerasTensor`, which has no values.

    Example:

    >>> cornu.ops.convert_to_numpy(cornu.ops.ones((2,))).tolist()
    [1.0, 1.0]
    """
    if any_symbolic((x,)):
        raise TypeError(
            "convert_to_numpy cannot convert a symbolic KerasTensor: it "
            f"holds no values. Received: {x!r}. Build a model from it and "
            "call the model on real data instead."
        )
    return backend.core.convert_to_numpy(x)


@cornu_export("cornu.ops.is_tensor")
def is_tensor(x: Any) -> bool:
    """Whether `x` is a tensor of the active backend.

    Variables, NumPy arrays (except on the numpy backend) and symbolic
    KerasTensors are not backend tensors.

    Example:

    >>> cornu.ops.is_tensor(cornu.ops.ones((2,)))
    True
    >>> cornu.ops.is_tensor([1.0])
    False
    """
    return backend.core.is_tensor(x)


class Cast(Operation):
    def __init__(self, dtype, *, name=None):
        super().__init__(name=name)
        self.dtype = dtypes.standardize_dtype(dtype)

    def call(self, x):
        return backend.core.cast(x, self.dtype)

    def compute_output_spec(self, x):
        return KerasTensor(x.shape, dtype=self.dtype, sparse=x.sparse)


@cornu_export("cornu.ops.cast")
@hot_path
def cast(x: Any, dtype: Any) -> Any:
    """Casts a tensor to `dtype`; floats cast to ints truncate toward zero.

    Args:
        x: A tensor, Variable or Python value.
        dtype: The target dtype.

    Example:

    >>> y = cornu.ops.cast([1.7, -2.2], "int32")
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1, -2]
    """
    dtype = dtypes.standardize_dtype(dtype)
    if any_symbolic((x,)):
        return Cast(dtype).symbolic_call(x)
    return backend.core.cast(x, dtype)


class SaturateCast(Operation):
    def __init__(self, dtype, *, name=None):
        super().__init__(name=name)
        self.dtype = dtypes.standardize_dtype(dtype)

    def call(self, x):
        return backend.core.saturate_cast(x, self.dtype)

    def compute_output_spec(self, x):
        return KerasTensor(x.shape, dtype=self.dtype)


@cornu_export("cornu.ops.saturate_cast")
def saturate_cast(x: Any, dtype: Any) -> Any:
    """Casts to `dtype`, clipping values to its range first.

    A plain `cast` of out-of-range values wraps around or is undefined
    (`cast(256.0, "uint8")` may give 0); `saturate_cast` gives the nearest
    representable value instead (255). NaNs stay undefined.

    Args:
        x: A tensor, Variable or Python value.
        dtype: The target dtype.

    Example:

    >>> y = cornu.ops.saturate_cast([-1.0, 300.0, 7.5], "uint8")
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0, 255, 7]
    """
    dtype = dtypes.standardize_dtype(dtype)
    if any_symbolic((x,)):
        return SaturateCast(dtype).symbolic_call(x)
    return backend.core.saturate_cast(x, dtype)


@cornu_export("cornu.ops.dtype")
def dtype(x: Any) -> str:
    """The dtype of a tensor, Variable or KerasTensor, as a name.

    Example:

    >>> cornu.ops.dtype(cornu.ops.zeros((2,), dtype="int32"))
    'int32'
    """
    if isinstance(x, (KerasTensor, variables.Variable)):
        return x.dtype
    return backend.core.dtype(x)


@cornu_export("cornu.ops.shape")
def shape(x: Any) -> tuple:
    """The shape of a tensor as a tuple (`None` for unknown symbolic dims).

    Example:

    >>> cornu.ops.shape(cornu.ops.zeros((2, 3)))
    (2, 3)
    >>> cornu.ops.shape(cornu.KerasTensor((None, 3)))
    (None, 3)
    """
    if isinstance(x, (KerasTensor, variables.Variable)):
        return x.shape
    return backend.core.shape(x)


class StopGradient(Operation):
    def call(self, variable):
        return backend.core.stop_gradient(variable)

    def compute_output_spec(self, variable):
        return KerasTensor(variable.shape, dtype=variable.dtype)


@cornu_export("cornu.ops.stop_gradient")
def stop_gradient(variable: Any) -> Any:
    """Returns the value of `variable` with no gradient flowing through it.

    Use it to treat a computed value as a constant, e.g. a target in a
    loss. On the numpy backend (no autodiff) it returns the value.

    Args:
        variable: A tensor or Variable.

    Example:

    >>> x = cornu.ops.stop_gradient(cornu.ops.ones((2,)))
    >>> cornu.ops.convert_to_numpy(x).tolist()
    [1.0, 1.0]
    """
    if any_symbolic((variable,)):
        return StopGradient().symbolic_call(variable)
    return backend.core.stop_gradient(variable)
