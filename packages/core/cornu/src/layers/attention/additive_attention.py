"""`AdditiveAttention`: Bahdanau-style attention."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.attention.attention import Attention


@cornu_export("cornu.layers.AdditiveAttention")
class AdditiveAttention(Attention):
    """Additive attention layer, a.k.a. Bahdanau-style attention.

    Like `Attention`, but the score of query `i` against key `j` is
    `sum(scale * tanh(query_i + key_j))` over the features, with a
    trainable per-feature `scale` (`use_scale=True`) or none.

    Args:
        use_scale: If `True`, a trainable vector of size `dim` scales the
            `tanh` terms. Defaults to `True`.
        dropout: Rate of dropout on the attention weights.
        **kwargs: Base layer arguments (`name`, `dtype`, `seed`, ...).

    Call arguments:
        inputs: `[query, value]` or `[query, value, key]`: query
            `(batch_size, Tq, dim)`, value and key `(batch_size, Tv,
            dim)`.
        mask: Optional `[query_mask, value_mask]`.
        training: Whether dropout is active.
        return_attention_scores: Whether to also return the weights.
        use_causal_mask: Whether query `i` may attend only to values
            `j <= i`.

    Returns:
        The attention output `(batch_size, Tq, dim)`, and the weights
        `(batch_size, Tq, Tv)` when `return_attention_scores`.

    Example:

    >>> layer = cornu.layers.AdditiveAttention()
    >>> query = cornu.ops.ones((2, 3, 4))
    >>> out = layer([query, cornu.ops.ones((2, 5, 4))])
    >>> tuple(out.shape), tuple(layer.scale.shape)
    ((2, 3, 4), (4,))
    """

    def __init__(
        self, use_scale: bool = True, dropout: float = 0.0, **kwargs: Any
    ) -> None:
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape: Any) -> None:
        self._validate_inputs(input_shape)
        dim = input_shape[0][-1]
        self.scale = None
        if self.use_scale:
            self.scale = self.add_weight(
                name="scale",
                shape=(dim,),
                initializer="glorot_uniform",
                dtype=self.dtype,
            )
        self.built = True

    def _calculate_scores(self, query: Any, key: Any) -> Any:
        pairs = ops.add(
            ops.expand_dims(query, axis=-2), ops.expand_dims(key, axis=-3)
        )
        terms = ops.tanh(pairs)
        if self.use_scale:
            terms = ops.multiply(self.scale, terms)
        return ops.sum(terms, axis=-1)

    def get_config(self) -> dict:
        config = super().get_config()
        del config["score_mode"]
        return config
