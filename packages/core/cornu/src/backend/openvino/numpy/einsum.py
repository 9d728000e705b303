"""einsum on the OpenVINO backend (OpenVINO's `Einsum` op)."""

import openvino.opset15 as ovops

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import cast_all

__all__ = ["einsum"]


def einsum(subscripts, *operands, **kwargs):
    dtype = math_dtypes.promote(*operands)
    if dtype in ("int8", "bool"):
        dtype = "int32"
    tensors = cast_all(dtype, *operands)
    equation = subscripts.replace(" ", "")
    if "->" not in equation:
        inputs = equation.replace(",", "")
        letters = sorted(
            c for c in set(inputs) if inputs.count(c) == 1 and c.isalpha()
        )
        equation = equation + "->" + "".join(letters)
    return wrap(ovops.einsum([t.output for t in tensors], equation))
