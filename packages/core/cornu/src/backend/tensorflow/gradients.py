"""Gradients of a scalar function of variable values (integration tier)."""

import tensorflow as tf


def value_and_grad(fn, values):
    """`(fn(values), d fn / d values)` for a list of tensors `values`.

    The values are read into fresh tensors that a `tf.GradientTape`
    watches (variables are read, never differentiated in place); a value
    `fn` does not use gets a zero gradient.
    """
    values = [tf.convert_to_tensor(v) for v in values]
    with tf.GradientTape() as tape:
        tape.watch(values)
        loss = fn(values)
    grads = tape.gradient(
        loss, values, unconnected_gradients=tf.UnconnectedGradients.ZERO
    )
    grads = [
        tf.convert_to_tensor(g) if isinstance(g, tf.IndexedSlices) else g
        for g in grads
    ]
    return loss, grads


__all__ = ["value_and_grad"]
