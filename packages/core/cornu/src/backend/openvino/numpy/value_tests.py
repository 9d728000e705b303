"""isfinite/isinf/isnan and friends on the OpenVINO backend."""

import openvino.opset15 as ovops

from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const

__all__ = ["isfinite", "isinf", "isnan", "isneginf", "isposinf"]


def _check(fn, value_for_ints, **attributes):
    def op(x):
        x = convert_to_tensor(x)
        if x.dtype == "bool" or "int" in x.dtype:
            zeros = ovops.broadcast(
                const(value_for_ints, "bool"), ovops.shape_of(x.output)
            )
            return wrap(zeros)
        if attributes:
            return wrap(fn(x.output, attributes))
        return wrap(fn(x.output))

    return op


isfinite = _check(ovops.is_finite, True)
isnan = _check(ovops.is_nan, False)
isinf = _check(ovops.is_inf, False)
isneginf = _check(ovops.is_inf, False, detect_positive=False)
isposinf = _check(ovops.is_inf, False, detect_negative=False)
