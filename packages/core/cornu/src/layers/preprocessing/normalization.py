"""`Normalization`: shifts and scales features to mean 0 and variance 1."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.layers.layer import Layer
from cornu.src.layers.preprocessing import preprocessing_utils


@cornu_export("cornu.layers.Normalization")
class Normalization(Layer):
    """Normalizes inputs feature-wise: `(x - mean) / sqrt(variance)`.

    The statistics are either given (`mean`, `variance`) or learned by
    `adapt(data)` before training. They are kept per index of the `axis`
    dimensions and shared across the others. The denominator is
    `max(sqrt(variance), epsilon)`, so constant features do not divide by
    zero.

    Args:
        axis: Int, tuple of ints or `None`. The axis or axes that keep
            separate statistics (`-1`, the default, means one mean and
            variance per feature of the last axis); `None` means a single
            mean and variance for everything.
        mean: Optional mean to use instead of `adapt` (a scalar or an
            array broadcastable to the kept axes).
        variance: Optional variance, given together with `mean`.
        invert: If `True`, the layer undoes a normalization:
            `x * sqrt(variance) + mean`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> import numpy as np
    >>> layer = cornu.layers.Normalization()
    >>> layer.adapt(np.array([[0.0, 10.0], [2.0, 30.0]]))
    >>> y = layer(np.array([[1.0, 20.0]]))
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[0.0, 0.0]]
    """

    def __init__(
        self,
        axis: Any = -1,
        mean: Any = None,
        variance: Any = None,
        invert: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        else:
            axis = tuple(axis)
        self.axis = axis
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.supports_masking = True
        self._build_input_shape = None
        self.mean = None
        if (mean is None) != (variance is None):
            raise ValueError(
                "Normalization: when setting values directly, both `mean` "
                f"and `variance` must be set. Received: mean={mean} and "
                f"variance={variance}. Pass both, or neither and call "
                "`adapt(data)`."
            )
        if mean is not None:
            if np.shape(mean) != np.shape(variance):
                raise ValueError(
                    "Normalization: `mean` and `variance` must have the "
                    f"same shape. Received: mean shape {np.shape(mean)} and "
                    f"variance shape {np.shape(variance)}."
                )
            if len(np.shape(mean)) > len(self.axis):
                raise ValueError(
                    "Normalization: the rank of `mean` must be at most the "
                    f"number of kept axes ({len(self.axis)}). Received: mean "
                    f"shape {np.shape(mean)} for axis={self.axis}."
                )

    def build(self, input_shape: Any) -> None:
        if input_shape is None:
            return
        input_shape = tuple(input_shape)
        ndim = len(input_shape)
        self._build_input_shape = input_shape
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError(
                "Normalization: all `axis` values must be in [-ndim, ndim). "
                f"Received inputs with ndim={ndim}, while axis={self.axis}."
            )
        self._keep_axis = tuple(sorted(a % ndim for a in self.axis))
        for d in self._keep_axis:
            if input_shape[d] is None:
                raise ValueError(
                    "Normalization: all `axis` values to be kept must have "
                    f"a known size. Received axis={self.axis}, "
                    f"inputs.shape={input_shape}, with unknown axis at "
                    f"index {d}."
                )
        self._reduce_axis = tuple(
            d for d in range(ndim) if d not in self._keep_axis
        )
        self._broadcast_shape = [
            input_shape[d] if d in self._keep_axis else 1 for d in range(ndim)
        ]
        self._mean_and_var_shape = tuple(
            input_shape[d] for d in self._keep_axis
        )
        if self.input_mean is None:
            # Keras 3's variables, in its order: mean, variance, count.
            self.adapt_mean = self.add_weight(
                name="mean",
                shape=self._mean_and_var_shape,
                initializer="zeros",
                trainable=False,
            )
            self.adapt_variance = self.add_weight(
                name="variance",
                shape=self._mean_and_var_shape,
                initializer="ones",
                trainable=False,
            )
            self.count = self.add_weight(
                name="count",
                shape=(),
                dtype="int",
                initializer="zeros",
                trainable=False,
            )
            self.built = True
            self.finalize_state()
        else:
            mean = np.asarray(self.input_mean, dtype="float64")
            variance = np.asarray(self.input_variance, dtype="float64")
            if mean.ndim:
                expanded = [1] * ndim
                for i in range(1, mean.ndim + 1):
                    expanded[self._keep_axis[-i]] = mean.shape[-i]
                mean = mean.reshape(expanded)
                variance = variance.reshape(expanded)
            shape = tuple(self._broadcast_shape)
            self.mean = ops.convert_to_tensor(
                np.array(np.broadcast_to(mean, shape)), dtype=self.compute_dtype
            )
            self.variance = ops.convert_to_tensor(
                np.array(np.broadcast_to(variance, shape)),
                dtype=self.compute_dtype,
            )
            self.built = True

    def adapt(self, data: Any) -> None:
        """Computes the mean and variance of `data` over the non-kept
        axes (all of it at once, or batch by batch for a generator,
        iterator or `PyDataset`, combining the batches' statistics
        exactly).

        Args:
            data: A NumPy array, a tensor, or an iterable of batches
                (`(x, y)` tuples use `x`).
        """
        batches = preprocessing_utils.iterate_batches(
            data, lists_are_batches=True
        )
        first = next(batches, None)
        if first is None:
            raise ValueError(
                "Normalization.adapt() received an empty iterable (no "
                "batches). Pass a non-empty array or iterable of arrays, "
                "e.g. `layer.adapt(x)`."
            )
        if not hasattr(first, "shape"):
            first = np.asarray(first)
        input_shape = tuple(first.shape)
        if not self.built:
            self.build(input_shape)
        else:
            for d in self._keep_axis:
                if input_shape[d] != self._build_input_shape[d]:
                    raise ValueError(
                        "Normalization: the layer was built with "
                        f"input_shape={self._build_input_shape}, but adapt() "
                        f"received data of shape {input_shape}."
                    )
        total_mean = np.zeros(self._mean_and_var_shape)
        total_var = np.zeros(self._mean_and_var_shape)
        total_count = 0
        for batch in _chain(first, batches):
            batch = preprocessing_utils.to_numpy(batch).astype("float64")
            for d in self._keep_axis:
                if batch.shape[d] != self._build_input_shape[d]:
                    raise ValueError(
                        "Normalization: adapt() received a batch of shape "
                        f"{batch.shape}; expected the kept axes of "
                        f"{self._build_input_shape}."
                    )
            batch_mean = np.mean(batch, axis=self._reduce_axis)
            batch_var = np.var(batch, axis=self._reduce_axis)
            batch_count = math.prod(batch.shape[d] for d in self._reduce_axis)
            total_count += batch_count
            weight = batch_count / total_count
            new_mean = total_mean * (1 - weight) + batch_mean * weight
            total_var = (total_var + (total_mean - new_mean) ** 2) * (
                1 - weight
            ) + (batch_var + (batch_mean - new_mean) ** 2) * weight
            total_mean = new_mean
        self.adapt_mean.assign(total_mean.astype(self.variable_dtype))
        self.adapt_variance.assign(total_var.astype(self.variable_dtype))
        self.finalize_state()

    def finalize_state(self) -> None:
        if self.input_mean is not None or not self.built:
            return
        shape = tuple(self._broadcast_shape)
        self.mean = ops.cast(
            ops.reshape(self.adapt_mean, shape), self.compute_dtype
        )
        self.variance = ops.cast(
            ops.reshape(self.adapt_variance, shape), self.compute_dtype
        )

    def call(self, inputs: Any) -> Any:
        if self.mean is None:
            raise ValueError(
                f"Normalization layer {self.name!r} has no statistics yet. "
                "Call `adapt(data)` or `build(input_shape)` first, or pass "
                "`mean` and `variance`."
            )
        inputs = ops.cast(inputs, self.compute_dtype)
        scale = ops.maximum(ops.sqrt(self.variance), config.epsilon())
        if self.invert:
            return self.mean + inputs * scale
        return (inputs - self.mean) / scale

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "axis": self.axis,
                "invert": self.invert,
                "mean": np.array(self.input_mean).tolist(),
                "variance": np.array(self.input_variance).tolist(),
            }
        )
        return config

    @classmethod
    def from_config(cls, config: dict) -> Normalization:
        config = dict(config)
        if isinstance(config.get("axis"), list):
            config["axis"] = tuple(config["axis"])
        return super().from_config(config)

    def load_own_variables(self, store: Any) -> None:
        super().load_own_variables(store)
        self.finalize_state()

    def get_build_config(self) -> dict | None:
        if self._build_input_shape:
            return {"input_shape": self._build_input_shape}
        return None

    def build_from_config(self, config: dict) -> None:
        if config:
            self.build(config["input_shape"])


def _chain(first: Any, rest: Any):
    yield first
    yield from rest
