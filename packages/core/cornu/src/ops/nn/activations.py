"""Smooth element-wise activations (`cornu.ops.sigmoid`, `cornu.ops.gelu`...)
and the base class shared with `piecewise_activations.py`.

Every activation keeps the input's shape. Float inputs keep their dtype;
integer and bool inputs give `floatx()`, except `relu` and `relu6`, which
keep any dtype (as in Keras).
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.operation import Operation

_FLOATS = ("float16", "float32", "float64", "bfloat16")


def activation_dtype(dtype: str, keeps_int: bool = False) -> str:
    """The output dtype of an activation for an input of `dtype`."""
    if keeps_int or dtype in _FLOATS:
        return dtype
    return config.floatx()


class ElementwiseActivation(Operation):
    """An element-wise activation: backend function `fn` with `options`."""

    fn = ""
    keeps_int = False

    def __init__(self, *, name: str | None = None, **options: Any) -> None:
        super().__init__(name=name)
        self.options = options

    def call(self, x: Any) -> Any:
        return getattr(backend.nn, self.fn)(x, **self.options)

    def compute_output_spec(self, x: KerasTensor) -> KerasTensor:
        return KerasTensor(x.shape, dtype=activation_dtype(x.dtype,
                                                           self.keeps_int))

    def get_config(self) -> dict:
        return {"name": self.name, **self.options}


def check_number(op: str, arg: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"`{op}` expects `{arg}` to be a Python number. Received: "
            f"{arg}={value!r}. Pass e.g. `{arg}=0.5`."
        )



class Sigmoid(ElementwiseActivation):
    fn = "sigmoid"


@cornu_export(["cornu.ops.sigmoid", "cornu.ops.nn.sigmoid"])
@hot_path
def sigmoid(x: Any) -> Any:
    """Logistic sigmoid, `1 / (1 + exp(-x))`.

    Example:

    >>> y = cornu.ops.sigmoid([-1.0, 0.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [0.2689, 0.5, 0.7311]
    """
    if isinstance(x, KerasTensor):
        return Sigmoid().symbolic_call(x)
    return backend.nn.sigmoid(x)



class Softplus(ElementwiseActivation):
    fn = "softplus"


@cornu_export(["cornu.ops.softplus", "cornu.ops.nn.softplus"])
def softplus(x: Any) -> Any:
    """Softplus, `log(1 + exp(x))`, computed without overflow.

    Example:

    >>> y = cornu.ops.softplus([-1.0, 0.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [0.3133, 0.6931, 1.3133]
    """
    if isinstance(x, KerasTensor):
        return Softplus().symbolic_call(x)
    return backend.nn.softplus(x)



class Softsign(ElementwiseActivation):
    fn = "softsign"


@cornu_export(["cornu.ops.softsign", "cornu.ops.nn.softsign"])
def softsign(x: Any) -> Any:
    """Softsign, `x / (abs(x) + 1)`.

    Example:

    >>> y = cornu.ops.softsign([-1.0, 0.0, 3.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [-0.5, 0.0, 0.75]
    """
    if isinstance(x, KerasTensor):
        return Softsign().symbolic_call(x)
    return backend.nn.softsign(x)



class Silu(ElementwiseActivation):
    fn = "silu"


@cornu_export([
    "cornu.ops.silu", "cornu.ops.nn.silu",
    "cornu.ops.swish", "cornu.ops.nn.swish",
])
def silu(x: Any) -> Any:
    """Sigmoid linear unit (swish), `x * sigmoid(x)`.

    Example:

    >>> y = cornu.ops.silu([-1.0, 0.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-0.2689, 0.0, 0.7311]
    """
    if isinstance(x, KerasTensor):
        return Silu().symbolic_call(x)
    return backend.nn.silu(x)



class Squareplus(ElementwiseActivation):
    fn = "squareplus"


@cornu_export(["cornu.ops.squareplus", "cornu.ops.nn.squareplus"])
def squareplus(x: Any, b: float = 4) -> Any:
    """Squareplus, `(x + sqrt(x**2 + b)) / 2`.

    Args:
        x: Input tensor.
        b: Non-negative smoothness parameter. Defaults to `4`.

    Example:

    >>> y = cornu.ops.squareplus([0.0, 1.5])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1.0, 2.0]
    """
    check_number("squareplus", "b", b)
    if b < 0:
        raise ValueError(
            "`squareplus` expects `b` >= 0 (the square root of x**2 + b "
            f"must be real). Received: b={b!r}."
        )
    if isinstance(x, KerasTensor):
        return Squareplus(b=b).symbolic_call(x)
    return backend.nn.squareplus(x, b=b)



class LogSigmoid(ElementwiseActivation):
    fn = "log_sigmoid"


@cornu_export(["cornu.ops.log_sigmoid", "cornu.ops.nn.log_sigmoid"])
def log_sigmoid(x: Any) -> Any:
    """Logarithm of the sigmoid, `-softplus(-x)`, computed stably.

    Example:

    >>> y = cornu.ops.log_sigmoid([0.0, 5.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-0.6931, -0.0067]
    """
    if isinstance(x, KerasTensor):
        return LogSigmoid().symbolic_call(x)
    return backend.nn.log_sigmoid(x)



class Elu(ElementwiseActivation):
    fn = "elu"


@cornu_export(["cornu.ops.elu", "cornu.ops.nn.elu"])
def elu(x: Any, alpha: float = 1.0) -> Any:
    """Exponential linear unit: `x` above 0, `alpha * (exp(x) - 1)` below.

    Args:
        x: Input tensor.
        alpha: Scale of the negative part. Defaults to `1.0`.

    Example:

    >>> y = cornu.ops.elu([-1.0, 0.0, 2.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-0.6321, 0.0, 2.0]
    """
    check_number("elu", "alpha", alpha)
    if isinstance(x, KerasTensor):
        return Elu(alpha=alpha).symbolic_call(x)
    return backend.nn.elu(x, alpha=alpha)



class Selu(ElementwiseActivation):
    fn = "selu"


@cornu_export(["cornu.ops.selu", "cornu.ops.nn.selu"])
def selu(x: Any) -> Any:
    """Scaled ELU, `scale * elu(x, alpha)` with the self-normalizing
    constants `alpha ~ 1.6733`, `scale ~ 1.0507`.

    Example:

    >>> y = cornu.ops.selu([-1.0, 0.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-1.1113, 0.0, 1.0507]
    """
    if isinstance(x, KerasTensor):
        return Selu().symbolic_call(x)
    return backend.nn.selu(x)



class Gelu(ElementwiseActivation):
    fn = "gelu"


@cornu_export(["cornu.ops.gelu", "cornu.ops.nn.gelu"])
def gelu(x: Any, approximate: bool = True) -> Any:
    """Gaussian error linear unit, `x * P(N(0, 1) <= x)`.

    Args:
        x: Input tensor.
        approximate: If `True` (default), use the tanh approximation
            `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3)))`;
            if `False`, the exact `0.5 * x * (1 + erf(x / sqrt(2)))`.

    Example:

    >>> y = cornu.ops.gelu([-1.0, 0.0, 1.0], approximate=False)
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-0.1587, 0.0, 0.8413]
    """
    if not isinstance(approximate, bool):
        raise TypeError(
            "`gelu` expects `approximate` to be a bool. Received: "
            f"approximate={approximate!r}."
        )
    if isinstance(x, KerasTensor):
        return Gelu(approximate=approximate).symbolic_call(x)
    return backend.nn.gelu(x, approximate=approximate)



class Celu(ElementwiseActivation):
    fn = "celu"


@cornu_export(["cornu.ops.celu", "cornu.ops.nn.celu"])
def celu(x: Any, alpha: float = 1.0) -> Any:
    """Continuously differentiable ELU,
    `max(x, 0) + alpha * (exp(min(x, 0) / alpha) - 1)`.

    Args:
        x: Input tensor.
        alpha: Positive float. Defaults to `1.0`.

    Example:

    >>> y = cornu.ops.celu([-1.0, 0.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-0.6321, 0.0, 1.0]
    """
    check_number("celu", "alpha", alpha)
    if alpha == 0:
        raise ValueError(
            "`celu` divides by `alpha`, so it must be non-zero. Received: "
            f"alpha={alpha!r}. Use e.g. alpha=1.0."
        )
    if isinstance(x, KerasTensor):
        return Celu(alpha=alpha).symbolic_call(x)
    return backend.nn.celu(x, alpha=alpha)



class TanhShrink(ElementwiseActivation):
    fn = "tanh_shrink"


@cornu_export(["cornu.ops.tanh_shrink", "cornu.ops.nn.tanh_shrink"])
def tanh_shrink(x: Any) -> Any:
    """Tanh shrinkage, `x - tanh(x)`.

    Example:

    >>> y = cornu.ops.tanh_shrink([-1.0, 0.0, 1.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-0.2384, 0.0, 0.2384]
    """
    if isinstance(x, KerasTensor):
        return TanhShrink().symbolic_call(x)
    return backend.nn.tanh_shrink(x)

