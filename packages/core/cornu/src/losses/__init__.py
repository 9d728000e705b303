"""Losses (`cornu.losses`) and their lookup: `get`, `serialize`,
`deserialize`.

`ALL_OBJECTS_DICT` maps every built-in class and function name, plus
the short aliases of Keras (`"mse"`, `"mae"`, `"mape"`, `"msle"`,
`"kld"`, `"bce"` and their upper-case forms, and `"logcosh"`), to the
object.
"""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.losses import categorical_losses as _categorical
from cornu.src.losses import circle_loss as _circle
from cornu.src.losses import ctc_loss as _ctc
from cornu.src.losses import hinge_losses as _hinge
from cornu.src.losses import loss as _loss
from cornu.src.losses import loss_function_wrapper as _wrapper
from cornu.src.losses import probabilistic_losses as _probabilistic
from cornu.src.losses import regression_losses as _regression
from cornu.src.losses import segmentation_losses as _segmentation
from cornu.src.saving import object_registration
from cornu.src.saving import serialization_lib

ALL_OBJECTS = (
    # Base
    _loss.Loss,
    _wrapper.LossFunctionWrapper,
    # Probabilistic
    _probabilistic.KLDivergence,
    _probabilistic.Poisson,
    _probabilistic.BinaryCrossentropy,
    _probabilistic.BinaryFocalCrossentropy,
    _categorical.CategoricalCrossentropy,
    _categorical.CategoricalFocalCrossentropy,
    _categorical.CategoricalGeneralizedCrossEntropy,
    _categorical.SparseCategoricalCrossentropy,
    # Regression
    _regression.MeanSquaredError,
    _regression.MeanAbsoluteError,
    _regression.MeanAbsolutePercentageError,
    _regression.MeanSquaredLogarithmicError,
    _regression.CosineSimilarity,
    _regression.LogCosh,
    _regression.Huber,
    # Hinge
    _hinge.Hinge,
    _hinge.SquaredHinge,
    _hinge.CategoricalHinge,
    # Image segmentation
    _segmentation.Dice,
    _segmentation.Tversky,
    # Similarity
    _circle.Circle,
    # Sequence
    _ctc.CTC,
    # Probabilistic functions
    _probabilistic.kl_divergence,
    _probabilistic.poisson,
    _probabilistic.binary_crossentropy,
    _probabilistic.binary_focal_crossentropy,
    _categorical.categorical_crossentropy,
    _categorical.categorical_focal_crossentropy,
    _categorical.categorical_generalized_cross_entropy,
    _categorical.sparse_categorical_crossentropy,
    # Regression functions
    _regression.mean_squared_error,
    _regression.mean_absolute_error,
    _regression.mean_absolute_percentage_error,
    _regression.mean_squared_logarithmic_error,
    _regression.cosine_similarity,
    _regression.log_cosh,
    _regression.huber,
    # Hinge functions
    _hinge.hinge,
    _hinge.squared_hinge,
    _hinge.categorical_hinge,
    # Image segmentation, similarity and sequence functions
    _segmentation.dice,
    _segmentation.tversky,
    _circle.circle,
    _ctc.ctc,
)

ALL_OBJECTS_DICT: dict[str, Any] = {obj.__name__: obj for obj in ALL_OBJECTS}
ALL_OBJECTS_DICT.update(
    {
        "bce": _probabilistic.binary_crossentropy,
        "BCE": _probabilistic.binary_crossentropy,
        "kld": _probabilistic.kl_divergence,
        "KLD": _probabilistic.kl_divergence,
        "mae": _regression.mean_absolute_error,
        "MAE": _regression.mean_absolute_error,
        "mse": _regression.mean_squared_error,
        "MSE": _regression.mean_squared_error,
        "mape": _regression.mean_absolute_percentage_error,
        "MAPE": _regression.mean_absolute_percentage_error,
        "msle": _regression.mean_squared_logarithmic_error,
        "MSLE": _regression.mean_squared_logarithmic_error,
        "logcosh": _regression.log_cosh,
    }
)


@cornu_export("cornu.losses.serialize")
def serialize(loss: Any) -> Any:
    """Returns the config of a `Loss` instance or a loss function.

    Args:
        loss: A `Loss` instance or a loss function.

    Returns:
        A config dict (see `cornu.saving.serialize_keras_object`).

    Example:

    >>> config = cornu.losses.serialize(cornu.losses.Huber(delta=2.0))
    >>> config["class_name"], config["config"]["delta"]
    ('Huber', 2.0)
    >>> cornu.losses.serialize(cornu.losses.mean_squared_error)["config"]
    'mean_squared_error'
    """
    return serialization_lib.serialize_keras_object(loss)


@cornu_export("cornu.losses.deserialize")
def deserialize(name: Any, custom_objects: dict | None = None) -> Any:
    """Rebuilds a `Loss` instance or a loss function from its config.

    Args:
        name: A config dict from `serialize`, or a built-in name.
        custom_objects: Optional dict mapping names to custom losses.

    Returns:
        A `Loss` instance or a loss function.

    Example:

    >>> loss = cornu.losses.deserialize(
    ...     {"class_name": "BinaryCrossentropy",
    ...      "config": {"from_logits": True}})
    >>> type(loss).__name__, loss.from_logits
    ('BinaryCrossentropy', True)
    """
    return serialization_lib.deserialize_keras_object(
        name,
        module_objects=ALL_OBJECTS_DICT,
        custom_objects=custom_objects,
    )


def _unknown_name_message(identifier: Any) -> str:
    return (
        f"Could not interpret loss identifier: {identifier!r}. Expected "
        "None, the name of a built-in loss function or class (one of "
        f"{sorted(ALL_OBJECTS_DICT)}), a config dict from "
        "`cornu.losses.serialize`, a `Loss` class or instance, or a "
        "callable `fn(y_true, y_pred)`. For a custom loss, pass the object "
        "itself or register it with "
        "`@cornu.saving.register_keras_serializable()`."
    )


@cornu_export("cornu.losses.get")
def get(identifier: Any) -> Any:
    """Returns the loss an identifier stands for.

    Strings name a built-in function (`"categorical_crossentropy"`, or an
    alias such as `"mse"`) or class (`"CategoricalCrossentropy"`, which is
    instantiated with its defaults), or a registered custom loss. A config
    dict is deserialized, a class instantiated, and an instance or
    function returned as is.

    Args:
        identifier: `None`, a string, a config dict, a `Loss` class or
            instance, or a callable.

    Returns:
        A loss function or `Loss` instance (`None` for `None`).

    Raises:
        ValueError: if `identifier` is none of the above.

    Example:

    >>> cornu.losses.get("mse") is cornu.losses.mean_squared_error
    True
    >>> type(cornu.losses.get("CategoricalCrossentropy")).__name__
    'CategoricalCrossentropy'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier)
        if obj is None:
            obj = object_registration.get_registered_object(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(_unknown_name_message(identifier))
