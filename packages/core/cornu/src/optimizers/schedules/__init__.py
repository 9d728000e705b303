"""Learning rate schedules (`cornu.optimizers.schedules`) and their
`serialize`/`deserialize`."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.optimizers.schedules import cosine_decay as _cosine
from cornu.src.optimizers.schedules import learning_rate_schedule as _lrs
from cornu.src.saving import serialization_lib

ALL_OBJECTS = (
    _lrs.LearningRateSchedule,
    _lrs.ExponentialDecay,
    _lrs.PiecewiseConstantDecay,
    _lrs.PolynomialDecay,
    _lrs.InverseTimeDecay,
    _cosine.CosineDecay,
    _cosine.CosineDecayRestarts,
)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}


@cornu_export("cornu.optimizers.schedules.serialize")
def serialize(learning_rate_schedule: Any) -> dict:
    """Returns the config dict of a `LearningRateSchedule`.

    Args:
        learning_rate_schedule: The schedule to serialize.

    Returns:
        A dict with `module`, `class_name`, `config`, `registered_name`.

    Example:

    >>> schedule = cornu.optimizers.schedules.ExponentialDecay(0.1, 100, 0.9)
    >>> config = cornu.optimizers.schedules.serialize(schedule)
    >>> config["class_name"], config["config"]["decay_steps"]
    ('ExponentialDecay', 100)
    """
    return serialization_lib.serialize_keras_object(learning_rate_schedule)


@cornu_export("cornu.optimizers.schedules.deserialize")
def deserialize(config: dict, custom_objects: dict | None = None) -> Any:
    """Rebuilds a `LearningRateSchedule` from its config dict.

    Args:
        config: A dict `{"class_name": ..., "config": {...}}` (as from
            `serialize`).
        custom_objects: Optional dict of custom schedule classes.

    Returns:
        The schedule.

    Example:

    >>> schedule = cornu.optimizers.schedules.deserialize(
    ...     {"class_name": "PolynomialDecay",
    ...      "config": {"initial_learning_rate": 0.1, "decay_steps": 10}})
    >>> type(schedule).__name__, schedule.end_learning_rate
    ('PolynomialDecay', 0.0001)
    """
    return serialization_lib.deserialize_keras_object(
        config, module_objects=ALL_OBJECTS_DICT, custom_objects=custom_objects
    )
