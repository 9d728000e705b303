"""`MultiHeadAttention`: scaled dot-product attention over several heads."""

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


@cornu_export("cornu.layers.MultiHeadAttention")
class MultiHeadAttention(Layer):
    """Multi-head attention ("Attention is all you need", Vaswani 2017).

    The query, key and value are projected (by `EinsumDense` layers) into
    `num_heads` heads of `key_dim` (query/key) and `value_dim` (value)
    channels; each query position takes a softmax-weighted average of the
    values, the weights being the scaled dot products `q.k / sqrt(key_dim)`
    of its query with every key; the heads are then projected back to the
    query's feature size (or to `output_shape`). With `query` = `value` =
    `key` this is self-attention.

    Without dropout and without returned scores, the attention itself runs
    through `cornu.ops.dot_product_attention`, which uses the backend's
    fused kernel where it has one.

    Args:
        num_heads: Number of attention heads.
        key_dim: Size of each head for query and key.
        value_dim: Size of each head for value; defaults to `key_dim`.
        dropout: Dropout rate on the attention probabilities.
        use_bias: Whether the projections have biases.
        output_shape: Shape of the output besides the batch and sequence
            axes (int or tuple); defaults to the query's last axis.
        attention_axes: Axes (of the inputs) attention runs over; `None`
            means all axes but batch, heads and features.
        sliding_window: Optional positive int: each query attends only to
            keys within `sliding_window - 1` positions of itself.
        flash_attention: `None` (default) uses flash attention when it can
            (see `cornu.config.enable_flash_attention`); `True` requires
            it; `False` never uses it.
        kernel_initializer: Initializer of the projection kernels.
        bias_initializer: Initializer of the projection biases.
        kernel_regularizer: Regularizer of the projection kernels.
        bias_regularizer: Regularizer of the projection biases.
        activity_regularizer: Regularizer of the projections' outputs.
        kernel_constraint: Constraint of the projection kernels.
        bias_constraint: Constraint of the projection biases.
        use_gate: Whether to gate the heads with a sigmoid projection of
            the query (Gated Attention, arXiv:2505.06708).
        seed: Optional int seeding the dropout.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Call arguments:
        query: Query tensor `(B, T, dim)`.
        value: Value tensor `(B, S, dim)`.
        key: Optional key tensor `(B, S, dim)`; defaults to `value`.
        query_mask, value_mask, key_mask: Optional boolean masks `(B, T)`
            / `(B, S)`; taken from the inputs' masks (e.g. from
            `Embedding(mask_zero=True)`) when not given.
        attention_mask: Optional boolean mask `(B, T, S)`: True where the
            query may attend to the key.
        return_attention_scores: Whether to also return the attention
            probabilities `(B, num_heads, T, S)`.
        training: Whether dropout is active.
        use_causal_mask: Whether position `i` may attend only to
            positions `j <= i`.

    Returns:
        The attention output `(B, T, E)` (`E` the query's last axis, or
        `output_shape`), and the scores when `return_attention_scores`.

    Example:

    >>> layer = cornu.layers.MultiHeadAttention(num_heads=2, key_dim=4)
    >>> query = cornu.ops.ones((1, 3, 8))
    >>> value = cornu.ops.ones((1, 5, 8))
    >>> out, scores = layer(query, value, return_attention_scores=True)
    >>> tuple(out.shape), tuple(scores.shape)
    ((1, 3, 8), (1, 2, 3, 5))
    """

    def __init__(
        self,
        num_heads: int,
        key_dim: int,
        value_dim: int | None = None,
        dropout: float = 0.0,
        use_bias: bool = True,
        output_shape: Any = None,
        attention_axes: Any = None,
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
        multi_head_utils.check_positive_int("num_heads", num_heads)
        multi_head_utils.check_positive_int("key_dim", key_dim)
        multi_head_utils.check_positive_int(
            "value_dim", value_dim, allow_none=True
        )
        super().__init__(**kwargs)
        self.supports_masking = True
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim if value_dim else key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._use_gate = use_gate
        if output_shape:
            if isinstance(output_shape, int):
                output_shape = (output_shape,)
            if not isinstance(output_shape, (list, tuple)):
                raise ValueError(
                    "MultiHeadAttention: `output_shape` must be an int, a "
                    f"list or a tuple. Received: output_shape="
                    f"{output_shape!r}. Example: output_shape=(16,)."
                )
            output_shape = tuple(output_shape)
        self._output_shape = output_shape
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        elif attention_axes and not isinstance(attention_axes, (list, tuple)):
            raise ValueError(
                "MultiHeadAttention: `attention_axes` must be an int, list, "
                f"or tuple. Received: attention_axes={attention_axes!r}. "
                "Example: attention_axes=(1, 2)."
            )
        self._attention_axes = attention_axes
        multi_head_utils.check_positive_window(
            "MultiHeadAttention", sliding_window
        )
        self._sliding_window = sliding_window
        # Deliberate difference: Keras computes `flash_attention or
        # is_flash_attention_enabled()`, so an explicit False still lets
        # the backend pick a fused kernel; here False means False.
        self._flash_attention = (
            flash_attention
            if flash_attention is not None
            else backend_config.is_flash_attention_enabled()
        )
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(self._key_dim))
        multi_head_utils.check_flash_and_dropout(
            "MultiHeadAttention", self._flash_attention, self._dropout
        )

    @property
    def num_heads(self) -> int:
        return self._num_heads

    @property
    def key_dim(self) -> int:
        return self._key_dim

    @property
    def value_dim(self) -> int:
        return self._value_dim

    @property
    def dropout(self) -> float:
        return self._dropout

    @property
    def use_bias(self) -> bool:
        return self._use_bias

    @property
    def attention_axes(self) -> Any:
        return self._attention_axes

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "num_heads": self._num_heads,
                "key_dim": self._key_dim,
                "value_dim": self._value_dim,
                "dropout": self._dropout,
                "use_bias": self._use_bias,
                "use_gate": self._use_gate,
                "output_shape": self._output_shape,
                "attention_axes": self._attention_axes,
                "sliding_window": self._sliding_window,
                "kernel_initializer": initializers.serialize(
                    self._kernel_initializer
                ),
                "bias_initializer": initializers.serialize(
                    self._bias_initializer
                ),
                "kernel_regularizer": regularizers.serialize(
                    self._kernel_regularizer
                ),
                "bias_regularizer": regularizers.serialize(
                    self._bias_regularizer
                ),
                "activity_regularizer": regularizers.serialize(
                    self._activity_regularizer
                ),
                "kernel_constraint": constraints.serialize(
                    self._kernel_constraint
                ),
                "bias_constraint": constraints.serialize(self._bias_constraint),
                "seed": self.seed,
            }
        )
        return config

    # ------------------------------------------------------------ build
    def _projection(
        self, input_rank, output_dims, name, bound_dims=1, activation=None
    ):
        equation, bias_axes, output_rank = multi_head_utils.projection_equation(
            input_rank - bound_dims, bound_dims, len(output_dims)
        )
        shape = [None] * (output_rank - 1 - len(output_dims))
        return EinsumDense(
            equation,
            output_shape=shape + list(output_dims),
            bias_axes=bias_axes if self._use_bias else None,
            activation=activation,
            name=name,
            **multi_head_utils.sublayer_kwargs(self),
        )

    def build(
        self, query_shape: Any, value_shape: Any = None, key_shape: Any = None
    ) -> None:
        # `value_shape` defaults to `query_shape` (self-attention); Keras
        # requires it.
        query_shape = tuple(query_shape)
        value_shape = query_shape if value_shape is None else tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        multi_head_utils.check_key_value_shapes(value_shape, key_shape)
        heads, key_dim = self._num_heads, self._key_dim
        query_rank = len(query_shape)
        # Keras's public `query_dense`, ... properties are where Keras 3
        # saves these layers: the public attributes give the same paths.
        self._query_dense = self._projection(
            query_rank, (heads, key_dim), "query"
        )
        self._query_dense.build(query_shape)
        self.query_dense = self._query_dense
        self._key_dense = self._projection(
            len(key_shape), (heads, key_dim), "key"
        )
        self._key_dense.build(key_shape)
        self.key_dense = self._key_dense
        if self._use_gate:
            self._gate_dense = self._projection(
                query_rank,
                (heads, self._value_dim),
                "gate",
                activation="sigmoid",
            )
            self._gate_dense.build(query_shape)
        self._value_dense = self._projection(
            len(value_shape), (heads, self._value_dim), "value"
        )
        self._value_dense.build(value_shape)
        self.value_dense = self._value_dense
        self._build_attention(len(value_shape) + 1)
        output_dims = self._output_shape or (query_shape[-1],)
        self._output_dense = self._projection(
            query_rank + 1,
            tuple(output_dims),
            "attention_output",
            bound_dims=2,
        )
        dense_input = list(self._query_dense.compute_output_shape(query_shape))
        dense_input[-1] = self._value_dim
        self._output_dense.build(tuple(dense_input))
        self.output_dense = self._output_dense
        self.built = True

    def _normalized_axes(self, rank: int) -> tuple:
        if self._attention_axes is None:
            return tuple(range(1, rank - 2))
        return tuple(
            axis if axis >= 0 else (rank - 1) + axis
            for axis in self._attention_axes
        )

    def _build_attention(self, rank: int) -> None:
        self._axes = self._normalized_axes(rank)
        (
            self._dot_product_equation,
            self._combine_equation,
            scores_rank,
        ) = multi_head_utils.attention_equations(rank, self._axes)
        norm_axes = tuple(range(scores_rank - len(self._axes), scores_rank))
        self._softmax = Softmax(axis=norm_axes, dtype=self.dtype_policy)
        self._dropout_layer = Dropout(
            rate=self._dropout, dtype=self.dtype_policy, seed=self.seed
        )

    # ------------------------------------------------------------- call
    def _masked_softmax(self, scores: Any, attention_mask: Any) -> Any:
        if attention_mask is not None:
            attention_mask = multi_head_utils.expand_mask(
                attention_mask, len(scores.shape), len(self._axes)
            )
        return self._softmax(scores, mask=attention_mask)

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
        """Attention of projected `query` `(B, T, N, key_dim)`, `key`
        `(B, S, N, key_dim)` and `value` `(B, S, N, value_dim)`; returns
        `(output, scores)` (scores None on the fused path)."""
        if return_attention_scores:
            multi_head_utils.check_flash_and_scores(
                "MultiHeadAttention", self._flash_attention
            )
        fused = not (
            self._dropout > 0.0
            or return_attention_scores
            or len(query.shape) != 4
        )
        if fused:
            if attention_mask is not None:
                attention_mask = ops.cast(
                    multi_head_utils.expand_mask(attention_mask, 4, 1), "bool"
                )
            output = ops.dot_product_attention(
                query,
                key,
                value,
                mask=attention_mask,
                scale=self._inverse_sqrt_key_dim,
                is_causal=use_causal_mask,
                flash_attention=self._flash_attention,
            )
            return output, None
        if use_causal_mask:
            causal = multi_head_utils.causal_mask(query, value)
            attention_mask = (
                causal
                if attention_mask is None
                else ops.logical_and(ops.cast(attention_mask, "bool"), causal)
            )
        query = ops.multiply(
            query, ops.cast(self._inverse_sqrt_key_dim, query.dtype)
        )
        scores = ops.einsum(self._dot_product_equation, key, query)
        scores = self._masked_softmax(scores, attention_mask)
        dropped = (
            self._dropout_layer(scores, training=training)
            if self._dropout > 0.0
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
            self._sliding_window,
        )
        gate = self._gate_dense(query) if self._use_gate else None
        query = self._query_dense(query)
        key = self._key_dense(key)
        value = self._value_dense(value)
        output, scores = self._compute_attention(
            query,
            key,
            value,
            attention_mask,
            training,
            return_attention_scores,
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

    # ----------------------------------------------------------- shapes
    def compute_output_shape(
        self, query_shape: Any, value_shape: Any = None, key_shape: Any = None
    ) -> tuple:
        query_shape = tuple(query_shape)
        value_shape = query_shape if value_shape is None else tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        multi_head_utils.check_key_value_shapes(value_shape, key_shape)
        if self._output_shape:
            return query_shape[:-1] + tuple(self._output_shape)
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
        # (<batch dims incl. heads>, <query axes>, <key axes>) of the
        # projected (..., heads, channels) tensors.
        key_shape = tuple(value.shape) if key_shape is None else key_shape
        q = tuple(query.shape)[:-1] + (self._num_heads,)
        k = key_shape[:-1] + (self._num_heads,)
        axes = self._normalized_axes(len(q) + 1)
        batch = [q[i] for i in range(len(q)) if i not in axes]
        shape = batch + [q[i] for i in axes] + [k[i] for i in axes]
        # Keras 3 gives (B, heads, T, T) here, whatever S is; these are
        # the shapes the call returns.
        return output, KerasTensor(tuple(shape), dtype=self.compute_dtype)
