"""Random sampling: normal, uniform, randint, dropout, shuffle, gamma...

Every function takes `seed`: an int (the same values on every call), a
`cornu.random.SeedGenerator` (new values on each call, reproducible as a
sequence) or `None` (the session's generator: new values each call).
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.backend.common import variables
from cornu.src.ops import operation_utils
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.random import seed_generator


def _shape(owner: str, shape: Any) -> tuple:
    if isinstance(shape, int) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        out = variables.standardize_shape(shape)
    except ValueError:
        out = (None,)
    if None in out:
        raise ValueError(
            f"{owner} expects `shape` to be a tuple of non-negative ints. "
            f"Received: shape={shape!r}."
        )
    return out


def _concrete(owner: str, x: Any) -> Any:
    if isinstance(x, KerasTensor):
        raise TypeError(
            f"{owner} needs a concrete tensor; it cannot sample for a "
            f"symbolic KerasTensor. Received: {x!r}. Call it inside a "
            "layer's `call` (e.g. use `cornu.layers.Dropout`)."
        )
    return backend.core.convert_to_tensor(x)


def _float_dtype(owner: str, dtype: Any) -> str:
    dtype = dtypes.standardize_dtype(dtype)
    if not dtypes.is_float_dtype(dtype):
        raise ValueError(
            f"{owner} requires a floating-point `dtype`. Received: "
            f"dtype={dtype!r}. Use e.g. 'float32', or `cornu.random.randint` "
            "for integers."
        )
    return dtype


def _check_range(owner: str, minval: Any, maxval: Any) -> None:
    if isinstance(minval, (int, float)) and isinstance(maxval, (int, float)):
        if not minval < maxval:
            raise ValueError(
                f"{owner} expects `minval < maxval`. Received: "
                f"minval={minval!r}, maxval={maxval!r}."
            )


@cornu_export("cornu.random.normal")
def normal(shape: Any, mean: float = 0.0, stddev: float = 1.0,
           dtype: Any = None, seed: Any = None) -> Any:
    """Samples from a normal (Gaussian) distribution.

    Args:
        shape: Shape of the output, a tuple of ints.
        mean: Mean of the distribution.
        stddev: Standard deviation of the distribution.
        dtype: A float dtype; defaults to `cornu.config.floatx()`.
        seed: An int, a `cornu.random.SeedGenerator` or `None` (see the
            module docstring).

    Example:

    >>> x = cornu.random.normal((2, 3), seed=0)
    >>> cornu.ops.shape(x), cornu.ops.dtype(x)
    ((2, 3), 'float32')
    """
    shape = _shape("normal", shape)
    dtype = _float_dtype("normal", dtype)
    return backend.random.normal(
        shape, mean=mean, stddev=stddev, dtype=dtype,
        seed=seed_generator.draw_seed(seed),
    )


@cornu_export("cornu.random.uniform")
def uniform(shape: Any, minval: float = 0.0, maxval: float = 1.0,
            dtype: Any = None, seed: Any = None) -> Any:
    """Samples uniformly from `[minval, maxval)`.

    Args:
        shape: Shape of the output, a tuple of ints.
        minval: Lower bound (included).
        maxval: Upper bound (excluded).
        dtype: A float dtype; defaults to `cornu.config.floatx()`.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Example:

    >>> x = cornu.ops.convert_to_numpy(cornu.random.uniform((100,), seed=1))
    >>> bool(((x >= 0.0) & (x < 1.0)).all())
    True
    """
    shape = _shape("uniform", shape)
    dtype = _float_dtype("uniform", dtype)
    _check_range("uniform", minval, maxval)
    return backend.random.uniform(
        shape, minval=minval, maxval=maxval, dtype=dtype,
        seed=seed_generator.draw_seed(seed),
    )


@cornu_export("cornu.random.randint")
def randint(shape: Any, minval: int, maxval: int, dtype: Any = "int32",
            seed: Any = None) -> Any:
    """Samples integers uniformly from `[minval, maxval)`.

    Args:
        shape: Shape of the output, a tuple of ints.
        minval: Lower bound (included).
        maxval: Upper bound (excluded).
        dtype: An integer dtype. Defaults to `"int32"`.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Example:

    >>> x = cornu.random.randint((4,), 0, 3, seed=2)
    >>> values = cornu.ops.convert_to_numpy(x).tolist()
    >>> cornu.ops.dtype(x), set(values) <= {0, 1, 2}
    ('int32', True)
    """
    shape = _shape("randint", shape)
    dtype = dtypes.standardize_dtype(dtype)
    if not dtypes.is_int_dtype(dtype):
        raise ValueError(
            "randint requires an integer `dtype`. Received: "
            f"dtype={dtype!r}. Use e.g. 'int32', or `cornu.random.uniform` "
            "for floats."
        )
    _check_range("randint", minval, maxval)
    return backend.random.randint(
        shape, minval=minval, maxval=maxval, dtype=dtype,
        seed=seed_generator.draw_seed(seed),
    )


@cornu_export("cornu.random.truncated_normal")
def truncated_normal(shape: Any, mean: float = 0.0, stddev: float = 1.0,
                     dtype: Any = None, seed: Any = None) -> Any:
    """Samples from a normal distribution truncated at two `stddev`s.

    Values further than two standard deviations from `mean` are drawn
    again, so every output lies in `[mean - 2 stddev, mean + 2 stddev]`.

    Args:
        shape: Shape of the output, a tuple of ints.
        mean: Mean of the untruncated distribution.
        stddev: Standard deviation of the untruncated distribution.
        dtype: A float dtype; defaults to `cornu.config.floatx()`.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Example:

    >>> x = cornu.random.truncated_normal((1000,), seed=3)
    >>> bool(abs(cornu.ops.convert_to_numpy(x)).max() <= 2.0)
    True
    """
    shape = _shape("truncated_normal", shape)
    dtype = _float_dtype("truncated_normal", dtype)
    return backend.random.truncated_normal(
        shape, mean=mean, stddev=stddev, dtype=dtype,
        seed=seed_generator.draw_seed(seed),
    )


@cornu_export("cornu.random.dropout")
def dropout(inputs: Any, rate: float, noise_shape: Any = None,
            seed: Any = None) -> Any:
    """Zeroes each element with probability `rate` and scales the rest by
    `1 / (1 - rate)`, keeping the expected value.

    Args:
        inputs: The input tensor.
        rate: Drop probability, a float in `[0, 1]`.
        noise_shape: Shape of the keep/drop mask, broadcast against
            `inputs`; `None` entries take the input's size. E.g.
            `(batch, 1, features)` drops the same features at every step.
            Defaults to the input's shape.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Example:

    >>> y = cornu.random.dropout(cornu.ops.ones((8,)), rate=0.5, seed=0)
    >>> sorted(set(cornu.ops.convert_to_numpy(y).tolist())) in (
    ...     [0.0, 2.0], [0.0], [2.0])
    True
    """
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not (
        0.0 <= rate <= 1.0
    ):
        raise ValueError(
            "dropout expects `rate` to be a float in [0, 1]. Received: "
            f"rate={rate!r}."
        )
    inputs = _concrete("dropout", inputs)
    shape = backend.core.shape(inputs)
    if noise_shape is None:
        noise_shape = shape
    else:
        noise_shape = tuple(noise_shape)
        if len(noise_shape) != len(shape):
            raise ValueError(
                "dropout expects `noise_shape` with one entry per input "
                f"axis. Received: noise_shape={noise_shape} for inputs of "
                f"shape {shape}."
            )
        noise_shape = tuple(
            dim if n is None else n
            for n, dim in zip(noise_shape, shape, strict=True)
        )
        for n, dim in zip(noise_shape, shape, strict=True):
            # A dimension unknown until run time (a tensor inside a traced
            # function) is checked by the backend's broadcast instead.
            known = isinstance(n, int) and isinstance(dim, int)
            if known and n not in (1, dim):
                raise ValueError(
                    "dropout: each `noise_shape` entry must be 1, None or "
                    f"the input's size. Received: noise_shape={noise_shape} "
                    f"for inputs of shape {shape}."
                )
    return backend.random.dropout(
        inputs, float(rate), noise_shape=noise_shape,
        seed=seed_generator.draw_seed(seed),
    )


@cornu_export("cornu.random.shuffle")
def shuffle(x: Any, axis: int = 0, seed: Any = None) -> Any:
    """Permutes `x` at random along `axis`.

    Args:
        x: The tensor to shuffle.
        axis: The axis along which to shuffle.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Example:

    >>> y = cornu.random.shuffle(cornu.ops.arange(5), seed=4)
    >>> sorted(cornu.ops.convert_to_numpy(y).tolist())
    [0, 1, 2, 3, 4]
    """
    x = _concrete("shuffle", x)
    axis = operation_utils.canonicalize_axis(
        axis, len(backend.core.shape(x)), "shuffle"
    )
    return backend.random.shuffle(
        x, axis=axis, seed=seed_generator.draw_seed(seed)
    )


def _check_positive(owner: str, name: str, value: Any) -> None:
    if isinstance(value, (int, float)) and not value > 0:
        raise ValueError(
            f"{owner} expects `{name}` > 0. Received: {name}={value!r}."
        )


@cornu_export("cornu.random.gamma")
def gamma(shape: Any, alpha: Any, dtype: Any = None,
          seed: Any = None) -> Any:
    """Samples from a Gamma distribution of shape `alpha` (scale 1).

    The mean and the variance are both `alpha`.

    Args:
        shape: Shape of the output, a tuple of ints.
        alpha: The shape parameter, > 0 (float or broadcastable tensor).
        dtype: A float dtype; defaults to `cornu.config.floatx()`.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Example:

    >>> x = cornu.random.gamma((3,), alpha=2.0, seed=5)
    >>> bool((cornu.ops.convert_to_numpy(x) > 0).all())
    True
    """
    shape = _shape("gamma", shape)
    dtype = _float_dtype("gamma", dtype)
    _check_positive("gamma", "alpha", alpha)
    return backend.random.gamma(
        shape, alpha=alpha, dtype=dtype, seed=seed_generator.draw_seed(seed)
    )


@cornu_export("cornu.random.binomial")
def binomial(shape: Any, counts: Any, probabilities: Any, dtype: Any = None,
             seed: Any = None) -> Any:
    """Samples the number of successes in `counts` trials of probability
    `probabilities`.

    Args:
        shape: Shape of the output, a tuple of ints.
        counts: Number of trials (number or broadcastable tensor).
        probabilities: Success probability of one trial, in `[0, 1]`.
        dtype: A float dtype for the counts of successes; defaults to
            `cornu.config.floatx()`.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Example:

    >>> x = cornu.random.binomial((4,), counts=10, probabilities=0.5, seed=6)
    >>> bool(((cornu.ops.convert_to_numpy(x) >= 0) &
    ...       (cornu.ops.convert_to_numpy(x) <= 10)).all())
    True
    """
    shape = _shape("binomial", shape)
    dtype = _float_dtype("binomial", dtype)
    if isinstance(probabilities, (int, float)) and not (
        0.0 <= probabilities <= 1.0
    ):
        raise ValueError(
            "binomial expects `probabilities` in [0, 1]. Received: "
            f"probabilities={probabilities!r}."
        )
    if isinstance(counts, (int, float)) and counts < 0:
        raise ValueError(
            f"binomial expects `counts` >= 0. Received: counts={counts!r}."
        )
    return backend.random.binomial(
        shape, counts=counts, probabilities=probabilities, dtype=dtype,
        seed=seed_generator.draw_seed(seed),
    )


@cornu_export("cornu.random.beta")
def beta(shape: Any, alpha: Any, beta: Any, dtype: Any = None,
         seed: Any = None) -> Any:
    """Samples from a Beta distribution with parameters `alpha` and `beta`.

    Samples lie in `[0, 1]`, with mean `alpha / (alpha + beta)`.

    Args:
        shape: Shape of the output, a tuple of ints.
        alpha: First parameter, > 0 (float or broadcastable tensor).
        beta: Second parameter, > 0 (float or broadcastable tensor).
        dtype: A float dtype; defaults to `cornu.config.floatx()`.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Example:

    >>> x = cornu.random.beta((5,), 2.0, 3.0, seed=7)
    >>> x = cornu.ops.convert_to_numpy(x)
    >>> bool(((x >= 0) & (x <= 1)).all())
    True
    """
    shape = _shape("beta", shape)
    dtype = _float_dtype("beta", dtype)
    _check_positive("beta", "alpha", alpha)
    _check_positive("beta", "beta", beta)
    return backend.random.beta(
        shape, alpha=alpha, beta=beta, dtype=dtype,
        seed=seed_generator.draw_seed(seed),
    )


@cornu_export("cornu.random.categorical")
def categorical(logits: Any, num_samples: int, dtype: Any = "int32",
                seed: Any = None) -> Any:
    """Samples class indices from the categorical distributions `logits`.

    Args:
        logits: Tensor of shape `(batch_size, num_classes)` of unnormalized
            log-probabilities, one distribution per row.
        num_samples: Number of samples per row.
        dtype: An integer dtype. Defaults to `"int32"`.
        seed: An int, a `cornu.random.SeedGenerator` or `None`.

    Returns:
        A tensor of shape `(batch_size, num_samples)`.

    Example:

    >>> logits = cornu.ops.convert_to_tensor([[0.0, -1e9], [-1e9, 0.0]])
    >>> y = cornu.random.categorical(logits, 3, seed=8)
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[0, 0, 0], [1, 1, 1]]
    """
    logits = _concrete("categorical", logits)
    shape = backend.core.shape(logits)
    if len(shape) != 2:
        raise ValueError(
            "categorical expects `logits` of shape (batch_size, "
            f"num_classes). Received logits of shape {shape}."
        )
    if isinstance(num_samples, bool) or not isinstance(num_samples, int) or (
        num_samples < 1
    ):
        raise ValueError(
            "categorical expects `num_samples` to be a positive int. "
            f"Received: num_samples={num_samples!r}."
        )
    dtype = dtypes.standardize_dtype(dtype)
    if not dtypes.is_int_dtype(dtype):
        raise ValueError(
            "categorical requires an integer `dtype`. Received: "
            f"dtype={dtype!r}."
        )
    return backend.random.categorical(
        logits, num_samples, dtype=dtype, seed=seed_generator.draw_seed(seed)
    )
