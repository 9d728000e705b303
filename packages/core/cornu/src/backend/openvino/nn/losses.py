"""Losses and CTC (`cornu.ops.nn`) on the OpenVINO backend.

Cross-entropies, `psnr`, and CTC: `ctc_loss` is the forward recursion
over log-probabilities and `ctc_decode`'s beam search keeps a fixed
number of beam slots, both unrolled over the (static) time axis, one
round of tensor ops per step, so they run eagerly and inside `predict`.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend import config
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.nn.activations import log_sigmoid
from cornu.src.backend.openvino.nn.activations import log_softmax
from cornu.src.backend.openvino.numpy.promotion import as_float
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const

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
        return log_softmax(output, axis=axis).output
    data = output.output
    axes = int_const([int(axis) % output.ndim])
    data = ovops.divide(data, ovops.reduce_sum(data, axes, True))
    eps = config.epsilon()
    return ovops.log(ovops.clamp(data, eps, 1.0 - eps)).output(0)


def binary_crossentropy(target, output, from_logits=False):
    output = as_float(output)
    target = cast(convert_to_tensor(target), output.dtype).output
    one = const(1.0, output.dtype)
    if from_logits:
        pos = log_sigmoid(output).output
        neg = log_sigmoid(wrap(ovops.negative(output.output))).output
    else:
        eps = config.epsilon()
        clipped = ovops.clamp(output.output, eps, 1.0 - eps)
        pos = ovops.log(clipped)
        neg = ovops.log(ovops.subtract(one, clipped))
    total = ovops.add(
        ovops.multiply(target, pos),
        ovops.multiply(ovops.subtract(one, target), neg),
    )
    return wrap(ovops.negative(total))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = as_float(output)
    target = cast(convert_to_tensor(target), output.dtype).output
    log_probs = _log_probs(output, from_logits, axis)
    axes = int_const([int(axis) % output.ndim])
    total = ovops.reduce_sum(ovops.multiply(target, log_probs), axes, False)
    return wrap(ovops.negative(total))


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = as_float(output)
    target = convert_to_tensor(target)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = wrap(
            ovops.squeeze(target.output, int_const([target.ndim - 1]))
        )
    axis = int(axis) % output.ndim
    log_probs = _log_probs(output, from_logits, axis)
    if axis != output.ndim - 1:
        order = [i for i in range(output.ndim) if i != axis] + [axis]
        log_probs = ovops.transpose(log_probs, int_const(order)).output(0)
    classes = output.shape[axis]
    labels = cast(target, "int64").output
    valid = ovops.logical_and(
        ovops.greater_equal(labels, const(0, "int64")),
        ovops.less(labels, const(classes, "int64")),
    )
    safe = ovops.select(valid, labels, const(0, "int64"))
    picked = ovops.gather_elements(
        log_probs,
        ovops.unsqueeze(safe, int_const([target.ndim])),
        target.ndim,
    )
    picked = ovops.squeeze(picked, int_const([target.ndim]))
    # Out-of-range labels select nothing (a zero one-hot row), as in Keras.
    zero = const(0.0, output.dtype)
    return wrap(ovops.negative(ovops.select(valid, picked, zero)))


def psnr(x1, x2, max_val):
    x1 = as_float(x1)
    dtype = x1.dtype
    compute = "float64" if dtype == "float64" else "float32"
    a = cast(x1, compute).output
    b = cast(convert_to_tensor(x2, dtype), compute).output
    gap = ovops.subtract(a, b)
    axes = int_const(list(range(x1.ndim)))
    mse = ovops.reduce_mean(ovops.multiply(gap, gap), axes, False)
    ratio = ovops.divide(const(float(max_val) ** 2, compute), mse)
    scale = const(10.0 / np.log(10.0), compute)
    return cast(wrap(ovops.multiply(ovops.log(ratio), scale)), dtype)


def _compute_dtype(x):
    return "float64" if x.dtype == "float64" else "float32"


def _shift_right(data, count, fill):
    """`data` (B, S) moved `count` columns right, `fill` coming in."""
    padded = ovops.pad(
        data, int_const([0, count]), int_const([0, 0]), "constant", fill
    )
    return ovops.slice(
        padded,
        int_const([0]),
        int_const([-count]),
        int_const([1]),
        int_const([1]),
    ).output(0)


def _log_add(*terms, dtype):
    """log(sum(exp(terms))), -inf where every term is -inf."""
    high = terms[0]
    for t in terms[1:]:
        high = ovops.maximum(high, t)
    finite = ovops.is_finite(high)
    high = ovops.select(finite, high, const(0.0, dtype))
    total = ovops.exp(ovops.subtract(terms[0], high))
    for t in terms[1:]:
        total = ovops.add(total, ovops.exp(ovops.subtract(t, high)))
    return ovops.add(ovops.log(total), high).output(0)


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    # The CTC forward recursion over log-probabilities, unrolled over the
    # (static) time axis: each step is a few element-wise nodes.
    output = convert_to_tensor(output)
    dtype = _compute_dtype(output)
    log_probs = log_softmax(cast(output, dtype), axis=-1).output
    target = cast(convert_to_tensor(target), "int64")
    target_length = cast(convert_to_tensor(target_length), "int64").output
    output_length = cast(convert_to_tensor(output_length), "int64").output
    steps = output.shape[1]  # the batch size may be dynamic
    labels = target.shape[1]
    states = 2 * labels + 1
    blank = const(int(mask_index), "int64")
    ninf = const(-np.inf, dtype)
    # Extended labels: blank, l1, blank, l2, ..., blank.
    column = ovops.unsqueeze(target.output, int_const([2]))
    blanks = ovops.broadcast(blank, ovops.shape_of(column))
    pairs = ovops.concat([column, blanks], 2)
    pairs = ovops.reshape(pairs, int_const([-1, 2 * labels]), False)
    first = ovops.slice(
        blanks,
        int_const([0]),
        int_const([1]),
        int_const([1]),
        int_const([1]),
    )
    first = ovops.squeeze(first, int_const([2]))
    ext = ovops.concat([first, pairs], 1).output(0)
    # A skip from s - 2 to s is allowed between two different labels.
    skip = ovops.logical_and(
        ovops.not_equal(ext, blank),
        ovops.not_equal(ext, _shift_right(ext, 2, blank)),
    )
    index = ovops.broadcast(
        ovops.unsqueeze(ext, int_const([1])),
        ovops.concat(
            [
                ovops.slice(
                    ovops.shape_of(log_probs),
                    int_const([0]),
                    int_const([2]),
                    int_const([1]),
                ),
                int_const([states]),
            ],
            0,
        ),
    )
    emit = ovops.gather_elements(log_probs, index, 2)
    positions = np.arange(states)[None]

    def step(t):
        # A slice, not a Gather: eager float64 Gathers fail to compile.
        node = ovops.slice(
            emit,
            int_const([t]),
            int_const([t + 1]),
            int_const([1]),
            int_const([1]),
        )
        return ovops.squeeze(node, int_const([1])).output(0)

    alpha = ovops.select(positions < 2, step(0), ninf).output(0)
    done = ovops.unsqueeze(
        ovops.equal(output_length, const(1, "int64")), int_const([1])
    )
    final = ovops.select(done, alpha, ninf).output(0)
    for t in range(1, steps):
        prev1 = _shift_right(alpha, 1, ninf)
        prev2 = ovops.select(skip, _shift_right(alpha, 2, ninf), ninf)
        alpha = ovops.add(
            _log_add(alpha, prev1, prev2.output(0), dtype=dtype), step(t)
        ).output(0)
        done = ovops.unsqueeze(
            ovops.equal(output_length, const(t + 1, "int64")), int_const([1])
        )
        final = ovops.select(done, alpha, final).output(0)
    end = ovops.multiply(target_length, const(2, "int64"))
    end = ovops.unsqueeze(end, int_const([1]))
    last = ovops.gather_elements(final, end, 1)
    earlier = ovops.maximum(
        ovops.subtract(end, const(1, "int64")), const(0, "int64")
    )
    before = ovops.gather_elements(final, earlier, 1)
    before = ovops.select(
        ovops.greater_equal(end, const(1, "int64")), before, ninf
    )
    total = _log_add(last.output(0), before.output(0), dtype=dtype)
    return wrap(ovops.negative(ovops.squeeze(total, int_const([1]))))


def ctc_decode(
    inputs,
    sequence_lengths,
    strategy="greedy",
    beam_width=100,
    top_paths=1,
    merge_repeated=True,
    mask_index=0,
):
    if strategy == "beam_search":
        inputs = convert_to_tensor(inputs)
        dtype = _compute_dtype(inputs)
        paths, scores = _beam_search(
            cast(inputs, dtype),
            cast(convert_to_tensor(sequence_lengths), "int32"),
            int(beam_width),
            int(top_paths),
            int(mask_index),
        )
        return paths, cast(scores, dtype)
    inputs = convert_to_tensor(inputs)
    dtype = _compute_dtype(inputs)
    x = cast(inputs, dtype).output
    lengths = cast(convert_to_tensor(sequence_lengths), "int64").output
    steps = inputs.shape[1]  # the batch size may be dynamic
    best = ovops.topk(
        x, ovops.constant(np.int64(1)), 2, "max", "value", "i64", True
    )
    scores = ovops.squeeze(best.output(0), int_const([2]))
    labels = ovops.squeeze(best.output(1), int_const([2]))
    time = const(np.arange(steps)[None], "int64")
    beyond = ovops.greater_equal(time, ovops.unsqueeze(lengths, int_const([1])))
    blank = const(int(mask_index), "int64")
    labels = ovops.select(beyond, blank, labels).output(0)
    scores = ovops.select(beyond, const(0.0, dtype), scores)
    if merge_repeated:
        repeat = ovops.equal(
            labels, _shift_right(labels, 1, const(-1, "int64"))
        )
        labels = ovops.select(repeat, blank, labels).output(0)
    dropped = ovops.equal(labels, blank)
    # A stable sort on "dropped" moves the kept labels first, in order.
    order = ovops.topk(
        ovops.convert(dropped, "i32"),
        ovops.constant(np.int64(steps)),
        1,
        "min",
        "value",
        "i64",
        True,
    ).output(1)
    kept = ovops.select(dropped, const(-1, "int64"), labels)
    paths = ovops.gather_elements(kept, order, 1)
    paths = ovops.unsqueeze(ovops.convert(paths, "i32"), int_const([0]))
    total = ovops.reduce_sum(scores, int_const([1]), True)
    return wrap(paths), wrap(ovops.negative(total))


def _beam_search(logits, lengths, width, top_paths, blank):
    """CTC prefix beam search with `width` fixed beam slots per sequence,
    one unrolled round of tensor ops per time step (static shapes).

    Each beam holds a prefix (padded with -1), its length, its last label
    and the log-probabilities of it ending in a blank (`pb`) or a label
    (`pl`); an empty slot has both at -inf. Each step scores the `width`
    "stay" candidates and the `width * classes` extensions, merges an
    extension into the beam it equals (found by comparing each beam's
    prefix minus its last label with every beam), and keeps the best
    `width`, as `common/ctc_beam_search.py` does on the host.
    """
    from cornu.src.backend.openvino import numpy as xnp
    from cornu.src.backend.openvino.math import top_k

    batch, steps, classes = logits.shape
    dtype = logits.dtype
    log_probs = log_softmax(logits, axis=-1)

    def log_add(a, b):
        return wrap(_log_add(a.output, b.output, dtype=dtype))

    def full(shape, value, kind):
        return convert_to_tensor(np.full(shape, value, kind))

    ninf = full((), -np.inf, dtype)
    time = np.arange(steps)
    labels = np.arange(classes)
    prefix = full((batch, width, steps), -1, "int32")
    length = full((batch, width), 0, "int32")
    last = full((batch, width), -1, "int32")
    start = np.full((batch, width), -np.inf, dtype)
    start[:, 0] = 0.0  # slot 0: the empty prefix, ending in a "blank"
    pb, pl = convert_to_tensor(start), full((batch, width), -np.inf, dtype)
    for t in range(steps):
        step = log_probs[:, t, :]  # (B, C)
        total = log_add(pb, pl)
        last_safe = xnp.maximum(last, 0)
        at_last = xnp.take_along_axis(step, last_safe, axis=1)
        stay_pb = total + step[:, blank : blank + 1]
        stay_pl = xnp.where(last >= 0, pl + at_last, ninf)
        # Extensions by label c; after the last label only the paths
        # ending in a blank count ("a-a" vs "aa").
        ext = xnp.expand_dims(total, -1) + xnp.expand_dims(step, 1)
        repeat = xnp.equal(xnp.expand_dims(last, -1), labels)
        ext = xnp.where(
            repeat, xnp.expand_dims(pb, -1) + xnp.expand_dims(step, 1), ext
        )
        ext = xnp.where(labels == blank, ninf, ext)  # (B, W, C)
        # parent[b, j, i]: beam j is beam i plus one label.
        trimmed = xnp.where(time == xnp.expand_dims(length - 1, -1), -1, prefix)
        parent = xnp.all(
            xnp.equal(xnp.expand_dims(trimmed, 2), xnp.expand_dims(prefix, 1)),
            axis=-1,
        )
        live = xnp.logical_and(total > ninf, length > 0)
        parent = xnp.logical_and(parent, xnp.expand_dims(live, -1))
        # ext[b, i, last_j] for each pair, as [b, j, i]; merge it into j.
        index = xnp.broadcast_to(
            xnp.expand_dims(last_safe, 1), (batch, width, width)
        )
        joined = xnp.swapaxes(xnp.take_along_axis(ext, index, axis=2), 1, 2)
        merged = xnp.max(xnp.where(parent, joined, ninf), axis=2)
        # (A max over only -inf gives the lowest float on OpenVINO.)
        merged = xnp.where(xnp.any(parent, axis=2), merged, ninf)
        stay_pl = log_add(stay_pl, merged)
        taken = xnp.any(
            xnp.logical_and(
                xnp.expand_dims(parent, -1),
                xnp.equal(xnp.expand_dims(last_safe, (2, 3)), labels),
            ),
            axis=1,
        )
        ext = xnp.where(taken, ninf, ext)
        # All candidates: the stays, then every extension.
        grown = xnp.where(
            time == xnp.expand_dims(length, (2, 3)),
            xnp.expand_dims(labels, -1),
            xnp.expand_dims(prefix, 2),
        )
        many = width * classes
        cand_prefix = xnp.concatenate(
            [prefix, xnp.reshape(grown, (batch, many, steps))], axis=1
        )
        cand_length = xnp.concatenate(
            [
                length,
                xnp.reshape(
                    xnp.broadcast_to(
                        xnp.expand_dims(length + 1, -1), (batch, width, classes)
                    ),
                    (batch, many),
                ),
            ],
            axis=1,
        )
        cand_last = xnp.concatenate(
            [
                last,
                full((batch, many), 0, "int32")
                + np.tile(labels, width).astype("int32"),
            ],
            axis=1,
        )
        cand_pb = xnp.concatenate(
            [stay_pb, full((batch, many), -np.inf, dtype)], axis=1
        )
        cand_pl = xnp.concatenate(
            [stay_pl, xnp.reshape(ext, (batch, many))], axis=1
        )
        _, best = top_k(log_add(cand_pb, cand_pl), width)
        on = xnp.expand_dims(t < lengths, -1)  # finished sequences stay

        def pick(values, old, on=on, best=best):
            if values.ndim == 3:
                rows = xnp.broadcast_to(
                    xnp.expand_dims(best, -1), (batch, width, steps)
                )
                new = xnp.take_along_axis(values, rows, axis=1)
                return xnp.where(xnp.expand_dims(on, -1), new, old)
            return xnp.where(on, xnp.take_along_axis(values, best, 1), old)

        prefix = pick(cand_prefix, prefix)
        length = pick(cand_length, length)
        last = pick(cand_last, last)
        pb, pl = pick(cand_pb, pb), pick(cand_pl, pl)
    kept = min(top_paths, width)
    total = log_add(pb, pl)
    _, best = top_k(total, kept)
    # Scores by a gather: TopK's own values turn -inf into the lowest
    # finite float on OpenVINO's CPU plugin.
    scores = xnp.take_along_axis(total, best, axis=1)
    rows = xnp.broadcast_to(xnp.expand_dims(best, -1), (batch, kept, steps))
    paths = xnp.take_along_axis(prefix, rows, axis=1)
    paths = xnp.where(xnp.expand_dims(scores > ninf, -1), paths, -1)
    if top_paths > kept:
        missing = top_paths - kept
        paths = xnp.concatenate(
            [paths, full((batch, missing, steps), -1, "int32")], axis=1
        )
        scores = xnp.concatenate(
            [scores, full((batch, missing), -np.inf, dtype)], axis=1
        )
    return cast(xnp.transpose(paths, (1, 0, 2)), "int32"), scores
