"""Piecewise-linear and shrinkage activations (`cornu.ops.relu`,
`cornu.ops.hard_sigmoid`, `cornu.ops.soft_shrink`...).

Shape and dtype rules as in `activations.py`: float inputs keep their
dtype, integer and bool inputs give `floatx()`, except `relu` and `relu6`.
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.ops.hot_path import hot_path
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.nn.activations import ElementwiseActivation
from cornu.src.ops.nn.activations import check_number


class Relu(ElementwiseActivation):
    fn = "relu"
    keeps_int = True


@cornu_export(["cornu.ops.relu", "cornu.ops.nn.relu"])
@hot_path
def relu(x: Any) -> Any:
    """Rectified linear unit, `max(x, 0)`.

    Example:

    >>> y = cornu.ops.relu([-1.0, 0.0, 2.5])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.0, 2.5]
    """
    if isinstance(x, KerasTensor):
        return Relu().symbolic_call(x)
    return backend.nn.relu(x)



class Relu6(ElementwiseActivation):
    fn = "relu6"
    keeps_int = True


@cornu_export(["cornu.ops.relu6", "cornu.ops.nn.relu6"])
def relu6(x: Any) -> Any:
    """Rectified linear unit capped at 6, `clip(x, 0, 6)`.

    Example:

    >>> y = cornu.ops.relu6([-3.0, 0.5, 8.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.5, 6.0]
    """
    if isinstance(x, KerasTensor):
        return Relu6().symbolic_call(x)
    return backend.nn.relu6(x)



class SparseSigmoid(ElementwiseActivation):
    fn = "sparse_sigmoid"


@cornu_export(["cornu.ops.sparse_sigmoid", "cornu.ops.nn.sparse_sigmoid"])
def sparse_sigmoid(x: Any) -> Any:
    """Piecewise-linear sigmoid: `clip(0.5 * (x + 1), 0, 1)`.

    Example:

    >>> y = cornu.ops.sparse_sigmoid([-2.0, 0.0, 0.5, 3.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.5, 0.75, 1.0]
    """
    if isinstance(x, KerasTensor):
        return SparseSigmoid().symbolic_call(x)
    return backend.nn.sparse_sigmoid(x)



class SoftShrink(ElementwiseActivation):
    fn = "soft_shrink"


@cornu_export(["cornu.ops.soft_shrink", "cornu.ops.nn.soft_shrink"])
def soft_shrink(x: Any, threshold: float = 0.5) -> Any:
    """Soft shrinkage: `x - t` above `t`, `x + t` below `-t`, else 0.

    Args:
        x: Input tensor.
        threshold: Non-negative float `t`. Defaults to `0.5`.

    Example:

    >>> y = cornu.ops.soft_shrink([-1.0, 0.25, 2.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [-0.5, 0.0, 1.5]
    """
    check_number("soft_shrink", "threshold", threshold)
    if isinstance(x, KerasTensor):
        return SoftShrink(threshold=threshold).symbolic_call(x)
    return backend.nn.soft_shrink(x, threshold=threshold)



class SparsePlus(ElementwiseActivation):
    fn = "sparse_plus"


@cornu_export(["cornu.ops.sparse_plus", "cornu.ops.nn.sparse_plus"])
def sparse_plus(x: Any) -> Any:
    """SparsePlus: 0 below -1, `(x + 1)**2 / 4` on (-1, 1), `x` above 1.

    Example:

    >>> y = cornu.ops.sparse_plus([-2.0, 0.0, 2.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.25, 2.0]
    """
    if isinstance(x, KerasTensor):
        return SparsePlus().symbolic_call(x)
    return backend.nn.sparse_plus(x)



class LeakyRelu(ElementwiseActivation):
    fn = "leaky_relu"


@cornu_export(["cornu.ops.leaky_relu", "cornu.ops.nn.leaky_relu"])
def leaky_relu(x: Any, negative_slope: float = 0.2) -> Any:
    """Leaky ReLU: `x` for `x >= 0`, `negative_slope * x` otherwise.

    Args:
        x: Input tensor.
        negative_slope: Slope below zero. Defaults to `0.2`.

    Example:

    >>> y = cornu.ops.leaky_relu([-1.0, 0.0, 2.0])
    >>> cornu.ops.convert_to_numpy(y).astype("float64").round(4).tolist()
    [-0.2, 0.0, 2.0]
    """
    check_number("leaky_relu", "negative_slope", negative_slope)
    if isinstance(x, KerasTensor):
        return LeakyRelu(negative_slope=negative_slope).symbolic_call(x)
    return backend.nn.leaky_relu(x, negative_slope=negative_slope)



class HardSigmoid(ElementwiseActivation):
    fn = "hard_sigmoid"


@cornu_export(["cornu.ops.hard_sigmoid", "cornu.ops.nn.hard_sigmoid"])
def hard_sigmoid(x: Any) -> Any:
    """Hard sigmoid, `clip(x / 6 + 0.5, 0, 1)` (Keras 3's definition).

    Example:

    >>> y = cornu.ops.hard_sigmoid([-4.0, 0.0, 1.5, 4.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.5, 0.75, 1.0]
    """
    if isinstance(x, KerasTensor):
        return HardSigmoid().symbolic_call(x)
    return backend.nn.hard_sigmoid(x)



class HardSilu(ElementwiseActivation):
    fn = "hard_silu"


@cornu_export([
    "cornu.ops.hard_silu", "cornu.ops.nn.hard_silu",
    "cornu.ops.hard_swish", "cornu.ops.nn.hard_swish",
])
def hard_silu(x: Any) -> Any:
    """Hard SiLU (hard swish), `x * hard_sigmoid(x)`.

    Example:

    >>> y = cornu.ops.hard_silu([-1.5, 0.0, 1.5, 4.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [-0.375, 0.0, 1.125, 4.0]
    """
    if isinstance(x, KerasTensor):
        return HardSilu().symbolic_call(x)
    return backend.nn.hard_silu(x)



class HardTanh(ElementwiseActivation):
    fn = "hard_tanh"


@cornu_export(["cornu.ops.hard_tanh", "cornu.ops.nn.hard_tanh"])
def hard_tanh(x: Any) -> Any:
    """Hard tanh, `clip(x, -1, 1)`.

    Example:

    >>> y = cornu.ops.hard_tanh([-2.0, 0.5, 3.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [-1.0, 0.5, 1.0]
    """
    if isinstance(x, KerasTensor):
        return HardTanh().symbolic_call(x)
    return backend.nn.hard_tanh(x)



class HardShrink(ElementwiseActivation):
    fn = "hard_shrink"


@cornu_export(["cornu.ops.hard_shrink", "cornu.ops.nn.hard_shrink"])
def hard_shrink(x: Any, threshold: float = 0.5) -> Any:
    """Hard shrinkage: `x` where `abs(x) > threshold`, else 0.

    Args:
        x: Input tensor.
        threshold: Non-negative float. Defaults to `0.5`.

    Example:

    >>> y = cornu.ops.hard_shrink([-1.0, 0.25, 2.0])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [-1.0, 0.0, 2.0]
    """
    check_number("hard_shrink", "threshold", threshold)
    if isinstance(x, KerasTensor):
        return HardShrink(threshold=threshold).symbolic_call(x)
    return backend.nn.hard_shrink(x, threshold=threshold)



class Threshold(ElementwiseActivation):
    fn = "threshold"


@cornu_export(["cornu.ops.threshold", "cornu.ops.nn.threshold"])
def threshold(x: Any, threshold: float, default_value: float) -> Any:
    """Keeps `x` where `x > threshold`, else writes `default_value`.

    Args:
        x: Input tensor.
        threshold: The value `x` must exceed to be kept.
        default_value: The value written where `x <= threshold`.

    Example:

    >>> y = cornu.ops.threshold([-1.0, 1.0, 2.0], 1, 0)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [0.0, 0.0, 2.0]
    """
    check_number("threshold", "threshold", threshold)
    check_number("threshold", "default_value", default_value)
    if isinstance(x, KerasTensor):
        return Threshold(
            threshold=threshold, default_value=default_value
        ).symbolic_call(x)
    return backend.nn.threshold(x, threshold, default_value)
