"""Element-wise exponentials, logs and complex parts on the TensorFlow
backend."""

import numpy as np
import tensorflow as tf

from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.numpy.promotion import as_float
from cornu.src.backend.tensorflow.numpy.promotion import float_op

__all__ = [
    "exp",
    "exp2",
    "expm1",
    "log",
    "log1p",
    "log2",
    "log10",
    "sinc",
    "i0",
    "erfc",
    "real",
    "imag",
    "conjugate",
    "conj",
    "angle",
]


def _exp2(x):
    return tf.pow(tf.constant(2, x.dtype), x)


def _log_base(base):
    def fn(x):
        return tf.math.log(x) / tf.math.log(tf.constant(base, x.dtype))

    return fn


def _sinc(x):
    pi_x = x * tf.constant(np.pi, x.dtype)
    safe = tf.where(x == 0, tf.ones((), x.dtype), pi_x)
    return tf.where(x == 0, tf.ones((), x.dtype), tf.sin(safe) / safe)


def _i0(x):
    if x.dtype in (tf.float16, tf.bfloat16):
        return tf.cast(tf.math.bessel_i0(tf.cast(x, tf.float32)), x.dtype)
    return tf.math.bessel_i0(x)


exp = float_op(tf.exp, "exp")
exp2 = float_op(_exp2, "exp2")
expm1 = float_op(tf.math.expm1, "expm1")
log = float_op(tf.math.log, "log")
log1p = float_op(tf.math.log1p, "log1p")
log2 = float_op(_log_base(2.0), "log2")
log10 = float_op(_log_base(10.0), "log10")
sinc = float_op(_sinc, "sinc")
i0 = float_op(_i0, "i0")
erfc = float_op(tf.math.erfc, "erfc")


def real(x):
    return tf.math.real(convert_to_tensor(x))


def imag(x):
    x = convert_to_tensor(x)
    if not x.dtype.is_complex:
        return tf.zeros_like(x)
    return tf.math.imag(x)


def conjugate(x):
    return tf.math.conj(convert_to_tensor(x))


def conj(x):
    return conjugate(x)


def angle(x):
    x = convert_to_tensor(x)
    if x.dtype.is_complex:
        return tf.math.angle(x)
    x = as_float(x)
    zero = tf.zeros((), x.dtype)
    pi = tf.constant(np.pi, x.dtype)
    return tf.where(x < 0, pi, tf.where(tf.math.is_nan(x), x, zero))
