"""`Hashing`: hashes strings or integers into a fixed number of bins."""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.layers.preprocessing import hash_utils
from cornu.src.layers.preprocessing import preprocessing_utils
from cornu.src.ops.keras_tensor import KerasTensor


@cornu_export("cornu.layers.Hashing")
class Hashing(preprocessing_utils.StringInputLayer):
    """Hashes each value (a string, or an integer through its decimal
    text) into one of `num_bins` bins, as TensorFlow's
    `to_hash_bucket_fast` does: `FarmHash64(value) % num_bins`; with a
    `salt`, `SipHash-2-4(salt, value) % num_bins` (`to_hash_bucket_strong`).
    The bins are the same as Keras 3's. Floats are truncated to integers
    first.

    Args:
        num_bins: The number of bins, including the mask bin 0 when
            `mask_value` is set.
        mask_value: A value that always maps to bin 0 (the others go to
            bins 1 to `num_bins - 1`). Defaults to `None` (no mask).
        salt: An int or a pair of ints keying a stronger hash. Defaults to
            `None` (FarmHash).
        output_mode: `"int"` (default): the bin; `"one_hot"`,
            `"multi_hot"` or `"count"`: encoded as in `CategoryEncoding`.
        sparse: Only `False` is supported.
        **kwargs: Base layer arguments. `dtype` defaults to `"int64"` in
            `"int"` mode and `floatx()` otherwise.

    Example:

    >>> layer = cornu.layers.Hashing(num_bins=3)
    >>> y = layer([["A"], ["B"], ["C"], ["D"], ["E"]])
    >>> cornu.ops.convert_to_numpy(y).ravel().tolist()
    [1, 0, 1, 1, 2]
    """

    def __init__(
        self,
        num_bins: int,
        mask_value: Any = None,
        salt: Any = None,
        output_mode: str = "int",
        sparse: bool = False,
        **kwargs: Any,
    ) -> None:
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = (
                "int64" if output_mode == "int" else config.floatx()
            )
        super().__init__(**kwargs)
        if num_bins is None or num_bins <= 0:
            raise ValueError(
                "Hashing: `num_bins` must be a positive int. Received: "
                f"num_bins={num_bins}."
            )
        if output_mode == "int" and self.dtype_policy.name not in (
            "int32",
            "int64",
        ):
            raise ValueError(
                "Hashing: when `output_mode='int'`, `dtype` must be 'int32' "
                f"or 'int64'. Received: dtype={kwargs['dtype']}."
            )
        accepted = ("int", "one_hot", "multi_hot", "count")
        if output_mode not in accepted:
            raise ValueError(
                "Hashing: invalid `output_mode`. Expected one of "
                f"{accepted}. Received: output_mode={output_mode!r}."
            )
        if sparse:
            raise ValueError(
                "Hashing: sparse outputs are not supported. Received: "
                "sparse=True. Use `sparse=False`."
            )
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.strong_hash = salt is not None
        self.output_mode = output_mode
        self.sparse = sparse
        self.salt = None
        if salt is not None:
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                self.salt = list(salt)
            elif isinstance(salt, int):
                self.salt = [salt, salt]
            else:
                raise ValueError(
                    "Hashing: `salt` must be an int or a pair of ints. "
                    f"Received: salt={salt}."
                )
        self.built = True

    def call(self, inputs: Any) -> Any:
        values = preprocessing_utils.to_numpy(inputs)
        if preprocessing_utils.is_string_array(values):
            values = preprocessing_utils.to_text(values)
        if (
            self.output_mode == "one_hot"
            and values.ndim
            and values.shape[-1] == 1
        ):
            values = values[..., 0]
        bins = ops.convert_to_tensor(self._hash_values_to_bins(values))
        return preprocessing_utils.encode_categorical(
            bins, self.output_mode, self.num_bins, self.compute_dtype
        )

    def _hash_values_to_bins(self, values: np.ndarray) -> np.ndarray:
        num_bins = self.num_bins
        mask = None
        if self.mask_value is not None and num_bins > 1:
            num_bins -= 1
            mask_value = self.mask_value
            if isinstance(mask_value, bytes):
                mask_value = mask_value.decode("utf-8")
            mask = values == mask_value
        bins = hash_utils.hash_to_buckets(values, num_bins, key=self.salt)
        if mask is not None:
            bins = np.where(mask, 0, bins + 1)
        return bins

    def compute_output_shape(self, input_shape: Any) -> tuple:
        # Keras 3 returns `input_shape[:-1] + (num_bins,)` in "one_hot" mode
        # even for 1-D inputs, whose output is `(batch, num_bins)`; this is
        # the shape `call` returns.
        return preprocessing_utils.encoded_shape(
            tuple(input_shape), self.output_mode, self.num_bins
        )

    def compute_output_spec(self, inputs: Any) -> KerasTensor:
        return KerasTensor(
            self.compute_output_shape(inputs.shape), dtype=self.compute_dtype
        )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "num_bins": self.num_bins,
                "salt": self.salt,
                "mask_value": self.mask_value,
                "output_mode": self.output_mode,
                "sparse": self.sparse,
            }
        )
        return config
