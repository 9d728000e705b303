"""`CategoryEncoding`: one-hot, multi-hot or count encoding of integer
features."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.layer import Layer
from cornu.src.layers.preprocessing import preprocessing_utils
from cornu.src.ops.keras_tensor import KerasTensor


@cornu_export("cornu.layers.CategoryEncoding")
class CategoryEncoding(Layer):
    """Encodes integer features (token ids in `[0, num_tokens)`) as dense
    vectors of length `num_tokens`.

    Use it after an `IntegerLookup`, `Hashing` or any layer producing
    small non-negative ids, when a model wants fixed-size vectors rather
    than ids.

    Args:
        num_tokens: The number of tokens (the output's last size); every
            input value must be in `[0, num_tokens)`.
        output_mode: `"multi_hot"` (default; `"binary"` is an alias): per
            sample, 1 for each token present; `"count"`: per sample, the
            number of times each token occurs; `"one_hot"`: one vector per
            input value (a trailing axis of size 1 is replaced).
        sparse: Only `False` (dense outputs) is supported.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        inputs: Integer tensor of shape `()`, `(batch,)` or
            `(batch, length)`.
        count_weights: Optional weights, the shape of `inputs`, summed
            instead of 1s in `"count"` mode.

    Example:

    >>> layer = cornu.layers.CategoryEncoding(num_tokens=4,
    ...                                       output_mode="count")
    >>> y = layer(cornu.ops.convert_to_tensor([[0, 1, 1], [3, 3, 2]]))
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[1.0, 2.0, 0.0, 0.0], [0.0, 0.0, 1.0, 2.0]]
    """

    def __init__(
        self,
        num_tokens: int | None = None,
        output_mode: str = "multi_hot",
        sparse: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        output_mode = preprocessing_utils.check_output_mode(
            "CategoryEncoding", output_mode, ("count", "one_hot", "multi_hot")
        )
        if num_tokens is None:
            raise ValueError(
                "CategoryEncoding: `num_tokens` must be set. Received: "
                "num_tokens=None. If the number of tokens is not known "
                "beforehand, use the IntegerLookup layer instead."
            )
        if num_tokens < 1:
            raise ValueError(
                "CategoryEncoding: `num_tokens` must be >= 1. Received: "
                f"num_tokens={num_tokens}."
            )
        if sparse:
            raise ValueError(
                "CategoryEncoding: sparse outputs are not supported. "
                "Received: sparse=True. Use `sparse=False`."
            )
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse
        self.built = True

    def call(self, inputs: Any, count_weights: Any = None) -> Any:
        if count_weights is not None:
            if self.output_mode != "count":
                raise ValueError(
                    "CategoryEncoding: `count_weights` is only used when "
                    "`output_mode='count'`. Received: "
                    f"output_mode={self.output_mode!r} with count_weights."
                )
            count_weights = ops.convert_to_tensor(
                count_weights, dtype=self.compute_dtype
            )
        return preprocessing_utils.encode_categorical(
            inputs,
            self.output_mode,
            self.num_tokens,
            self.compute_dtype,
            count_weights=count_weights,
        )

    def compute_output_shape(self, input_shape: Any) -> tuple:
        return preprocessing_utils.encoded_shape(
            input_shape, self.output_mode, self.num_tokens
        )

    def compute_output_spec(
        self, inputs: Any, count_weights: Any = None
    ) -> KerasTensor:
        return KerasTensor(
            self.compute_output_shape(inputs.shape), dtype=self.compute_dtype
        )

    def get_config(self) -> dict:
        # As in Keras 3, `sparse` is not part of the config.
        config = super().get_config()
        config.update(
            {"num_tokens": self.num_tokens, "output_mode": self.output_mode}
        )
        return config
