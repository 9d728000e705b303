"""The parts of `Optimizer.apply` around `update_step`.

Argument checks, gradient filtering, gradient accumulation, the EMA of the
weights, weight decay and the choice of a backend's fused update. Each
branching step has two forms: on the stateful path (no `StatelessScope`
open) it branches in Python on the concrete step counter; inside a scope
(e.g. `stateless_apply` under `jax.jit`) it computes both outcomes and
selects with `ops.where`, so that it traces.
"""

from __future__ import annotations

import warnings
from typing import Any

from cornu.src import backend
from cornu.src import ops
from cornu.src.backend.common import stateless_scope

_integration = backend.load_integration("optimizer")


def stateless_apply(
    optimizer: Any,
    optimizer_variables: Any,
    grads: Any,
    trainable_variables: Any,
) -> tuple:
    """`Optimizer.stateless_apply`: `apply` inside a `StatelessScope`
    mapping the variables to the given values; returns the new values."""
    owner = type(optimizer).__name__
    if not optimizer.built:
        raise ValueError(
            f"To call `stateless_apply`, {owner} must be built (its "
            "variables created). Call "
            "`optimizer.build(trainable_variables)` first."
        )
    optimizer_variables = list(optimizer_variables)
    trainable_variables = list(trainable_variables)
    if len(optimizer_variables) != len(optimizer._variables):
        raise ValueError(
            f"{owner}.stateless_apply: `optimizer_variables` must match "
            f"`optimizer.variables` one to one. Received "
            f"{len(optimizer_variables)} values, expected "
            f"{len(optimizer._variables)}."
        )
    if len(trainable_variables) != len(optimizer._trainable_variables):
        raise ValueError(
            f"{owner}.stateless_apply: `trainable_variables` must match "
            "the variables the optimizer was built with one to one. "
            f"Received {len(trainable_variables)} values, expected "
            f"{len(optimizer._trainable_variables)}."
        )
    mapping = list(
        zip(optimizer._trainable_variables, trainable_variables, strict=True)
    )
    mapping += list(zip(optimizer._variables, optimizer_variables, strict=True))
    with stateless_scope.StatelessScope(state_mapping=mapping) as scope:
        optimizer.apply(grads)
    new_trainable = []
    for v, old in zip(
        optimizer._trainable_variables, trainable_variables, strict=True
    ):
        new = scope.get_current_value(v)
        new_trainable.append(old if new is None else new)
    new_optimizer = []
    for v, old in zip(optimizer._variables, optimizer_variables, strict=True):
        new = scope.get_current_value(v)
        new_optimizer.append(old if new is None else new)
    return new_trainable, new_optimizer


def check_arguments(
    owner: str,
    *,
    clipnorm: Any,
    clipvalue: Any,
    global_clipnorm: Any,
    use_ema: bool,
    ema_momentum: Any,
    ema_overwrite_frequency: Any,
    gradient_accumulation_steps: Any,
) -> None:
    """Raises `ValueError` for invalid base optimizer arguments."""
    if gradient_accumulation_steps and (
        not isinstance(gradient_accumulation_steps, int)
        or gradient_accumulation_steps < 2
    ):
        raise ValueError(
            f"{owner}: `gradient_accumulation_steps` must be an integer >= "
            "2 (or None to update at every step). Received: "
            f"gradient_accumulation_steps={gradient_accumulation_steps!r}."
        )
    if use_ema:
        if not 0 <= ema_momentum <= 1:
            raise ValueError(
                f"{owner}: `ema_momentum` must be in the range [0, 1]. "
                f"Received: ema_momentum={ema_momentum!r}."
            )
        if ema_overwrite_frequency and (
            not isinstance(ema_overwrite_frequency, int)
            or ema_overwrite_frequency < 1
        ):
            raise ValueError(
                f"{owner}: `ema_overwrite_frequency` must be an integer >= 1"
                " or None. Received: ema_overwrite_frequency="
                f"{ema_overwrite_frequency!r}."
            )
    clip_args = (clipnorm, clipvalue, global_clipnorm)
    if sum(a is not None for a in clip_args) > 1:
        raise ValueError(
            f"{owner}: only one of `clipnorm`, `clipvalue` and "
            f"`global_clipnorm` can be set. Received: clipnorm={clipnorm}, "
            f"clipvalue={clipvalue}, global_clipnorm={global_clipnorm}."
        )


def preprocess(optimizer: Any, grads: list, variables: list) -> tuple:
    """Drops `None` gradients (warning) and handles the variables whose
    `overwrite_with_gradient` is set (they take the gradient as value)."""
    for g, v in zip(grads, variables, strict=True):
        if g is None or v._overwrite_with_gradient:
            break
    else:
        return grads, variables  # the common case: nothing to do
    if any(g is None for g in grads):
        kept = [
            (g, v)
            for g, v in zip(grads, variables, strict=True)
            if g is not None
        ]
        if not kept:
            raise ValueError(
                f"{type(optimizer).__name__}: no gradients provided for any "
                "variable (every gradient is None). Check that the loss "
                "depends on the trainable variables."
            )
        missing = [
            v.name for g, v in zip(grads, variables, strict=True) if g is None
        ]
        warnings.warn(
            f"Gradients do not exist for variables {missing} when "
            "minimizing the loss. If using `model.compile()`, did you "
            "forget to provide a `loss` argument?",
            stacklevel=3,
        )
        grads = [g for g, _ in kept]
        variables = [v for _, v in kept]
    if any(v.overwrite_with_gradient for v in variables):
        grads, variables = _overwrite_with_gradients(
            optimizer, grads, variables
        )
    return grads, variables


def _overwrite_with_gradients(optimizer: Any, grads: list, variables: list):
    kept_grads, kept_vars = [], []
    steps = optimizer.gradient_accumulation_steps
    for g, v in zip(grads, variables, strict=True):
        if not v.overwrite_with_gradient:
            kept_grads.append(g)
            kept_vars.append(v)
            continue
        if not steps:
            v.assign(g)
            continue
        g = ops.convert_to_tensor(g)
        # Accumulated as a running maximum (e.g. float8 amax histories).
        acc = optimizer._accumulated_gradients[optimizer._get_variable_index(v)]
        is_update = _is_update_step(optimizer)
        running = ops.maximum(g, acc)
        v.assign(ops.where(is_update, running, v.value))
        acc.assign(ops.where(is_update, ops.zeros_like(running), running))
    return kept_grads, kept_vars


def _is_update_step(optimizer: Any) -> Any:
    steps = optimizer.gradient_accumulation_steps
    return ops.equal(ops.mod(optimizer._iterations.value + 1, steps), 0)


def _concrete(x: Any) -> bool:
    return bool(ops.convert_to_numpy(x))


def accumulate(optimizer: Any, grads: list, variables: list) -> None:
    """Adds `grads` to the accumulators; on every N-th call applies their
    mean (clipped, with weight decay) and resets them."""
    steps = optimizer.gradient_accumulation_steps
    grads = [ops.convert_to_tensor(g) for g in grads]
    accs = [
        optimizer._accumulated_gradients[optimizer._get_variable_index(v)]
        for v in variables
    ]
    is_update = _is_update_step(optimizer)

    def update() -> None:
        mean = [(g + a.value) / steps for g, a in zip(grads, accs, strict=True)]
        mean = optimizer._clip_gradients(mean)
        optimizer._apply_weight_decay(variables)
        optimizer._backend_update_step(mean, variables, optimizer.learning_rate)

    if not _traced():
        if _concrete(is_update):
            update()
            for a in accs:
                a.assign(ops.zeros_like(a.value))
        else:
            for g, a in zip(grads, accs, strict=True):
                a.assign(a.value + g)
        return
    # Traceable form: run the update on the current values in a nested
    # scope, then keep its results only on an update step.
    new_accs = [a.value + g for g, a in zip(grads, accs, strict=True)]
    tracked = list(variables) + list(optimizer._variables)
    olds = [v.value for v in tracked]
    with stateless_scope.StatelessScope(
        list(zip(tracked, olds, strict=True))
    ) as scope:
        update()
    for v, old in zip(tracked, olds, strict=True):
        new = scope.get_current_value(v)
        if new is not None and new is not old:
            v.assign(ops.where(is_update, new, old))
    for a, new_acc in zip(accs, new_accs, strict=True):
        a.assign(ops.where(is_update, ops.zeros_like(new_acc), new_acc))


def update_ema(optimizer: Any) -> None:
    """Moves the averages toward the variables; overwrites the variables
    with them every `ema_overwrite_frequency` steps."""
    variables = optimizer._trainable_variables
    averages = optimizer._model_variables_moving_average
    iterations = optimizer.iterations
    not_first = ops.not_equal(iterations, 0)
    for variable, average in zip(variables, averages, strict=True):
        momentum = ops.cast(not_first, variable.dtype) * optimizer.ema_momentum
        average.assign(momentum * average.value + (1 - momentum) * variable)
    frequency = optimizer.ema_overwrite_frequency
    if not frequency:
        return
    due = ops.equal(ops.mod(iterations + 1, frequency), 0)
    if not _traced():
        if _concrete(due):
            overwrite_with_average(optimizer, variables)
        return
    for variable, average in zip(variables, averages, strict=True):
        variable.assign(ops.where(due, average.value, variable.value))


def overwrite_with_average(optimizer: Any, variables: list) -> None:
    """Assigns each variable its EMA (build order)."""
    averages = optimizer._model_variables_moving_average
    if len(variables) != len(averages):
        raise ValueError(
            f"{type(optimizer).__name__}: cannot overwrite "
            f"{len(variables)} variables with the {len(averages)} moving "
            "averages the optimizer holds. Pass the trainable variables "
            "the optimizer was built with (e.g. model.trainable_variables)."
        )
    for variable, average in zip(variables, averages, strict=True):
        variable.assign(average.value)


def _traced() -> bool:
    """Whether values are symbolic here (a stateless scope, or a traced
    function such as a `tf.function` step): branch with `ops.where`."""
    return stateless_scope.in_stateless_scope() or backend.core.is_tracing()


def apply_weight_decay(optimizer: Any, variables: list) -> None:
    """`w <- w - w * weight_decay * learning_rate` for each of `variables`."""
    lr = optimizer.learning_rate
    wd = optimizer.weight_decay
    if not stateless_scope.in_stateless_scope():
        if _integration.apply_weight_decay(optimizer, variables, lr, wd):
            return
    for variable in variables:
        factor = ops.cast(lr, variable.dtype) * ops.cast(wd, variable.dtype)
        variable.assign(variable.value - variable.value * factor)


def increment(counter: Any) -> None:
    """`counter += 1` (in place through the backend where it can)."""
    if stateless_scope.in_stateless_scope() or not _integration.increment(
        counter
    ):
        counter.assign_add(1)


def select_fused_update(optimizer: Any) -> Any:
    """The backend's fused multi-tensor update for this optimizer, or None.

    Only an algorithm class that declares `_fused_kind` and defines the
    `update_step` in use qualifies: a subclass overriding `update_step`
    gets the generic per-variable loop.
    """
    for cls in type(optimizer).__mro__:
        if "update_step" in cls.__dict__:
            kind = cls.__dict__.get("_fused_kind")
            if kind is None:
                return None
            return _integration.fused_update(optimizer, kind)
    return None


def assign_all(optimizer: Any, values: list, what: str) -> None:
    """Assigns `values` to `optimizer.variables` in order."""
    variables = optimizer._variables
    if len(values) != len(variables):
        hint = (
            " The optimizer is not built yet: call "
            "`optimizer.build(model.trainable_variables)` first."
            if not optimizer.built
            else ""
        )
        raise ValueError(
            f"{type(optimizer).__name__} '{optimizer.name}'.{what}: "
            f"received {len(values)} values but the optimizer has "
            f"{len(variables)} variables.{hint}"
        )
    for variable, value in zip(variables, values, strict=True):
        shape = tuple(getattr(value, "shape", ()))
        if shape != tuple(variable.shape):
            raise ValueError(
                f"{type(optimizer).__name__}.{what}: variable "
                f"'{variable.path}' has shape {tuple(variable.shape)}; "
                f"received a value of shape {shape}."
            )
        variable.assign(value)
