"""Window functions on the TensorFlow backend (length `x`, floatx
output)."""

import numpy as np
import tensorflow as tf

from cornu.src.backend import config

__all__ = ["bartlett", "blackman", "hamming", "hanning", "kaiser"]


def _n(x):
    return int(x)


def _terms(x):
    n = _n(x)
    k = tf.range(n, dtype=tf.float64)
    return n, k


def _cosine_window(x, coefficients):
    n, k = _terms(x)
    if n == 1:
        return tf.ones([1], config.floatx())
    angle = 2.0 * np.pi * k / (n - 1)
    out = tf.zeros_like(k)
    for i, a in enumerate(coefficients):
        out += a * tf.cos(i * angle)
    return tf.cast(out, config.floatx())


def bartlett(x):
    n, k = _terms(x)
    if n == 1:
        return tf.ones([1], config.floatx())
    half = (n - 1) / 2.0
    return tf.cast(1.0 - tf.abs(k - half) / half, config.floatx())


def blackman(x):
    return _cosine_window(x, (0.42, -0.5, 0.08))


def hamming(x):
    return _cosine_window(x, (0.54, -0.46))


def hanning(x):
    return _cosine_window(x, (0.5, -0.5))


def kaiser(x, beta):
    n, k = _terms(x)
    if n == 1:
        return tf.ones([1], config.floatx())
    beta = tf.cast(beta, tf.float64)
    ratio = 2.0 * k / (n - 1) - 1.0
    out = tf.math.bessel_i0(beta * tf.sqrt(1.0 - ratio * ratio))
    return tf.cast(out / tf.math.bessel_i0(beta), config.floatx())
