"""`EinsumDense`: a dense layer whose product is an einsum equation."""

from __future__ import annotations

import re
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

_FORMS = (
    # (pattern on the equation with "..." replaced by "0", left_elided)
    (r"([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$", False),
    (r"0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)$", True),
    (r"([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0$", False),
)


def analyze_einsum_string(
    equation: str,
    bias_axes: str | None,
    input_shape: tuple,
    output_shape: Any,
) -> tuple:
    """`(kernel_shape, bias_shape, full_output_shape)` for an einsum
    equation `ab,bc->ac`, `...ab,bc->...ac` or `ab...,bc->ac...`, the
    input shape and the partial output shape (no batch axis, no elided
    axes), following Keras 3's rules."""
    replaced = equation.replace("...", "0")
    for pattern, left_elided in _FORMS:
        match = re.match(pattern, replaced)
        if match:
            return _analyze_split(
                match.groups(),
                bias_axes,
                tuple(input_shape),
                output_shape,
                left_elided,
            )
    raise ValueError(
        f"Invalid einsum equation '{equation}'. Equations must be in the "
        "form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]...."
    )


def _analyze_split(specs, bias_axes, input_shape, output_shape, left_elided):
    input_spec, weight_spec, output_spec = specs
    elided = len(input_shape) - len(input_spec)
    if isinstance(output_shape, int):
        full = [output_shape]
    else:
        full = list(output_shape)
    full.insert(0, input_shape[0])
    if elided > 0 and left_elided:
        # Keras inserts these at position 1 one by one, which reverses
        # them when two or more axes are elided (its shape is then wrong,
        # e.g. (2, 4, 3, 5) for "...b,bc->...c" on (2, 3, 4, 8)); cornu
        # keeps the input's order.
        full[1:1] = input_shape[1:elided]
    elif elided > 0:
        full.extend(input_shape[len(input_shape) - elided :])

    if left_elided:
        input_dim_map = {
            dim: i + elided - len(input_shape)
            for i, dim in enumerate(input_spec)
        }
        output_dim_map = {dim: i + elided for i, dim in enumerate(output_spec)}
    else:
        input_dim_map = {dim: i for i, dim in enumerate(input_spec)}
        output_dim_map = {dim: i for i, dim in enumerate(output_spec)}

    for dim in input_spec:
        size = input_shape[input_dim_map[dim]]
        if dim in output_dim_map:
            out = full[output_dim_map[dim]]
            if out is not None and out != size:
                raise ValueError(
                    "Input shape and output shape do not match at shared "
                    f"dimension '{dim}'. Input shape is {size}, and output "
                    f"shape is {out}."
                )
            # Unlike Keras, a `None` output size shared with the input
            # takes the input's size (so `abc,cd->abd` with
            # output_shape=(None, 64) on (None, 32, 128) gives
            # (None, 32, 64), as Keras's own docstring shows).
            full[output_dim_map[dim]] = size
    for dim in output_spec:
        if dim not in input_spec and dim not in weight_spec:
            raise ValueError(
                f"Dimension '{dim}' was specified in the output "
                f"'{output_spec}' but has no corresponding dim in the input "
                f"spec '{input_spec}' or weight spec '{weight_spec}'."
            )
    kernel_shape = []
    for dim in weight_spec:
        if dim in input_dim_map:
            kernel_shape.append(input_shape[input_dim_map[dim]])
        elif dim in output_dim_map:
            kernel_shape.append(full[output_dim_map[dim]])
        else:
            raise ValueError(
                f"Weight dimension '{dim}' did not have a match in either "
                f"the input spec '{input_spec}' or the output spec "
                f"'{output_spec}'. For this layer, the weight must be fully "
                "specified."
            )

    bias_shape = None
    if bias_axes is not None:
        offset = elided if left_elided else 0
        sizes = {c: full[i + offset] for i, c in enumerate(output_spec)}
        for char in bias_axes:
            if char not in output_spec:
                raise ValueError(
                    f"Bias dimension '{char}' was requested, but is not "
                    f"part of the output spec '{output_spec}'."
                )
        first = min(output_spec.find(c) for c in bias_axes)
        bias_shape = [
            sizes[c] if c in bias_axes else 1 for c in output_spec[first:]
        ]
        if not left_elided:
            bias_shape.extend([1] * elided)
    return kernel_shape, bias_shape, full


@cornu_export("cornu.layers.EinsumDense")
class EinsumDense(Layer):
    """A dense layer computing `einsum(equation, inputs, kernel)` (plus a
    bias over `bias_axes`), for products of any dimensionality.

    Args:
        equation: An einsum equation `ab,bc->ac`, `...ab,bc->...ac` or
            `ab...,bc->ac...` (input, kernel -> output).
        output_shape: The output shape without the batch axis and the
            axes covered by `...`; `None` entries are taken from the
            input. An int means a 1-element shape.
        activation: Activation function (name or callable); `None` means
            linear.
        bias_axes: Letters of the output to add a bias along (`None`: no
            bias).
        kernel_initializer: Initializer of the kernel.
        bias_initializer: Initializer of the bias.
        kernel_regularizer: Optional regularizer of the kernel.
        bias_regularizer: Optional regularizer of the bias.
        kernel_constraint: Optional constraint of the kernel.
        bias_constraint: Optional constraint of the bias.
        lora_rank: If set, the kernel is frozen and a trainable low-rank
            update (factored on its last axis) is added.
        lora_alpha: The update is scaled by `lora_alpha / lora_rank`.
        gptq_unpacked_column_size: Accepted for Keras 3 compatibility;
            must be `None` (GPTQ-quantized layers are not supported yet).
        quantization_config: Accepted for Keras 3 compatibility (its
            configs hold `None` here); must be `None`, since quantized
            layers are not supported yet.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.EinsumDense("abc,cd->abd",
    ...                                  output_shape=(None, 8),
    ...                                  bias_axes="d")
    >>> y = layer(cornu.ops.ones((2, 5, 4)))
    >>> cornu.ops.shape(y), layer.kernel.shape, layer.bias.shape
    ((2, 5, 8), (4, 8), (8,))
    """

    def __init__(
        self,
        equation: str,
        output_shape: Any,
        activation: Any = None,
        bias_axes: str | None = None,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        lora_rank: int | None = None,
        lora_alpha: float | None = None,
        gptq_unpacked_column_size: int | None = None,
        quantization_config: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        layer_config.check_unquantized(
            "EinsumDense",
            gptq_unpacked_column_size=gptq_unpacked_column_size,
            quantization_config=quantization_config,
        )
        self.gptq_unpacked_column_size = gptq_unpacked_column_size
        self.quantization_config = quantization_config
        if not isinstance(equation, str):
            raise ValueError(
                "EinsumDense expects `equation` to be a string such as "
                f"'ab,bc->ac'. Received: equation={equation!r}."
            )
        self.equation = equation
        if isinstance(output_shape, int):
            self.partial_output_shape = (output_shape,)
        else:
            self.partial_output_shape = tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.lora_rank = lora_rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else lora_rank
        self.lora_enabled = False

    def build(self, input_shape: tuple) -> None:
        kernel_shape, bias_shape, full = analyze_einsum_string(
            self.equation,
            self.bias_axes,
            input_shape,
            self.partial_output_shape,
        )
        if any(d is None for d in kernel_shape):
            raise ValueError(
                f"EinsumDense layer {self.name!r}: the kernel shape "
                f"{tuple(kernel_shape)} has unknown dimensions. Give them in "
                "`output_shape` or use inputs with known sizes. Received: "
                f"input_shape={tuple(input_shape)}."
            )
        self.full_output_shape = tuple(full)
        self.input_spec = InputSpec(ndim=len(input_shape))
        self._kernel = self.add_weight(
            name="kernel",
            shape=tuple(kernel_shape),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        if bias_shape is not None:
            self.bias = self.add_weight(
                name="bias",
                shape=tuple(bias_shape),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.bias = None
        if self.lora_rank:
            self.enable_lora(self.lora_rank, lora_alpha=self.lora_alpha)

    @property
    def kernel(self) -> Any:
        """The effective kernel (with the LoRA update when enabled)."""
        if not self.built:
            raise AttributeError(
                f"EinsumDense layer {self.name!r} must be built before "
                "accessing `kernel`."
            )
        if not self.lora_enabled:
            return self._kernel
        update = ops.matmul(self.lora_kernel_a, self.lora_kernel_b)
        scale = self.lora_alpha / self.lora_rank
        return ops.add(self._kernel, ops.multiply(update, scale))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return tuple(
            analyze_einsum_string(
                self.equation,
                self.bias_axes,
                input_shape,
                self.partial_output_shape,
            )[2]
        )

    def call(self, inputs: Any, training: Any = None) -> Any:
        x = ops.einsum(self.equation, inputs, self.kernel)
        if self.bias is not None:
            x = ops.add(x, self.bias)
        if self.activation is not None:
            x = self.activation(x)
        return x

    def enable_lora(
        self,
        rank: int,
        lora_alpha: float | None = None,
        a_initializer: Any = "he_uniform",
        b_initializer: Any = "zeros",
    ) -> None:
        """Freezes the kernel and adds a trainable rank-`rank` update
        `lora_kernel_a @ lora_kernel_b` (factored on the last axis).

        Args:
            rank: Rank of the update.
            lora_alpha: The update is scaled by `lora_alpha / rank`.
            a_initializer: Initializer of `lora_kernel_a`.
            b_initializer: Initializer of `lora_kernel_b` (zeros).
        """
        if self.kernel_constraint:
            raise ValueError(
                f"EinsumDense layer {self.name!r}: LoRA is incompatible "
                "with kernel constraints. Remove `kernel_constraint` to "
                "enable LoRA."
            )
        if not self.built:
            raise ValueError(
                f"Cannot enable LoRA on EinsumDense layer {self.name!r} "
                "before it is built. Call it on data (or `build`) first."
            )
        if self.lora_enabled:
            raise ValueError(
                f"LoRA is already enabled on EinsumDense layer "
                f"{self.name!r}; it can only be enabled once."
            )
        shape = self._kernel.shape
        self.lora_kernel_a = self.add_weight(
            name="lora_kernel_a",
            shape=tuple(shape[:-1]) + (rank,),
            initializer=initializers.get(a_initializer),
            regularizer=self.kernel_regularizer,
        )
        self.lora_kernel_b = self.add_weight(
            name="lora_kernel_b",
            shape=(rank, shape[-1]),
            initializer=initializers.get(b_initializer),
            regularizer=self.kernel_regularizer,
        )
        self._kernel.trainable = False
        self.lora_enabled = True
        self.lora_rank = rank
        self.lora_alpha = lora_alpha if lora_alpha is not None else rank

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "output_shape": self.partial_output_shape,
                "equation": self.equation,
                "activation": activations.serialize(self.activation),
                "bias_axes": self.bias_axes,
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
                "quantization_config": self.quantization_config,
            }
        )
        if self.lora_rank:
            config["lora_rank"] = self.lora_rank
            config["lora_alpha"] = self.lora_alpha
        return config
