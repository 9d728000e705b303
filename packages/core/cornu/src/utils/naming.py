"""Keras's default-name rule, shared by layers, operations, losses,
optimizers, initializers and the saved-state paths."""

import re


def to_snake_case(name: str) -> str:
    """`"MaxPooling2D"` -> `"max_pooling2d"`, `"GlorotUniform"` ->
    `"glorot_uniform"` (Keras's rule).

    Example:

    >>> from cornu.src.utils.naming import to_snake_case
    >>> to_snake_case("BatchNormalization")
    'batch_normalization'
    """
    name = re.sub(r"\W+", "", name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
