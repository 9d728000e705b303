"""The JAX backend: jit-compiled, stateless training steps.

64-bit types are enabled so that float64/int64 tensors mean the same thing
on every backend; cornu passes explicit dtypes (floatx) everywhere, so
float32 computations stay float32.
"""

import jax

jax.config.update("jax_enable_x64", True)

from cornu.src.backend.common.capabilities import Capabilities  # noqa: E402
from cornu.src.backend.jax import core  # noqa: E402
from cornu.src.backend.jax._hot_paths import HOT_PATHS  # noqa: E402, F401
from cornu.src.backend.jax import image  # noqa: E402
from cornu.src.backend.jax import linalg  # noqa: E402
from cornu.src.backend.jax import math  # noqa: E402
from cornu.src.backend.jax import nn  # noqa: E402
from cornu.src.backend.jax import numpy  # noqa: E402
from cornu.src.backend.jax import random  # noqa: E402
from cornu.src.backend.jax import rnn  # noqa: E402

NAME = "jax"
CAPABILITIES = Capabilities(training=True, jit=True, sparse=True)
UNSUPPORTED: dict[str, str] = {}
