"""`GroupQueryAttention`: attention whose key/value heads serve groups of
query heads."""

from __future__ import annotations

import math
from typing import Any

from cornu.src import constraints
from cornu.src import initializers
from cornu.src import ops
from cornu.src import regularizers
from cornu.src.api_export import cornu_export
from cornu.src.backend import config as backend_config
from cornu.src.layers.activations.softmax import Softmax
from cornu.src.layers.attention import multi_head_utils
from cornu.src.layers.core.einsum_dense import EinsumDense
from cornu.src.layers.layer import Layer
from cornu.src.layers.regularization.dropout import Dropout
from cornu.src.ops.keras_tensor import KerasTensor


@cornu_export("cornu.layers.GroupQueryAttention")
class GroupedQueryAttention(Layer):
    """Grouped-query attention (Ainslie et al., 2023).

    Like `MultiHeadAttention`, but with `num_key_value_heads` key/value
    heads, each shared by `num_query_heads // num_key_value_heads` query
    heads: `num_key_value_heads=1` is multi-query attention, and
    `num_key_value_heads == num_query_heads` is multi-head attention. The
    key/value projections, and the cache of a decoder, shrink by the group
    size. Exported as `cornu.layers.GroupQueryAttention`, as in Keras.

    Args:
        head_dim: Size of each attention head.
        num_query_heads: Number of query heads.
        num_key_value_heads: Number of key and value heads; must divide
            `num_query_heads`.
        dropout: Dropout rate on the attention probabilities.
        use_bias: Whether the projections have biases.
        sliding_window: Optional positive int: each query attends only to
            keys within `sliding_window - 1` positions of itself.
        flash_attention: `None` (default) uses flash attention when it can;
            `True` requires it; `False` never uses it.
        kernel_initializer: Initializer of the projection kernels.
        bias_initializer: Initializer of the projection biases.
        kernel_regularizer: Regularizer of the projection kernels.
        bias_regularizer: Regularizer of the projection biases.
        activity_regularizer: Regularizer of the projections' outputs.
        kernel_constraint: Constraint of the projection kernels.
        bias_constraint: Constraint of the projection biases.
        use_gate: Whether to gate the heads with a sigmoid projection of
            the query.
        seed: Optional int seeding the dropout.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        query: Query tensor `(B, T, dim)`.
        value: Value tensor `(B, S, dim)`.
        key: Optional key tensor `(B, S, dim)`; defaults to `value`.
        query_mask, value_mask, key_mask: Optional boolean masks `(B, T)`
            / `(B, S)`; taken from the inputs' masks when not given.
        attention_mask: Optional boolean mask `(B, T, S)`: True where the
            query may attend to the key.
        return_attention_scores: Whether to also return the attention
            probabilities `(B, num_query_heads, T, S)`.
        training: Whether dropout is active.
        use_causal_mask: Whether position `i` may attend only to
            positions `j <= i`.

    Returns:
        The attention output `(B, T, dim)`, and the scores when
        `return_attention_scores`.

    Example:

    >>> layer = cornu.layers.GroupQueryAttention(
    ...     head_dim=4, num_query_heads=4, num_key_value_heads=2)
    >>> out = layer(cornu.ops.ones((1, 3, 8)), cornu.ops.ones((1, 5, 8)))
    >>> tuple(out.shape)
    (1, 3, 8)
    """

    def __init__(
        self,
        head_dim: int,
        num_query_heads: int,
        num_key_value_heads: int,
        dropout: float = 0.0,
        use_bias: bool = True,
        sliding_window: int | None = None,
        flash_attention: bool | None = None,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        use_gate: bool = False,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True
        self.head_dim = head_dim
        self.num_query_heads = num_query_heads
        self.num_key_value_heads = num_key_value_heads
        if num_query_heads % num_key_value_heads != 0:
            raise ValueError(
                "GroupQueryAttention: `num_query_heads` must be divisible "
                "by `num_key_value_heads`. Received: num_query_heads="
                f"{num_query_heads}, num_key_value_heads="
                f"{num_key_value_heads}. Example: num_query_heads=8, "
                "num_key_value_heads=2."
            )
        self.num_repeats = num_query_heads // num_key_value_heads
        self.dropout = dropout
        self.use_bias = use_bias
        self.use_gate = use_gate
        multi_head_utils.check_positive_window(
            "GroupQueryAttention", sliding_window
        )
        self.sliding_window = sliding_window
        # An explicit False disables flash attention (see
        # MultiHeadAttention for the difference from Keras).
        self._flash_attention = (
            flash_attention
            if flash_attention is not None
            else backend_config.is_flash_attention_enabled()
        )
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        # As in Keras, this is also the layer's own activity regularizer.
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.seed = seed
        self._inverse_sqrt_head_dim = 1.0 / math.sqrt(float(head_dim))
        multi_head_utils.check_flash_and_dropout(
            "GroupQueryAttention", self._flash_attention, dropout
        )

    # `sublayer_kwargs` reads the underscored names MultiHeadAttention
    # uses.
    _kernel_initializer = property(lambda self: self.kernel_initializer)
    _bias_initializer = property(lambda self: self.bias_initializer)
    _kernel_regularizer = property(lambda self: self.kernel_regularizer)
    _bias_regularizer = property(lambda self: self.bias_regularizer)
    _activity_regularizer = property(lambda self: self.activity_regularizer)
    _kernel_constraint = property(lambda self: self.kernel_constraint)
    _bias_constraint = property(lambda self: self.bias_constraint)

    def _dense(self, equation, output_shape, bias_axes, name, activation=None):
        return EinsumDense(
            equation,
            output_shape=output_shape,
            bias_axes=bias_axes if self.use_bias else None,
            activation=activation,
            name=name,
            **multi_head_utils.sublayer_kwargs(self),
        )

    def build(
        self, query_shape: Any, value_shape: Any = None, key_shape: Any = None
    ) -> None:
        # `value_shape` defaults to `query_shape` (self-attention); Keras
        # requires it.
        value_shape = query_shape if value_shape is None else value_shape
        key_shape = value_shape if key_shape is None else key_shape
        self.feature_dim = query_shape[-1]
        q_heads, kv_heads = self.num_query_heads, self.num_key_value_heads
        self._query_dense = self._dense(
            "bqm,muh->bquh", (None, q_heads, self.head_dim), "uh", "query"
        )
        self._query_dense.build(query_shape)
        self._key_dense = self._dense(
            "bkm,mvh->bkvh", (None, kv_heads, self.head_dim), "vh", "key"
        )
        self._key_dense.build(key_shape)
        if self.use_gate:
            self._gate_dense = self._dense(
                "bqm,muh->bquh",
                (None, q_heads, self.head_dim),
                "uh",
                "gate",
                activation="sigmoid",
            )
            self._gate_dense.build(query_shape)
        self._value_dense = self._dense(
            "bkm,mvh->bkvh", (None, kv_heads, self.head_dim), "vh", "value"
        )
        self._value_dense.build(value_shape)
        self._softmax = Softmax(axis=-1, dtype=self.dtype_policy)
        self._dropout_layer = Dropout(
            rate=self.dropout, dtype=self.dtype_policy, seed=self.seed
        )
        self._dot_product_equation = "bquh,bkuh->buqk"
        self._combine_equation = "buqk,bkuh->bquh"
        self._output_dense = self._dense(
            "bquh,uhm->bqm",
            (None, self.feature_dim),
            "m",
            "attention_output",
        )
        self._output_dense.build((None, None, q_heads, self.head_dim))
        self.built = True

    def _compute_attention(
        self,
        query: Any,
        key: Any,
        value: Any,
        attention_mask: Any = None,
        training: Any = None,
        return_attention_scores: bool = False,
        use_causal_mask: bool = False,
    ) -> tuple:
        if return_attention_scores:
            multi_head_utils.check_flash_and_scores(
                "GroupQueryAttention", self._flash_attention
            )
        if attention_mask is not None:
            attention_mask = ops.cast(
                multi_head_utils.expand_mask(attention_mask, 4, 1), "bool"
            )
        if not (self.dropout > 0.0 or return_attention_scores):
            output = ops.dot_product_attention(
                query,
                key,
                value,
                mask=attention_mask,
                scale=self._inverse_sqrt_head_dim,
                is_causal=use_causal_mask,
                flash_attention=self._flash_attention,
            )
            return output, None
        if use_causal_mask:
            causal = multi_head_utils.causal_mask(query, value)
            attention_mask = (
                causal
                if attention_mask is None
                else ops.logical_and(attention_mask, causal)
            )
        query = ops.multiply(
            query, ops.cast(self._inverse_sqrt_head_dim, query.dtype)
        )
        scores = ops.einsum(self._dot_product_equation, query, key)
        if attention_mask is not None:
            attention_mask = multi_head_utils.expand_mask(attention_mask, 4, 1)
        scores = self._softmax(scores, mask=attention_mask)
        dropped = (
            self._dropout_layer(scores, training=training)
            if self.dropout > 0.0
            else scores
        )
        output = ops.einsum(self._combine_equation, dropped, value)
        return output, scores

    def call(
        self,
        query: Any,
        value: Any,
        key: Any = None,
        query_mask: Any = None,
        value_mask: Any = None,
        key_mask: Any = None,
        attention_mask: Any = None,
        return_attention_scores: bool = False,
        training: Any = None,
        use_causal_mask: bool = False,
    ) -> Any:
        key, attention_mask, causal_only = multi_head_utils.resolve_masks(
            query,
            value,
            key,
            query_mask,
            value_mask,
            key_mask,
            attention_mask,
            use_causal_mask,
            self.sliding_window,
        )
        gate = self._gate_dense(query) if self.use_gate else None
        query = self._query_dense(query)
        key = ops.repeat(self._key_dense(key), self.num_repeats, axis=2)
        value = ops.repeat(self._value_dense(value), self.num_repeats, axis=2)
        output, scores = self._compute_attention(
            query,
            key,
            value,
            attention_mask=attention_mask,
            training=training,
            return_attention_scores=return_attention_scores,
            use_causal_mask=causal_only,
        )
        if gate is not None:
            output = ops.multiply(output, gate)
        output = self._output_dense(output)
        if return_attention_scores:
            return output, scores
        return output

    def compute_mask(self, query: Any, previous_mask: Any) -> Any:
        return previous_mask

    def compute_output_shape(
        self, query_shape: Any, value_shape: Any = None, key_shape: Any = None
    ) -> tuple:
        query_shape = tuple(query_shape)
        value_shape = query_shape if value_shape is None else tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if query_shape[-1] != value_shape[-1]:
            raise ValueError(
                "GroupQueryAttention: the last dimension of `query_shape` "
                f"and `value_shape` must be equal. Received: query_shape="
                f"{query_shape}, value_shape={value_shape}. Project the "
                "value to the query's feature size first."
            )
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError(
                "GroupQueryAttention: all dimensions of `value` and `key`, "
                f"except the last one, must be equal. Received: value_shape="
                f"{value_shape} and key_shape={key_shape}. Pass a key with "
                "the value's sequence length."
            )
        return query_shape

    def compute_output_spec(
        self,
        query: Any,
        value: Any,
        key: Any = None,
        query_mask: Any = None,
        value_mask: Any = None,
        key_mask: Any = None,
        attention_mask: Any = None,
        return_attention_scores: bool = False,
        training: Any = None,
        use_causal_mask: bool = False,
    ) -> Any:
        key_shape = None if key is None else tuple(key.shape)
        output = KerasTensor(
            self.compute_output_shape(query.shape, value.shape, key_shape),
            dtype=self.compute_dtype,
        )
        if not return_attention_scores:
            return output
        source = value if key is None else key
        scores_shape = (
            query.shape[0],
            self.num_query_heads,
            query.shape[1],
            source.shape[1],
        )
        return output, KerasTensor(scores_shape, dtype=self.compute_dtype)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "head_dim": self.head_dim,
                "num_query_heads": self.num_query_heads,
                "num_key_value_heads": self.num_key_value_heads,
                "use_bias": self.use_bias,
                "use_gate": self.use_gate,
                "sliding_window": self.sliding_window,
                "dropout": self.dropout,
                "kernel_initializer": initializers.serialize(
                    self.kernel_initializer
                ),
                "bias_initializer": initializers.serialize(
                    self.bias_initializer
                ),
                "kernel_regularizer": regularizers.serialize(
                    self.kernel_regularizer
                ),
                "bias_regularizer": regularizers.serialize(
                    self.bias_regularizer
                ),
                "activity_regularizer": regularizers.serialize(
                    self.activity_regularizer
                ),
                "kernel_constraint": constraints.serialize(
                    self.kernel_constraint
                ),
                "bias_constraint": constraints.serialize(self.bias_constraint),
                "seed": self.seed,
            }
        )
        return config
