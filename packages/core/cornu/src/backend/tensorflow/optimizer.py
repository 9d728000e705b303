"""Optimizer hooks of the tensorflow backend (integration tier).

On the stateful path (no `StatelessScope` open: eagerly, and inside the
trainer's `tf.function` steps) variables are updated in place: SGD (with
or without momentum), Adam (and AdamW; not amsgrad) and RMSprop with
momentum use TensorFlow's fused training kernels
(`tf.raw_ops.ResourceApply*`, one kernel per variable that reads and
writes the variable and its slots in place, XLA-compilable); decoupled
weight decay and the step counter use `assign_sub`/`assign_add`. Each
computes the same update as the algorithm's `update_step` (up to
float rounding of the same formula). Other cases (RMSprop without
momentum; amsgrad, whose kernel XLA lacks; variables that are not
`tf.Variable`s; integer or complex dtypes) take the generic
`update_step`, whose assignments are in place too.
"""

import tensorflow as tf

from cornu.src.backend.common.variables import Variable
from cornu.src.backend.tensorflow import core

_FLOATS = (tf.float16, tf.bfloat16, tf.float32, tf.float64)


def _handle_of(variable):
    """The resource variable behind a cornu Variable, or `None`."""
    value = variable._value
    if isinstance(value, tf.Variable) and value.dtype in _FLOATS:
        return value
    return None


def _dense(gradient, dtype):
    if isinstance(gradient, tf.IndexedSlices):
        gradient = tf.convert_to_tensor(gradient)
    return core.cast(core.convert_to_tensor(gradient), dtype)


def _as(value, dtype):
    """A scalar (number, tensor or cornu Variable) as a tensor of `dtype`."""
    if isinstance(value, Variable):
        value = value.value
    return core.cast(core.convert_to_tensor(value), dtype)


def _per_variable(kernel):
    """A fused update calling `kernel(optimizer, gradient, tf_variable,
    index, learning_rate)` for each variable, or the algorithm's own
    `update_step` where the kernel does not apply."""

    def update(optimizer, grads, variables, learning_rate):
        index = optimizer._trainable_variables_indices
        for gradient, variable in zip(grads, variables, strict=True):
            target = _handle_of(variable)
            if target is None or not kernel(
                optimizer,
                _dense(gradient, target.dtype),
                target,
                index[id(variable)],
                learning_rate,
            ):
                optimizer.update_step(gradient, variable, learning_rate)

    return update


def _sgd(optimizer, gradient, target, index, learning_rate):
    lr = _as(learning_rate, target.dtype)
    if not optimizer.momentums:
        tf.raw_ops.ResourceApplyGradientDescent(
            var=target.handle, alpha=lr, delta=gradient
        )
        return True
    momentum = optimizer.momentums[index]._value
    tf.raw_ops.ResourceApplyKerasMomentum(
        var=target.handle,
        accum=momentum.handle,
        lr=lr,
        grad=gradient,
        momentum=_as(optimizer.momentum, target.dtype),
        use_nesterov=bool(optimizer.nesterov),
    )
    return True


def _adam(optimizer, gradient, target, index, learning_rate):
    if optimizer.amsgrad:
        return False  # its kernel has no XLA version
    dtype = target.dtype
    step = _as(optimizer.iterations, dtype) + tf.constant(1, dtype)
    beta_1 = _as(optimizer.beta_1, dtype)
    beta_2 = _as(optimizer.beta_2, dtype)
    args = dict(
        var=target.handle,
        m=optimizer._momentums[index]._value.handle,
        v=optimizer._velocities[index]._value.handle,
        beta1_power=tf.pow(beta_1, step),
        beta2_power=tf.pow(beta_2, step),
        lr=_as(learning_rate, dtype),
        beta1=beta_1,
        beta2=beta_2,
        epsilon=_as(optimizer.epsilon, dtype),
        grad=gradient,
    )
    tf.raw_ops.ResourceApplyAdam(**args)
    return True


def _rmsprop(optimizer, gradient, target, index, learning_rate):
    if not optimizer.momentum > 0:
        return False  # the kernels need a momentum slot
    dtype = target.dtype
    args = dict(
        var=target.handle,
        ms=optimizer._velocities[index]._value.handle,
        mom=optimizer._momentums[index]._value.handle,
        lr=_as(learning_rate, dtype),
        rho=_as(optimizer.rho, dtype),
        momentum=_as(optimizer.momentum, dtype),
        epsilon=_as(optimizer.epsilon, dtype),
        grad=gradient,
    )
    if optimizer.centered:
        tf.raw_ops.ResourceApplyCenteredRMSProp(
            mg=optimizer._average_gradients[index]._value.handle, **args
        )
    else:
        tf.raw_ops.ResourceApplyRMSProp(**args)
    return True


_FUSED = {
    "sgd": _per_variable(_sgd),
    "adam": _per_variable(_adam),
    "rmsprop": _per_variable(_rmsprop),
}


def fused_update(optimizer, kind):
    """The fused update `fn(optimizer, grads, variables, learning_rate)`
    for an optimizer of algorithm `kind`, or `None`."""
    del optimizer
    return _FUSED.get(kind)


def apply_weight_decay(optimizer, variables, learning_rate, weight_decay):
    """`w -= w * learning_rate * weight_decay` in place for `variables`;
    returns `False` (not handled) when one is not a float `tf.Variable`."""
    del optimizer
    targets = [_handle_of(v) for v in variables]
    if any(t is None for t in targets):
        return False
    for target in targets:
        factor = _as(learning_rate, target.dtype) * _as(
            weight_decay, target.dtype
        )
        target.assign_sub(target * factor)
    return True


def increment(variable):
    """`variable += 1` in place; returns `True` (handled)."""
    value = variable._value
    if not isinstance(value, tf.Variable):
        return False
    value.assign_add(tf.ones([], value.dtype))
    return True


__all__ = ["apply_weight_decay", "fused_update", "increment"]
