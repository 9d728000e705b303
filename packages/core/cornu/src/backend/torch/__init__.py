"""The PyTorch backend: eager steps; layers are torch.nn.Modules."""

from cornu.src.backend.common.capabilities import Capabilities
from cornu.src.backend.torch import core
from cornu.src.backend.torch._hot_paths import HOT_PATHS  # noqa: F401
from cornu.src.backend.torch import image
from cornu.src.backend.torch import linalg
from cornu.src.backend.torch import math
from cornu.src.backend.torch import nn
from cornu.src.backend.torch import numpy
from cornu.src.backend.torch import random
from cornu.src.backend.torch import rnn

NAME = "torch"
CAPABILITIES = Capabilities(training=True, jit=True)
UNSUPPORTED: dict[str, str] = {}
