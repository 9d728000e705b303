"""`VarianceScaling` and its presets (Glorot, He, Lecun), and
`compute_fans`."""

from __future__ import annotations

import math
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.initializers.random_initializers import RandomInitializer
from cornu.src.random import random
from cornu.src.saving import serialization_lib

# Standard deviation of a unit normal truncated to [-2, 2].
_TRUNCATED_STDDEV = 0.87962566103423978
_MODES = ("fan_in", "fan_out", "fan_avg")
_DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")


def compute_fans(
    shape: Any, input_axes: Any = None, output_axes: Any = None
) -> tuple[int, int]:
    """`(fan_in, fan_out)` of a weight shape.

    With both `input_axes` and `output_axes` given, the fans are the
    products of the sizes of those axes. Otherwise vectors use their
    length for both; matrices are `(fan_in, fan_out)`; conv kernels
    `(*spatial, in, out)` multiply `in` and `out` by the receptive field
    size `prod(spatial)`.
    """
    shape = tuple(shape)
    if input_axes is not None and output_axes is not None:
        return (
            int(math.prod(shape[axis] for axis in input_axes)),
            int(math.prod(shape[axis] for axis in output_axes)),
        )
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return int(shape[0]), int(shape[0])
    receptive_field = 1
    for dim in shape[:-2]:
        receptive_field *= dim
    return (int(shape[-2] * receptive_field), int(shape[-1] * receptive_field))


@cornu_export(
    [
        "cornu.initializers.VarianceScaling",
        "cornu.initializers.variance_scaling",
    ]
)
class VarianceScaling(RandomInitializer):
    """Samples with a variance scaled to the weight's fan-in/fan-out.

    With `n` the fan chosen by `mode` (`fan_in`, `fan_out` or their mean
    `fan_avg`), normal distributions have `stddev = sqrt(scale / n)` (after
    truncation at two standard deviations for `"truncated_normal"`), and
    `"uniform"` samples from `[-limit, limit]` with
    `limit = sqrt(3 * scale / n)`.

    Args:
        scale: Positive float. Defaults to `1.0`.
        mode: `"fan_in"` (default), `"fan_out"` or `"fan_avg"`.
        distribution: `"truncated_normal"` (default; `"normal"` means the
            same), `"untruncated_normal"` or `"uniform"`.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.
        input_axes: Optional list of axes whose sizes multiply to the
            fan-in (used only together with `output_axes`).
        output_axes: Optional list of axes whose sizes multiply to the
            fan-out (used only together with `input_axes`).

    Example:

    >>> init = cornu.initializers.VarianceScaling(
    ...     scale=3.0, mode="fan_in", distribution="uniform", seed=0)
    >>> x = cornu.ops.convert_to_numpy(init((9, 100)))
    >>> bool(abs(x).max() <= 1.0)
    True
    """

    def __init__(
        self,
        scale: float = 1.0,
        mode: str = "fan_in",
        distribution: str = "truncated_normal",
        seed: Any = None,
        input_axes: Any = None,
        output_axes: Any = None,
    ) -> None:
        if not isinstance(scale, (int, float)) or not scale > 0.0:
            raise ValueError(
                f"{type(self).__name__} expects `scale` to be a positive "
                f"float. Received: scale={scale!r}."
            )
        if mode not in _MODES:
            raise ValueError(
                f"{type(self).__name__} expects `mode` in {_MODES}. "
                f"Received: mode={mode!r}."
            )
        name = (
            distribution.lower()
            if isinstance(distribution, str)
            else (distribution)
        )
        if name == "normal":
            name = "truncated_normal"
        if name not in _DISTRIBUTIONS:
            raise ValueError(
                f"{type(self).__name__} expects `distribution` in "
                f"{_DISTRIBUTIONS} (or 'normal'). Received: "
                f"distribution={distribution!r}."
            )
        self.scale = scale
        self.mode = mode
        self.distribution = name
        self.input_axes = input_axes
        self.output_axes = output_axes
        super().__init__(seed=seed)

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        fan_in, fan_out = compute_fans(
            shape, input_axes=self.input_axes, output_axes=self.output_axes
        )
        fan = {
            "fan_in": fan_in,
            "fan_out": fan_out,
            "fan_avg": (fan_in + fan_out) / 2.0,
        }[self.mode]
        scale = self.scale / max(1.0, fan)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(scale) / _TRUNCATED_STDDEV
            return random.truncated_normal(
                shape, stddev=stddev, dtype=dtype, seed=self.seed
            )
        if self.distribution == "untruncated_normal":
            return random.normal(
                shape, stddev=math.sqrt(scale), dtype=dtype, seed=self.seed
            )
        limit = math.sqrt(3.0 * scale)
        return random.uniform(
            shape, minval=-limit, maxval=limit, dtype=dtype, seed=self.seed
        )

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "scale": self.scale,
            "mode": self.mode,
            "distribution": self.distribution,
            "input_axes": self.input_axes,
            "output_axes": self.output_axes,
        }


class _Preset(VarianceScaling):
    """A VarianceScaling whose arguments are `seed` and the fan axes."""

    _SCALE = 1.0
    _MODE = "fan_in"
    _DISTRIBUTION = "truncated_normal"

    def __init__(
        self, seed: Any = None, input_axes: Any = None, output_axes: Any = None
    ) -> None:
        super().__init__(
            scale=self._SCALE,
            mode=self._MODE,
            distribution=self._DISTRIBUTION,
            seed=seed,
            input_axes=input_axes,
            output_axes=output_axes,
        )

    def get_config(self) -> dict:
        return {
            "seed": serialization_lib.serialize_keras_object(self._init_seed),
            "input_axes": self.input_axes,
            "output_axes": self.output_axes,
        }


@cornu_export(
    ["cornu.initializers.GlorotUniform", "cornu.initializers.glorot_uniform"]
)
class GlorotUniform(_Preset):
    """Glorot (Xavier) uniform: `U(-limit, limit)`,
    `limit = sqrt(6 / (fan_in + fan_out))`.

    Args:
        seed: An int, a `cornu.random.SeedGenerator` or `None`.
        input_axes: Optional axes of the fan-in, as in `VarianceScaling`.
        output_axes: Optional axes of the fan-out, as in `VarianceScaling`.

    Example:

    >>> x = cornu.ops.convert_to_numpy(
    ...     cornu.initializers.GlorotUniform(seed=0)((4, 2)))
    >>> bool(abs(x).max() <= 1.0)
    True

    Reference: Glorot & Bengio, 2010.
    """

    _MODE = "fan_avg"
    _DISTRIBUTION = "uniform"


@cornu_export(
    ["cornu.initializers.GlorotNormal", "cornu.initializers.glorot_normal"]
)
class GlorotNormal(_Preset):
    """Glorot (Xavier) normal: truncated normal with
    `stddev = sqrt(2 / (fan_in + fan_out))`.

    Args:
        seed: An int, a `cornu.random.SeedGenerator` or `None`.
        input_axes: Optional axes of the fan-in, as in `VarianceScaling`.
        output_axes: Optional axes of the fan-out, as in `VarianceScaling`.

    Example:

    >>> x = cornu.initializers.GlorotNormal(seed=0)((4, 2))
    >>> tuple(x.shape)
    (4, 2)

    Reference: Glorot & Bengio, 2010.
    """

    _MODE = "fan_avg"


@cornu_export(
    ["cornu.initializers.LecunNormal", "cornu.initializers.lecun_normal"]
)
class LecunNormal(_Preset):
    """Lecun normal: truncated normal with `stddev = sqrt(1 / fan_in)`.

    Args:
        seed: An int, a `cornu.random.SeedGenerator` or `None`.
        input_axes: Optional axes of the fan-in, as in `VarianceScaling`.
        output_axes: Optional axes of the fan-out, as in `VarianceScaling`.

    Example:

    >>> tuple(cornu.initializers.LecunNormal(seed=0)((4, 2)).shape)
    (4, 2)

    Reference: Klambauer et al., 2017.
    """


@cornu_export(
    ["cornu.initializers.LecunUniform", "cornu.initializers.lecun_uniform"]
)
class LecunUniform(_Preset):
    """Lecun uniform: `U(-limit, limit)`, `limit = sqrt(3 / fan_in)`.

    Args:
        seed: An int, a `cornu.random.SeedGenerator` or `None`.
        input_axes: Optional axes of the fan-in, as in `VarianceScaling`.
        output_axes: Optional axes of the fan-out, as in `VarianceScaling`.

    Example:

    >>> x = cornu.ops.convert_to_numpy(
    ...     cornu.initializers.LecunUniform(seed=0)((3, 2)))
    >>> bool(abs(x).max() <= 1.0)
    True

    Reference: Klambauer et al., 2017.
    """

    _DISTRIBUTION = "uniform"


@cornu_export(["cornu.initializers.HeNormal", "cornu.initializers.he_normal"])
class HeNormal(_Preset):
    """He normal: truncated normal with `stddev = sqrt(2 / fan_in)`.

    Args:
        seed: An int, a `cornu.random.SeedGenerator` or `None`.
        input_axes: Optional axes of the fan-in, as in `VarianceScaling`.
        output_axes: Optional axes of the fan-out, as in `VarianceScaling`.

    Example:

    >>> tuple(cornu.initializers.HeNormal(seed=0)((4, 2)).shape)
    (4, 2)

    Reference: He et al., 2015.
    """

    _SCALE = 2.0


@cornu_export(["cornu.initializers.HeUniform", "cornu.initializers.he_uniform"])
class HeUniform(_Preset):
    """He uniform: `U(-limit, limit)`, `limit = sqrt(6 / fan_in)`.

    Args:
        seed: An int, a `cornu.random.SeedGenerator` or `None`.
        input_axes: Optional axes of the fan-in, as in `VarianceScaling`.
        output_axes: Optional axes of the fan-out, as in `VarianceScaling`.

    Example:

    >>> x = cornu.ops.convert_to_numpy(
    ...     cornu.initializers.HeUniform(seed=0)((6, 2)))
    >>> bool(abs(x).max() <= 1.0)
    True

    Reference: He et al., 2015.
    """

    _SCALE = 2.0
    _DISTRIBUTION = "uniform"
