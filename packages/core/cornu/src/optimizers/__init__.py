"""Optimizers and their lookup: `get`, `serialize`, `deserialize`
(`cornu.optimizers`).

`ALL_OBJECTS_DICT` maps each optimizer's lower-case class name (`"adam"`,
`"sgd"`, `"rmsprop"`, ...) to its class, as in Keras 3.
"""

from __future__ import annotations

import inspect
from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.optimizers import adadelta as _adadelta
from cornu.src.optimizers import adafactor as _adafactor
from cornu.src.optimizers import adagrad as _adagrad
from cornu.src.optimizers import adam as _adam
from cornu.src.optimizers import adamax as _adamax
from cornu.src.optimizers import adamw as _adamw
from cornu.src.optimizers import ftrl as _ftrl
from cornu.src.optimizers import lamb as _lamb
from cornu.src.optimizers import lion as _lion
from cornu.src.optimizers import loss_scale_optimizer as _lso
from cornu.src.optimizers import muon as _muon
from cornu.src.optimizers import nadam as _nadam
from cornu.src.optimizers import optimizer as _optimizer
from cornu.src.optimizers import rmsprop as _rmsprop
from cornu.src.optimizers import schedule_free_adamw as _sfadamw
from cornu.src.optimizers import sgd as _sgd
from cornu.src.saving import serialization_lib

ALL_OBJECTS = (
    _optimizer.Optimizer,
    _adam.Adam,
    _sgd.SGD,
    _rmsprop.RMSprop,
    _adamw.AdamW,
    _adagrad.Adagrad,
    _adamax.Adamax,
    _nadam.Nadam,
    _adadelta.Adadelta,
    _adafactor.Adafactor,
    _ftrl.Ftrl,
    _lamb.Lamb,
    _lion.Lion,
    _muon.Muon,
    _sfadamw.ScheduleFreeAdamW,
    _lso.LossScaleOptimizer,
)

ALL_OBJECTS_DICT = {cls.__name__.lower(): cls for cls in ALL_OBJECTS}


@cornu_export("cornu.optimizers.serialize")
def serialize(optimizer: Any) -> dict:
    """Returns the config of `optimizer` (see `serialize_keras_object`).

    Args:
        optimizer: An optimizer instance.

    Returns:
        A dict with `module`, `class_name`, `config`, `registered_name`.

    Example:

    >>> config = cornu.optimizers.serialize(cornu.optimizers.SGD(0.5))
    >>> config["class_name"], config["config"]["learning_rate"]
    ('SGD', 0.5)
    """
    return serialization_lib.serialize_keras_object(optimizer)


@cornu_export("cornu.optimizers.deserialize")
def deserialize(config: dict, custom_objects: dict | None = None) -> Any:
    """Rebuilds an optimizer from its config (class names are matched
    case-insensitively among the built-in optimizers).

    Args:
        config: A config dict from `serialize`.
        custom_objects: Optional dict of custom optimizer classes.

    Returns:
        An optimizer instance.

    Example:

    >>> opt = cornu.optimizers.deserialize(
    ...     {"class_name": "SGD", "config": {"learning_rate": 0.5}})
    >>> type(opt).__name__, float(opt.learning_rate.numpy())
    ('SGD', 0.5)
    """
    if not isinstance(config, dict):
        raise ValueError(
            "cornu.optimizers.deserialize expects a config dict (from "
            f"`cornu.optimizers.serialize`). Received: {config!r}. For a "
            "name such as 'adam', use `cornu.optimizers.get`."
        )
    class_name = config.get("class_name")
    if isinstance(class_name, str) and class_name.lower() in ALL_OBJECTS_DICT:
        config = {**config, "class_name": class_name.lower()}
    return serialization_lib.deserialize_keras_object(
        config, module_objects=ALL_OBJECTS_DICT, custom_objects=custom_objects
    )


@cornu_export("cornu.optimizers.get")
def get(identifier: Any) -> Any:
    """Returns an optimizer from a name, config, class or instance.

    Names are case-insensitive class names (`"adam"`, `"SGD"`,
    `"rmsprop"`); they give an optimizer with default arguments. An
    instance is returned unchanged; a class is instantiated.

    Args:
        identifier: `None`, a string, a config dict, an optimizer class or
            instance.

    Returns:
        An optimizer (or `None` for `None`).

    Raises:
        ValueError: if `identifier` names no optimizer.

    Example:

    >>> type(cornu.optimizers.get("sgd")).__name__
    'SGD'
    """
    if identifier is None:
        return None
    obj = identifier
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = deserialize({"class_name": identifier, "config": {}})
    if inspect.isclass(obj) and issubclass(obj, _optimizer.Optimizer):
        obj = obj()
    if isinstance(obj, _optimizer.Optimizer):
        return obj
    raise ValueError(
        f"Could not interpret optimizer identifier: {identifier!r}. "
        f"Expected a name such as 'adam' (known: {sorted(ALL_OBJECTS_DICT)}"
        "), a config dict from `cornu.optimizers.serialize`, or an "
        "optimizer instance."
    )
