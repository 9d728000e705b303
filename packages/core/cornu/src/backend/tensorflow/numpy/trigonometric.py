"""Trigonometric and hyperbolic functions on the TensorFlow backend."""

import numpy as np
import tensorflow as tf

from cornu.src.backend.tensorflow.numpy.promotion import float_op

__all__ = [
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "deg2rad",
    "rad2deg",
]


def _deg2rad(x):
    return x * tf.constant(np.pi / 180.0, x.dtype)


def _rad2deg(x):
    return x * tf.constant(180.0 / np.pi, x.dtype)


sin = float_op(tf.sin, "sin")
cos = float_op(tf.cos, "cos")
tan = float_op(tf.tan, "tan")
arcsin = float_op(tf.asin, "arcsin")
arccos = float_op(tf.acos, "arccos")
arctan = float_op(tf.atan, "arctan")
sinh = float_op(tf.sinh, "sinh")
cosh = float_op(tf.cosh, "cosh")
tanh = float_op(tf.tanh, "tanh")
arcsinh = float_op(tf.asinh, "arcsinh")
arccosh = float_op(tf.acosh, "arccosh")
arctanh = float_op(tf.atanh, "arctanh")
deg2rad = float_op(_deg2rad, "deg2rad")
rad2deg = float_op(_rad2deg, "rad2deg")
