"""Constraints (`cornu.constraints`): lookup by name and config."""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.utils.naming import to_snake_case
from cornu.src.constraints import constraints as _constraints
from cornu.src.saving import serialization_lib

ALL_OBJECTS = (
    _constraints.Constraint,
    _constraints.MaxNorm,
    _constraints.MinMaxNorm,
    _constraints.NonNeg,
    _constraints.UnitNorm,
)

ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({to_snake_case(c.__name__): c for c in ALL_OBJECTS})


@cornu_export("cornu.constraints.serialize")
def serialize(constraint: Any) -> Any:
    """Returns the config of `constraint` (see `serialize_keras_object`).

    Args:
        constraint: A constraint instance.

    Returns:
        A config dict.

    Example:

    >>> cornu.constraints.serialize(cornu.constraints.MaxNorm(3))["config"]
    {'max_value': 3, 'axis': 0}
    """
    return serialization_lib.serialize_keras_object(constraint)


@cornu_export("cornu.constraints.deserialize")
def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """Rebuilds a constraint from its config.

    Args:
        config: A config dict (from `serialize`) or a name.
        custom_objects: Optional dict of custom constraint classes.

    Returns:
        A constraint (unknown names come back unchanged).

    Example:

    >>> con = cornu.constraints.deserialize(
    ...     {"class_name": "UnitNorm", "config": {"axis": 1}})
    >>> con.axis
    1
    """
    return serialization_lib.deserialize_keras_object(
        config, module_objects=ALL_OBJECTS_DICT, custom_objects=custom_objects
    )


@cornu_export("cornu.constraints.get")
def get(identifier: Any) -> Any:
    """Returns a constraint from a name, config, class or callable.

    Names: `"max_norm"`, `"min_max_norm"`, `"non_neg"`, `"unit_norm"`
    and the class names. A class is instantiated with its defaults.

    Args:
        identifier: `None`, a string, a config dict, a class or a callable.

    Returns:
        A constraint (or `None` for `None`).

    Raises:
        ValueError: if `identifier` names no constraint.

    Example:

    >>> cornu.constraints.get("max_norm").max_value
    2
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
        f"Could not interpret constraint identifier: {identifier!r}. "
        f"Expected one of {sorted(ALL_OBJECTS_DICT)}, a config dict, or a "
        "callable. For a custom constraint, register it with "
        "`@cornu.saving.register_keras_serializable()`."
    )
