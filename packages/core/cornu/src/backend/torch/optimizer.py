"""Optimizer hooks of the torch backend (integration tier).

Fused multi-tensor updates (`torch._foreach_*`, in place on the variables'
tensors, under `torch.no_grad()`) for SGD, Adam (and AdamW), RMSprop and
Adagrad, and a fused decoupled weight decay. The base optimizer uses them
on the stateful path (no `StatelessScope` open); each computes the same
update as the algorithm's `update_step`.
"""

import numpy as np
import torch

from cornu.src.backend.common.variables import Variable


def _as_tensor(x, like):
    if isinstance(x, Variable):
        x = x.value
    if not isinstance(x, torch.Tensor):
        return torch.as_tensor(x, dtype=like.dtype, device=like.device)
    if x.dtype != like.dtype:
        return x.to(like.dtype)
    return x


def _host_value(optimizer, variable, advance=0):
    """The Python number held by the scalar `variable`.

    It is read from the device (a sync on GPUs) only when the tensor
    changed: the cache is keyed by the tensor's in-place version counter.
    With `advance`, the value the variable will hold after the base's
    `assign_add(advance)` (one in-place copy) is cached in advance.
    """
    tensor = variable._value
    cache = optimizer.__dict__.setdefault("_torch_host_values", {})
    key = id(variable)
    version = tensor._version
    hit = cache.get(key)
    if hit is not None and hit[0] is tensor and hit[1] == version:
        value = hit[2]
    else:
        value = tensor.item()
    cache[key] = (
        (tensor, version + 1, value + advance)
        if advance
        else (
            tensor,
            version,
            value,
        )
    )
    return value


def _scalar(optimizer, x, like):
    """A Python float (for a variable or a number), or a 0-d tensor of
    `like`'s dtype (for a tensor, e.g. a schedule's value)."""
    if isinstance(x, Variable):
        return float(_host_value(optimizer, x))
    if isinstance(x, torch.Tensor):
        return x.to(like.dtype) if x.dtype != like.dtype else x
    return float(x)


def _prepare(optimizer, grads, variables):
    params = [v._value for v in variables]
    grads = [_as_tensor(g, p) for g, p in zip(grads, params, strict=True)]
    return params, grads


def _slots(optimizer, slots, variables):
    index = optimizer._trainable_variables_indices
    return [slots[index[id(v)]]._value for v in variables]


def _bias_corrections(optimizer, like):
    """`(1 - beta_1**t, sqrt(1 - beta_2**t))` for the coming step `t`."""
    beta_1, beta_2 = optimizer.beta_1, optimizer.beta_2
    step = optimizer.iterations
    if isinstance(step, Variable):  # the plain counter: use its host value
        # In float32 on the host, as `update_step` computes it on the
        # device (`1 - beta_2**t` cancels: float64 would give different
        # numbers from the generic path).
        t = np.float32(_host_value(optimizer, step, advance=1) + 1)
        one = np.float32(1.0)
        correction_1 = one - np.float32(beta_1) ** t
        correction_2 = np.sqrt(one - np.float32(beta_2) ** t)
        return float(correction_1), float(correction_2)
    t = (step + 1).to(like.dtype)  # a tensor (gradient accumulation)
    beta_1_power = torch.pow(torch.as_tensor(beta_1, dtype=like.dtype), t)
    beta_2_power = torch.pow(torch.as_tensor(beta_2, dtype=like.dtype), t)
    return 1 - beta_1_power, torch.sqrt(1 - beta_2_power)


def _sgd(optimizer, grads, variables, learning_rate):
    params, grads = _prepare(optimizer, grads, variables)
    lr = _scalar(optimizer, learning_rate, params[0])
    with torch.no_grad():
        scaled = torch._foreach_mul(grads, lr)
        if not optimizer.momentums:
            torch._foreach_sub_(params, scaled)
            return
        momentum = optimizer.momentum
        m = _slots(optimizer, optimizer.momentums, variables)
        torch._foreach_mul_(m, momentum)
        torch._foreach_sub_(m, scaled)
        if optimizer.nesterov:
            step = torch._foreach_mul(m, momentum)
            torch._foreach_sub_(step, scaled)
            torch._foreach_add_(params, step)
        else:
            torch._foreach_add_(params, m)


def _adam(optimizer, grads, variables, learning_rate):
    params, grads = _prepare(optimizer, grads, variables)
    like = params[0]
    lr = _scalar(optimizer, learning_rate, like)
    beta_1, beta_2 = optimizer.beta_1, optimizer.beta_2
    with torch.no_grad():
        correction_1, correction_2 = _bias_corrections(optimizer, like)
        alpha = lr * correction_2 / correction_1
        m = _slots(optimizer, optimizer._momentums, variables)
        v = _slots(optimizer, optimizer._velocities, variables)
        # Six multi-tensor ops, one allocation (the denominator), as in
        # torch.optim.Adam: m += (g - m)(1 - b1); v = b2 v + (1 - b2) g^2;
        # w -= alpha m / (sqrt(v) + eps).
        torch._foreach_lerp_(m, grads, 1 - beta_1)
        torch._foreach_mul_(v, beta_2)
        torch._foreach_addcmul_(v, grads, grads, value=1 - beta_2)
        if optimizer.amsgrad:
            v_hat = _slots(optimizer, optimizer._velocity_hats, variables)
            torch._foreach_maximum_(v_hat, v)
            v = v_hat
        denominator = torch._foreach_sqrt(v)
        torch._foreach_add_(denominator, optimizer.epsilon)
        if isinstance(alpha, torch.Tensor):  # a schedule's tensor value
            update = torch._foreach_mul(m, alpha)
            torch._foreach_div_(update, denominator)
            torch._foreach_sub_(params, update)
        else:
            torch._foreach_addcdiv_(params, m, denominator, value=-alpha)


def _rmsprop(optimizer, grads, variables, learning_rate):
    params, grads = _prepare(optimizer, grads, variables)
    lr = _scalar(optimizer, learning_rate, params[0])
    rho = optimizer.rho
    with torch.no_grad():
        velocity = _slots(optimizer, optimizer._velocities, variables)
        torch._foreach_mul_(velocity, rho)
        torch._foreach_addcmul_(velocity, grads, grads, value=1 - rho)
        if optimizer.centered:
            average = _slots(optimizer, optimizer._average_gradients, variables)
            torch._foreach_mul_(average, rho)
            torch._foreach_add_(average, grads, alpha=1 - rho)
            denominator = torch._foreach_mul(average, average)
            denominator = torch._foreach_sub(velocity, denominator)
            torch._foreach_add_(denominator, optimizer.epsilon)
        else:
            denominator = torch._foreach_add(velocity, optimizer.epsilon)
        torch._foreach_sqrt_(denominator)
        increment = torch._foreach_mul(grads, lr)
        torch._foreach_div_(increment, denominator)
        if optimizer.momentum > 0:
            momentum = _slots(optimizer, optimizer._momentums, variables)
            torch._foreach_mul_(momentum, optimizer.momentum)
            torch._foreach_add_(momentum, increment)
            torch._foreach_sub_(params, momentum)
        else:
            torch._foreach_sub_(params, increment)


def _adagrad(optimizer, grads, variables, learning_rate):
    params, grads = _prepare(optimizer, grads, variables)
    lr = _scalar(optimizer, learning_rate, params[0])
    with torch.no_grad():
        accumulator = _slots(optimizer, optimizer._accumulators, variables)
        torch._foreach_addcmul_(accumulator, grads, grads)
        denominator = torch._foreach_add(accumulator, optimizer.epsilon)
        torch._foreach_sqrt_(denominator)
        increment = torch._foreach_mul(grads, lr)
        torch._foreach_div_(increment, denominator)
        torch._foreach_sub_(params, increment)


_FUSED = {
    "sgd": _sgd,
    "adam": _adam,
    "rmsprop": _rmsprop,
    "adagrad": _adagrad,
}


def fused_update(optimizer, kind):
    """The fused update `fn(optimizer, grads, variables, learning_rate)`
    for an optimizer of algorithm `kind`, or `None`."""
    del optimizer
    return _FUSED.get(kind)


def apply_weight_decay(optimizer, variables, learning_rate, weight_decay):
    """`w *= 1 - learning_rate * weight_decay` for all `variables` in one
    multi-tensor op; returns `True` (handled)."""
    params = [v._value for v in variables]
    lr = _scalar(optimizer, learning_rate, params[0])
    with torch.no_grad():
        torch._foreach_mul_(params, 1 - lr * weight_decay)
    return True


def increment(variable):
    """`variable += 1` in place (one version bump); returns `True`."""
    with torch.no_grad():
        variable._value.add_(1)
    return True


__all__ = ["apply_weight_decay", "fused_update", "increment"]
