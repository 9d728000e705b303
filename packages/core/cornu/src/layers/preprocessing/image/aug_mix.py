"""`AugMix`: mixes chains of random augmentations with the image."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing.image import augment_ops
from cornu.src.layers.preprocessing.image import (
    base_image_preprocessing_layer as base,
)
from cornu.src.random import random


@cornu_export("cornu.layers.AugMix")
class AugMix(base.BaseImagePreprocessingLayer):
    """AugMix (Hendrycks et al., 2020), active during training.

    Builds `num_chains` augmented copies of the batch; each applies
    `chain_depth` steps, each step one augmentation chosen at random (or
    none) with magnitude `factor`. The copies are averaged with weights
    from a Dirichlet(`alpha`) draw, and the result is mixed with the
    input as `m * x + (1 - m) * mix`, `m ~ Beta(alpha, alpha)`, then
    clipped to `value_range`. Choices are made once per batch. Inference
    (`training=False`) leaves images unchanged.

    Args:
        value_range: The range of the input values, e.g. `(0, 255)`.
        num_chains: Int, the number of augmentation chains.
        chain_depth: Int, the number of steps in each chain.
        factor: A float `f` (magnitudes in `[0, f]`) or a pair, in
            `[0, 1]`.
        alpha: Float > 0, the Dirichlet and Beta parameter.
        all_ops: If `True`, also use brightness, colour degeneration,
            contrast and sharpness (which the AugMix paper leaves out
            because they overlap with the ImageNet-C corruptions).
        interpolation: `"bilinear"` (default) or `"nearest"`.
        seed: Int seed, for reproducible draws.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        **kwargs: Base layer arguments (`name`, `dtype`, ...).

    Example:

    >>> layer = cornu.layers.AugMix(num_chains=2, chain_depth=1, seed=1)
    >>> cornu.ops.shape(layer(cornu.ops.ones((2, 8, 8, 3)) * 100))
    (2, 8, 8, 3)
    """

    _USE_BASE_FACTOR = False
    _FACTOR_BOUNDS = (0, 1)

    def __init__(
        self,
        value_range: Any = (0, 255),
        num_chains: int = 3,
        chain_depth: int = 3,
        factor: Any = 0.3,
        alpha: float = 1.0,
        all_ops: bool = True,
        interpolation: str = "bilinear",
        seed: int | None = None,
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data_format=data_format, **kwargs)
        owner = "AugMix"
        self.value_range = base.check_value_range(owner, value_range)
        for name, value in (
            ("num_chains", num_chains),
            ("chain_depth", chain_depth),
        ):
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or (value < 1)
            ):
                raise ValueError(
                    f"{owner} expects `{name}` to be a positive int. "
                    f"Received: {name}={value!r}."
                )
        if not base._is_number(alpha) or alpha <= 0:
            raise ValueError(
                f"{owner} expects `alpha` to be a positive number. "
                f"Received: alpha={alpha!r}."
            )
        base.check_choice(
            owner, "interpolation", interpolation, base.INTERPOLATIONS
        )
        self.num_chains = num_chains
        self.chain_depth = chain_depth
        self._set_factor(factor)
        self.alpha = alpha
        self.all_ops = all_ops
        self.interpolation = interpolation
        self._make_generator(seed)
        self._augment_layers = augment_ops.GEOMETRY_AND_TONE + (
            augment_ops.COLOR if all_ops else ()
        )
        augment_ops.build(
            self,
            self._augment_layers,
            self.factor,
            self.value_range,
            interpolation,
            seed,
            self.data_format,
            self.dtype_policy,
        )

    def get_random_transformation(
        self, data: Any, training: bool = True, seed: Any = None
    ) -> Any:
        if not training:
            return None
        seed = self._seed(seed)
        gamma = random.gamma((self.num_chains,), self.alpha, seed=seed)
        weights = gamma / ops.sum(gamma)
        mix = random.beta((), self.alpha, self.alpha, seed=seed)
        choices = random.randint(
            (self.num_chains, self.chain_depth),
            0,
            len(self._augment_layers) + 1,
            seed=seed,
        )
        return {
            "chain_mixing_weights": weights,
            "weight_sample": mix,
            "layer_choices": choices,
        }

    def transform_images(
        self, images: Any, transformation: Any, training: bool = True
    ) -> Any:
        images = ops.cast(images, self.compute_dtype)
        if not training or transformation is None:
            return images
        dtype = images.dtype
        weights = ops.cast(transformation["chain_mixing_weights"], dtype)
        mix = ops.cast(transformation["weight_sample"], dtype)
        choices = transformation["layer_choices"]
        mixed = ops.zeros_like(images)
        for chain in range(self.num_chains):
            chained = images
            for step in range(self.chain_depth):
                chained = augment_ops.apply_one_of(
                    self,
                    self._augment_layers,
                    choices[chain, step],
                    chained,
                    self.generator,
                )
            mixed = mixed + chained * weights[chain]
        images = mix * images + (1.0 - mix) * mixed
        return ops.clip(images, self.value_range[0], self.value_range[1])

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "value_range": self.value_range,
                "num_chains": self.num_chains,
                "chain_depth": self.chain_depth,
                "factor": self.factor,
                "alpha": self.alpha,
                "all_ops": self.all_ops,
                "interpolation": self.interpolation,
                "seed": self.seed,
            }
        )
        return config
