"""`Discretization`: buckets continuous features into integer bins."""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.layers.layer import Layer
from cornu.src.layers.preprocessing import preprocessing_utils
from cornu.src.ops.keras_tensor import KerasTensor


@cornu_export("cornu.layers.Discretization")
class Discretization(Layer):
    """Maps continuous values to the index of the bin they fall in.

    With `bin_boundaries=[0., 1., 2.]` the bins are `(-inf, 0)`,
    `[0, 1)`, `[1, 2)` and `[2, inf)`, giving indices 0 to 3. With
    `num_bins`, `adapt(data)` picks boundaries at approximate quantiles
    of the data (Keras 3's streaming summary, accurate to `epsilon`), so
    each bin holds about as many values.

    Args:
        bin_boundaries: Sorted list of boundaries. Give this or `num_bins`.
        num_bins: The number of bins to learn with `adapt`.
        epsilon: Error tolerance of the quantile summary (smaller is more
            exact and uses more memory). Defaults to `0.01`.
        output_mode: `"int"` (default): the bin index; `"one_hot"`,
            `"multi_hot"` or `"count"`: encoded as in `CategoryEncoding`.
        sparse: Only `False` is supported.
        dtype: The layer's dtype policy.
        name: The layer's name.

    Example:

    >>> import numpy as np
    >>> layer = cornu.layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0])
    >>> y = layer(np.array([[-1.5, 0.0, 1.5, 3.0]]))
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[0, 1, 2, 3]]
    """

    def __init__(
        self,
        bin_boundaries: Any = None,
        num_bins: int | None = None,
        epsilon: float = 0.01,
        output_mode: str = "int",
        sparse: bool = False,
        dtype: Any = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        if sparse:
            raise ValueError(
                "Discretization: sparse outputs are not supported. "
                "Received: sparse=True. Use `sparse=False`."
            )
        output_mode = preprocessing_utils.check_output_mode(
            "Discretization",
            output_mode,
            ("int", "one_hot", "multi_hot", "count"),
        )
        if num_bins is not None and num_bins < 0:
            raise ValueError(
                "Discretization: `num_bins` must be >= 0. Received: "
                f"num_bins={num_bins}."
            )
        if num_bins is not None and bin_boundaries is not None:
            raise ValueError(
                "Discretization: set `num_bins` or `bin_boundaries`, not "
                f"both. Received: num_bins={num_bins} and "
                f"bin_boundaries={bin_boundaries}."
            )
        if num_bins is None and bin_boundaries is None:
            raise ValueError(
                "Discretization: set either `num_bins` (and call `adapt`) "
                "or `bin_boundaries`. Received neither."
            )
        self.bin_boundaries = bin_boundaries
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse
        self.summary = None if bin_boundaries else _empty_summary()
        self.built = True

    @property
    def input_dtype(self) -> str:
        return config.floatx()

    @property
    def output_dtype(self) -> str:
        return self.compute_dtype if self.output_mode != "int" else "int32"

    def adapt(self, data: Any, steps: int | None = None) -> None:
        """Learns `num_bins - 1` boundaries at quantiles of `data` (an
        array, tensor or an iterable of batches, at most `steps` of
        them)."""
        if self.num_bins is None:
            raise ValueError(
                "Discretization: cannot adapt a layer created with "
                "`bin_boundaries`. Create it with `num_bins` instead."
            )
        self.reset_state()
        for batch in preprocessing_utils.iterate_batches(data, steps):
            self.update_state(batch)
        self.finalize_state()

    def update_state(self, data: Any) -> None:
        values = preprocessing_utils.to_numpy(data).astype("float32")
        summary = _summarize(values, self.epsilon)
        self.summary = _merge_summaries(summary, self.summary, self.epsilon)

    def finalize_state(self) -> None:
        if self.num_bins is None:
            return
        self.bin_boundaries = _bin_boundaries(
            self.summary, self.num_bins
        ).tolist()

    def reset_state(self) -> None:
        if self.num_bins is None:
            return
        self.summary = _empty_summary()

    def call(self, inputs: Any) -> Any:
        if self.bin_boundaries is None:
            raise ValueError(
                f"Discretization layer {self.name!r} has no bin boundaries: "
                "pass `bin_boundaries` when creating it, or call "
                "`adapt(data)` before using it."
            )
        indices = ops.digitize(inputs, self.bin_boundaries)
        return preprocessing_utils.encode_categorical(
            indices,
            self.output_mode,
            len(self.bin_boundaries) + 1,
            self.output_dtype,
        )

    def compute_output_shape(self, input_shape: Any) -> tuple:
        if self.bin_boundaries is not None:
            depth = len(self.bin_boundaries) + 1
        else:
            depth = self.num_bins
        return preprocessing_utils.encoded_shape(
            input_shape, self.output_mode, depth
        )

    def compute_output_spec(self, inputs: Any) -> KerasTensor:
        return KerasTensor(
            self.compute_output_shape(inputs.shape), dtype=self.output_dtype
        )

    def load_own_variables(self, store: Any) -> None:
        if len(store) == 1:
            self.summary = store["0"]

    def get_config(self) -> dict:
        return {
            "bin_boundaries": self.bin_boundaries,
            "num_bins": self.num_bins,
            "epsilon": self.epsilon,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
            "name": self.name,
            "dtype": self.dtype,
        }

    @classmethod
    def from_config(cls, config: dict) -> Discretization:
        config = dict(config)
        if (
            config.get("bin_boundaries") is not None
            and config.get("num_bins") is not None
        ):
            # An adapted layer: both are saved; restore the boundaries.
            bin_boundaries = config.pop("bin_boundaries")
            layer = cls(**config)
            layer.bin_boundaries = bin_boundaries
            return layer
        return cls(**config)


def _empty_summary() -> np.ndarray:
    return np.array([[], []], dtype="float32")


def _summarize(values: np.ndarray, epsilon: float) -> np.ndarray:
    """A `(2, n)` summary of `values`: every `step`-th sorted value and
    the weight (number of values) it stands for."""
    values = np.sort(np.reshape(values, [-1]))
    # Keras 3's arithmetic, kept as is: the float rounding decides `step`.
    step = max(values.size / (1.0 / epsilon), 1)
    boundaries = values[int(step - 1) :: int(step)]
    weights = np.full(boundaries.shape, step, dtype=boundaries.dtype)
    return np.stack([boundaries, weights])


def _merge_summaries(
    first: np.ndarray, second: np.ndarray, epsilon: float
) -> np.ndarray:
    merged = np.concatenate((first, second), axis=1)
    merged = np.take(merged, np.argsort(merged[0]), axis=1)
    return _compress_summary(merged, epsilon)


def _bin_boundaries(summary: np.ndarray, num_bins: int) -> np.ndarray:
    return _compress_summary(summary, 1.0 / num_bins)[0, :-1]


def _compress_summary(summary: np.ndarray, epsilon: float) -> np.ndarray:
    """Interpolates the summary at the cumulative-weight fractions
    `epsilon, 2 epsilon, ..., 1`, when it holds more points than that."""
    if summary.shape[1] * epsilon < 1:
        return summary
    percents = epsilon + np.arange(0.0, 1.0, epsilon)
    cum_weights = summary[1].cumsum()
    fractions = cum_weights / cum_weights[-1]
    new_bins = np.interp(percents, fractions, summary[0])
    new_cum = np.interp(percents, fractions, cum_weights)
    new_weights = new_cum - np.concatenate((np.array([0]), new_cum[:-1]))
    return np.stack((new_bins, new_weights)).astype("float32")
