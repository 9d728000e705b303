"""Random sampling on the OpenVINO backend.

Samples are drawn on the host with NumPy's generator from the same
2-element seed as the numpy backend (so both backends give identical
numbers for one seed) and become OpenVINO constants. Sampling is for
weight initialization and training-time layers; `predict` graphs hold
no random nodes.
"""

import numpy as np

from cornu.src.backend.numpy import random as host_random
from cornu.src.backend.openvino.core import OpenVINOTensor
from cornu.src.backend.openvino.core import convert_to_numpy
from cornu.src.backend.openvino.core import from_numpy

__all__ = [
    "beta",
    "binomial",
    "categorical",
    "dropout",
    "gamma",
    "normal",
    "randint",
    "seed_dtype",
    "shuffle",
    "truncated_normal",
    "uniform",
]


def seed_dtype():
    return host_random.seed_dtype()


def _host(value):
    if isinstance(value, OpenVINOTensor) or hasattr(value, "_to_numpy"):
        return convert_to_numpy(value)
    return value


def _on_host(name):
    fn = getattr(host_random, name)

    def op(*args, **kwargs):
        args = [_host(a) for a in args]
        kwargs = {k: _host(v) for k, v in kwargs.items()}
        return from_numpy(np.asarray(fn(*args, **kwargs)))

    op.__name__ = name
    op.__doc__ = f"`{name}` sampled with NumPy, as an OpenVINO constant."
    return op


beta = _on_host("beta")
binomial = _on_host("binomial")
categorical = _on_host("categorical")
dropout = _on_host("dropout")
gamma = _on_host("gamma")
normal = _on_host("normal")
randint = _on_host("randint")
shuffle = _on_host("shuffle")
truncated_normal = _on_host("truncated_normal")
uniform = _on_host("uniform")
