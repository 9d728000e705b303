"""Random sampling on the JAX backend.

`seed` is always a 2-element uint32 array drawn by `cornu.random` (from an
int or a `SeedGenerator`); it becomes a threefry key, so sampling is pure
and works under `jax.jit`.
"""

import jax
import jax.numpy as jnp
import numpy as np

from cornu.src.backend import config
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.jax import _host_random as host_random
from cornu.src.backend.jax.core import convert_to_tensor


def seed_dtype():
    return "uint32"


def _key(seed):
    seed = jnp.asarray(seed).astype("uint32")
    return jax.random.wrap_key_data(seed, impl="threefry2x32")


def _float(dtype):
    return standardize_dtype(dtype or config.floatx())


def _work(dtype):
    # The gamma-based samplers compile slowly: sample half-precision
    # floats in float32 (one compiled program) and cast.
    return "float64" if dtype == "float64" else "float32"


def _scaled(x, stddev, mean, dtype):
    # The host twin of `(x * stddev + mean).astype(dtype)` on a float32 or
    # float64 array, Python-number parameters cast to `dtype` first as jax
    # casts weakly-typed scalars: two separately rounded operations, as
    # eagerly in XLA.
    scale = np.array(stddev, dtype)
    return jax.device_put(x * scale + np.array(mean, dtype))


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dtype = _float(dtype)
    shape = tuple(shape)
    if host_random.usable(seed, shape, dtype, mean, stddev):
        x = host_random.sample("normal", seed, shape, dtype)
        return _scaled(x, stddev, mean, dtype)
    x = jax.random.normal(_key(seed), tuple(shape), dtype=dtype)
    return (x * stddev + mean).astype(dtype)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dtype = _float(dtype)
    shape = tuple(shape)
    if host_random.usable(seed, shape, dtype, minval, maxval):
        return jax.device_put(
            host_random.sample("uniform", seed, shape, dtype, minval, maxval)
        )
    return jax.random.uniform(
        _key(seed), tuple(shape), dtype=dtype, minval=minval, maxval=maxval
    )


def randint(shape, minval, maxval, dtype="int32", seed=None):
    return jax.random.randint(
        _key(seed), tuple(shape), minval, maxval, dtype=standardize_dtype(dtype)
    )


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dtype = _float(dtype)
    shape = tuple(shape)
    if host_random.usable(seed, shape, dtype, mean, stddev):
        x = host_random.sample("truncated_normal", seed, shape, dtype, -2, 2)
        return _scaled(x, stddev, mean, dtype)
    x = jax.random.truncated_normal(
        _key(seed), -2.0, 2.0, tuple(shape), dtype=dtype
    )
    return (x * stddev + mean).astype(dtype)


def dropout(inputs, rate, noise_shape=None, seed=None):
    inputs = convert_to_tensor(inputs)
    keep = jax.random.bernoulli(_key(seed), 1.0 - rate, tuple(noise_shape))
    scale = 1.0 / (1.0 - rate) if rate < 1 else 0.0
    return jnp.where(
        keep, inputs * jnp.asarray(scale, inputs.dtype),
        jnp.zeros((), inputs.dtype),
    )


def shuffle(x, axis=0, seed=None):
    return jax.random.permutation(
        _key(seed), convert_to_tensor(x), axis=axis, independent=False
    )


def gamma(shape, alpha, dtype=None, seed=None):
    dtype = _float(dtype)
    x = jax.random.gamma(_key(seed), alpha, tuple(shape), dtype=_work(dtype))
    return x.astype(dtype)


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    dtype = _float(dtype)
    work = _work(dtype)
    counts = jnp.asarray(counts, dtype=work)
    probabilities = jnp.asarray(probabilities, dtype=work)
    x = jax.random.binomial(
        _key(seed), counts, probabilities, tuple(shape), dtype=work
    )
    return x.astype(dtype)


def beta(shape, alpha, beta, dtype=None, seed=None):
    dtype = _float(dtype)
    x = jax.random.beta(
        _key(seed), alpha, beta, tuple(shape), dtype=_work(dtype)
    )
    return x.astype(dtype)


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = convert_to_tensor(logits)
    batch = logits.shape[0]
    samples = jax.random.categorical(
        _key(seed), logits[:, None, :], axis=-1, shape=(batch, num_samples)
    )
    return samples.astype(standardize_dtype(dtype))
