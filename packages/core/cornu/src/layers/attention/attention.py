"""`Attention`: dot-product (Luong-style) attention over one head."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.layers.layer import Layer
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.random import random
from cornu.src.random import seed_generator


@cornu_export("cornu.layers.Attention")
class Attention(Layer):
    """Dot-product attention layer, a.k.a. Luong-style attention.

    Inputs are `[query, value]` or `[query, value, key]` (the key defaults
    to the value): query `(batch_size, Tq, dim)`, value and key
    `(batch_size, Tv, dim)`. The scores `(batch_size, Tq, Tv)` of each
    query against each key are the dot products `query @ key^T`
    (`score_mode="dot"`) or `sum(tanh(query + key))` over the features
    (`score_mode="concat"`); their softmax over `Tv` weights the values.

    Args:
        use_scale: If `True`, a trainable scalar multiplies the scores
            (inside the `tanh` for `"concat"`).
        score_mode: `"dot"` or `"concat"`.
        dropout: Rate of dropout on the attention weights.
        seed: Optional int seeding the dropout.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        inputs: `[query, value]` or `[query, value, key]`.
        mask: Optional `[query_mask, value_mask]`: boolean `(batch_size,
            Tq)` / `(batch_size, Tv)`. Masked queries give zero outputs;
            masked values get no weight. Taken from the inputs' masks when
            not given.
        training: Whether dropout is active.
        return_attention_scores: Whether to also return the weights.
        use_causal_mask: Whether query `i` may attend only to values
            `j <= i`.

    Returns:
        The attention output `(batch_size, Tq, dim)`, and the weights
        `(batch_size, Tq, Tv)` when `return_attention_scores`.

    Example:

    >>> layer = cornu.layers.Attention()
    >>> query = cornu.ops.ones((2, 3, 4))
    >>> value = cornu.ops.ones((2, 5, 4))
    >>> out, weights = layer([query, value], return_attention_scores=True)
    >>> tuple(out.shape), tuple(weights.shape)
    ((2, 3, 4), (2, 3, 5))
    """

    def __init__(
        self,
        use_scale: bool = False,
        score_mode: str = "dot",
        dropout: float = 0.0,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.dropout = dropout
        self.seed = seed
        if self.dropout > 0:
            self.seed_generator = seed_generator.SeedGenerator(seed=seed)
        if self.score_mode not in ("dot", "concat"):
            raise ValueError(
                f"{type(self).__name__}: invalid `score_mode`. Expected one "
                f"of {{'dot', 'concat'}}. Received: score_mode="
                f"{score_mode!r}."
            )

    def build(self, input_shape: Any) -> None:
        self._validate_inputs(input_shape)
        self.scale = None
        self.concat_score_weight = None
        if self.use_scale:
            self.scale = self.add_weight(
                name="scale", shape=(), initializer="ones", dtype=self.dtype
            )
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(
                name="concat_score_weight",
                shape=(),
                initializer="ones",
                dtype=self.dtype,
            )
        self.built = True

    def _calculate_scores(self, query: Any, key: Any) -> Any:
        """Scores `(batch_size, Tq, Tv)` of `query` against `key`."""
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.swapaxes(key, -2, -1))
            if self.scale is not None:
                scores = ops.multiply(scores, self.scale)
            return scores
        # [B, Tq, 1, dim] + [B, 1, Tv, dim]
        pairs = ops.add(
            ops.expand_dims(query, axis=-2), ops.expand_dims(key, axis=-3)
        )
        if self.scale is not None:
            pairs = ops.multiply(self.scale, pairs)
        return ops.multiply(
            self.concat_score_weight, ops.sum(ops.tanh(pairs), axis=-1)
        )

    def _apply_scores(
        self,
        scores: Any,
        value: Any,
        scores_mask: Any = None,
        training: Any = False,
    ) -> tuple:
        """Softmax of the masked `scores`, applied to `value`; returns
        `(output, weights)`."""
        if scores_mask is not None:
            padding = ops.logical_not(scores_mask)
            # 65504 is float16's largest value.
            large = (
                65504.0
                if dtypes.standardize_dtype(scores.dtype) == "float16"
                else 1.0e9
            )
            if len(padding.shape) == 2:
                padding = ops.expand_dims(padding, axis=-2)
            scores = ops.where(padding, ops.subtract(scores, large), scores)
        weights = ops.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            weights = random.dropout(
                weights, self.dropout, seed=self.seed_generator
            )
        return ops.matmul(weights, value), weights

    def _calculate_score_mask(
        self, scores: Any, v_mask: Any, use_causal_mask: bool
    ) -> Any:
        if not use_causal_mask:
            return v_mask
        rows, cols = ops.shape(scores)[-2], ops.shape(scores)[-1]
        row_index = ops.reshape(ops.arange(rows, dtype="int32"), (1, rows, 1))
        col_index = ops.reshape(ops.arange(cols, dtype="int32"), (1, 1, cols))
        causal = ops.greater_equal(row_index, col_index)
        if v_mask is None:
            return causal
        return ops.logical_and(ops.expand_dims(v_mask, axis=-2), causal)

    def call(
        self,
        inputs: list,
        mask: Any = None,
        training: Any = False,
        return_attention_scores: bool = False,
        use_causal_mask: bool = False,
    ) -> Any:
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        q_mask = mask[0] if mask else None
        v_mask = mask[1] if mask else None
        if v_mask is not None:
            v_mask = ops.cast(v_mask, "bool")
        scores = self._calculate_scores(query=query, key=key)
        scores_mask = self._calculate_score_mask(
            scores, v_mask, use_causal_mask
        )
        output, weights = self._apply_scores(
            scores, value, scores_mask=scores_mask, training=training
        )
        if q_mask is not None:
            q_mask = ops.expand_dims(ops.cast(q_mask, "bool"), axis=-1)
            output = ops.where(q_mask, output, ops.zeros_like(output))
        if return_attention_scores:
            return output, weights
        return output

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        self._validate_inputs(inputs, mask)
        if mask is None or mask[0] is None:
            return None
        return ops.convert_to_tensor(mask[0])

    def compute_output_shape(self, input_shape: Any) -> tuple:
        query_shape, value_shape = input_shape[0], input_shape[1]
        return (*tuple(query_shape)[:-1], value_shape[-1])

    def compute_output_spec(
        self,
        inputs: list,
        mask: Any = None,
        training: Any = None,
        return_attention_scores: bool = False,
        use_causal_mask: bool = False,
    ) -> Any:
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        output = KerasTensor(
            self.compute_output_shape([query.shape, value.shape, key.shape]),
            dtype=self.compute_dtype,
        )
        if not return_attention_scores:
            return output
        weights_shape = (*tuple(query.shape)[:-1], key.shape[-2])
        return output, KerasTensor(weights_shape, dtype=self.compute_dtype)

    def _validate_inputs(self, inputs: Any, mask: Any = None) -> None:
        name = type(self).__name__
        if not isinstance(inputs, (list, tuple)) or all(
            d is None or isinstance(d, int) for d in inputs
        ):
            raise ValueError(
                f"{name} layer must be called on a list of inputs, namely "
                f"[query, value] or [query, value, key]. Received: "
                f"inputs={inputs!r}."
            )
        if len(inputs) < 2 or len(inputs) > 3:
            raise ValueError(
                f"{name} layer accepts inputs list of length 2 or 3, namely "
                f"[query, value] or [query, value, key]. Received length: "
                f"{len(inputs)}."
            )
        if mask is None:
            return
        if not isinstance(mask, (list, tuple)):
            raise ValueError(
                f"{name} layer mask must be a list, namely [query_mask, "
                f"value_mask]. Received: mask={mask!r}."
            )
        if len(mask) < 2 or len(mask) > 3:
            raise ValueError(
                f"{name} layer accepts mask list of length 2 or 3. "
                f"Received: mask of length {len(mask)}."
            )

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "use_scale": self.use_scale,
                "score_mode": self.score_mode,
                "dropout": self.dropout,
                "seed": self.seed,
            }
        )
        return config
