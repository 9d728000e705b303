"""`SpectralNormalization`: divide a wrapped layer's kernel by its
spectral norm, estimated by power iteration."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.initializers.random_initializers import TruncatedNormal
from cornu.src.layers.core.wrapper import Wrapper
from cornu.src.layers.input_spec import InputSpec


@cornu_export("cornu.layers.SpectralNormalization")
class SpectralNormalization(Wrapper):
    """Spectral normalization (Miyato et al., 2018) of a layer's kernel.

    On each call with `training=True`, `power_iterations` steps of power
    iteration refine the non-trainable vector `vector_u` (the top right
    singular vector of the kernel reshaped to `(-1, kernel.shape[-1])`),
    and the wrapped layer's kernel is replaced by `kernel / sigma`, where
    `sigma` is the estimated largest singular value. An all-zero kernel
    is left unchanged. With `training=False` the layer just calls the
    wrapped layer.

    Args:
        layer: A `cornu.layers.Layer` with a `kernel` (e.g. `Dense`,
            `Conv2D`) or an `embeddings` (`Embedding`) weight.
        power_iterations: Positive int, power-iteration steps per call.
        **kwargs: Base wrapper arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.SpectralNormalization(
    ...     cornu.layers.Dense(3, kernel_initializer="ones"))
    >>> y = layer(cornu.ops.ones((2, 4)), training=True)
    >>> s = cornu.ops.svd(layer.layer.kernel, compute_uv=False)
    >>> round(float(cornu.ops.convert_to_numpy(s)[0]), 3)
    1.0
    """

    def __init__(
        self, layer: Any, power_iterations: int = 1, **kwargs: Any
    ) -> None:
        super().__init__(layer, **kwargs)
        if (
            isinstance(power_iterations, bool)
            or not isinstance(power_iterations, int)
            or power_iterations <= 0
        ):
            raise ValueError(
                "SpectralNormalization expects `power_iterations` to be an "
                "int greater than zero. Received: "
                f"power_iterations={power_iterations!r}."
            )
        self.power_iterations = power_iterations

    def build(self, input_shape: tuple) -> None:
        super().build(input_shape)
        self.input_spec = InputSpec(shape=[None] + list(input_shape[1:]))
        if self._target_name() is None:
            raise ValueError(
                f"SpectralNormalization {self.name!r}: the wrapped layer "
                f"{type(self.layer).__name__} has neither a `kernel` nor an "
                "`embeddings` weight. Wrap a layer such as `Dense`, `Conv2D` "
                "or `Embedding`."
            )
        self.kernel_shape = tuple(self.kernel.shape)
        self.vector_u = self.add_weight(
            shape=(1, self.kernel_shape[-1]),
            initializer=TruncatedNormal(stddev=0.02),
            trainable=False,
            name="vector_u",
            dtype=self.kernel.dtype,
        )

    def _target_name(self) -> str | None:
        for name in ("kernel", "embeddings"):
            if getattr(self.layer, name, None) is not None:
                return name
        return None

    @property
    def kernel(self) -> Any:
        """The wrapped layer's `kernel` (or `embeddings`) variable; a
        property, so the wrapper does not own it a second time."""
        return getattr(self.layer, self._target_name())

    def call(self, inputs: Any, training: Any = False) -> Any:
        if training:
            new_u, new_kernel = self.normalized_weights()
            # An all-zero kernel has no direction to normalize.
            is_zero = ops.all(ops.equal(self.kernel, 0))
            self.vector_u.assign(ops.where(is_zero, self.vector_u, new_u))
            self.kernel.assign(ops.where(is_zero, self.kernel, new_kernel))
        outputs = self.layer(inputs)
        return ops.cast(outputs, inputs.dtype)

    def compute_output_shape(self, input_shape: tuple) -> Any:
        return self.layer.compute_output_shape(input_shape)

    def normalized_weights(self) -> tuple:
        """The refined `vector_u` and the normalized kernel.

        Returns:
            `(vector_u, kernel / sigma)`, in the variables' dtypes; the
            variables themselves are not changed.
        """
        weights = ops.reshape(self.kernel, (-1, self.kernel_shape[-1]))
        vector_u = ops.convert_to_tensor(self.vector_u)
        for _ in range(self.power_iterations):
            vector_v = ops.normalize(
                ops.matmul(vector_u, ops.transpose(weights)), axis=-1
            )
            vector_u = ops.normalize(ops.matmul(vector_v, weights), axis=-1)
        vector_u = ops.stop_gradient(vector_u)
        vector_v = ops.stop_gradient(vector_v)
        sigma = ops.matmul(
            ops.matmul(vector_v, weights), ops.transpose(vector_u)
        )
        kernel = ops.reshape(ops.divide(weights, sigma), self.kernel_shape)
        return (
            ops.cast(vector_u, self.vector_u.dtype),
            ops.cast(kernel, self.kernel.dtype),
        )

    def _saved_variables(self) -> list:
        # Keras 3 tracks the wrapped kernel as this layer's own variable
        # too, so its files hold `[kernel, vector_u]` here (the kernel is
        # saved again under the wrapped layer's path).
        if getattr(self, "vector_u", None) is None:
            return super()._saved_variables()
        return [self.kernel, self.vector_u]

    def get_config(self) -> dict:
        config = super().get_config()
        config["power_iterations"] = self.power_iterations
        return config
