"""`Dense`: `activation(inputs @ kernel + bias)` on the last axis."""

from __future__ import annotations

from typing import Any

from cornu.src import activations
from cornu.src import constraints
from cornu.src import initializers
from cornu.src import ops
from cornu.src import regularizers
from cornu.src.api_export import cornu_export
from cornu.src.layers import layer_config
from cornu.src.layers.input_spec import InputSpec
from cornu.src.layers.layer import Layer
from cornu.src.ops.nn.affine import affine


@cornu_export("cornu.layers.Dense")
class Dense(Layer):
    """Densely connected layer: `activation(dot(inputs, kernel) + bias)`.

    The kernel multiplies the last axis of the input, so inputs of rank
    above 2 are transformed along their last axis.

    Args:
        units: Dimensionality of the output space (positive int).
        activation: Activation function (name or callable); `None` means
            linear.
        use_bias: Whether to add a bias vector.
        kernel_initializer: Initializer of the kernel.
        bias_initializer: Initializer of the bias.
        kernel_regularizer: Optional regularizer of the kernel.
        bias_regularizer: Optional regularizer of the bias.
        activity_regularizer: Optional regularizer of the output.
        kernel_constraint: Optional constraint of the kernel.
        bias_constraint: Optional constraint of the bias.
        lora_rank: If set, the kernel is frozen and a trainable low-rank
            update `lora_kernel_a @ lora_kernel_b` of this rank is added.
        lora_alpha: Scale of the low-rank update is `lora_alpha /
            lora_rank` (defaults to `lora_rank`, i.e. scale 1).
        quantization_config: Accepted for Keras 3 compatibility (its
            configs hold `None` here); must be `None`, since quantized
            layers are not supported yet.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Input shape: `(batch_size, ..., input_dim)`.
    Output shape: `(batch_size, ..., units)`.

    Example:

    >>> layer = cornu.layers.Dense(4, activation="relu")
    >>> y = layer(cornu.ops.ones((2, 3)))
    >>> cornu.ops.shape(y), layer.count_params()
    ((2, 4), 16)
    """

    def __init__(
        self,
        units: int,
        activation: Any = None,
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        lora_rank: int | None = None,
        lora_alpha: float | None = None,
        quantization_config: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        layer_config.check_unquantized(
            "Dense", quantization_config=quantization_config
        )
        self.quantization_config = quantization_config
        if not isinstance(units, int) or isinstance(units, bool) or units < 1:
            raise ValueError(
                "Dense expects `units` to be a positive integer. Received: "
                f"units={units!r}."
            )
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape: tuple) -> None:
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(
                f"Dense layer {self.name!r} needs a known last input "
                f"dimension. Received: input_shape={tuple(input_shape)}."
            )
        self._kernel = self.add_weight(
            name="kernel",
            shape=(input_dim, self.units),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        if self.use_bias:
            self.bias = self.add_weight(
                name="bias",
                shape=(self.units,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        if self.lora_rank:
            self.built = True  # enable_lora needs the kernel in place
            self.enable_lora(self.lora_rank, lora_alpha=self.lora_alpha)

    @property
    def kernel(self) -> Any:
        """The effective kernel (with the LoRA update when enabled)."""
        if "_kernel" not in self.__dict__:
            raise AttributeError(
                f"Dense layer {self.name!r} has no kernel until it is "
                "built: call it on data or call `build(input_shape)`."
            )
        if not self.lora_enabled:
            return self._kernel
        scale = self.lora_alpha / self.lora_rank
        update = ops.matmul(self.lora_kernel_a, self.lora_kernel_b)
        return ops.add(self._kernel, ops.multiply(update, scale))

    def call(self, inputs: Any) -> Any:
        kernel = self.kernel if self.lora_enabled else self._kernel
        x = affine(inputs, kernel, self.bias)
        activation = self.activation
        return x if activation is None else activation(x)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return tuple(input_shape)[:-1] + (self.units,)

    def enable_lora(
        self,
        rank: int,
        lora_alpha: float | None = None,
        a_initializer: Any = "he_uniform",
        b_initializer: Any = "zeros",
    ) -> None:
        """Freezes the kernel and adds a trainable rank-`rank` update.

        Args:
            rank: Rank of the update (positive int).
            lora_alpha: Scale numerator; the update is multiplied by
                `lora_alpha / rank`. Defaults to `rank`.
            a_initializer: Initializer of `lora_kernel_a`.
            b_initializer: Initializer of `lora_kernel_b` (zeros, so the
                layer's output is unchanged at first).
        """
        if not self.built:
            raise ValueError(
                f"Cannot enable LoRA on Dense layer {self.name!r} before "
                "it is built. Call it on data (or `build`) first."
            )
        if self.lora_enabled:
            raise ValueError(
                f"LoRA is already enabled on Dense layer {self.name!r}."
            )
        if not isinstance(rank, int) or rank < 1:
            raise ValueError(
                f"enable_lora expects a positive int `rank`. Received: "
                f"rank={rank!r}."
            )
        self._kernel.trainable = False
        input_dim, units = self._kernel.shape
        self.lora_kernel_a = self.add_weight(
            name="lora_kernel_a",
            shape=(input_dim, rank),
            initializer=initializers.get(a_initializer),
        )
        self.lora_kernel_b = self.add_weight(
            name="lora_kernel_b",
            shape=(rank, units),
            initializer=initializers.get(b_initializer),
        )
        self.lora_rank = rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else rank
        self.lora_enabled = True

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "units": self.units,
                "activation": activations.serialize(self.activation),
                "use_bias": self.use_bias,
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
                "kernel_constraint": constraints.serialize(
                    self.kernel_constraint
                ),
                "bias_constraint": constraints.serialize(self.bias_constraint),
                "quantization_config": self.quantization_config,
            }
        )
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config
