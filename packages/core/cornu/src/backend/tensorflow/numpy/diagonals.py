"""Identity, triangles and diagonals on the TensorFlow backend.

Code shared with the other backends lives in
`common/array_api/diagonals.py`, bound here to `tf.experimental.numpy`.
"""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import convert_to_tensor

__all__ = ["eye", "identity", "tri", "tril", "triu", "diag", "diagflat"]


def _dtype(dtype):
    return standardize_dtype(dtype or config.floatx())


def eye(N, M=None, k=0, dtype=None):  # noqa: N803 - Keras's names
    return tnp.eye(N, M, k, dtype=_dtype(dtype))


def identity(n, dtype=None):
    return tnp.identity(n, dtype=_dtype(dtype))


def tri(N, M=None, k=0, dtype=None):  # noqa: N803 - Keras's names
    return tnp.tri(N, M, k, dtype=_dtype(dtype))


def _tri_mask(x, k, lower):
    rows, cols = tf.shape(x)[-2], tf.shape(x)[-1]
    i = tf.range(rows)[:, None]
    j = tf.range(cols)[None, :]
    return (j - i <= k) if lower else (j - i >= k)


def tril(x, k=0):
    x = convert_to_tensor(x)
    return tf.where(_tri_mask(x, k, True), x, tf.zeros((), x.dtype))


def triu(x, k=0):
    x = convert_to_tensor(x)
    return tf.where(_tri_mask(x, k, False), x, tf.zeros((), x.dtype))


def diag(x, k=0):
    return tnp.diag(convert_to_tensor(x), k)


def diagflat(x, k=0):
    return tnp.diagflat(convert_to_tensor(x), k)
