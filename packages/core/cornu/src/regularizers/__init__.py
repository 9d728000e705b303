"""Regularizers (`cornu.regularizers`): lookup by name and config."""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.utils.naming import to_snake_case
from cornu.src.regularizers import regularizers as _regularizers
from cornu.src.saving import serialization_lib

ALL_OBJECTS = (
    _regularizers.Regularizer,
    _regularizers.L1,
    _regularizers.L2,
    _regularizers.L1L2,
    _regularizers.OrthogonalRegularizer,
)

ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({to_snake_case(c.__name__): c for c in ALL_OBJECTS})
# Keras's snake_case rule turns "L1L2" into "l1l2"; the documented string
# identifier is "l1_l2", so both are accepted.
ALL_OBJECTS_DICT["l1_l2"] = _regularizers.L1L2


@cornu_export("cornu.regularizers.serialize")
def serialize(regularizer: Any) -> Any:
    """Returns the config of `regularizer` (see `serialize_keras_object`).

    Args:
        regularizer: A regularizer instance.

    Returns:
        A config dict.

    Example:

    >>> cornu.regularizers.serialize(cornu.regularizers.L2(0.5))["config"]
    {'l2': 0.5}
    """
    return serialization_lib.serialize_keras_object(regularizer)


@cornu_export("cornu.regularizers.deserialize")
def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """Rebuilds a regularizer from its config.

    Args:
        config: A config dict (from `serialize`) or a name.
        custom_objects: Optional dict of custom regularizer classes.

    Returns:
        A regularizer (unknown names come back unchanged).

    Example:

    >>> reg = cornu.regularizers.deserialize(
    ...     {"class_name": "L1", "config": {"l1": 0.5}})
    >>> reg.l1
    0.5
    """
    return serialization_lib.deserialize_keras_object(
        config, module_objects=ALL_OBJECTS_DICT, custom_objects=custom_objects
    )


@cornu_export("cornu.regularizers.get")
def get(identifier: Any) -> Any:
    """Returns a regularizer from a name, config, class or callable.

    Names: `"l1"`, `"l2"`, `"l1_l2"`, `"orthogonal_regularizer"` and the
    class names. A class is instantiated with its defaults.

    Args:
        identifier: `None`, a string, a config dict, a class or a callable.

    Returns:
        A regularizer (or `None` for `None`).

    Raises:
        ValueError: if `identifier` names no regularizer.

    Example:

    >>> cornu.regularizers.get("l2").l2
    0.01
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier)
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(
        f"Could not interpret regularizer identifier: {identifier!r}. "
        f"Expected one of {sorted(ALL_OBJECTS_DICT)}, a config dict, or a "
        "callable. For a custom regularizer, register it with "
        "`@cornu.saving.register_keras_serializable()`."
    )
