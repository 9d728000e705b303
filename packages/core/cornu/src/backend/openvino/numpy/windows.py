"""Window functions on the OpenVINO backend (length `x`, floatx).

A window depends only on its (static) length, so it is a constant of
the graph, built from NumPy's formulas like `eye` or `arange`.
"""

import numpy as np

from cornu.src.backend import config
from cornu.src.backend.openvino.core import convert_to_numpy
from cornu.src.backend.openvino.core import from_numpy

__all__ = ["bartlett", "blackman", "hamming", "hanning", "kaiser"]


def _window(fn, x, *args):
    length = int(np.asarray(convert_to_numpy(x)))
    return from_numpy(fn(length, *args).astype(config.floatx()))


def bartlett(x):
    return _window(np.bartlett, x)


def blackman(x):
    return _window(np.blackman, x)


def hamming(x):
    return _window(np.hamming, x)


def hanning(x):
    return _window(np.hanning, x)


def kaiser(x, beta):
    return _window(np.kaiser, x, float(np.asarray(convert_to_numpy(beta))))
