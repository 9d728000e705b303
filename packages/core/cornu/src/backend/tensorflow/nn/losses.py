"""Loss ops (cross-entropies, CTC, PSNR) on the TensorFlow backend.

`ctc_loss` runs the CTC forward recursion as one `tf.scan` over time
(the same algorithm as the JAX backend, so both agree on unreachable
targets and padded labels); beam-search decoding is a host-side search
(`common/ctc_beam_search.py`), inside graphs through `tf.numpy_function`.
"""

import numpy as np
import tensorflow as tf

from cornu.src.backend import config
from cornu.src.backend.common.ctc_beam_search import ctc_beam_search
from cornu.src.backend.tensorflow.core import convert_to_tensor
from cornu.src.backend.tensorflow.nn.activations import const
from cornu.src.backend.tensorflow.nn.activations import to_float

__all__ = [
    "binary_crossentropy",
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "ctc_loss",
    "ctc_decode",
    "psnr",
]


def _log_probs(output, from_logits, axis):
    if from_logits:
        return tf.nn.log_softmax(output, axis=axis)
    output = output / tf.reduce_sum(output, axis=axis, keepdims=True)
    eps = config.epsilon()
    return tf.math.log(
        tf.clip_by_value(output, const(eps, output), const(1.0 - eps, output))
    )


def binary_crossentropy(target, output, from_logits=False):
    output = to_float(output)
    target = tf.cast(convert_to_tensor(target), output.dtype)
    one = const(1, output)
    if from_logits:
        return -(
            target * tf.math.log_sigmoid(output)
            + (one - target) * tf.math.log_sigmoid(-output)
        )
    eps = config.epsilon()
    output = tf.clip_by_value(
        output, const(eps, output), const(1.0 - eps, output)
    )
    return -(
        target * tf.math.log(output)
        + (one - target) * tf.math.log(one - output)
    )


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = to_float(output)
    target = tf.cast(convert_to_tensor(target), output.dtype)
    return -tf.reduce_sum(
        target * _log_probs(output, from_logits, axis), axis=axis
    )


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = to_float(output)
    target = convert_to_tensor(target)
    if len(target.shape) == len(output.shape) and target.shape[-1] == 1:
        target = tf.squeeze(target, axis=-1)
    if target.dtype not in (tf.int32, tf.int64):
        target = tf.cast(target, tf.int64)
    log_probs = _log_probs(output, from_logits, axis)
    # Out-of-range labels give a zero one-hot row (zero loss), as in Keras.
    one_hot = tf.one_hot(
        target, output.shape[axis], axis=axis, dtype=output.dtype
    )
    return -tf.reduce_sum(one_hot * log_probs, axis=axis)


def _compute_dtype(x):
    return tf.float64 if x.dtype == tf.float64 else tf.float32


def _logaddexp(a, b):
    """`logaddexp` whose gradient is 0, not NaN, where both are -inf
    (unreachable CTC states are -inf)."""
    top = tf.maximum(a, b)
    finite = tf.math.is_finite(top)
    zero = tf.zeros_like(top)
    safe = tf.where(finite, top, zero)
    total = tf.exp(tf.where(finite, a - safe, zero)) + tf.exp(
        tf.where(finite, b - safe, zero)
    )
    return tf.where(finite, safe + tf.math.log(total), top)


def _shift_right(x, k, fill):
    """`x` moved `k` places right along axis 1, `fill` coming in."""
    pad = tf.fill([tf.shape(x)[0], k], fill)
    return tf.concat([pad, x[:, :-k]], axis=1)


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = convert_to_tensor(output)
    log_probs = tf.nn.log_softmax(
        tf.cast(output, _compute_dtype(output)), axis=-1
    )
    target = tf.cast(convert_to_tensor(target), tf.int32)
    target_length = tf.cast(convert_to_tensor(target_length), tf.int32)
    output_length = tf.cast(convert_to_tensor(output_length), tf.int32)
    return _ctc_forward(
        target, log_probs, target_length, output_length, mask_index
    )


def _ctc_forward(target, log_probs, target_length, output_length, mask_index):
    """-log P(target) by the CTC forward recursion."""
    dtype = log_probs.dtype
    batch = tf.shape(log_probs)[0]
    max_time = log_probs.shape[1]
    # Extended labels: blank, l1, blank, l2, ..., blank.
    blanks = tf.fill(tf.shape(target), mask_index)
    labels = tf.reshape(tf.stack([blanks, target], axis=2), [batch, -1])
    labels = tf.concat([labels, tf.fill([batch, 1], mask_index)], axis=1)
    # A skip from s-2 to s is allowed between two different labels.
    skip = tf.logical_and(
        labels[:, 2:] != mask_index, labels[:, 2:] != labels[:, :-2]
    )
    skip = tf.concat([tf.zeros([batch, 2], tf.bool), skip], axis=1)
    emit = tf.gather(log_probs, labels, axis=2, batch_dims=1)  # (B, T, S)
    neg_inf = tf.constant(-np.inf, dtype)
    first = emit[:, 0, :2]
    rest = tf.fill([batch, tf.shape(labels)[1] - 2], neg_inf)
    alpha0 = tf.concat([first, rest], axis=1)
    final0 = tf.where((output_length == 1)[:, None], alpha0, neg_inf)

    def step(carry, t):
        alpha, final = carry
        prev1 = _shift_right(alpha, 1, neg_inf)
        prev2 = tf.where(skip, _shift_right(alpha, 2, neg_inf), neg_inf)
        alpha = _logaddexp(_logaddexp(alpha, prev1), prev2)
        alpha = alpha + tf.gather(emit, t, axis=1)
        final = tf.where((output_length == t + 1)[:, None], alpha, final)
        return alpha, final

    if max_time > 1:
        _, finals = tf.scan(
            step, tf.range(1, max_time), initializer=(alpha0, final0)
        )
        final = finals[-1]
    else:
        final = final0
    end = 2 * target_length
    last = tf.gather(final, end[:, None], axis=1, batch_dims=1)[:, 0]
    before = tf.gather(
        final, tf.maximum(end - 1, 0)[:, None], axis=1, batch_dims=1
    )[:, 0]
    before = tf.where(end >= 1, before, neg_inf)
    return -_logaddexp(last, before)


def ctc_decode(
    inputs,
    sequence_lengths,
    strategy="greedy",
    beam_width=100,
    top_paths=1,
    merge_repeated=True,
    mask_index=0,
):
    inputs = convert_to_tensor(inputs)
    dtype = _compute_dtype(inputs)
    inputs = tf.cast(inputs, dtype)
    lengths = tf.cast(convert_to_tensor(sequence_lengths), tf.int32)
    if strategy == "beam_search":
        # A sequential host-side search; decoded paths carry no gradient.
        def search(x, n):
            paths, scores = ctc_beam_search(
                x, n, beam_width, top_paths, mask_index
            )
            return (
                np.asarray(paths, np.int32),
                np.asarray(scores, dtype.as_numpy_dtype),
            )

        if tf.executing_eagerly():
            paths, scores = search(inputs.numpy(), lengths.numpy())
            return tf.constant(paths), tf.constant(scores)
        paths, scores = tf.numpy_function(
            search, [inputs, lengths], [tf.int32, dtype], stateful=False
        )
        paths.set_shape([top_paths, inputs.shape[0], inputs.shape[1]])
        scores.set_shape([inputs.shape[0], top_paths])
        return paths, scores
    return _ctc_greedy(inputs, lengths, merge_repeated, mask_index)


def _ctc_greedy(inputs, lengths, merge_repeated, mask_index):
    max_length = inputs.shape[1]
    indices = tf.argmax(inputs, axis=-1, output_type=tf.int32)
    scores = tf.reduce_max(inputs, axis=-1)
    beyond = tf.range(max_length)[None, :] >= lengths[:, None]
    indices = tf.where(beyond, mask_index, indices)
    scores = tf.where(beyond, tf.zeros_like(scores), scores)
    if merge_repeated:
        repeat = indices[:, 1:] == indices[:, :-1]
        repeat = tf.concat([tf.zeros_like(repeat[:, :1]), repeat], axis=1)
        indices = tf.where(repeat, mask_index, indices)
    dropped = indices == mask_index
    # A stable sort moves the kept labels to the front, in order.
    order = tf.argsort(tf.cast(dropped, tf.int32), axis=-1, stable=True)
    indices = tf.gather(
        tf.where(dropped, -1, indices), order, axis=1, batch_dims=1
    )
    decoded = indices[None]
    return decoded, -tf.reduce_sum(scores, axis=1, keepdims=True)


def psnr(x1, x2, max_val):
    x1 = to_float(x1)
    x2 = tf.cast(convert_to_tensor(x2), x1.dtype)
    mse = tf.reduce_mean(tf.square(x1 - x2))
    max_val = const(max_val, x1)
    ten = const(10, x1)
    log10 = tf.math.log(ten)
    return (
        const(20, x1) * tf.math.log(max_val) - ten * tf.math.log(mse)
    ) / log10
