"""Weight initializers (`cornu.initializers`): lookup by name and config.

`get` accepts what layers accept for `kernel_initializer=`: `None`, a name
(`"glorot_uniform"`), a config dict, a class or a callable.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.initializers import constant_initializers as _constant
from cornu.src.initializers import initializer as _initializer
from cornu.src.initializers import random_initializers as _random
from cornu.src.initializers import variance_scaling_initializers as _vs
from cornu.src.saving import serialization_lib
from cornu.src.utils.naming import to_snake_case

ALL_OBJECTS = (
    _initializer.Initializer,
    _constant.Constant,
    _constant.Identity,
    _constant.Ones,
    _constant.STFT,
    _constant.Zeros,
    _vs.GlorotNormal,
    _vs.GlorotUniform,
    _vs.HeNormal,
    _vs.HeUniform,
    _vs.LecunNormal,
    _vs.LecunUniform,
    _random.RandomNormal,
    _random.TruncatedNormal,
    _random.RandomUniform,
    _vs.VarianceScaling,
    _random.Orthogonal,
)


ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({to_snake_case(c.__name__): c for c in ALL_OBJECTS})
ALL_OBJECTS_DICT.update(
    {
        "IdentityInitializer": _constant.Identity,
        "normal": _random.RandomNormal,
        "one": _constant.Ones,
        "STFTInitializer": _constant.STFT,
        "OrthogonalInitializer": _random.Orthogonal,
        "uniform": _random.RandomUniform,
        "zero": _constant.Zeros,
    }
)


@cornu_export("cornu.initializers.serialize")
def serialize(initializer: Any) -> Any:
    """Returns the config of `initializer` (see `serialize_keras_object`).

    Args:
        initializer: An initializer instance.

    Returns:
        A dict with `module`, `class_name`, `config`, `registered_name`.

    Example:

    >>> cornu.initializers.serialize(cornu.initializers.Zeros())["class_name"]
    'Zeros'
    """
    return serialization_lib.serialize_keras_object(initializer)


@cornu_export("cornu.initializers.deserialize")
def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """Rebuilds an initializer from its config or name.

    Args:
        config: A config dict (from `serialize`) or an initializer name.
        custom_objects: Optional dict of custom initializer classes.

    Returns:
        An initializer instance (unknown names come back unchanged).

    Example:

    >>> init = cornu.initializers.deserialize(
    ...     {"class_name": "RandomUniform", "config": {"maxval": 2.0}})
    >>> type(init).__name__, init.maxval
    ('RandomUniform', 2.0)
    """
    return serialization_lib.deserialize_keras_object(
        config, module_objects=ALL_OBJECTS_DICT, custom_objects=custom_objects
    )


@cornu_export("cornu.initializers.get")
def get(identifier: Any) -> Any:
    """Returns an initializer from a name, config, class or callable.

    Names are case-sensitive: class names (`"GlorotUniform"`), their
    snake_case forms (`"glorot_uniform"`) and the aliases `"normal"`,
    `"uniform"`, `"one"`, `"zero"`. A class is instantiated with no
    arguments; a callable is returned as is.

    Args:
        identifier: `None`, a string, a config dict, a class or a callable.

    Returns:
        An initializer (or `None` for `None`).

    Raises:
        ValueError: if `identifier` names no initializer.

    Example:

    >>> type(cornu.initializers.get("glorot_uniform")).__name__
    'GlorotUniform'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = deserialize({"class_name": identifier, "config": {}})
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(
        f"Could not interpret initializer identifier: {identifier!r}. "
        f"Expected a name such as 'glorot_uniform' (known: "
        f"{sorted(ALL_OBJECTS_DICT)}), a config dict, or a callable. For "
        "a custom initializer, register it with "
        "`@cornu.saving.register_keras_serializable()` or pass it in "
        "`custom_objects`."
    )
