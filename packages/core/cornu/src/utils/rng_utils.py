"""`set_random_seed`: one call to make a cornu program reproducible."""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import global_state

_MAX_SEED = 2**32 - 1


@cornu_export("cornu.utils.set_random_seed")
def set_random_seed(seed: int) -> None:
    """Sets all random seeds: Python's, NumPy's and cornu's.

    After this call a program draws the same random numbers on every run
    (up to non-deterministic device kernels). It seeds Python's `random`
    module and NumPy's global generator, and restarts cornu's own random
    state from `seed`: the session generator behind `seed=None` in
    `cornu.random` and the default seeds of new `SeedGenerator`s (and so
    of initializers and dropout layers created without a seed). Where the
    backend framework has a global generator of its own, it is seeded too.

    Args:
        seed: Int in `[0, 2**32 - 1]`.

    Raises:
        ValueError: If `seed` is not an int in that range.

    Example:

    >>> cornu.utils.set_random_seed(42)
    >>> a = cornu.ops.convert_to_numpy(cornu.random.uniform((3,)))
    >>> cornu.utils.set_random_seed(42)
    >>> b = cornu.ops.convert_to_numpy(cornu.random.uniform((3,)))
    >>> a.tolist() == b.tolist()
    True
    """
    if (
        isinstance(seed, bool)
        or not isinstance(seed, (int, np.integer))
        or not 0 <= seed <= _MAX_SEED
    ):
        raise ValueError(
            "`set_random_seed` expects `seed` to be an int in [0, 2**32 - 1]"
            f". Received: seed={seed!r} of type {type(seed).__name__}. "
            "Pass e.g. `cornu.utils.set_random_seed(1337)`."
        )
    seed = int(seed)
    # Read by `make_default_seed`: new unseeded SeedGenerators (the
    # session's one included) derive their seeds from it and a counter.
    global_state.set("random_seed", seed)
    global_state.set("random_seed_count", 0)
    global_state.set("global_seed_generator", None)
    random.seed(seed)
    np.random.seed(seed)
    # A backend whose framework keeps a global generator of its own
    # (torch's `torch.manual_seed`) seeds it here; cornu's samplers never
    # use it, but user code and third-party layers may.
    seed_framework = getattr(backend.random, "set_global_seed", None)
    if seed_framework is not None:
        seed_framework(seed)


def get_random_seed() -> Any:
    """The seed last given to `set_random_seed` in this session, or None."""
    return global_state.get("random_seed")
