"""The NumPy backend: inference only, runs anywhere NumPy does."""

from cornu.src.backend.common.capabilities import Capabilities
from cornu.src.backend.numpy import core
from cornu.src.backend.numpy import image
from cornu.src.backend.numpy import linalg
from cornu.src.backend.numpy import math
from cornu.src.backend.numpy import nn
from cornu.src.backend.numpy import numpy
from cornu.src.backend.numpy import random
from cornu.src.backend.numpy import rnn

NAME = "numpy"
CAPABILITIES = Capabilities(training=False, jit=False)
UNSUPPORTED: dict[str, str] = {
    "linalg.jvp": "NumPy has no automatic differentiation; use the jax or "
    "torch backend for Jacobian-vector products.",
}
