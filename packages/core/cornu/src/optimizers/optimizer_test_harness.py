"""Shared harness of the optimizer tests.

Each optimizer's test file keeps its own NumPy reference of the algorithm;
this module holds what they all do around it: draw seeded random initial
values and gradients, apply an optimizer step by step (through `apply` or
through `stateless_apply`), compare the recorded values with the
reference, drive a quadratic toward its minimum, and round-trip a config.
It uses the public API only.
"""

import numpy as np
from numpy.testing import assert_allclose

import cornu
from cornu import ops


def random_data(shapes, steps, seed=0, dtype="float32"):
    """Seeded random initial values and per-step gradients.

    Draws the initial values (one per shape), then the gradients step by
    step, from `numpy.random.default_rng(seed)`.

    Args:
        shapes: One shape per variable.
        steps: The number of gradient steps.
        seed: The generator's seed.
        dtype: The NumPy dtype of the arrays.

    Returns:
        `(inits, grads)`: a list of arrays, and a list (one per step) of
        lists of arrays.
    """
    rng = np.random.default_rng(seed)
    inits = [rng.normal(size=s).astype(dtype) for s in shapes]
    grads = [
        [rng.normal(size=s).astype(dtype) for s in shapes] for _ in range(steps)
    ]
    return inits, grads


def make_variables(inits):
    """float32 `cornu.Variable`s holding `inits`.

    Args:
        inits: A list of arrays, or a dict `{name: array}` (named
            variables, in the dict's order).

    Returns:
        The list of variables.
    """
    if isinstance(inits, dict):
        return [
            cornu.Variable(np.asarray(x, "float32"), name=n)
            for n, x in inits.items()
        ]
    return [cornu.Variable(np.asarray(x, "float32")) for x in inits]


def _tensors(step):
    return [ops.convert_to_tensor(np.asarray(g, "float32")) for g in step]


def run(optimizer, inits, grads, observe=None):
    """Applies `grads` step by step with `optimizer.apply`.

    Args:
        optimizer: The optimizer (built by its first `apply`).
        inits: Initial values (see `make_variables`).
        grads: One list of gradients per step (cast to float32).
        observe: Optional `observe(optimizer)` returning a tuple of extra
            values to record after each step.

    Returns:
        The history: per step, copies of the variables' values (as a list
        of arrays), or `(values, *observe(optimizer))` with `observe`.
    """
    variables = make_variables(inits)
    history = []
    for step in grads:
        optimizer.apply(_tensors(step), variables)
        # Copies: on some backends `numpy()` shares the variable's memory.
        values = [np.array(v.numpy()) for v in variables]
        history.append(
            values if observe is None else (values, *observe(optimizer))
        )
    return history


def run_stateless(optimizer, inits, grads, observe=None):
    """Applies `grads` step by step with `optimizer.stateless_apply`.

    Builds the optimizer on fresh variables, threads the values through
    `stateless_apply` and asserts that the variables kept their initial
    values.

    Args:
        optimizer: An unbuilt optimizer.
        inits: Initial values (see `make_variables`).
        grads: One list of gradients per step (cast to float32).
        observe: Optional `observe(optimizer, state)` (the list of new
            optimizer variable values) returning a tuple of extra values
            to record after each step.

    Returns:
        The history, as `run` returns it.
    """
    variables = make_variables(inits)
    optimizer.build(variables)
    state = [v.value for v in optimizer.variables]
    values = [v.value for v in variables]
    history = []
    for step in grads:
        values, state = optimizer.stateless_apply(state, _tensors(step), values)
        arrays = [ops.convert_to_numpy(v) for v in values]
        history.append(
            arrays if observe is None else (arrays, *observe(optimizer, state))
        )
    if isinstance(inits, dict):
        inits = list(inits.values())
    for variable, init in zip(variables, inits, strict=True):
        assert_allclose(variable.numpy(), init)
    return history


def assert_history(history, expected, rtol=1e-5, atol=1e-6):
    """Asserts that recorded values match the reference, step by step.

    Args:
        history: Per step, a list of arrays (as `run` returns it).
        expected: The reference, in the same layout (any iterable).
        rtol: Relative tolerance.
        atol: Absolute tolerance.
    """
    for got_step, want_step in zip(history, expected, strict=True):
        for got, want in zip(got_step, want_step, strict=True):
            assert_allclose(got, want, rtol=rtol, atol=atol)


def minimize_quadratic(optimizer, init, target, steps, gradient_scale=1.0):
    """Runs `optimizer` on `loss = gradient_scale / 2 * ||w - target||**2`.

    Args:
        optimizer: The optimizer.
        init: The initial value of `w` (an array).
        target: The minimum (an array shaped like `init`).
        steps: The number of steps.
        gradient_scale: The factor of the gradient `w - target`.

    Returns:
        The variable `w` after `steps` steps.
    """
    w = cornu.Variable(np.asarray(init, "float32"))
    target = ops.convert_to_tensor(np.asarray(target, "float32"))
    for _ in range(steps):
        optimizer.apply([gradient_scale * (w.value - target)], [w])
    return w


def assert_quadratic_loss_reduced(w, target, factor=0.01):
    """Asserts `0.5 * ||w - target||**2 < factor * 0.5 * ||target||**2`.

    Args:
        w: The final value (a variable or an array).
        target: The minimum.
        factor: The fraction of the loss at zero to get below.
    """
    w = np.asarray(w.numpy() if hasattr(w, "numpy") else w)
    loss = 0.5 * np.sum((w - target) ** 2)
    bound = factor * 0.5 * np.sum(np.square(target))
    _check(loss < bound, f"quadratic loss {loss} is not below {bound}")


def assert_config_round_trip(optimizer):
    """Asserts that `from_config` and (de)serialization keep the config.

    Args:
        optimizer: The optimizer.

    Returns:
        `optimizer.get_config()`, for the caller's own checks.
    """
    cls = type(optimizer)
    config = optimizer.get_config()
    clone_config = cls.from_config(config).get_config()
    _check(clone_config == config, f"from_config gave {clone_config}")
    restored = cornu.utils.deserialize_keras_object(
        cornu.utils.serialize_keras_object(optimizer)
    )
    _check(type(restored) is cls, f"deserialized a {type(restored)}")
    restored_config = restored.get_config()
    _check(restored_config == config, f"deserialized {restored_config}")
    return config


def _check(condition, message):
    # `raise` rather than `assert`: this module is a source, not a test,
    # so the lint's rule against `assert` applies to it.
    if not condition:
        raise AssertionError(message)
