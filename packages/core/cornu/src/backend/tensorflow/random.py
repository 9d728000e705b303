"""Random sampling on the TensorFlow backend.

`seed` is always a 2-element int64 tensor drawn by `cornu.random` (from an
int or a `SeedGenerator`); every sampler is one of TensorFlow's stateless
ops (`tf.random.stateless_*`), so sampling is pure, works inside
`tf.function` and never touches TensorFlow's global generator.
"""

import numbers

import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.nn.activations import scalar


def seed_dtype():
    return "int64"


def _seed(seed):
    return tf.cast(convert_to_tensor(seed), tf.int64)


def _split(seed, n):
    return tf.unstack(tf.random.experimental.stateless_split(_seed(seed), n))


def _float(dtype):
    return standardize_dtype(dtype or config.floatx())


def _work(dtype):
    # Sample at least in float32, then cast.
    return "float64" if dtype == "float64" else "float32"


def _shape(shape):
    """Static dims as ints; while tracing, unknown dims may be scalar
    tensors (`core.shape`), and the shape becomes a tensor."""
    if isinstance(shape, tf.Tensor):
        return shape
    dims = list(shape)
    if all(isinstance(d, numbers.Integral) for d in dims):
        return [int(d) for d in dims]
    return tf.stack([tf.cast(d, tf.int32) for d in dims])


def _param(value, work, shape):
    return tf.broadcast_to(scalar(value, work), shape)


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dtype = _float(dtype)
    work = _work(dtype)
    x = tf.random.stateless_normal(_shape(shape), _seed(seed), dtype=work)
    x = x * scalar(stddev, work) + scalar(mean, work)
    return tf.cast(x, dtype)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dtype = _float(dtype)
    work = _work(dtype)
    x = tf.random.stateless_uniform(
        _shape(shape),
        _seed(seed),
        minval=scalar(minval, work),
        maxval=scalar(maxval, work),
        dtype=work,
    )
    return tf.cast(x, dtype)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    dtype = standardize_dtype(dtype)
    work = "int64" if dtype in ("int64", "uint32", "uint64") else "int32"
    x = tf.random.stateless_uniform(
        _shape(shape),
        _seed(seed),
        minval=scalar(minval, work),
        maxval=scalar(maxval, work),
        dtype=work,
    )
    return tf.cast(x, dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dtype = _float(dtype)
    work = _work(dtype)
    # Resampled outside two standard deviations.
    x = tf.random.stateless_truncated_normal(
        _shape(shape), _seed(seed), dtype=work
    )
    x = x * scalar(stddev, work) + scalar(mean, work)
    return tf.cast(x, dtype)


def dropout(inputs, rate, noise_shape=None, seed=None):
    inputs = convert_to_tensor(inputs)
    if noise_shape is None:
        noise_shape = tf.shape(inputs)
    noise = tf.random.stateless_uniform(_shape(noise_shape), _seed(seed))
    keep = noise >= scalar(rate, tf.float32)
    scale = 1.0 / (1.0 - rate) if rate < 1 else 0.0
    return tf.where(
        keep,
        inputs * scalar(scale, inputs.dtype),
        tf.zeros((), inputs.dtype),
    )


def shuffle(x, axis=0, seed=None):
    x = convert_to_tensor(x)
    size = x.shape[axis]
    if size is None:
        size = tf.shape(x)[axis]
    keys = tf.random.stateless_uniform([size], _seed(seed), dtype=tf.float64)
    return tf.gather(x, tf.argsort(keys), axis=axis)


def gamma(shape, alpha, dtype=None, seed=None):
    dtype = _float(dtype)
    work = _work(dtype)
    shape = _shape(shape)
    x = tf.random.stateless_gamma(
        shape, _seed(seed), alpha=_param(alpha, work, shape), dtype=work
    )
    return tf.cast(x, dtype)


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    dtype = _float(dtype)
    work = _work(dtype)
    shape = _shape(shape)
    counts = _param(counts, work, shape)
    probabilities = _param(probabilities, work, shape)
    x = tf.random.stateless_binomial(
        shape, _seed(seed), counts, probabilities, output_dtype=work
    )
    return tf.cast(x, dtype)


def beta(shape, alpha, beta, dtype=None, seed=None):
    dtype = _float(dtype)
    work = _work(dtype)
    first, second = _split(seed, 2)
    shape = _shape(shape)
    a = tf.random.stateless_gamma(
        shape, first, alpha=_param(alpha, work, shape), dtype=work
    )
    b = tf.random.stateless_gamma(
        shape, second, alpha=_param(beta, work, shape), dtype=work
    )
    return tf.cast(a / (a + b), dtype)


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = convert_to_tensor(logits)
    if logits.dtype not in (tf.float32, tf.float64):
        logits = tf.cast(logits, tf.float32)
    samples = tf.random.stateless_categorical(
        logits, num_samples, _seed(seed), dtype=tf.int64
    )
    return tf.cast(samples, standardize_dtype(dtype))
