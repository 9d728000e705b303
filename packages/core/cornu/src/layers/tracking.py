"""Finding a layer's sub-layers and variables among its attributes.

`Layer.__setattr__` remembers, in assignment order, the names of
attributes holding layers, variables or containers; these functions read
the current values of those attributes, looking inside lists, tuples and
dicts (so `self.blocks = []` followed by `self.blocks.append(layer)`
tracks the layer), without wrapping the user's containers.
"""

from __future__ import annotations

from typing import Any

from cornu.src.backend.common.variables import Variable
from cornu.src.random.seed_generator import SeedGenerator

_CONTAINERS = (list, tuple, dict)


def _is_layer(value: Any) -> bool:
    return hasattr(value, "_tracked_attrs") and hasattr(value, "_inbound_nodes")


def is_trackable(value: Any) -> bool:
    """Whether an attribute holding `value` may hold layers/variables."""
    return (
        isinstance(value, (Variable, SeedGenerator) + _CONTAINERS)
        or _is_layer(value)
    )


def _walk(owner: Any, want: Any, in_containers_only: bool = False) -> list:
    found = []
    for name in owner._tracked_attrs:
        if name.startswith("_inbound") or name.startswith("_outbound"):
            continue
        value = getattr(owner, name, None)
        if isinstance(value, _CONTAINERS):
            stack = [(name, value)]
            seen = set()  # a list may hold itself: walk each once
            while stack:
                path, item = stack.pop(0)
                if isinstance(item, _CONTAINERS):
                    if id(item) in seen:
                        continue
                    seen.add(id(item))
                if isinstance(item, dict):
                    items = [(f"{path}_{k}", v) for k, v in item.items()]
                    stack[:0] = items
                elif isinstance(item, (list, tuple)):
                    stack[:0] = [
                        (f"{path}_{i}", v) for i, v in enumerate(item)
                    ]
                elif want(item):
                    found.append((path, item))
        elif not in_containers_only and want(value):
            found.append((name, value))
    return found


def unique(items: list) -> list:
    """`items` without repeats (by identity), in order."""
    seen = set()
    out = []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def sublayers_in(owner: Any) -> list:
    """The layers held by `owner`'s attributes, in order."""
    return unique(
        [layer for _, layer in _walk(owner, _is_layer) if layer is not owner]
    )


def sublayers_in_containers(owner: Any) -> list:
    """`(path, layer)` for layers held inside lists/dicts attributes."""
    return _walk(owner, _is_layer, in_containers_only=True)


def variables_in(owner: Any) -> list:
    """The variables held by `owner`'s attributes, in order."""
    return [v for _, v in _walk(owner, lambda x: isinstance(x, Variable))]


def seed_states_in(owner: Any) -> list:
    """The state variables of the `SeedGenerator`s `owner` holds: part
    of its `variables` (so `stateless_call` carries them), not of its
    `weights`, as in Keras."""
    found = _walk(owner, lambda x: isinstance(x, SeedGenerator))
    return [generator.state for _, generator in found]
