"""`Embedding`: turns integer indices into dense vectors."""

from __future__ import annotations

import warnings
from typing import Any

from cornu.src import constraints
from cornu.src import initializers
from cornu.src import ops
from cornu.src import regularizers
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.layers import layer_config
from cornu.src.layers.layer import Layer
from cornu.src.ops.keras_tensor import KerasTensor


def _check_dim(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f"Embedding expects `{name}` to be a positive integer. "
            f"Received: {name}={value!r}."
        )


@cornu_export("cornu.layers.Embedding")
class Embedding(Layer):
    """Turns non-negative integers (indices) into dense vectors of fixed
    size: row `i` of the `embeddings` matrix for index `i`.

    Args:
        input_dim: Size of the vocabulary (largest index + 1).
        output_dim: Size of each embedding vector.
        embeddings_initializer: Initializer of the `embeddings` matrix.
            Defaults to `"uniform"` (uniform in `[-0.05, 0.05]`).
        embeddings_regularizer: Optional regularizer of the matrix.
        embeddings_constraint: Optional constraint of the matrix.
        mask_zero: Whether index 0 is padding: the output mask is then
            `inputs != 0` (and index 0 cannot be a real token, so
            `input_dim` should be the vocabulary size + 1).
        weights: Optional initial matrix of shape `(input_dim,
            output_dim)` (or a one-element list of it).
        lora_rank: If set, the matrix is frozen and a trainable low-rank
            update `lora_embeddings_a @ lora_embeddings_b` is added.
        lora_alpha: The update is scaled by `lora_alpha / lora_rank`
            (defaults to `lora_rank`).
        quantization_config: Accepted for Keras 3 compatibility (its
            configs hold `None` here); must be `None`, since quantized
            layers are not supported yet.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Input shape: `(batch_size, ...)` integers. Output shape:
    `(batch_size, ..., output_dim)`.

    Example:

    >>> layer = cornu.layers.Embedding(10, 4)
    >>> y = layer(cornu.ops.convert_to_tensor([[1, 2, 3]]))
    >>> cornu.ops.shape(y), layer.count_params()
    ((1, 3, 4), 40)
    """

    def __init__(
        self,
        input_dim: int,
        output_dim: int,
        embeddings_initializer: Any = "uniform",
        embeddings_regularizer: Any = None,
        embeddings_constraint: Any = None,
        mask_zero: bool = False,
        weights: Any = None,
        lora_rank: int | None = None,
        lora_alpha: float | None = None,
        quantization_config: Any = None,
        **kwargs: Any,
    ) -> None:
        layer_config.check_unquantized(
            type(self).__name__, quantization_config=quantization_config
        )
        if kwargs.pop("input_length", None) is not None:
            warnings.warn(
                "Argument `input_length` of Embedding is deprecated. Just "
                "remove it.",
                stacklevel=2,
            )
        super().__init__(**kwargs)
        _check_dim("input_dim", input_dim)
        _check_dim("output_dim", output_dim)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self.autocast = False
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False
        self.quantization_config = quantization_config
        if weights is not None:
            self.build()
            if not (isinstance(weights, list) and len(weights) == 1):
                weights = [weights]
            self.set_weights(weights)

    def build(self, input_shape: Any = None) -> None:
        if self.built:
            return
        self._embeddings = self.add_weight(
            shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer,
            name="embeddings",
            regularizer=self.embeddings_regularizer,
            constraint=self.embeddings_constraint,
            trainable=True,
        )
        self.built = True
        if self.lora_rank:
            self.enable_lora(self.lora_rank, lora_alpha=self.lora_alpha)

    @property
    def embeddings(self) -> Any:
        """The effective matrix (with the LoRA update when enabled)."""
        if not self.built:
            raise AttributeError(
                f"Embedding layer {self.name!r} must be built before "
                "accessing `embeddings`. Call it on data or `build()` it."
            )
        if not self.lora_enabled:
            return self._embeddings
        update = ops.matmul(self.lora_embeddings_a, self.lora_embeddings_b)
        scale = self.lora_alpha / self.lora_rank
        return ops.add(self._embeddings, ops.multiply(update, scale))

    def call(self, inputs: Any) -> Any:
        if dtypes.standardize_dtype(inputs.dtype) not in ("int32", "int64"):
            inputs = ops.cast(inputs, "int32")
        outputs = ops.take(self.embeddings, inputs, axis=0)
        return ops.cast(outputs, self.compute_dtype)

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        if not self.mask_zero:
            return None
        return ops.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (*input_shape, self.output_dim)

    def compute_output_spec(self, inputs: Any) -> Any:
        return KerasTensor(
            self.compute_output_shape(inputs.shape), dtype=self.compute_dtype
        )

    def enable_lora(
        self,
        rank: int,
        lora_alpha: float | None = None,
        a_initializer: Any = "he_uniform",
        b_initializer: Any = "zeros",
    ) -> None:
        """Freezes the matrix and adds a trainable rank-`rank` update.

        Args:
            rank: Rank of the update (positive int).
            lora_alpha: The update is scaled by `lora_alpha / rank`
                (defaults to `rank`).
            a_initializer: Initializer of `lora_embeddings_a`.
            b_initializer: Initializer of `lora_embeddings_b` (zeros, so
                the output is unchanged at first).
        """
        if self.embeddings_constraint:
            raise ValueError(
                f"Embedding layer {self.name!r}: LoRA is incompatible with "
                "embedding constraints. Remove `embeddings_constraint` to "
                "enable LoRA."
            )
        if not self.built:
            raise ValueError(
                f"Cannot enable LoRA on Embedding layer {self.name!r} "
                "before it is built. Call `build()` first."
            )
        if self.lora_enabled:
            raise ValueError(
                f"LoRA is already enabled on Embedding layer {self.name!r}; "
                "it can only be enabled once."
            )
        self.lora_embeddings_a = self.add_weight(
            name="lora_embeddings_a",
            shape=(self.input_dim, rank),
            initializer=initializers.get(a_initializer),
            regularizer=self.embeddings_regularizer,
        )
        self.lora_embeddings_b = self.add_weight(
            name="lora_embeddings_b",
            shape=(rank, self.output_dim),
            initializer=initializers.get(b_initializer),
            regularizer=self.embeddings_regularizer,
        )
        self._embeddings.trainable = False
        self.lora_enabled = True
        self.lora_rank = rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else rank

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "input_dim": self.input_dim,
                "output_dim": self.output_dim,
                "embeddings_initializer": initializers.serialize(
                    self.embeddings_initializer
                ),
                "embeddings_regularizer": regularizers.serialize(
                    self.embeddings_regularizer
                ),
                "activity_regularizer": regularizers.serialize(
                    self.activity_regularizer
                ),
                "embeddings_constraint": constraints.serialize(
                    self.embeddings_constraint
                ),
                "mask_zero": self.mask_zero,
                "quantization_config": self.quantization_config,
            }
        )
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config
