"""Cross-entropy losses (`cornu.ops.nn`) on the OpenVINO backend."""

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
